// 对端平台 (issue 19): two deployments of the platform, as a province and the national platform are (docs/scale.md §1).
// The national one is played by a second deployment of the demo, its 省政府办公厅 playing the national office. Each
// registers the other as a peer with a stand-in unit under its office (seed 000 §9: the office's terminal sends and
// receives): in the province, 国务院办公厅 stands in for 国家电子公文传输平台, its CA roots pinned; on the national
// platform, a stand-in for the province. The exchange holds the two stand-ins' API tokens and carries what is sent to
// either, both ways: the evidence package exported on one side is verified on the other against the pinned roots
// alone and delivered to the office there, whose clerk signs for it like any other; 接收, 签收, 退回 and 请求重发 go
// back, a resend replaces what it answers, a recall withdraws. A changed byte, another CA, a person, an ordinary
// unit's token, a unit other than the office and a selection of the province's units are each refused or left out,
// and nothing is written for them.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createLogger } from '@yizhan/common';
import { gatewayClient, startExchange } from '@yizhan/exchange';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { ok, type Platform, startPlatform } from './support/harness.ts';
import { readImages, readPdf } from './support/pdf-text.ts';
import { approvedOfficeDocument, makeOfficeSeal, stampOfficeDocument } from './support/seals.ts';

const REGISTER =
  'mutation($i: RegisterPeerPlatformInput!) { registerPeerPlatform(input: $i) { platform rootFingerprints standIn { id name } receivingOrg { id name } } }';
const RECEIVE =
  'mutation($d: ID!, $p: String!) { receiveFromPeer(peerDeliveryId: $d, evidencePackage: $p) { id status docNumber title senderName document { id peerOrigin { platform senderName docNumber documentId deliveryId packageSha256 } } } }';
const EXPORT = 'mutation($d: ID!) { exportEvidencePackage(documentId: $d) { base64 } }';

describe('对端来文: a document from a peer platform', () => {
  let national: Platform;
  let province: Platform;
  const tokens = new Map<string, string>();
  const as = async (p: Platform, user: string, query: string, variables: Record<string, unknown> = {}) => {
    const key = `${p.gatewayUrl} ${user}`;
    if (!tokens.has(key)) tokens.set(key, await p.login(user));
    return p.gql(query, variables, tokens.get(key));
  };
  let office: string;
  /** The national platform's stand-in in the province (国务院办公厅), and the province's on the national platform. */
  let standIn: string;
  let standInThere: { orgId: string; name: string };
  /** The exchange's two API tokens: each stand-in's on its platform. */
  let exchange: { province: string; national: string };
  let sent: { documentId: string; deliveryId: string; docNumber: string; title: string; body: string };
  let pkg: string;

  before(async () => {
    // Two deployments, each with its own database and its own CA (made at the certificates service's first start).
    // The national platform lets any upload in (its own scan is not what is tested): what it sends is scanned here.
    national = await startPlatform({ ownAuthorities: true, uploadScan: async () => null });
    province = await startPlatform({ ownAuthorities: true });
    office = ok<{ orgId: string }>(await as(province, 'sxb.clerk', '{ me { orgId } }'), 'me').orgId;
    for (const p of [national, province]) await makeOfficeSeal((user, query, variables = {}) => as(p, user, query, variables));
  });
  after(async () => {
    await national?.close();
    await province?.close();
  });

  /**
   * A sealed 通知 with an attachment, sent on a platform by its 省政府办公厅 (by default on the national platform, to
   * the province's stand-in there); its delivery there, and what it says.
   */
  async function sendOn(p: Platform, title: string, to = standInThere, docType?: string, attachment = Buffer.from('附件：重点任务分工表')) {
    const gql = (user: string, query: string, variables: Record<string, unknown> = {}) => as(p, user, query, variables);
    const body = `<p>${title}的正文：请各单位认真贯彻执行。</p>`;
    const documentId = await approvedOfficeDocument(p, gql, {}, title, attachment, { body, to, docType });
    await stampOfficeDocument(gql, documentId);
    const s = ok<{ docNumber: string }>(
      await gql('sxb.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { docNumber } }', { id: documentId, k: randomUUID() }),
      'sendDocument',
    );
    const doc = ok<{ deliveries: { id: string }[] }>(
      await gql('sxb.clerk', 'query($id: ID!) { document(id: $id) { deliveries { id } } }', { id: documentId }),
      'document',
    );
    return { documentId, deliveryId: doc.deliveries[0]?.id as string, docNumber: s.docNumber, title, body };
  }

  /** The package as the exchange fetches it from the national platform, with its token there. */
  const exportOnNational = async (documentId: string) =>
    ok<{ base64: string }>(await national.gql(EXPORT, { d: documentId }, exchange.national), 'exportEvidencePackage').base64;

  test('each platform registers the other: a stand-in under its office, the other’s roots pinned; a clerk, another city’s administrator and a non-root certificate are refused', async () => {
    const certs = ok<{ role: string; pem: string }[]>(await as(national, 'xa.clerk', '{ caCertificates { role pem } }'), 'caCertificates');
    const roots = certs.filter((c) => c.role === 'ROOT').map((c) => c.pem);
    assert.ok(roots.length >= 1);
    const own = ok<{ role: string; pem: string }[]>(await as(province, 'xa.clerk', '{ caCertificates { role pem } }'), 'caCertificates');
    assert.ok(!own.some((c) => roots.includes(c.pem)), 'the two deployments have CAs of their own');
    const input = (extra: Record<string, unknown> = {}) => ({
      i: {
        platform: '国家电子公文传输平台',
        receivingOrgId: office,
        standIn: { code: '100000', name: '国务院办公厅', shortName: '国办', level: 'PROVINCE', kind: 'CENTRAL_AGENCY' },
        rootCertificates: roots,
        ...extra,
      },
    });
    for (const who of ['sxb.clerk', 'xa.admin']) {
      const r = await as(province, who, REGISTER, input());
      assert.equal(r.errors?.[0]?.extensions?.code, 'FORBIDDEN', `${who}: ${JSON.stringify(r.errors)}`);
    }
    const issuing = certs.find((c) => c.role === 'ISSUING')?.pem as string;
    const notRoot = await as(province, 'sx.admin', REGISTER, input({ rootCertificates: [issuing] }));
    assert.equal(notRoot.errors?.[0]?.extensions?.code, 'BAD_INPUT');
    assert.equal(notRoot.errors?.[0]?.extensions?.field, 'rootCertificates[0]');
    const garbage = await as(province, 'sx.admin', REGISTER, input({ rootCertificates: ['not a certificate'] }));
    assert.equal(garbage.errors?.[0]?.extensions?.field, 'rootCertificates[0]');
    assert.equal(await province.superCount(`select count(*) as n from org.orgs where code = '100000'`), 0, 'nothing registered by the refusals');

    const peer = ok<{ standIn: { id: string; name: string }; receivingOrg: { id: string }; rootFingerprints: string[] }>(
      await as(province, 'sx.admin', REGISTER, input()),
      'registerPeerPlatform',
    );
    assert.equal(peer.standIn.name, '国务院办公厅');
    assert.equal(peer.receivingOrg.id, office);
    assert.equal(peer.rootFingerprints.length, roots.length);
    standIn = peer.standIn.id;
    const listed = ok<{ standIn: { id: string } }[]>(await as(province, 'sx.admin', '{ peerPlatforms { standIn { id } } }'), 'peerPlatforms');
    assert.deepEqual(
      listed.map((l) => l.standIn.id),
      [standIn],
    );
    assert.deepEqual(
      ok<unknown[]>(await as(province, 'xa.admin', '{ peerPlatforms { standIn { id } } }'), 'peerPlatforms'),
      [],
      'a city’s administrator sees none',
    );

    // The national platform registers the province the same way: a stand-in under its office, the province's roots pinned.
    const there = ok<{ standIn: { id: string; name: string } }>(
      await as(national, 'sx.admin', REGISTER, {
        i: {
          platform: '陕西省电子公文传输平台',
          receivingOrgId: ok<{ orgId: string }>(await as(national, 'sxb.clerk', '{ me { orgId } }'), 'me').orgId,
          standIn: { code: '11610000016000001J', name: '陕西省人民政府办公厅（省级平台）', shortName: '陕西省平台', level: 'PROVINCE', kind: 'OFFICE' },
          rootCertificates: own.filter((c) => c.role === 'ROOT').map((c) => c.pem),
        },
      }),
      'registerPeerPlatform',
    );
    standInThere = { orgId: there.standIn.id, name: there.standIn.name };

    const issue = 'mutation($o: ID!, $n: String!) { issueApiToken(orgId: $o, name: $n, expiresInDays: 30) { token } }';
    exchange = {
      province: ok<{ token: string }>(await as(province, 'sx.admin', issue, { o: standIn, n: '国家平台交换' }), 'issueApiToken').token,
      national: ok<{ token: string }>(await as(national, 'sx.admin', issue, { o: standInThere.orgId, n: '省平台交换' }), 'issueApiToken').token,
    };
  });

  test('a document delivered on the national platform arrives in 省政府办公厅’s inbox as sent there, once, and its clerk signs for it', async () => {
    sent = await sendOn(national, '国务院办公厅关于做好岁末年初安全生产工作的通知');
    pkg = await exportOnNational(sent.documentId);
    const r = ok<{
      id: string;
      status: string;
      docNumber: string;
      title: string;
      senderName: string;
      document: {
        id: string;
        peerOrigin: { platform: string; senderName: string; docNumber: string; documentId: string; deliveryId: string; packageSha256: string };
      };
    }>(await province.gql(RECEIVE, { d: sent.deliveryId, p: pkg }, exchange.province), 'receiveFromPeer');
    assert.equal(r.status, 'DELIVERED');
    assert.equal(r.title, sent.title);
    assert.equal(r.docNumber, sent.docNumber, 'the 发文字号 it was given there');
    assert.equal(r.senderName, '陕西省人民政府办公厅', 'its sender as its document names it');
    const { packageSha256, ...origin } = r.document.peerOrigin;
    assert.match(packageSha256, /^[0-9a-f]{64}$/, 'the package it came in, kept');
    assert.deepEqual(origin, {
      platform: '国家电子公文传输平台',
      senderName: '陕西省人民政府办公厅',
      docNumber: sent.docNumber,
      documentId: sent.documentId,
      deliveryId: sent.deliveryId,
    });

    // Handed over again (the exchange resuming after a restart): the same delivery, nothing twice.
    const again = ok<{ id: string }>(await province.gql(RECEIVE, { d: sent.deliveryId, p: pkg }, exchange.province), 'receiveFromPeer');
    assert.equal(again.id, r.id);
    assert.equal(await province.superCount('select count(*) as n from documents.deliveries where document_id = $1', [r.document.id]), 1);

    // 省政府办公厅's clerk finds it in the inbox, reads the body as sent, and signs for it.
    const inbox = ok<{ nodes: { id: string; senderName: string }[] }>(
      await as(province, 'sxb.clerk', '{ inbox(first: 50) { nodes { id senderName } } }'),
      'inbox',
    );
    assert.ok(inbox.nodes.some((n) => n.id === r.id && n.senderName === '陕西省人民政府办公厅'));
    const doc = ok<{ body: string }>(await as(province, 'sxb.clerk', 'query($id: ID!) { document(id: $id) { body } }', { id: r.document.id }), 'document');
    assert.equal(doc.body, sent.body);
    const signed = ok<{ status: string }>(
      await as(province, 'sxb.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { status } }', { id: r.id }),
      'signForDelivery',
    );
    assert.equal(signed.status, 'SIGNED');
    // The seal check before 签收 (the dashboard's): the national seal, verified with the package it came in.
    const seal = ok<{ stamped: boolean; valid: boolean; sealOrgName: string; checks: { check: string; ok: boolean }[] }>(
      await as(province, 'sxb.clerk', 'query($d: ID!) { documentSeal(documentId: $d) { stamped valid sealOrgName checks { check ok } } }', {
        d: r.document.id,
      }),
      'documentSeal',
    );
    assert.deepEqual([seal.stamped, seal.valid, seal.sealOrgName], [true, true, '陕西省人民政府办公厅'], JSON.stringify(seal.checks.filter((c) => !c.ok)));
    assert.ok(seal.checks.some((c) => c.check.startsWith('stamp')));
    // Printed by its clerk like any delivery: a PDF to download.
    const copy = ok<{ pdfSha256: string; copyNumber: number }>(
      await as(province, 'sxb.clerk', 'mutation($id: ID!) { printDelivery(id: $id) { pdfSha256 copyNumber } }', { id: r.id }),
      'printDelivery',
    );
    assert.equal(copy.copyNumber, 1);
    const pdf = await fetch(`${province.gatewayUrl.replace('/graphql', '/blobs')}/${copy.pdfSha256}`, {
      headers: { authorization: `Bearer ${tokens.get(`${province.gatewayUrl} sxb.clerk`)}` },
    });
    assert.equal(pdf.status, 200);
    const printed = Buffer.from(await pdf.arrayBuffer());
    // The sender's red header and its seal, checked for this print with the package it came in (this platform's
    // seals service does not know the national CA).
    const pages = await readPdf(printed);
    const text = pages.flatMap((pg) => pg.lines).join('\n');
    assert.ok(
      pages[0]?.pieces.some((x) => x.str.replace(/\s/g, '') === '陕西省人民政府办公厅'),
      'its sender in the red header',
    );
    assert.match(text, /电子印章验证通过（国家电子公文传输平台/, 'the seal verified for this print');
    assert.equal((await readImages(printed)).length, 1, 'and shown');
    // Another unit of the province sees nothing of it.
    const other = await as(province, 'xa.clerk', 'query($id: ID!) { document(id: $id) { id } }', { id: r.document.id });
    assert.ok(['NOT_FOUND', 'FORBIDDEN'].includes(other.errors?.[0]?.extensions?.code as string), JSON.stringify(other));
  });

  test('a package with a changed byte, from another CA, or replayed under another delivery’s id is refused naming what is wrong; a person and an ordinary unit’s token are refused; nothing is written', async () => {
    const before = await province.superCount('select count(*) as n from documents.documents where peer_origin is not null');
    // A changed byte in the body: the manifest's digest no longer matches.
    const files = unzipSync(new Uint8Array(Buffer.from(pkg, 'base64')));
    const body = files['content/body.html'] as Uint8Array;
    files['content/body.html'] = strToU8(`${new TextDecoder().decode(body)} `);
    const tampered = Buffer.from(zipSync(files)).toString('base64');
    const t = await province.gql(RECEIVE, { d: `tampered-${randomUUID()}`, p: tampered }, exchange.province);
    assert.equal(t.errors?.[0]?.extensions?.code, 'PEER_PACKAGE_REFUSED', JSON.stringify(t.errors));
    assert.match(t.errors?.[0]?.message ?? '', /content\/body\.html/);

    // A genuine package, but from the province's own CA: not the peer's pinned roots.
    const own = await sendOn(province, '省内自己发出的通知', { orgId: await province.orgId('610100'), name: '西安市人民政府' });
    const ownPkg = ok<{ base64: string }>(await as(province, 'xa.clerk', EXPORT, { d: own.documentId }), 'exportEvidencePackage').base64;
    const foreign = await province.gql(RECEIVE, { d: `own-ca-${randomUUID()}`, p: ownPkg }, exchange.province);
    assert.equal(foreign.errors?.[0]?.extensions?.code, 'PEER_PACKAGE_REFUSED', JSON.stringify(foreign.errors));

    // The genuine package again, under another delivery's id (a replay): it was taken in and signed for already.
    const replay = await province.gql(RECEIVE, { d: `replay-${randomUUID()}`, p: pkg }, exchange.province);
    assert.equal(replay.errors?.[0]?.extensions?.code, 'CONFLICT', JSON.stringify(replay.errors));
    assert.match(replay.errors?.[0]?.message ?? '', new RegExp(sent.deliveryId));

    // Only the exchange names who opened or signed for it on the other platform: a clerk here may not.
    const own2 = await sendOn(province, '省内另一份通知', { orgId: await province.orgId('610100'), name: '西安市人民政府' });
    const claimed = await as(province, 'xa.clerk', 'mutation($id: ID!) { signForDelivery(id: $id, signedByThere: "王某") { status } }', {
      id: own2.deliveryId,
    });
    assert.equal(claimed.errors?.[0]?.extensions?.code, 'FORBIDDEN', JSON.stringify(claimed.errors));
    const opened = await as(province, 'xa.clerk', 'mutation($id: ID!) { openDelivery(id: $id, openedByThere: "王某") { status } }', { id: own2.deliveryId });
    assert.equal(opened.errors?.[0]?.extensions?.code, 'FORBIDDEN', JSON.stringify(opened.errors));
    const still = ok<{ status: string }>(
      await as(province, 'xa.clerk', 'query($id: ID!) { delivery(id: $id) { status } }', { id: own2.deliveryId }),
      'delivery',
    );
    assert.equal(still.status, 'DELIVERED');

    // Not base64 at all.
    const bad = await province.gql(RECEIVE, { d: `bad-${randomUUID()}`, p: '这不是证据包' }, exchange.province);
    assert.equal(bad.errors?.[0]?.extensions?.code, 'BAD_INPUT');
    assert.equal(bad.errors?.[0]?.extensions?.field, 'evidencePackage');

    // A person, even the receiving unit's clerk, and an ordinary unit's OA token hand over nothing.
    const xcToken = ok<{ token: string }>(
      await as(province, 'xc.admin', 'mutation($o: ID!) { issueApiToken(orgId: $o, name: "新城区OA", expiresInDays: 30) { token } }', {
        o: await province.orgId('610102'),
      }),
      'issueApiToken',
    ).token;
    for (const [who, r] of [
      ['sxb.clerk', await as(province, 'sxb.clerk', RECEIVE, { d: `person-${randomUUID()}`, p: pkg })],
      ['新城区OA', await province.gql(RECEIVE, { d: `oa-${randomUUID()}`, p: pkg }, xcToken)],
    ] as const)
      assert.equal(r.errors?.[0]?.extensions?.code, 'FORBIDDEN', `${who}: ${JSON.stringify(r.errors)}`);
    assert.equal(await province.superCount('select count(*) as n from documents.documents where peer_origin is not null'), before, 'nothing was taken in');
  });

  test('a genuine package carrying a file that fails the malware scan here is refused naming the file; nothing is taken in', async () => {
    const before = await province.superCount('select count(*) as n from documents.documents where peer_origin is not null');
    const eicar = Buffer.from('X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*');
    // Sent on the national platform to a unit there (nothing waits for the exchange to hand over), its package as its
    // sender exports it, handed to the province as the exchange would.
    const infected = await sendOn(national, '附件带病毒的通知', { orgId: await national.orgId('610100'), name: '西安市人民政府' }, undefined, eicar);
    const infectedPkg = ok<{ base64: string }>(await as(national, 'sxb.clerk', EXPORT, { d: infected.documentId }), 'exportEvidencePackage').base64;
    const r = await province.gql(RECEIVE, { d: `infected-${randomUUID()}`, p: infectedPkg }, exchange.province);
    assert.equal(r.errors?.[0]?.extensions?.code, 'FILE_INFECTED', JSON.stringify(r.errors));
    assert.equal(r.errors?.[0]?.extensions?.field, 'evidencePackage');
    // Named by the file's place in the package, and what the scan found.
    assert.match(r.errors?.[0]?.message ?? '', /did not pass the malware scan \(.+\): .+/);
    assert.ok(r.status < 500, `HTTP ${r.status}`);
    assert.equal(await province.superCount('select count(*) as n from documents.documents where peer_origin is not null'), before, 'nothing was taken in');
  });

  test('the stand-in is not a unit of the province’s tree: a selection leaves it out; only the office it stands under sends to it, and any other unit is refused, saying why', async () => {
    const evaluate =
      'query($r: [RecipientSpecInput!]!, $s: ID) { evaluateRouting(docType: "报告", recipients: $r, senderOrgId: $s) { decisions { org { id } allowed reason } } }';
    const all = ok<{ decisions: { org: { id: string } }[] }>(
      await as(province, 'sx.admin', evaluate, { r: [{ selector: { rootId: await province.orgId('610000') } }] }),
      'evaluateRouting',
    );
    assert.ok(all.decisions.length > 100);
    assert.ok(!all.decisions.some((d) => d.org.id === standIn), 'a selection of the whole province leaves the stand-in out');
    const named = async (user: string) =>
      ok<{ decisions: { allowed: boolean; reason: string }[] }>(await as(province, user, evaluate, { r: [{ orgIds: [standIn] }] }), 'evaluateRouting')
        .decisions[0];
    for (const user of ['sx.admin', 'xa.clerk']) {
      const d = await named(user);
      assert.equal(d?.allowed, false, user);
      assert.match(d?.reason ?? '', /只接收其所在办公室的发文/);
    }
    const office = await named('sxb.clerk');
    assert.equal(office?.allowed, true, office?.reason);
  });

  test('the exchange carries it both ways by itself: 接收, 签收 and 退回 go back, a resend replaces what it answers, a recall withdraws, and a report goes up', async () => {
    const running = startExchange({
      peer: gatewayClient(national.gatewayUrl, exchange.national),
      here: gatewayClient(province.gatewayUrl, exchange.province),
      log: createLogger('exchange'),
      intervalMs: 200,
    });
    try {
      /** A delivery as its sender sees it (the 省政府办公厅 of either platform). */
      const statusOn = async (p: Platform, id: string) =>
        ok<{ status: string; stateReason: string | null; stateNote: string | null }>(
          await as(p, 'sxb.clerk', 'query($id: ID!) { delivery(id: $id) { status stateReason stateNote } }', { id }),
          'delivery',
        );
      const statusThere = (id: string) => statusOn(national, id);
      const until = async (what: string, done: () => Promise<boolean>) => {
        for (const end = Date.now() + 30_000; !(await done()); await new Promise((r) => setTimeout(r, 100)))
          if (Date.now() > end) assert.fail(`within 30 s: ${what}`);
      };
      const twinOn = async (p: Platform, token: string, peerDeliveryId: string) =>
        ok<{ peerDeliveryId: string; delivery: { id: string; status: string; parentDeliveryId: string | null } }[]>(
          await p.gql(
            'query($ids: [ID!]!) { peerDeliveries(peerDeliveryIds: $ids) { peerDeliveryId delivery { id status parentDeliveryId } } }',
            { ids: [peerDeliveryId] },
            token,
          ),
          'peerDeliveries',
        )[0]?.delivery;
      const twinOf = (peerDeliveryId: string) => twinOn(province, exchange.province, peerDeliveryId);
      const clerk = (query: string, id: string) => as(province, 'sxb.clerk', query, { id });

      // The document handed over by hand before: the exchange finds it taken in already, and reports its 签收 there.
      await until('the earlier 签收 is reported there', async () => (await statusThere(sent.deliveryId)).status === 'SIGNED');

      // A new one arrives here by itself. It is 接收 there only when 省政府办公厅’s clerk opens it, and 签收 when signed.
      const second = await sendOn(national, '国务院办公厅关于开展冬季安全大检查的通知');
      await until('it arrives in 省政府办公厅’s inbox', async () => !!(await twinOf(second.deliveryId)));
      await running.tick();
      assert.equal((await statusThere(second.deliveryId)).status, 'DELIVERED', 'not yet 接收 there: nobody here has opened it');
      const twin = (await twinOf(second.deliveryId)) as { id: string };
      ok(await clerk('mutation($id: ID!) { openDelivery(id: $id) { status } }', twin.id), 'openDelivery');
      await until('接收 there once opened here', async () => (await statusThere(second.deliveryId)).status === 'RECEIVED');
      // Who opened it here, by name, with the platform: not the exchange's token.
      const opener = ok<{ receivedByName: string }>(
        await clerk('query($id: ID!) { delivery(id: $id) { receivedByName } }', twin.id),
        'delivery',
      ).receivedByName;
      const openedThere = ok<{ receivedByName: string }>(
        await as(national, 'sxb.clerk', 'query($id: ID!) { delivery(id: $id) { receivedByName } }', { id: second.deliveryId }),
        'delivery',
      );
      assert.equal(openedThere.receivedByName, `${opener}（陕西省电子公文传输平台）`);
      ok(await clerk('mutation($id: ID!) { signForDelivery(id: $id) { status } }', twin.id), 'signForDelivery');
      await until('its 签收 is reported there', async () => (await statusThere(second.deliveryId)).status === 'SIGNED');
      // The sender there sees who signed for it here, by name, with the platform — not the exchange's token.
      const signer = ok<{ signedByName: string }>(await clerk('query($id: ID!) { delivery(id: $id) { signedByName } }', twin.id), 'delivery').signedByName;
      const signedThere = ok<{ signedByName: string }>(
        await as(national, 'sxb.clerk', 'query($id: ID!) { delivery(id: $id) { signedByName } }', { id: second.deliveryId }),
        'delivery',
      );
      assert.equal(signedThere.signedByName, `${signer}（陕西省电子公文传输平台）`);

      // A third, returned here with a reason: returned there with the same reason and note. Its sender resends it, and
      // the resend replaces the returned one here, linked to it.
      const third = await sendOn(national, '关于报送无关事项的通知');
      await until('it arrives', async () => !!(await twinOf(third.deliveryId)));
      const returned = (await twinOf(third.deliveryId)) as { id: string };
      ok(
        await clerk('mutation($id: ID!) { returnDelivery(id: $id, reason: NOT_OURS, note: "非本单位业务，请改送主管部门") { status } }', returned.id),
        'returnDelivery',
      );
      await until('its 退回 is reported there', async () => (await statusThere(third.deliveryId)).status === 'RETURNED');
      const there = await statusThere(third.deliveryId);
      assert.equal(there.stateReason, 'NOT_OURS');
      assert.equal(there.stateNote, '非本单位业务，请改送主管部门');
      const resent = ok<{ id: string }>(
        await as(national, 'sxb.clerk', 'mutation($id: ID!) { resendDelivery(id: $id) { id } }', { id: third.deliveryId }),
        'resendDelivery',
      );
      await until('the resend arrives', async () => !!(await twinOf(resent.id)));
      const replacing = (await twinOf(resent.id)) as { id: string; status: string; parentDeliveryId: string | null };
      assert.equal(replacing.status, 'DELIVERED');
      assert.equal(replacing.parentDeliveryId, returned.id, 'the resend here replaces the delivery that was returned');
      assert.equal((await twinOf(third.deliveryId))?.status, 'RESENT');

      // A fourth, recalled by its sender before anyone here opened it: withdrawn here too, with the sender's note.
      const fourth = await sendOn(national, '关于召开年终总结会议的通知');
      await until('it arrives', async () => !!(await twinOf(fourth.deliveryId)));
      ok(
        await as(national, 'sxb.clerk', 'mutation($id: ID!) { recallDelivery(id: $id, note: "会议时间调整，另行通知") { status } }', { id: fourth.deliveryId }),
        'recallDelivery',
      );
      await until('the recall is carried here', async () => (await twinOf(fourth.deliveryId))?.status === 'RECALLED');
      const recalled = ok<{ stateNote: string }>(
        await clerk('query($id: ID!) { delivery(id: $id) { stateNote } }', ((await twinOf(fourth.deliveryId)) as { id: string }).id),
        'delivery',
      );
      assert.match(recalled.stateNote, /会议时间调整，另行通知/);

      // Upward: 省政府办公厅 reports to 国务院办公厅, the national platform's stand-in here. The report arrives in the
      // national office's inbox, as sent by the province's stand-in there, and its 签收 there is reported back here.
      const report = await sendOn(province, '陕西省人民政府办公厅关于岁末年初安全生产工作情况的报告', { orgId: standIn, name: '国务院办公厅' }, '报告');
      const up = async () => twinOn(national, exchange.national, report.deliveryId);
      await until('the report arrives on the national platform', async () => !!(await up()));
      const upTwin = (await up()) as { id: string };
      const arrived = ok<{ title: string; senderName: string; recipientOrgId: string }>(
        await as(national, 'sxb.clerk', 'query($id: ID!) { delivery(id: $id) { title senderName recipientOrgId } }', { id: upTwin.id }),
        'delivery',
      );
      assert.equal(arrived.title, report.title);
      assert.equal(arrived.senderName, '陕西省人民政府办公厅');
      ok(await as(national, 'sxb.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { status } }', { id: upTwin.id }), 'signForDelivery');
      await until('its 签收 is reported back here', async () => (await statusOn(province, report.deliveryId)).status === 'SIGNED');

      // Nothing was taken in twice, however many turns ran; a turn with nothing to do does nothing.
      assert.equal(
        await province.superCount('select count(*) as n from documents.documents where peer_origin is not null'),
        5,
        'five documents taken in here (the resend its own, with its own package), once each',
      );
      assert.equal(await national.superCount('select count(*) as n from documents.documents where peer_origin is not null'), 1, 'one taken in there');
      const idle = { handedOver: 0, refused: 0, received: 0, signed: 0, returned: 0, resendRequested: 0, recalled: 0, failed: 0 };
      // tick() joins a turn already running, which may be the one that reported the last 签收: a turn begun after it
      // ended is the one that must find nothing to do.
      await running.tick();
      assert.deepEqual(await running.tick(), { fromPeer: idle, toPeer: idle });
    } finally {
      await running.close();
    }
  });

  test('a recall made while a turn hands the same document over is carried in that turn, not the next', async () => {
    const fifth = await sendOn(national, '关于调整节假日值班安排的通知');
    const here = gatewayClient(province.gatewayUrl, exchange.province);
    // The sender recalls it after the turn has read what waits there and handed it over: as the turn goes on to look
    // for recalls here.
    let recalledDuringTurn = false;
    const racing: typeof here = {
      ...here,
      async request<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
        if (query.includes('peerDeliveriesNotYetReceived') && !recalledDuringTurn) {
          ok(
            await as(national, 'sxb.clerk', 'mutation($id: ID!) { recallDelivery(id: $id, note: "文号有误，另行印发") { status } }', { id: fifth.deliveryId }),
            'recallDelivery',
          );
          recalledDuringTurn = true;
        }
        return here.request<T>(query, variables);
      },
    };
    const running = startExchange({
      peer: gatewayClient(national.gatewayUrl, exchange.national),
      here: racing,
      log: createLogger('exchange'),
      intervalMs: 3_600_000,
    });
    try {
      // The exchange's first turn, the one that races (its timer's first turn joins this one).
      const turn = await running.tick();
      assert.ok(recalledDuringTurn, 'the turn handed the fifth over and its sender recalled it meanwhile');
      assert.equal(turn.fromPeer.handedOver, 1);
      assert.equal(turn.fromPeer.recalled, 1, 'the recall is carried in the same turn');
      const twin = ok<{ delivery: { status: string; stateNote: string } }[]>(
        await province.gql(
          'query($ids: [ID!]!) { peerDeliveries(peerDeliveryIds: $ids) { delivery { status stateNote } } }',
          { ids: [fifth.deliveryId] },
          exchange.province,
        ),
        'peerDeliveries',
      )[0];
      assert.equal(twin?.delivery.status, 'RECALLED', 'withdrawn here after one turn');
      assert.match(twin?.delivery.stateNote ?? '', /文号有误，另行印发/);
    } finally {
      await running.close();
    }
  });

  test('an exchange pointed at a platform whose CA is not the one pinned: each document is refused here and its sender asked there to resend it', async () => {
    // The province's own 西安市 as "the peer": its packages carry the province's CA, not the national one pinned.
    const xaToken = ok<{ token: string }>(
      await as(province, 'xa.admin', 'mutation($o: ID!) { issueApiToken(orgId: $o, name: "误配交换", expiresInDays: 1) { token } }', {
        o: await province.orgId('610100'),
      }),
      'issueApiToken',
    ).token;
    const before = await province.superCount('select count(*) as n from documents.documents where peer_origin is not null');
    const doc = await sendOn(province, '一份不应经交换的通知', { orgId: await province.orgId('610100'), name: '西安市人民政府' });
    const wrong = startExchange({
      peer: gatewayClient(province.gatewayUrl, xaToken),
      here: gatewayClient(province.gatewayUrl, exchange.province),
      log: createLogger('exchange'),
      intervalMs: 3_600_000,
    });
    try {
      const turn = (await wrong.tick()).fromPeer;
      assert.ok(turn.refused >= 1, JSON.stringify(turn));
      assert.equal(turn.handedOver, 0);
    } finally {
      await wrong.close();
    }
    const there = ok<{ status: string; stateNote: string }>(
      await as(province, 'xa.clerk', 'query($id: ID!) { delivery(id: $id) { status stateNote } }', { id: doc.deliveryId }),
      'delivery',
    );
    assert.equal(there.status, 'RESEND_REQUESTED');
    assert.match(there.stateNote, /证据包验证未通过/);
    assert.equal(await province.superCount('select count(*) as n from documents.documents where peer_origin is not null'), before, 'nothing taken in');
  });

  test('handed over several times at once — a retry beside the first, replays under other ids — a document is taken in once', async () => {
    const twice = await sendOn(national, '国务院办公厅关于同时交换测试的通知');
    const zip = await exportOnNational(twice.documentId);
    const at = await Promise.all(
      [twice.deliveryId, twice.deliveryId, `${twice.deliveryId}-replay-1`, `${twice.deliveryId}-replay-2`].map((d) =>
        province.gql(RECEIVE, { d, p: zip }, exchange.province),
      ),
    );
    const taken = new Set(at.flatMap((x) => (x.errors ? [] : [x.data?.receiveFromPeer.id as string])));
    assert.equal(taken.size, 1, `one delivery, whichever came first: ${JSON.stringify(at.map((x) => x.errors?.[0]?.message ?? 'ok'))}`);
    for (const x of at.filter((y) => y.errors)) assert.equal(x.errors?.[0]?.extensions?.code, 'CONFLICT');
    assert.equal(
      await province.superCount("select count(*) as n from documents.documents where peer_origin->>'documentId' = $1", [twice.documentId]),
      1,
      'taken in once',
    );
  });
});
