// Wrong-tenant cases of the documents subgraph: one per root field. 西安市 sends a notice to 新城区: the document is
// 西安市's (宝鸡市 is the wrong unit), the delivery 新城区's (碑林区 is the wrong unit); 新城区's drafts are refused to
// 西安市, the city above it, too: supervision sees deliveries, not another unit's drafts.
import assert from 'node:assert/strict';
import { ok } from '../support/harness.ts';
import { type Cases, noForeignEvents, nothingForeign, refused, refusedUnchanged, unchanged, type World } from './support.ts';
import { sendFromXian, xinchengDelivery } from './world.ts';

const foreign = (w: World) => [...w.privateOf.xincheng, ...w.privateOf.xian];
const DELIVERY = 'id status printQuota stateReason stateNote receivedAt';
const readDelivery = (w: World) => ({ as: 'xc.clerk', query: `query($id: ID!) { delivery(id: $id) { ${DELIVERY} } }`, variables: { id: w.id.xcDelivery } });
const readDoc = (as: string, id: string) => ({
  as,
  query: 'query($id: ID!) { document(id: $id) { id title status version approvalStep recipientCount } }',
  variables: { id },
});
const span = () => ({ f: new Date(Date.now() - 30 * 86_400_000).toISOString(), t: new Date().toISOString() });
const EVENT = 'type deliveryId documentId docNumber recipientOrg { id name }';

/**
 * A notice of 西安市 that 新城区 signed for, proposed (拟办) and instructed (批示: a section of its own handles it, by a
 * deadline, and its drafter reads it): the unit's handling, which no other unit may read or move.
 */
async function xcHandling(w: World, title: string): Promise<{ doc: string; delivery: string; section: string }> {
  const doc = await sendFromXian(w, title);
  const delivery = await xinchengDelivery(w, title);
  ok(await w.gql('xc.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: delivery }), 'signForDelivery');
  ok(await w.gql('xc.clerk', 'mutation($id: ID!) { proposeHandling(deliveryId: $id, proposal: "WT拟办") { status } }', { id: delivery }), 'proposeHandling');
  const section = ok(await w.gql('xc.admin', 'mutation($n: String!) { createSection(name: $n) { id } }', { n: `WT${title}` }), 'createSection').id as string;
  ok(
    await w.gql('xc.admin', 'mutation($u: ID!, $s: ID) { assignSection(userId: $u, sectionId: $s) { id } }', { u: w.id.xcDrafter, s: section }),
    'assignSection',
  );
  ok(
    await w.gql('xc.leader', 'mutation($id: ID!, $in: HandlingInstructionInput!) { instructHandling(deliveryId: $id, input: $in) { status } }', {
      id: delivery,
      in: { instruction: 'WT批示', leadSectionId: section, deadline: new Date(Date.now() + 3 * 86_400_000).toISOString(), readerIds: [w.id.xcDrafter] },
    }),
    'instructHandling',
  );
  return { doc, delivery, section };
}
const HANDLING = 'status proposal instruction result tasks { sectionName status } readers { name readAt } unread history { action actorName note }';
const readHandling = (delivery: string) => ({
  as: 'xc.clerk',
  query: `query($id: ID!) { handling(deliveryId: $id) { ${HANDLING} } }`,
  variables: { id: delivery },
});
const handlingForeign = (w: World, h: { doc: string; delivery: string; section: string }, title: string) => [
  h.doc,
  h.delivery,
  h.section,
  title,
  'WT拟办',
  'WT批示',
  ...foreign(w),
];

export const documentsCases: Cases = {
  'Query.notifications': {
    async run(w) {
      await nothingForeign(w, 'bl.clerk', '{ notifications(unreadOnly: false) { id deliveryId text } }', {}, foreign(w));
    },
  },
  'Query.document': {
    async run(w) {
      const q = 'query($id: ID!) { document(id: $id) { id title body plannedRecipients { units { name } } } }';
      await refused(w, 'bj.clerk', q, { id: w.id.xaDoc }, { foreign: foreign(w) });
      await refused(w, 'bl.clerk', q, { id: w.id.xcDraft }, { foreign: foreign(w) });
      await refused(w, 'xa.drafter', q, { id: w.id.xcDraft }, { foreign: foreign(w) });
    },
  },
  'Query.documents': {
    async run(w) {
      await nothingForeign(w, 'bj.clerk', '{ documents(first: 100) { id title } }', {}, foreign(w));
      await nothingForeign(w, 'bl.clerk', '{ documents(first: 100) { id title } }', {}, foreign(w));
    },
  },
  'Query.searchDocuments': {
    async run(w) {
      await nothingForeign(w, 'bl.clerk', '{ searchDocuments(text: "WT") { id title } }', {}, foreign(w));
      await nothingForeign(w, 'bj.admin', '{ searchDocuments(text: "私有") { id title } }', {}, foreign(w));
    },
  },
  'Query.documentTitles': {
    async run(w) {
      // What an audit entry was about: another unit's document, delivery or draft stays an id.
      const q = 'query($ids: [ID!]!) { documentTitles(ids: $ids) { id title docNumber } }';
      const ids = [w.id.xaDoc, w.id.xcDelivery, w.id.xcDraft];
      await nothingForeign(w, 'bl.clerk', q, { ids }, foreign(w));
      await nothingForeign(w, 'bj.admin', q, { ids }, foreign(w));
      assert.deepEqual(ok<unknown[]>(await w.gql('bl.admin', q, { ids }), 'documentTitles'), []);
      // The recipient's own delivery is named for it, and the sender's document for the sender.
      const own = ok<{ id: string }[]>(await w.gql('xc.admin', q, { ids }), 'documentTitles').map((d) => d.id);
      assert.ok(own.includes(w.id.xcDelivery) && own.includes(w.id.xcDraft), '新城区 reads its delivery and its draft');
      assert.ok(ok<{ id: string }[]>(await w.gql('xa.admin', q, { ids }), 'documentTitles').some((d) => d.id === w.id.xaDoc));
    },
  },
  'Query.inbox': {
    async run(w) {
      await nothingForeign(w, 'bl.clerk', '{ inbox(first: 100) { totalCount nodes { id title } } }', {}, foreign(w));
      await nothingForeign(w, 'bl.clerk', '{ inbox(first: 100, filter: { search: "WT" }) { nodes { id title } } }', {}, foreign(w));
    },
  },
  'Query.delivery': {
    async run(w) {
      await refused(w, 'bl.clerk', 'query($id: ID!) { delivery(id: $id) { id title } }', { id: w.id.xcDelivery }, { foreign: foreign(w) });
      await refused(w, 'bj.admin', 'query($id: ID!) { delivery(id: $id) { id title } }', { id: w.id.xcDelivery }, { foreign: foreign(w) });
      // Delivery.nextCopyNumber (the sheet's 份号 preview): another unit is refused the delivery; the sending unit and
      // the recipient's other roles before 签收 see none, the recipient's clerk the next number.
      const next = 'query($id: ID!) { delivery(id: $id) { id nextCopyNumber } }';
      await refused(w, 'bl.clerk', next, { id: w.id.xcDelivery }, { foreign: foreign(w) });
      assert.equal(ok<{ nextCopyNumber: number | null }>(await w.gql('xa.clerk', next, { id: w.id.xcDelivery }), 'delivery').nextCopyNumber, null);
      assert.equal(ok<{ nextCopyNumber: number | null }>(await w.gql('xc.drafter', next, { id: w.id.xcDelivery }), 'delivery').nextCopyNumber, null);
      assert.equal(typeof ok<{ nextCopyNumber: number | null }>(await w.gql('xc.clerk', next, { id: w.id.xcDelivery }), 'delivery').nextCopyNumber, 'number');
      // Delivery.reportAsked (征集 on the inbox's row): another unit is refused the delivery, and with it what was asked.
      await refused(
        w,
        'bl.clerk',
        'query($id: ID!) { delivery(id: $id) { id reportAsked { deadline state } } }',
        { id: w.id.xcDelivery },
        { foreign: foreign(w) },
      );
    },
  },
  'Query.intakeRegister': {
    async run(w) {
      // 新城区 signs for a notice of 西安市: its register has the entry, 碑林区's does not.
      const title = 'WT西安市私有签收登记';
      const doc = await sendFromXian(w, title);
      ok(await w.gql('xc.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: await xinchengDelivery(w, title) }), 'signForDelivery');
      const q = 'query($y: Int!) { intakeRegister(year: $y, first: 100) { totalCount nodes { id deliveryId documentId title number } } }';
      const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
      assert.ok(ok(await w.gql('xc.clerk', q, { y: year }), 'intakeRegister').totalCount >= 1, 'the control: 新城区’s register has it');
      await nothingForeign(w, 'bl.clerk', q, { y: year }, [doc, title, ...foreign(w)]);
      await nothingForeign(w, 'bj.admin', q, { y: year }, [doc, title, ...foreign(w)]);
    },
  },
  'Query.deliveryEvidenceChain': {
    async run(w) {
      // 新城区 signs for a notice of 西安市: the 签收 is a link of 新城区's own chain, which no other unit reads — not
      // 西安市 above it and the sender (its own chain has its own links), not a peer, not another city.
      const title = 'WT新城区私有证据链';
      await sendFromXian(w, title);
      ok(await w.gql('xc.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: await xinchengDelivery(w, title) }), 'signForDelivery');
      const q = '{ deliveryEvidenceChain { length whole head links { seq kind deliveryId hash digest event } } }';
      const own = ok(await w.gql('xc.clerk', q), 'deliveryEvidenceChain');
      const signed = own.links.filter((l: { kind: string }) => l.kind === 'delivery.signed').at(-1);
      assert.ok(own.whole && signed, 'the control: 新城区’s chain has its 签收');
      const mine = [signed.hash, signed.digest, own.head];
      await nothingForeign(w, 'xa.clerk', q, {}, mine);
      await nothingForeign(w, 'bl.clerk', q, {}, [...mine, signed.deliveryId, title]);
      await nothingForeign(w, 'bj.admin', q, {}, [...mine, signed.deliveryId, title]);
      await refused(w, 'xc.drafter', q, {}, { codes: ['FORBIDDEN'], foreign: mine });
    },
  },
  'Query.documentEvidence': {
    async run(w) {
      const title = 'WT新城区私有文件证据';
      const doc = await sendFromXian(w, title);
      ok(await w.gql('xc.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: await xinchengDelivery(w, title) }), 'signForDelivery');
      const q = 'query($d: ID!) { documentEvidence(documentId: $d) { seq kind deliveryId hash event } }';
      const own = ok(await w.gql('xc.clerk', q, { d: doc }), 'documentEvidence');
      assert.ok(own.length >= 1, 'the control: 新城区 has its links of the document');
      const mine = own.map((l: { hash: string }) => l.hash);
      await nothingForeign(w, 'xa.clerk', q, { d: doc }, mine);
      await nothingForeign(w, 'bl.clerk', q, { d: doc }, [...mine, own[0].deliveryId, title]);
      await nothingForeign(w, 'bj.admin', q, { d: doc }, [...mine, own[0].deliveryId, title]);
      await refused(w, 'xc.drafter', q, { d: doc }, { codes: ['FORBIDDEN'], foreign: mine });
    },
  },
  'Query.deliveryReceipts': {
    async run(w) {
      // 新城区 signs for a notice of 西安市: its signed receipts are 西安市's (the sender) and its own; a peer, another
      // city, and a unit that is neither end see none, and a recipient none of another recipient's.
      const title = 'WT新城区私有回执';
      const doc = await sendFromXian(w, title);
      ok(await w.gql('xc.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: await xinchengDelivery(w, title) }), 'signForDelivery');
      const q = 'query($d: ID!) { deliveryReceipts(documentId: $d) { deliveryId recipientOrgId action receipt signature certificate timestamp valid } }';
      const own = ok(await w.gql('xc.clerk', q, { d: doc }), 'deliveryReceipts');
      assert.ok(own.length >= 1 && own.every((r: { valid: boolean }) => r.valid), 'the control: 新城区 has its signed receipts');
      assert.equal(ok(await w.gql('xa.clerk', q, { d: doc }), 'deliveryReceipts').length, own.length, 'the control: the sender sees them');
      const mine = own.flatMap((r: { signature: string; receipt: string; deliveryId: string }) => [r.signature, r.receipt, r.deliveryId]);
      for (const user of ['bl.clerk', 'bj.admin', 'sxb.clerk']) await nothingForeign(w, user, q, { d: doc }, [...mine, title]);
    },
  },
  'Query.receiptToSign': {
    async run(w) {
      // 新城区's clerk is handed the 签收 receipt of a delivery to 新城区, to sign with their own certificate; a peer, the
      // sender (which signs for none of its deliveries), a unit above and 新城区's drafter are handed nothing of it.
      const title = 'WT新城区本人签名回执';
      await sendFromXian(w, title);
      const d = await xinchengDelivery(w, title);
      const q = 'query($d: ID!) { receiptToSign(deliveryId: $d) }';
      const mine = ok(await w.gql('xc.clerk', q, { d }), 'receiptToSign') as string;
      assert.equal(JSON.parse(mine).deliveryId, d, 'the control: 新城区’s clerk gets the receipt');
      const digest = JSON.parse(mine).contentDigest as string;
      for (const user of ['bl.clerk', 'xa.clerk', 'sxb.clerk']) await refused(w, user, q, { d }, { codes: ['NOT_FOUND'], foreign: [digest, title] });
      await refused(w, 'xc.drafter', q, { d }, { codes: ['FORBIDDEN'], foreign: [digest, title] });
    },
  },
  'Query.approvalToSign': {
    async run(w) {
      // 新城区's leader is handed the approval their step of 新城区's draft would make, to sign with their own certificate;
      // another unit's approvers, the city above and a peer, are handed nothing of it, nor are 新城区's clerk (no
      // approving role) and the draft's author.
      const q = 'query($d: ID!) { approvalToSign(documentId: $d, comment: "同意") }';
      const d = w.id.xcInApproval;
      const mine = ok(await w.gql('xc.leader', q, { d }), 'approvalToSign') as string;
      assert.equal(JSON.parse(mine).documentId, d, 'the control: 新城区’s leader gets the approval');
      const digest = JSON.parse(mine).contentDigest as string;
      for (const user of ['xa.leader', 'sxb.approver']) await refused(w, user, q, { d }, { codes: ['NOT_FOUND'], foreign: [digest, ...w.privateOf.xincheng] });
      // One who approves nothing, of this unit or another, is told that before anything of the draft.
      for (const user of ['xc.clerk', 'xc.drafter', 'bl.clerk'])
        await refused(w, user, q, { d }, { codes: ['FORBIDDEN'], foreign: [digest, ...w.privateOf.xincheng] });
    },
  },
  'Mutation.exportEvidencePackage': {
    async run(w) {
      // 新城区's package of a notice it signed for holds its receipts and its own chain: no other unit gets one, not
      // even 西安市 above it as a supervisor (西安市 gets its own as the sender), nor 新城区's drafter.
      const title = 'WT新城区私有证据包';
      const doc = await sendFromXian(w, title);
      ok(await w.gql('xc.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: await xinchengDelivery(w, title) }), 'signForDelivery');
      const q = 'mutation($d: ID!) { exportEvidencePackage(documentId: $d) { sha256 size base64 } }';
      const own = ok(await w.gql('xc.clerk', q, { d: doc }), 'exportEvidencePackage');
      assert.ok(own.size > 0, 'the control: 新城区 exports its package');
      for (const user of ['bl.clerk', 'bj.admin', 'sxb.clerk']) await refused(w, user, q, { d: doc }, { foreign: [title, own.sha256] });
      await refused(w, 'xc.drafter', q, { d: doc }, { codes: ['FORBIDDEN'], foreign: [title, own.sha256] });
    },
  },
  'Query.overdueDeliveries': {
    async run(w) {
      await nothingForeign(w, 'bl.admin', '{ overdueDeliveries(first: 100) { id title recipientOrgId } }', {}, foreign(w));
      await nothingForeign(w, 'bj.admin', '{ overdueDeliveries(first: 100) { id title recipientOrgId } }', {}, foreign(w));
    },
  },
  'Query.overdueDeliveryCount': {
    async run(w) {
      // The count is of the caller's scope alone: a sibling's administrator and another city's count what their own
      // list shows, none of 新城区's.
      for (const who of ['bl.admin', 'bj.admin']) {
        const r = await w.gql(who, '{ overdueDeliveries(first: 1000) { id } overdueDeliveryCount }');
        const seen = r.data as { overdueDeliveries: unknown[]; overdueDeliveryCount: number };
        assert.equal(seen.overdueDeliveryCount, seen.overdueDeliveries.length, who);
      }
    },
  },
  'Query.dueSoonDeliveries': {
    async run(w) {
      await nothingForeign(w, 'bl.admin', '{ dueSoonDeliveries(first: 100) { id title recipientOrgId } }', {}, foreign(w));
      await nothingForeign(w, 'bj.admin', '{ dueSoonDeliveries(first: 100) { id title recipientOrgId } }', {}, foreign(w));
    },
  },
  'Query.dueSoonByDocument': {
    async run(w) {
      // 临期 by document: a sibling's administrator, another city's, and a sibling's clerk (its own unit only) see no
      // document, count and unit of 西安市's notice to 新城区.
      const q =
        'query($f: Int!, $e: Int!) { dueSoonByDocument(first: $f, unitsEach: $e) { documentCount unitCount documents { documentId title waiting urgeable deliveries { id title recipientOrgId } } } }';
      for (const who of ['bl.admin', 'bj.admin', 'bl.clerk']) await nothingForeign(w, who, q, { f: 40, e: 50 }, [...foreign(w), w.id.xaDoc, w.unit.xincheng]);
    },
  },
  'Query.overdueByDocument': {
    async run(w) {
      // The overdue list by document, as 临期's: nothing of 西安市's notice to 新城区, past due or not, for a sibling's
      // administrator, another city's or a sibling's clerk.
      const q =
        'query($f: Int!, $e: Int!) { overdueByDocument(first: $f, unitsEach: $e) { documentCount unitCount documents { documentId title waiting urgeable unreceived deliveries { id title recipientOrgId } } } }';
      const doc = await sendFromXian(w, 'WT西安市私有超期分组');
      const due = (when: string) => w.p.superQuery(`update documents.deliveries set due_at = now() ${when} where document_id = $1`, [doc]);
      await due("- interval '1 minute'");
      try {
        // 西安市's supervisor has it on its list (the case would pass on an empty list otherwise).
        const own = ok<{ documents: { documentId: string }[] }>(await w.gql('xa.admin', q, { f: 200, e: 1 }), 'overdueByDocument');
        assert.ok(own.documents.some((d) => d.documentId === doc));
        for (const who of ['bl.admin', 'bj.admin', 'bl.clerk'])
          await nothingForeign(w, who, q, { f: 40, e: 50 }, [...foreign(w), doc, w.id.xaDoc, w.unit.xincheng, 'WT西安市私有超期分组']);
      } finally {
        // Due again, so that the overdue job of another case finds only its own.
        await due("+ interval '1 day'");
      }
    },
  },
  'Query.receiptPerformance': {
    async run(w) {
      const q = 'query($f: DateTimeISO!, $t: DateTimeISO!) { receiptPerformance(from: $f, to: $t) { recipientOrgId recipientName total } }';
      // 宝鸡市's supervisor sees its own subtree, not 西安市's; 新城区's clerk is not a supervisor.
      await nothingForeign(w, 'bj.admin', q, span(), [...foreign(w), w.unit.xincheng]);
      await refused(w, 'xc.clerk', q, span());
    },
  },
  'Query.bulletins': {
    async run(w) {
      await nothingForeign(w, 'bj.admin', '{ bulletins { id title } }', {}, foreign(w));
      await nothingForeign(w, 'bl.clerk', '{ bulletins { id title } }', {}, foreign(w));
    },
  },
  'Query.bulletin': {
    async run(w) {
      await refused(w, 'bj.admin', 'query($id: ID!) { bulletin(id: $id) { id title csv } }', { id: w.id.xaBulletin }, { foreign: foreign(w) });
    },
  },
  'Mutation.draftBulletinDocument': {
    async run(w) {
      // 西安市's bulletin, drafted into a 通报 by a county's drafter (below it) and by another city's administrator: no
      // draft made, nothing of the bulletin told.
      const drafts = () => w.p.superCount("select count(*) as n from documents.documents where title = 'WT西安市私有通报'");
      const before = await drafts();
      const DRAFT = 'mutation($b: ID!) { draftBulletinDocument(bulletinId: $b) { id title body } }';
      await refused(w, 'xc.drafter', DRAFT, { b: w.id.xaBulletin }, { codes: ['NOT_FOUND'], foreign: foreign(w) });
      await refused(w, 'bj.admin', DRAFT, { b: w.id.xaBulletin }, { foreign: foreign(w) });
      assert.equal(await drafts(), before, 'no draft made');
    },
  },
  'Query.bulletinSchedule': {
    async run(w) {
      // 西安市's schedule (set by 孙涛) is its own: not 宝鸡市's, nor 新城区's below it; a clerk is not its keeper.
      const q = '{ bulletinSchedule { cadence nextAt setByName } }';
      await nothingForeign(w, 'bj.admin', q, {}, [...foreign(w), '孙涛']);
      await nothingForeign(w, 'xc.admin', q, {}, [...foreign(w), '孙涛']);
      await refused(w, 'xa.clerk', q, {});
    },
  },
  'Mutation.setBulletinSchedule': {
    async run(w) {
      // A clerk may not change 西安市's; 宝鸡市's administrator sets and clears 宝鸡市's own, publishing its last month
      // at once, and 西安市's stays as it was, nothing of it in 宝鸡市's answer or bulletins.
      const back = { as: 'xa.admin', query: '{ bulletinSchedule { cadence nextAt setByName } bulletins { id title } }' };
      await refusedUnchanged(w, 'xa.clerk', 'mutation { setBulletinSchedule(cadence: "WEEKLY") { cadence } }', {}, back);
      await refusedUnchanged(w, 'xa.clerk', 'mutation { setBulletinSchedule(cadence: null) { cadence } }', {}, back);
      await unchanged(w, back, async () => {
        await nothingForeign(w, 'bj.admin', 'mutation { setBulletinSchedule(cadence: "WEEKLY", publishLastPeriod: true) { cadence setByName } }', {}, [
          ...foreign(w),
          '孙涛',
        ]);
        await nothingForeign(w, 'bj.admin', '{ bulletins { title rows { recipientOrgId recipientName } } }', {}, [...foreign(w), w.unit.xincheng]);
        ok(await w.gql('bj.admin', 'mutation { setBulletinSchedule(cadence: null) { cadence } }'), 'setBulletinSchedule');
      });
    },
  },
  'Query.assessments': {
    async run(w) {
      // 西安市's draft is its own until published: not 宝鸡市's, nor 新城区's below it; a clerk reads none.
      await nothingForeign(w, 'bj.admin', '{ assessments { id title results { orgId name } } }', {}, foreign(w));
      await nothingForeign(w, 'xc.admin', '{ assessments { id title results { orgId name } } }', {}, foreign(w));
      // A clerk of 西安市 reads published results, not its drafts.
      await nothingForeign(w, 'xa.clerk', '{ assessments { id title } }', {}, [w.id.xaAssessment, 'WT西安市私有考核']);
    },
  },
  'Query.assessment': {
    async run(w) {
      const q = 'query($id: ID!) { assessment(id: $id) { id title results { name score } } }';
      await refused(w, 'bj.admin', q, { id: w.id.xaAssessment }, { codes: ['NOT_FOUND'], foreign: foreign(w) });
      await refused(w, 'xc.admin', q, { id: w.id.xaAssessment }, { codes: ['NOT_FOUND'], foreign: foreign(w) });
      await refused(w, 'xa.clerk', q, { id: w.id.xaAssessment }, { codes: ['NOT_FOUND'], foreign: foreign(w) });
    },
  },
  'Mutation.createAssessment': {
    async run(w) {
      // 宝鸡市's assessment scores its own subtree only; a county's clerk may not set one up.
      const q = 'mutation($in: AssessmentInput!) { createAssessment(input: $in) { id results { orgId name } } }';
      const input = { in: { title: '宝鸡市考核', from: span().f, to: span().t } };
      const r = await nothingForeign(w, 'bj.admin', q, input, [...foreign(w), w.unit.xincheng, '新城区']);
      const id = r.data?.createAssessment?.id as string;
      assert.ok(id, '宝鸡市 sets up its own');
      ok(await w.gql('bj.admin', 'mutation($id: ID!) { discardAssessment(id: $id) }', { id }), 'discardAssessment');
      await refused(w, 'xc.clerk', q, input);
    },
  },
  ...Object.fromEntries(
    (
      [
        ['recomputeAssessment', 'mutation($id: ID!) { recomputeAssessment(id: $id) { id } }', {}],
        [
          'setAssessmentAdjustment',
          'mutation($id: ID!, $o: ID!) { setAssessmentAdjustment(id: $id, orgId: $o, adjustment: { points: -5, reason: "WT扣分" }) { id } }',
          { o: 'xincheng' },
        ],
        ['publishAssessment', 'mutation($id: ID!) { publishAssessment(id: $id) { id } }', {}],
        ['discardAssessment', 'mutation($id: ID!) { discardAssessment(id: $id) }', {}],
      ] as const
    ).map(([field, q, extra]) => [
      `Mutation.${field}`,
      {
        async run(w: World) {
          // 西安市's draft is changed by 西安市's assessors alone: not by 宝鸡市, by 新城区 below it, or by its clerk.
          const back = {
            as: 'xa.admin',
            query: 'query($id: ID!) { assessment(id: $id) { title publishedAt computedAt results { name adjustment { points } } } }',
            variables: { id: w.id.xaAssessment },
          };
          const vars = { id: w.id.xaAssessment, ...('o' in extra ? { o: w.unit.xincheng } : {}) };
          for (const user of ['bj.admin', 'xc.admin', 'xa.clerk']) await refusedUnchanged(w, user, q, vars, back, { foreign: foreign(w) });
        },
      },
    ]),
  ),
  'Mutation.draftAssessmentDocument': {
    async run(w) {
      // 西安市's assessment drafted into a 通报 by a county's drafter or another city's administrator: nothing made.
      const drafts = () => w.p.superCount("select count(*) as n from documents.documents where title like '%WT西安市私有考核%'");
      const DRAFT = 'mutation($id: ID!) { draftAssessmentDocument(id: $id) { id title body } }';
      await refused(w, 'xc.drafter', DRAFT, { id: w.id.xaAssessment }, { codes: ['NOT_FOUND'], foreign: foreign(w) });
      await refused(w, 'bj.admin', DRAFT, { id: w.id.xaAssessment }, { foreign: foreign(w) });
      assert.equal(await drafts(), 0, 'no draft made');
    },
  },
  'Query.workCalendar': {
    public: 'the province’s working days and check times are the same for every unit in it, and carry nothing of any unit',
    async run(w) {
      ok(await w.gql('bl.clerk', '{ workCalendar }'), 'workCalendar');
      await nothingForeign(w, 'bl.clerk', '{ workCalendar }', {}, foreign(w));
    },
  },

  'Mutation.markNotificationsRead': {
    async run(w) {
      const back = { as: 'xc.clerk', query: '{ notifications(unreadOnly: false) { id readAt } }' };
      await w.gql('xc.clerk', '{ notifications(unreadOnly: false) { id } }');
      const r = await refusedOrNothing(w, back, 'bl.clerk', 'mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }', { ids: [w.id.xcNotification] });
      if (!r.errors) assert.equal(r.data?.markNotificationsRead, 0, 'none of another unit’s notifications marked');
    },
  },
  'Mutation.returnDelivery': {
    async run(w) {
      const q = 'mutation($id: ID!) { returnDelivery(id: $id, reason: WRONG_ADDRESSEE, note: "外单位退回") { id } }';
      await refusedUnchanged(w, 'bl.clerk', q, { id: w.id.xcDelivery }, readDelivery(w));
    },
  },
  'Mutation.requestResend': {
    async run(w) {
      await refusedUnchanged(w, 'bl.clerk', 'mutation($id: ID!) { requestResend(id: $id, note: "外单位") { id } }', { id: w.id.xcDelivery }, readDelivery(w));
    },
  },
  'Mutation.recallDelivery': {
    async run(w) {
      // Recalling is the sender's: neither another city nor a sibling of the recipient may.
      const q = 'mutation($id: ID!) { recallDelivery(id: $id, note: "外单位撤回") { id } }';
      await refusedUnchanged(w, 'bj.admin', q, { id: w.id.xcDelivery }, readDelivery(w));
      await refusedUnchanged(w, 'bl.clerk', q, { id: w.id.xcDelivery }, readDelivery(w));
    },
  },
  'Mutation.resendDelivery': {
    async run(w) {
      await refusedUnchanged(w, 'bj.admin', 'mutation($id: ID!) { resendDelivery(id: $id) { id } }', { id: w.id.xcDelivery }, readDelivery(w));
    },
  },
  'Mutation.draftCorrection': {
    async run(w) {
      // 修改后重发 is the sending unit's drafters': 新城区 returned 西安市's notice; neither 新城区's own drafter (the
      // recipient), nor another unit's drafter or clerk, nor 西安市's clerk (no 拟稿) drafts a correction of it.
      const title = 'WT西安市私有修改后重发';
      const doc = await sendFromXian(w, title);
      const delivery = await xinchengDelivery(w, title);
      ok(
        await w.gql('xc.clerk', 'mutation($id: ID!) { returnDelivery(id: $id, reason: WRONG_FORMAT, note: "WT格式") { id } }', { id: delivery }),
        'returnDelivery',
      );
      const q = 'mutation($ids: [ID!]!) { draftCorrection(deliveryIds: $ids) { id title correctionOf { returns { note } } } }';
      const back = {
        as: 'xa.drafter',
        query: 'query($id: ID!) { document(id: $id) { corrections { id } deliveries { id status stateReason stateNote } } }',
        variables: { id: doc },
      };
      for (const user of ['xc.drafter', 'sxb.drafter', 'bl.clerk', 'bj.admin'])
        await refusedUnchanged(w, user, q, { ids: [delivery] }, back, { foreign: [doc, title, 'WT格式', ...w.privateOf.xian] });
      await refusedUnchanged(w, 'xa.clerk', q, { ids: [delivery] }, back, { codes: ['FORBIDDEN'], foreign: [doc] });
    },
  },
  'Mutation.closeDelivery': {
    async run(w) {
      await refusedUnchanged(w, 'bl.clerk', 'mutation($id: ID!) { closeDelivery(id: $id) { id } }', { id: w.id.xcDelivery }, readDelivery(w));
    },
  },
  'Mutation.supplementRecipients': {
    async run(w) {
      await refusedUnchanged(
        w,
        'bj.admin',
        'mutation($d: ID!, $r: [RecipientSpecInput!]!) { supplementRecipients(documentId: $d, recipients: $r) { added } }',
        { d: w.id.xaDoc, r: [{ orgIds: [w.unit.baoji] }] },
        readDoc('xa.clerk', w.id.xaDoc),
      );
    },
  },
  'Mutation.createDraft': {
    async run(w) {
      // A draft is its drafter's unit's: 新城区 cannot read 西安市's new draft, nor find it.
      const made = ok(
        await w.gql('xa.drafter', 'mutation { createDraft(input: { docType: "函", title: "WT西安市私有新稿", body: "x", docPrefix: "市政函" }) { id orgId } }'),
        'createDraft',
      );
      assert.equal(made.orgId, w.unit.xian);
      await refused(w, 'xc.drafter', 'query($id: ID!) { document(id: $id) { id title } }', { id: made.id });
      await nothingForeign(w, 'xc.drafter', '{ documents(first: 100) { id title } }', {}, [made.id, 'WT西安市私有新稿']);
    },
  },
  'Mutation.updateDraft': {
    async run(w) {
      const q = 'mutation($id: ID!) { updateDraft(id: $id, input: { docType: "请示", title: "改写", body: "改写" }) { id } }';
      await refusedUnchanged(w, 'xa.drafter', q, { id: w.id.xcDraft }, readDoc('xc.drafter', w.id.xcDraft));
      await refusedUnchanged(w, 'bl.clerk', q, { id: w.id.xcDraft }, readDoc('xc.drafter', w.id.xcDraft));
    },
  },
  'Mutation.submitForApproval': {
    async run(w) {
      await refusedUnchanged(
        w,
        'xa.drafter',
        'mutation($id: ID!) { submitForApproval(id: $id) { id } }',
        { id: w.id.xcDraft },
        readDoc('xc.drafter', w.id.xcDraft),
      );
    },
  },
  'Mutation.approveDocument': {
    async run(w) {
      // 西安市's leader is a leader, but not 新城区's.
      const q = 'mutation($id: ID!) { approveDocument(id: $id, comment: "同意") { id } }';
      await refusedUnchanged(w, 'xa.leader', q, { id: w.id.xcInApproval }, readDoc('xc.drafter', w.id.xcInApproval));
      // With the approval 新城区's leader was handed and a signature (ownSignature): refused as without it, to another
      // unit's leader and to 新城区's clerk, before the signature is looked at; nothing changes.
      const receipt = ok(
        await w.gql('xc.leader', 'query($d: ID!) { approvalToSign(documentId: $d, comment: "同意") }', { d: w.id.xcInApproval }),
        'approvalToSign',
      );
      const own = { receipt, signature: Buffer.from('a signature of sixty-four bytes or so, whatever its key'.padEnd(64, '.')).toString('base64') };
      const signed = 'mutation($id: ID!, $own: OwnSignatureInput) { approveDocument(id: $id, comment: "同意", ownSignature: $own) { id } }';
      const back = readDoc('xc.drafter', w.id.xcInApproval);
      await refusedUnchanged(w, 'xa.leader', signed, { id: w.id.xcInApproval, own }, back, { codes: ['NOT_FOUND'] });
      await refusedUnchanged(w, 'xc.clerk', signed, { id: w.id.xcInApproval, own }, back, { codes: ['FORBIDDEN'] });
    },
  },
  'Mutation.rejectDocument': {
    async run(w) {
      const q = 'mutation($id: ID!) { rejectDocument(id: $id, comment: "不同意") { id } }';
      await refusedUnchanged(w, 'xa.leader', q, { id: w.id.xcInApproval }, readDoc('xc.drafter', w.id.xcInApproval));
    },
  },
  'Mutation.sendDocument': {
    async run(w) {
      // 省政府办公厅's approved document, waiting for its seal: another unit's clerk cannot send it.
      const q = 'mutation($id: ID!) { sendDocument(id: $id, sendKey: "wt-foreign-send", skipRefused: false) { id } }';
      await refusedUnchanged(w, 'xa.clerk', q, { id: w.id.officeDoc }, readDoc('sxb.clerk', w.id.officeDoc));
    },
  },
  'Mutation.signForDelivery': {
    async run(w) {
      await refusedUnchanged(w, 'bl.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: w.id.xcDelivery }, readDelivery(w));
      await refusedUnchanged(w, 'xa.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: w.id.xcDelivery }, readDelivery(w));
    },
  },
  'Mutation.openDelivery': {
    async run(w) {
      await refusedUnchanged(w, 'bl.clerk', 'mutation($id: ID!) { openDelivery(id: $id) { id } }', { id: w.id.xcDelivery }, readDelivery(w));
    },
  },
  'Mutation.printDelivery': {
    async run(w) {
      await refusedUnchanged(w, 'bl.clerk', 'mutation($id: ID!) { printDelivery(id: $id) { copyNumber } }', { id: w.id.xcDelivery }, readDelivery(w));
    },
  },
  'Mutation.raisePrintQuota': {
    async run(w) {
      // Raising a quota is the sender's: not another city's, nor the recipient's own.
      const q = 'mutation($id: ID!) { raisePrintQuota(id: $id, quota: 9) { id } }';
      await refusedUnchanged(w, 'bj.admin', q, { id: w.id.xcDelivery }, readDelivery(w));
      await refusedUnchanged(w, 'xc.clerk', q, { id: w.id.xcDelivery }, readDelivery(w));
    },
  },
  'Mutation.requestPrintCopies': {
    async run(w) {
      // Asking for more copies is the receiving unit's clerk's: not another county's, nor the sender's.
      const q = 'mutation($id: ID!) { requestPrintCopies(id: $id, copies: 3, reason: "分送") { id } }';
      await refusedUnchanged(w, 'bl.clerk', q, { id: w.id.xcDelivery }, readDelivery(w));
      await refusedUnchanged(w, 'xa.clerk', q, { id: w.id.xcDelivery }, readDelivery(w));
      await refusedUnchanged(w, 'xc.leader', q, { id: w.id.xcDelivery }, readDelivery(w));
    },
  },
  'Mutation.publishBulletin': {
    async run(w) {
      const q =
        'mutation($f: DateTimeISO!, $t: DateTimeISO!) { publishBulletin(title: "宝鸡市通报", from: $f, to: $t) { id rows { recipientOrgId recipientName } csv } }';
      // 宝鸡市's bulletin lists its own subtree only; 新城区's clerk may not publish one.
      await nothingForeign(w, 'bj.admin', q, span(), [...foreign(w), w.unit.xincheng, '新城区']);
      await refused(w, 'xc.clerk', q, span());
    },
  },
  'Mutation.updateWorkCalendar': {
    async run(w) {
      const back = { as: 'xc.clerk', query: '{ workCalendar }' };
      const q = 'mutation { updateWorkCalendar(checkTimes: ["10:00"], days: [{ day: "2026-12-25", working: false }]) }';
      await refusedUnchanged(w, 'xc.admin', q, {}, back);
      await refusedUnchanged(w, 'xa.clerk', q, {}, back);
      // Taking a day out is the province's administrator's too.
      const remove = 'mutation { updateWorkCalendar(checkTimes: ["09:00", "15:00"], days: [], removeDays: ["2026-10-01"]) }';
      await refusedUnchanged(w, 'xc.admin', remove, {}, back);
      await refusedUnchanged(w, 'xa.clerk', remove, {}, back);
    },
  },

  'Subscription.deliveryChanged': {
    async run(w) {
      const query = `subscription($d: ID!) { deliveryChanged(documentId: $d) { ${EVENT} } }`;
      await noForeignEvents(
        w,
        { user: 'bj.admin', query, variables: { d: w.id.xaDoc } },
        { user: 'xa.clerk', query, variables: { d: w.id.xaDoc } },
        async () => {
          ok(await w.gql('xc.clerk', 'mutation($id: ID!) { printDelivery(id: $id) { copyNumber } }', { id: w.id.xcDelivery }), 'printDelivery');
          return foreign(w);
        },
      );
    },
  },
  'Subscription.inboxChanged': {
    async run(w) {
      const query = `subscription { inboxChanged { ${EVENT} } }`;
      await noForeignEvents(w, { user: 'bl.clerk', query }, { user: 'xc.clerk', query }, async () => [
        await sendFromXian(w, 'WT西安市私有收件箱'),
        ...foreign(w),
      ]);
    },
  },
  'Subscription.subtreeReceipts': {
    async run(w) {
      const query = `subscription { subtreeReceipts { ${EVENT} } }`;
      // A receipt in 新城区: 西安市's supervisor hears of it, 宝鸡市's and 碑林区's do not.
      const receipt = (title: string) => async () => {
        const doc = await sendFromXian(w, title);
        ok(await w.gql('xc.clerk', 'mutation($id: ID!) { openDelivery(id: $id) { id } }', { id: await xinchengDelivery(w, title) }), 'openDelivery');
        return [doc, ...foreign(w)];
      };
      await noForeignEvents(w, { user: 'bj.admin', query }, { user: 'xa.admin', query }, receipt('WT西安市私有签收'));
      await noForeignEvents(w, { user: 'bl.admin', query }, { user: 'xa.admin', query }, receipt('WT西安市私有签收二'));
    },
  },
  'Subscription.subtreeOverdue': {
    async run(w) {
      const query = `subscription { subtreeOverdue { ${EVENT} } }`;
      await noForeignEvents(w, { user: 'bl.admin', query }, { user: 'xa.admin', query }, async () => {
        const doc = await sendFromXian(w, 'WT西安市私有逾期');
        await w.p.superQuery("update documents.deliveries set due_at = now() - interval '1 minute' where document_id = $1", [doc]);
        assert.equal(await w.p.markOverdue(), 1);
        return [doc, ...foreign(w)];
      });
    },
  },
  'Subscription.deliveryBoard': {
    async run(w) {
      const query = 'subscription($d: ID!) { deliveryBoard(documentId: $d) { documentId total received pending } }';
      await noForeignEvents(
        w,
        { user: 'bj.admin', query, variables: { d: w.id.xaDoc } },
        { user: 'xa.clerk', query, variables: { d: w.id.xaDoc } },
        async () => {
          ok(await w.gql('xc.clerk', 'mutation($id: ID!) { printDelivery(id: $id) { copyNumber } }', { id: w.id.xcDelivery }), 'printDelivery');
          return [w.id.xaDoc];
        },
      );
    },
  },
  'Query.handling': {
    async run(w) {
      const title = 'WT新城区私有办理';
      const h = await xcHandling(w, title);
      const q = `query($id: ID!) { handling(deliveryId: $id) { ${HANDLING} } }`;
      ok(await w.gql('xc.clerk', q, { id: h.delivery }), 'handling');
      await refused(w, 'bl.clerk', q, { id: h.delivery }, { foreign: handlingForeign(w, h, title) });
      await refused(w, 'xa.clerk', q, { id: h.delivery }, { foreign: handlingForeign(w, h, title) });
      await refused(w, 'bj.admin', q, { id: h.delivery }, { foreign: handlingForeign(w, h, title) });
    },
  },
  'Query.todo': {
    async run(w) {
      const title = 'WT新城区私有待办';
      const h = await xcHandling(w, title);
      const q = '{ todo { deliveryId kind title docNumber intakeNumber sectionName } }';
      assert.ok(
        ok(await w.gql('xc.drafter', q), 'todo').some((t: { deliveryId: string }) => t.deliveryId === h.delivery),
        'the control: 新城区’s drafter has it',
      );
      await nothingForeign(w, 'bl.clerk', q, {}, handlingForeign(w, h, title));
      await nothingForeign(w, 'xa.leader', q, {}, handlingForeign(w, h, title));
    },
  },
  'Query.overdueHandling': {
    async run(w) {
      const title = 'WT新城区私有超期办理';
      const h = await xcHandling(w, title);
      await w.p.superQuery("update documents.handling_tasks set deadline = now() - interval '1 hour' where delivery_id = $1", [h.delivery]);
      const q = '{ overdueHandling { deliveryId title sectionName } }';
      assert.ok(
        ok(await w.gql('xc.leader', q), 'overdueHandling').some((o: { deliveryId: string }) => o.deliveryId === h.delivery),
        'the control',
      );
      await nothingForeign(w, 'bl.clerk', q, {}, handlingForeign(w, h, title));
      await nothingForeign(w, 'xa.leader', q, {}, handlingForeign(w, h, title));
      await nothingForeign(w, 'bj.admin', q, {}, handlingForeign(w, h, title));
    },
  },
  'Mutation.proposeHandling': {
    async run(w) {
      const title = 'WT新城区拟办';
      const doc = await sendFromXian(w, title);
      const delivery = await xinchengDelivery(w, title);
      ok(await w.gql('xc.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: delivery }), 'signForDelivery');
      const q = 'mutation($id: ID!) { proposeHandling(deliveryId: $id, proposal: "外单位拟办") { status } }';
      await refusedUnchanged(w, 'bl.clerk', q, { id: delivery }, readHandling(delivery), { foreign: [doc, title, ...foreign(w)] });
      await refusedUnchanged(w, 'xa.clerk', q, { id: delivery }, readHandling(delivery), { foreign: [doc, title, ...foreign(w)] });
    },
  },
  'Mutation.instructHandling': {
    async run(w) {
      const h = await xcHandling(w, 'WT新城区批示');
      const q = 'mutation($id: ID!, $in: HandlingInstructionInput!) { instructHandling(deliveryId: $id, input: $in) { status } }';
      const input = { instruction: '外单位批示', leadSectionId: h.section, deadline: new Date(Date.now() + 86_400_000).toISOString() };
      await refusedUnchanged(w, 'bl.admin', q, { id: h.delivery, in: input }, readHandling(h.delivery), { foreign: handlingForeign(w, h, 'WT新城区批示') });
      await refusedUnchanged(w, 'xa.leader', q, { id: h.delivery, in: input }, readHandling(h.delivery), { foreign: handlingForeign(w, h, 'WT新城区批示') });
    },
  },
  'Mutation.acceptHandling': {
    async run(w) {
      const h = await xcHandling(w, 'WT新城区承办');
      const q = 'mutation($id: ID!) { acceptHandling(deliveryId: $id) { status } }';
      await refusedUnchanged(w, 'bl.clerk', q, { id: h.delivery }, readHandling(h.delivery), { foreign: handlingForeign(w, h, 'WT新城区承办') });
      await refusedUnchanged(w, 'xa.drafter', q, { id: h.delivery }, readHandling(h.delivery), { foreign: handlingForeign(w, h, 'WT新城区承办') });
    },
  },
  'Mutation.concludeHandling': {
    async run(w) {
      const h = await xcHandling(w, 'WT新城区办结');
      ok(await w.gql('xc.drafter', 'mutation($id: ID!) { acceptHandling(deliveryId: $id) { status } }', { id: h.delivery }), 'acceptHandling');
      const q = 'mutation($id: ID!) { concludeHandling(deliveryId: $id, result: "外单位办结") { status } }';
      await refusedUnchanged(w, 'bl.clerk', q, { id: h.delivery }, readHandling(h.delivery), { foreign: handlingForeign(w, h, 'WT新城区办结') });
      await refusedUnchanged(w, 'xa.clerk', q, { id: h.delivery }, readHandling(h.delivery), { foreign: handlingForeign(w, h, 'WT新城区办结') });
    },
  },
  'Mutation.distributeDelivery': {
    async run(w) {
      const h = await xcHandling(w, 'WT新城区传阅');
      const q = 'mutation($id: ID!, $u: [ID!]) { distributeDelivery(deliveryId: $id, userIds: $u) { status } }';
      await refusedUnchanged(w, 'bl.clerk', q, { id: h.delivery, u: [w.id.xcClerk] }, readHandling(h.delivery), {
        foreign: handlingForeign(w, h, 'WT新城区传阅'),
      });
      await refusedUnchanged(w, 'xa.clerk', q, { id: h.delivery, u: [w.id.xcClerk] }, readHandling(h.delivery), {
        foreign: handlingForeign(w, h, 'WT新城区传阅'),
      });
    },
  },
  'Mutation.markHandlingRead': {
    async run(w) {
      const h = await xcHandling(w, 'WT新城区已阅');
      const q = 'mutation($id: ID!) { markHandlingRead(deliveryId: $id, comment: "外单位已阅") { status } }';
      await refusedUnchanged(w, 'bl.clerk', q, { id: h.delivery }, readHandling(h.delivery), { foreign: handlingForeign(w, h, 'WT新城区已阅') });
      await refusedUnchanged(w, 'xa.drafter', q, { id: h.delivery }, readHandling(h.delivery), { foreign: handlingForeign(w, h, 'WT新城区已阅') });
    },
  },
  'Mutation.urgeHandling': {
    async run(w) {
      const h = await xcHandling(w, 'WT新城区催办');
      const q = 'mutation($id: ID!) { urgeHandling(deliveryId: $id, note: "外单位催办") { status } }';
      await refusedUnchanged(w, 'bl.clerk', q, { id: h.delivery }, readHandling(h.delivery), { foreign: handlingForeign(w, h, 'WT新城区催办') });
      await refusedUnchanged(w, 'xa.leader', q, { id: h.delivery }, readHandling(h.delivery), { foreign: handlingForeign(w, h, 'WT新城区催办') });
    },
  },
  'Subscription.handlingChanged': {
    async run(w) {
      const query = 'subscription { handlingChanged { deliveryId action kind sectionIds userIds } }';
      // 新城区's handling moves on: its own people hear it; 碑林区 and 西安市 (its sender and the unit above) do not.
      const cause = (title: string) => async () => {
        const h = await xcHandling(w, title);
        return handlingForeign(w, h, title);
      };
      await noForeignEvents(w, { user: 'bl.clerk', query }, { user: 'xc.clerk', query }, cause('WT新城区实时办理'));
      await noForeignEvents(w, { user: 'xa.admin', query }, { user: 'xc.clerk', query }, cause('WT新城区实时办理二'));
    },
  },
  'Subscription.noticesChanged': {
    async run(w) {
      const query = 'subscription { noticesChanged { kind occurredAt } }';
      // 西安市 publishes a 考核评比 of the units below it: 新城区, scored, hears of it; 西安市 itself (the publisher, the
      // unit above), its clerk and another city's clerk do not. (Not titled as 西安市's private: the result is 新城区's to read.)
      const cause = (title: string) => async () => {
        const a = ok(
          await w.gql('xa.admin', 'mutation($in: AssessmentInput!) { createAssessment(input: $in) { id results { orgId score } } }', {
            in: { title, from: span().f, to: span().t },
          }),
          'createAssessment',
        );
        assert.ok(
          a.results.some((r: { orgId: string; score: number | null }) => r.orgId === w.unit.xincheng && r.score !== null),
          '新城区 is scored',
        );
        ok(await w.gql('xa.admin', 'mutation($id: ID!) { publishAssessment(id: $id) { id } }', { id: a.id }), 'publishAssessment');
        return [];
      };
      await noForeignEvents(w, { user: 'xa.admin', query }, { user: 'xc.clerk', query }, cause('WT考核结果实时一'));
      await noForeignEvents(w, { user: 'xa.clerk', query }, { user: 'xc.clerk', query }, cause('WT考核结果实时二'));
      await noForeignEvents(w, { user: 'bj.clerk', query }, { user: 'xc.clerk', query }, cause('WT考核结果实时三'));
    },
  },
  // 答复 and 转发 start from a delivery the unit signed for: another unit (the sender above it, a sibling) may not draft
  // from it, nor may the unit's clerk (drafting is the drafter's); nothing is drafted anywhere.
  'Mutation.draftReply': {
    async run(w) {
      const { delivery, foreignIds } = await xcSigned(w, 'WT新城区私有答复');
      const q = 'mutation($d: ID!) { draftReply(deliveryId: $d) { id title } }';
      for (const who of ['xa.drafter', 'bj.admin', 'xc.clerk']) await refusedUnchanged(w, who, q, { d: delivery }, readXcDrafts, { foreign: foreignIds });
    },
  },
  'Mutation.draftForward': {
    async run(w) {
      const { delivery, foreignIds } = await xcSigned(w, 'WT新城区私有转发');
      const q = 'mutation($d: ID!, $r: [RecipientSpecInput!]!) { draftForward(deliveryId: $d, recipients: $r) { id title } }';
      const v = { d: delivery, r: [{ orgIds: [w.unit.xincheng] }] };
      for (const who of ['xa.drafter', 'bj.admin', 'xc.clerk']) await refusedUnchanged(w, who, q, v, readXcDrafts, { foreign: foreignIds });
    },
  },
  'Mutation.draftFromProxy': {
    async run(w) {
      // 新城区's delivery, signed for: drafting from its attachments is 新城区's drafters' alone — not its sender's (西安市),
      // another city's, or a clerk's. The file named is the delivery's body's, which no refusal may confirm or deny.
      const { delivery, foreignIds } = await xcSigned(w, 'WT新城区私有代拟稿');
      const q = 'mutation($d: ID!, $f: String!) { draftFromProxy(deliveryId: $d, attachmentSha256: $f) { id title } }';
      const v = { d: delivery, f: '0'.repeat(64) };
      for (const who of ['xa.drafter', 'bj.admin', 'xc.clerk']) await refusedUnchanged(w, who, q, v, readXcDrafts, { foreign: foreignIds });
    },
  },
  // 征集/报送 is the sending unit's: not another city's, not the recipient's, not a role that does not send.
  'Mutation.requestReports': {
    async run(w) {
      const q = 'mutation($id: ID!, $d: DateTimeISO!) { requestReports(documentId: $id, deadline: $d) { total rows { reporterName } } }';
      const v = { id: w.id.xaDoc, d: new Date(Date.now() + 3 * 86_400_000).toISOString() };
      for (const who of ['bj.clerk', 'xc.clerk', 'xa.admin']) await refusedUnchanged(w, who, q, v, readXaBoard(w), { foreign: foreign(w) });
    },
  },
  'Mutation.returnReport': {
    async run(w) {
      const q = 'mutation($id: ID!, $o: ID!) { returnReport(documentId: $id, reporterOrgId: $o, reason: "外单位退回") { total } }';
      const v = { id: w.id.xaDoc, o: w.unit.xincheng };
      for (const who of ['bj.clerk', 'xc.clerk', 'xa.admin']) await refusedUnchanged(w, who, q, v, readXaBoard(w), { foreign: foreign(w) });
    },
  },
  'Mutation.remindReports': {
    async run(w) {
      const q = 'mutation($id: ID!) { remindReports(documentId: $id) { total } }';
      for (const who of ['bj.clerk', 'xc.clerk', 'xa.admin']) await refusedUnchanged(w, who, q, { id: w.id.xaDoc }, readXaBoard(w), { foreign: foreign(w) });
    },
  },
  'Subscription.reportBoardChanged': {
    async run(w) {
      const doc = await sendFromXian(w, 'WT西安市私有征集');
      const query = 'subscription($d: ID!) { reportBoardChanged(documentId: $d) { documentId total rows { reporterName state } } }';
      // 西安市 asks for reports: its own board hears it; 宝鸡市 (another city) and 碑林区 (not a recipient) do not.
      const cause = async () => {
        ok(
          await w.gql('xa.clerk', 'mutation($id: ID!, $d: DateTimeISO!) { requestReports(documentId: $id, deadline: $d) { total } }', {
            id: doc,
            d: new Date(Date.now() + 86_400_000).toISOString(),
          }),
          'requestReports',
        );
        return [doc];
      };
      await noForeignEvents(w, { user: 'bj.admin', query, variables: { d: doc } }, { user: 'xa.clerk', query, variables: { d: doc } }, cause);
      await noForeignEvents(w, { user: 'bl.clerk', query, variables: { d: doc } }, { user: 'xa.clerk', query, variables: { d: doc } }, async () => {
        ok(await w.gql('xa.clerk', 'mutation($id: ID!) { remindReports(documentId: $id) { total } }', { id: doc }), 'remindReports');
        return [doc];
      });
    },
  },
};

/** A notice of 西安市 that 新城区's clerk signed for: its delivery, and what of it no other unit may see. */
async function xcSigned(w: World, title: string): Promise<{ delivery: string; foreignIds: string[] }> {
  const doc = await sendFromXian(w, title);
  const delivery = await xinchengDelivery(w, title);
  ok(await w.gql('xc.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: delivery }), 'signForDelivery');
  return { delivery, foreignIds: [doc, title, ...w.privateOf.xincheng] };
}
const readXcDrafts = { as: 'xc.drafter', query: '{ documents(first: 200) { id title } }' };
const readXaBoard = (w: World) => ({
  as: 'xa.clerk',
  query: 'query($id: ID!) { document(id: $id) { reportDeadline reportBoard { total rows { state reminders } } } }',
  variables: { id: w.id.xaDoc },
});

/** A mutation on another unit's objects that may be answered (with nothing done) or refused; the owner's read is unchanged. */
async function refusedOrNothing(w: World, back: { as: string; query: string }, user: string, query: string, variables: Record<string, unknown>) {
  const before = await w.gql(back.as, back.query);
  const r = await nothingForeign(w, user, query, variables, foreign(w));
  assert.deepEqual((await w.gql(back.as, back.query)).data, before.data, 'nothing of the other unit changed');
  return r;
}
