// Wrong-tenant cases of 对端平台 (issue 19): 西安市's administrator registers a peer platform whose stand-in sits under
// 西安市, with this platform's own roots pinned (so that a package exported here verifies in one deployment). 宝鸡市's
// administrator and 新城区's (below 西安市) list none of it and register nothing under 西安市; a clerk does neither.
// Only the stand-in's own token hands documents over, and they go to 西安市 alone: 宝鸡市's clerk never sees one; a
// person and an ordinary unit's OA token hand over nothing, and another unit's stand-in learns nothing of what it became.
import { randomUUID } from 'node:crypto';
import { ok } from '../support/harness.ts';
import { approvedOfficeDocument, stampOfficeDocument } from '../support/seals.ts';
import { type Cases, nothingForeign, refused, refusedUnchanged, type World } from './support.ts';

const MARK = 'WT西安市对端';
const REGISTER = 'mutation($i: RegisterPeerPlatformInput!) { registerPeerPlatform(input: $i) { standIn { id } } }';
const LIST = '{ peerPlatforms { platform standIn { id name } } }';
const RECEIVE = 'mutation($d: ID!, $p: String!) { receiveFromPeer(peerDeliveryId: $d, evidencePackage: $p) { id document { id } } }';
const ISSUE = 'mutation($o: ID!, $n: String!) { issueApiToken(orgId: $o, name: $n, expiresInDays: 30) { token } }';

const registration = async (w: World, code: string) => {
  const certs = ok<{ role: string; pem: string }[]>(await w.gql('xa.clerk', '{ caCertificates { role pem } }'), 'caCertificates');
  return {
    i: {
      platform: `${MARK}平台`,
      receivingOrgId: w.unit.xian,
      standIn: { code, name: `${MARK}单位`, shortName: 'WT对端', level: 'CITY', kind: 'CENTRAL_AGENCY' },
      rootCertificates: certs.filter((c) => c.role === 'ROOT').map((c) => c.pem),
    },
  };
};

/** 西安市's peer platform, registered once: its stand-in and the stand-in's API token. */
let made: Promise<{ standIn: string; token: string }> | null = null;
function xianPeer(w: World) {
  made ??= (async () => {
    const standIn = ok<{ standIn: { id: string } }>(await w.gql('xa.admin', REGISTER, await registration(w, '100001')), 'registerPeerPlatform').standIn.id;
    const token = ok<{ token: string }>(await w.gql('xa.admin', ISSUE, { o: standIn, n: 'WT对端交换' }), 'issueApiToken').token;
    return { standIn, token };
  })();
  return made;
}

/** A sealed document of 省政府办公厅 (whose seal the world made) sent to 西安市, and the package 西安市 exports of it. */
async function packageOfXian(w: World): Promise<string> {
  const documentId = await approvedOfficeDocument(w.p, w.gql, {}, 'WT对端来文');
  await stampOfficeDocument(w.gql, documentId);
  ok(
    await w.gql('sxb.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { status } }', { id: documentId, k: randomUUID() }),
    'sendDocument',
  );
  return ok<{ base64: string }>(
    await w.gql('xa.clerk', 'mutation($d: ID!) { exportEvidencePackage(documentId: $d) { base64 } }', { d: documentId }),
    'exportEvidencePackage',
  ).base64;
}

/** The package handed over once by 西安市's stand-in, as the peer delivery `wt-stand-in`: what it became. */
let handed: Promise<{ id: string; document: { id: string } }> | null = null;
function handedOver(w: World) {
  handed ??= (async () => {
    const { token } = await xianPeer(w);
    return ok<{ id: string; document: { id: string } }>(await w.p.gql(RECEIVE, { d: 'wt-stand-in', p: await packageOfXian(w) }, token), 'receiveFromPeer');
  })();
  return handed;
}

const TWINS = 'query($ids: [ID!]!) { peerDeliveries(peerDeliveryIds: $ids) { peerDeliveryId delivery { id status } } }';
const NOT_YET_RECEIVED = '{ peerDeliveriesNotYetReceived { peerDeliveryId delivery { id status } } }';

/** 宝鸡市's peer platform, registered once (its roots this platform's too): its stand-in's API token. */
let baoji: Promise<string> | null = null;
function baojiPeer(w: World) {
  baoji ??= (async () => {
    const bj = ok<{ standIn: { id: string } }>(
      await w.gql('bj.admin', REGISTER, {
        i: {
          ...(await registration(w, '100003')).i,
          platform: 'WT宝鸡市的对端平台',
          receivingOrgId: w.unit.baoji,
          standIn: { code: '100003', name: 'WT宝鸡市对端单位', shortName: 'WT宝鸡对端', level: 'CITY', kind: 'CENTRAL_AGENCY' },
        },
      }),
      'registerPeerPlatform',
    ).standIn.id;
    return ok<{ token: string }>(await w.gql('bj.admin', ISSUE, { o: bj, n: 'WT宝鸡对端交换' }), 'issueApiToken').token;
  })();
  return baoji;
}

export const peerExchangeCases: Cases = {
  'Query.peerDeliveries': {
    async run(w) {
      const got = await handedOver(w);
      // Another unit's stand-in (宝鸡市's peer) asks for 西安市's peer delivery: nothing.
      const other = await w.p.gql(TWINS, { ids: ['wt-stand-in'] }, await baojiPeer(w));
      if (JSON.stringify(other.data?.peerDeliveries) !== '[]') throw new Error(`another unit's stand-in: ${JSON.stringify(other)}`);
      // A person, even of the receiving unit, and an ordinary unit's OA token: refused.
      await refused(w, 'xa.clerk', TWINS, { ids: ['wt-stand-in'] }, { codes: ['FORBIDDEN'], foreign: [got.id, got.document.id] });
      const xcToken = ok<{ token: string }>(await w.gql('xc.admin', ISSUE, { o: w.unit.xincheng, n: 'WT新城区OA查询' }), 'issueApiToken').token;
      const byOa = await w.p.gql(TWINS, { ids: ['wt-stand-in'] }, xcToken);
      if (byOa.errors?.[0]?.extensions?.code !== 'FORBIDDEN') throw new Error(`an ordinary unit's token: ${JSON.stringify(byOa)}`);
      // Its own stand-in sees it.
      const own = await w.p.gql(TWINS, { ids: ['wt-stand-in'] }, (await xianPeer(w)).token);
      if (own.data?.peerDeliveries?.[0]?.delivery?.id !== got.id) throw new Error(`its own stand-in: ${JSON.stringify(own)}`);
    },
  },
  'Query.peerDeliveriesNotYetReceived': {
    async run(w) {
      const got = await handedOver(w);
      // Another unit's stand-in lists nothing of 西安市's; a person and an ordinary unit's OA token are refused.
      const other = await w.p.gql(NOT_YET_RECEIVED, {}, await baojiPeer(w));
      if (!Array.isArray(other.data?.peerDeliveriesNotYetReceived) || JSON.stringify(other).includes(got.id))
        throw new Error(`another unit's stand-in: ${JSON.stringify(other)}`);
      await refused(w, 'xa.clerk', NOT_YET_RECEIVED, {}, { codes: ['FORBIDDEN'], foreign: [got.id] });
      const xcToken = ok<{ token: string }>(await w.gql('xc.admin', ISSUE, { o: w.unit.xincheng, n: 'WT新城区OA未接收' }), 'issueApiToken').token;
      const byOa = await w.p.gql(NOT_YET_RECEIVED, {}, xcToken);
      if (byOa.errors?.[0]?.extensions?.code !== 'FORBIDDEN') throw new Error(`an ordinary unit's token: ${JSON.stringify(byOa)}`);
      // Its own stand-in lists it while 西安市 has not yet received it.
      const status = ok<{ status: string }>(await w.gql('xa.clerk', 'query($id: ID!) { delivery(id: $id) { status } }', { id: got.id }), 'delivery').status;
      const own = await w.p.gql(NOT_YET_RECEIVED, {}, (await xianPeer(w)).token);
      if (JSON.stringify(own).includes(got.id) !== (status === 'DELIVERED')) throw new Error(`its own stand-in (${status}): ${JSON.stringify(own)}`);
    },
  },
  'Query.peerPlatforms': {
    async run(w) {
      const { standIn } = await xianPeer(w);
      for (const who of ['bj.admin', 'xc.admin']) await nothingForeign(w, who, LIST, {}, [standIn, MARK]);
      await refused(w, 'xa.clerk', LIST, {}, { foreign: [standIn, MARK] });
    },
  },
  'Mutation.registerPeerPlatform': {
    async run(w) {
      await xianPeer(w);
      const back = { as: 'xa.admin', query: LIST };
      // Another city's administrator, one below, and a clerk register nothing under 西安市.
      for (const who of ['bj.admin', 'xc.admin', 'xa.clerk']) await refusedUnchanged(w, who, REGISTER, await registration(w, '100002'), back);
    },
  },
  'Mutation.receiveFromPeer': {
    async run(w) {
      const pkg = await packageOfXian(w);
      const back = { as: 'xa.clerk', query: '{ inbox(first: 100) { nodes { id } } }' };
      const xcToken = ok<{ token: string }>(await w.gql('xc.admin', ISSUE, { o: w.unit.xincheng, n: 'WT新城区OA交换' }), 'issueApiToken').token;
      // A person, even of the receiving unit, and an ordinary unit's OA token hand over nothing.
      await refusedUnchanged(w, 'xa.clerk', RECEIVE, { d: 'wt-person', p: pkg }, back, { codes: ['FORBIDDEN'] });
      const byOa = await w.p.gql(RECEIVE, { d: 'wt-oa', p: pkg }, xcToken);
      if (byOa.errors?.[0]?.extensions?.code !== 'FORBIDDEN') throw new Error(`an ordinary unit's token: ${JSON.stringify(byOa)}`);
      // The stand-in's token delivers to 西安市 alone: 宝鸡市's clerk and 新城区's see nothing of it.
      const got = await handedOver(w);
      for (const who of ['bj.clerk', 'xc.clerk'])
        await nothingForeign(w, who, '{ inbox(first: 100) { nodes { id documentId fromPeer } } }', {}, [got.id, got.document.id, MARK]);
      // 西安市's clerk sees where it came from.
      const mine = ok<{ fromPeer: string | null }>(await w.gql('xa.clerk', 'query($id: ID!) { delivery(id: $id) { fromPeer } }', { id: got.id }), 'delivery');
      if (mine.fromPeer !== `${MARK}平台`) throw new Error(`西安市's clerk: ${JSON.stringify(mine)}`);
      // Another unit's stand-in naming 西安市's peer delivery as the one it resends replaces nothing of 西安市's.
      const statusOf = async () =>
        ok<{ status: string }>(await w.gql('xa.clerk', 'query($id: ID!) { delivery(id: $id) { status } }', { id: got.id }), 'delivery').status;
      const before = await statusOf();
      const resend =
        'mutation($d: ID!, $p: String!, $r: ID) { receiveFromPeer(peerDeliveryId: $d, evidencePackage: $p, resendOf: $r) { id parentDeliveryId } }';
      const bj = ok<{ parentDeliveryId: string | null }>(
        await w.p.gql(resend, { d: 'wt-baoji-resend', p: pkg, r: 'wt-stand-in' }, await baojiPeer(w)),
        'receiveFromPeer',
      );
      if (bj.parentDeliveryId !== null) throw new Error(`another unit's stand-in replaced a delivery: ${JSON.stringify(bj)}`);
      if ((await statusOf()) !== before) throw new Error('西安市’s delivery changed');
      // Naming who opened or signed for it on the other platform is the exchange's alone, and only for its own
      // deliveries: 西安市's clerk (a person), 宝鸡市's stand-in and even 西安市's own stand-in (its sender, not its
      // recipient) are each refused on 西安市's delivery, and it stays as it was.
      const OPEN_THERE = 'mutation($id: ID!) { openDelivery(id: $id, openedByThere: "WT某人") { status } }';
      const SIGN_THERE = 'mutation($id: ID!) { signForDelivery(id: $id, signedByThere: "WT某人") { status } }';
      const standIns = [await baojiPeer(w), (await xianPeer(w)).token];
      for (const q of [OPEN_THERE, SIGN_THERE]) {
        const byClerk = await w.gql('xa.clerk', q, { id: got.id });
        if (byClerk.errors?.[0]?.extensions?.code !== 'FORBIDDEN') throw new Error(`西安市's clerk naming someone: ${JSON.stringify(byClerk)}`);
        for (const token of standIns) {
          const r = await w.p.gql(q, { id: got.id }, token);
          if (!['FORBIDDEN', 'NOT_FOUND'].includes(r.errors?.[0]?.extensions?.code as string))
            throw new Error(`a stand-in on another's delivery: ${JSON.stringify(r)}`);
        }
      }
      if ((await statusOf()) !== before) throw new Error('西安市’s delivery changed');
    },
  },
};
