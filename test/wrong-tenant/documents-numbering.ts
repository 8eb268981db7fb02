// Wrong-tenant cases of 登记 before 用印 (issue 18): 省政府办公厅's approved document took its 发文字号 when its stamp
// was asked for (world.ts). Another unit's clerk reads its own 发文登记簿, never the office's; the office's seal keeper
// and drafter do not read the register (clerks, administrators, leaders do), nor print it as a PDF. Another unit's drafter does not withdraw
// the office's document, nor does the office's leader (drafters and clerks do): refused, and the document unchanged.
import assert from 'node:assert/strict';
import { ok } from '../support/harness.ts';
import { readPdf } from '../support/pdf-text.ts';
import { type Cases, nothingForeign, refused, refusedUnchanged, type World } from './support.ts';

const REGISTER = 'query($y: Int!) { docNumberRegister(year: $y) { docNumber status documentId title voidReason } }';
const WITHDRAW = 'mutation($id: ID!, $r: String!) { withdrawApproval(id: $id, reason: $r) { id status } }';
const year = () => new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
const readDoc = (w: World) => ({
  as: 'sxb.drafter',
  query: 'query($id: ID!) { document(id: $id) { id title status version approvalStep } }',
  variables: { id: w.id.officeDoc },
});

export const documentsNumberingCases: Cases = {
  'Query.docNumberRegister': {
    async run(w) {
      const own = ok<{ documentId: string; status: string; docNumber: string }[]>(await w.gql('sxb.clerk', REGISTER, { y: year() }), 'docNumberRegister');
      assert.ok(
        own.some((e) => e.documentId === w.id.officeDoc && e.status === 'RESERVED'),
        'the control: the office’s register has its document’s reserved number',
      );
      await nothingForeign(w, 'xa.clerk', REGISTER, { y: year() }, w.privateOf.office);
      await nothingForeign(w, 'bl.admin', REGISTER, { y: year() }, w.privateOf.office);
      // Wrong role: the office's own seal keeper and drafter.
      await refused(w, 'sxb.seal', REGISTER, { y: year() }, { codes: ['FORBIDDEN'] });
      await refused(w, 'sxb.drafter', REGISTER, { y: year() }, { codes: ['FORBIDDEN'] });

      // Its printable PDF (GET /blobs?register=outgoing): the office's clerk prints the office's book; another unit's
      // clerk and administrator print their own, none of the office's numbers; its seal keeper and drafter are refused.
      const number = own.find((e) => e.documentId === w.id.officeDoc)?.docNumber as string;
      const pdf = async (user: string) =>
        fetch(`${w.p.gatewayUrl.replace('/graphql', '/blobs')}?register=outgoing&year=${year()}&format=pdf`, {
          headers: { authorization: `Bearer ${await w.token(user)}` },
        });
      const text = async (res: Response) => (await readPdf(Buffer.from(await res.arrayBuffer()))).map((pg) => pg.lines.join('')).join('');
      const office = await pdf('sxb.clerk');
      assert.equal(office.status, 200);
      assert.ok((await text(office)).includes(number), 'the control: the office’s PDF lists its reserved number');
      for (const user of ['xa.clerk', 'bl.admin']) {
        const theirs = await pdf(user);
        assert.equal(theirs.status, 200, user);
        const printed = await text(theirs);
        assert.ok(!printed.includes(number), `${user}’s PDF has none of the office’s numbers`);
        for (const f of w.privateOf.office) assert.ok(!printed.includes(f), `${user}’s PDF shows nothing of the office’s`);
      }
      for (const user of ['sxb.seal', 'sxb.drafter']) {
        const res = await pdf(user);
        assert.equal(res.status, 403, user);
        const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
        assert.equal(body.errors[0]?.extensions.code, 'FORBIDDEN');
        assert.ok(!JSON.stringify(body).includes(number));
      }
    },
  },
  'Mutation.withdrawApproval': {
    async run(w) {
      await refusedUnchanged(w, 'xa.drafter', WITHDRAW, { id: w.id.officeDoc, r: '试图撤回' }, readDoc(w), { foreign: w.privateOf.office });
      await refusedUnchanged(w, 'xa.clerk', WITHDRAW, { id: w.id.officeDoc, r: '试图撤回' }, readDoc(w), { foreign: w.privateOf.office });
      // Wrong role: the office's leader approves, it does not withdraw.
      await refusedUnchanged(w, 'sxb.leader', WITHDRAW, { id: w.id.officeDoc, r: '试图撤回' }, readDoc(w), { codes: ['FORBIDDEN'] });
    },
  },
};
