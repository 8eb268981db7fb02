// Wrong-tenant cases of 联合行文 (issue 18). 西安市 drafts a joint document with 新城区 as its co-issuer and approves
// it: only 新城区's leader sees it waiting and decides its 会签. Another unit (省政府办公厅, 宝鸡市) neither sees it
// listed nor countersigns or declines it; the lead unit's own leader is no co-issuer; 新城区's drafter and clerk are
// not its leader. The lead reads the 会签 back unchanged.
import { ok } from '../support/harness.ts';
import { type Cases, nothingForeign, refused, refusedUnchanged, type World } from './support.ts';

const MARK = 'WT联合行文';

/** A joint document of 西安市 with 新城区, approved by 西安市's chain: waiting for 新城区's 会签. */
async function jointDocument(w: World): Promise<string> {
  const id = ok(
    await w.gql('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
      in: {
        docType: '通知',
        title: `${MARK}${Date.now().toString(36)}`,
        body: '<p>正文</p>',
        docPrefix: '市政发',
        recipients: [{ orgIds: [w.unit.beilin] }],
        coIssuerIds: [w.unit.xincheng],
      },
    }),
    'createDraft',
  ).id as string;
  ok(await w.gql('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { status } }', { id }), 'submitForApproval');
  for (let i = 0; i < 2; i++) ok(await w.gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { status } }', { id }), 'approveDocument');
  return id;
}

const readBack = (id: string) => ({
  as: 'xa.drafter',
  query: 'query($id: ID!) { document(id: $id) { status coIssuers { orgName status decidedByName comment stamped } } }',
  variables: { id },
});

export const documentsJointCases: Cases = {
  'Query.countersignRequests': {
    async run(w) {
      const id = await jointDocument(w);
      const q = '{ countersignRequests { id title } }';
      // Another unit's leader (省政府办公厅) and the lead's own leader: nothing listed.
      await nothingForeign(w, 'sxb.leader', q, {}, [id, MARK]);
      await nothingForeign(w, 'xa.leader', q, {}, [id, MARK]);
      // Not a leader or seal keeper: 新城区's clerk and drafter, 宝鸡市's administrator.
      for (const who of ['xc.clerk', 'xc.drafter', 'bj.admin']) await refused(w, who, q, {}, { codes: ['FORBIDDEN'], foreign: [id, MARK] });
    },
  },
  'Mutation.countersignDocument': {
    async run(w) {
      const id = await jointDocument(w);
      const q = 'mutation($id: ID!) { countersignDocument(id: $id) { id title } }';
      // Another unit's leader and the lead's leader do not find it to countersign; 新城区's drafter is not its leader.
      for (const who of ['sxb.leader', 'xa.leader']) await refusedUnchanged(w, who, q, { id }, readBack(id), { foreign: [MARK] });
      await refusedUnchanged(w, 'xc.drafter', q, { id }, readBack(id), { codes: ['FORBIDDEN'], foreign: [MARK] });
    },
  },
  'Mutation.declineCountersign': {
    async run(w) {
      const id = await jointDocument(w);
      const q = 'mutation($id: ID!) { declineCountersign(id: $id, reason: "不同意") { id title } }';
      for (const who of ['sxb.leader', 'xa.leader']) await refusedUnchanged(w, who, q, { id }, readBack(id), { foreign: [MARK] });
      await refusedUnchanged(w, 'xc.clerk', q, { id }, readBack(id), { codes: ['FORBIDDEN'], foreign: [MARK] });
    },
  },
};
