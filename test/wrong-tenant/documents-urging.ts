// Wrong-tenant cases of the documents subgraph's 催办 of deliveries and 统计 (issue 16). 西安市 sent a notice to 新城区:
// another city (宝鸡市) neither urges the delivery nor reads 新城区's figures; the recipient does not urge itself, and
// a clerk (not a supervising role) is refused the statistics.
import { type Cases, nothingForeign, refused, refusedUnchanged, type World } from './support.ts';

const foreign = (w: World) => [...w.privateOf.xincheng, ...w.privateOf.xian];
const span = () => ({ f: new Date(Date.now() - 30 * 86_400_000).toISOString(), t: new Date(Date.now() + 86_400_000).toISOString() });
const readUrges = (w: World) => ({
  as: 'xa.clerk',
  query: 'query($id: ID!) { delivery(id: $id) { id urges { at byName } } }',
  variables: { id: w.id.xcDelivery },
});

export const documentsUrgingCases: Cases = {
  'Mutation.urgeDeliveries': {
    async run(w) {
      const q = 'mutation($ids: [ID!]!) { urgeDeliveries(ids: $ids) { deliveryId recipientName } }';
      // 宝鸡市 (wrong tenant) and 碑林区 (a sibling) do not see the delivery; 新城区 (the recipient: wrong side) may not urge it.
      for (const who of ['bj.admin', 'bl.clerk', 'xc.clerk'])
        await refusedUnchanged(w, who, q, { ids: [w.id.xcDelivery] }, readUrges(w), { foreign: foreign(w) });
    },
  },
  'Mutation.urgeDueSoonOfDocument': {
    async run(w) {
      const q = 'mutation($d: ID!) { urgeDueSoonOfDocument(documentId: $d) { documentId title urged urgedRecently } }';
      // The units of urgeDeliveries: 宝鸡市 and 碑林区 do not see 西安市's document, 新城区 (its recipient) does not urge
      // itself, and 西安市's archivist (its own unit's, neither of those who send nor a supervising role) urges none.
      for (const who of ['bj.admin', 'bl.clerk', 'bl.admin', 'xc.clerk', 'xa.archivist'])
        await refusedUnchanged(w, who, q, { d: w.id.xaDoc }, readUrges(w), { foreign: foreign(w) });
    },
  },
  'Mutation.urgeOverdueOfDocument': {
    async run(w) {
      const q = 'mutation($d: ID!) { urgeOverdueOfDocument(documentId: $d) { documentId title urged urgedRecently } }';
      // The same units as 临期's group 催办, whatever the deliveries' time limits: not seen, not urged by themselves,
      // not urged by a role that neither sends nor supervises.
      for (const who of ['bj.admin', 'bl.clerk', 'bl.admin', 'xc.clerk', 'xa.archivist'])
        await refusedUnchanged(w, who, q, { d: w.id.xaDoc }, readUrges(w), { foreign: foreign(w) });
    },
  },
  'Mutation.recordPhoneUrge': {
    async run(w) {
      const q = 'mutation($d: ID!) { recordPhoneUrge(deliveryId: $d, calledName: "王秀兰", phone: "029-87654321") { deliveryId recipientName note } }';
      // The same three as urgeDeliveries: no call is recorded against another unit's delivery, nor by its recipient.
      for (const who of ['bj.admin', 'bl.clerk', 'xc.clerk']) await refusedUnchanged(w, who, q, { d: w.id.xcDelivery }, readUrges(w), { foreign: foreign(w) });
    },
  },
  'Query.statistics': {
    async run(w) {
      const q = 'query($o: ID, $f: DateTimeISO!, $t: DateTimeISO!) { statistics(orgId: $o, from: $f, to: $t) { orgName units { orgId name received } } }';
      // 宝鸡市's supervisor: its own subtree holds nothing of 西安市's, and 新城区 is not a unit it may ask for.
      await nothingForeign(w, 'bj.admin', q, span(), [...foreign(w), w.unit.xincheng]);
      await refused(w, 'bj.admin', q, { ...span(), o: w.unit.xincheng }, { foreign: foreign(w) });
      // 新城区's clerk is not a supervising role; 新城区's administrator is not shown its city's subtree.
      await refused(w, 'xc.clerk', q, span(), { foreign: foreign(w) });
      await refused(w, 'xc.admin', q, { ...span(), o: w.unit.xian }, { foreign: w.privateOf.xian });
      // The units a unit sent to (SENT_TO): 宝鸡市's own sends hold none of 西安市's; another unit's sends are not its to
      // ask for; a clerk is no supervisor.
      const sent = q.replace(
        '$t: DateTimeISO!) { statistics(orgId: $o, from: $f, to: $t)',
        '$t: DateTimeISO!) { statistics(orgId: $o, from: $f, to: $t, view: SENT_TO)',
      );
      await nothingForeign(w, 'bj.admin', sent, span(), [...foreign(w), w.unit.xincheng]);
      await refused(w, 'bj.admin', sent, { ...span(), o: w.unit.xian }, { foreign: foreign(w) });
      await refused(w, 'xc.clerk', sent, span(), { foreign: foreign(w) });
    },
  },
};
