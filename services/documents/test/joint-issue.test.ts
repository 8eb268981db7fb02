// 联合行文 through the gateway (issue 18): 西安市 drafts a joint document with 新城区 and 省政府办公厅 as co-issuers.
// Their 会签 opens when 西安市's chain has approved it; the send waits for every 会签; a decline sends the draft back
// to its author and a resubmission asks again; 省政府办公厅, which has a seal in use, countersigns only once its two
// custodians stamped the document; the recipient's print shows the joint banner, every issuer's 署名 and the
// co-issuer's verified seal over its own 署名 (read back with pdf.js). Wrong unit and wrong role are refused.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { asDemoUsers, codeOf, ok, type Platform, startPlatform } from '../../../test/support/harness.ts';
import { readImages, readPdf } from '../../../test/support/pdf-text.ts';
import { makeOfficeSeal, OFFICE_PINS } from '../../../test/support/seals.ts';

let p: Platform;
const { gql, tokens } = asDemoUsers(() => p);
before(async () => {
  p = await startPlatform({ services: ['documents', 'seals'] });
});
after(() => p?.close());

const CO = 'coIssuers { orgName position status decidedByName comment stamped }';
const COUNTERSIGN = `mutation($id: ID!, $c: String) { countersignDocument(id: $id, comment: $c) { id ${CO} } }`;
const DECLINE = `mutation($id: ID!, $r: String!) { declineCountersign(id: $id, reason: $r) { id ${CO} } }`;
const REQUESTS = '{ countersignRequests { id title } }';
const SEND = 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { status docNumber } }';
const approve = async (id: string) => {
  ok(await gql('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id }), 'submitForApproval');
  for (let i = 0; i < 2; i++) ok(await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id }), 'approveDocument');
};

test('a joint document: 会签 by each co-issuer after the lead’s approval, a decline sends it back, each seal on the print', async () => {
  await makeOfficeSeal(gql);
  const [xincheng, beilin] = [await p.orgId('610102'), await p.orgId('610103')];
  const office = (await gql('sxb.admin', '{ me { orgId } }')).data?.me.orgId as string;
  const title = `西安市人民政府 新城区人民政府 陕西省人民政府办公厅关于联合开展公文规范检查的通知（${Date.now().toString(36)}）`;
  const input = {
    docType: '通知',
    title,
    body: '<p>现将有关事项通知如下。</p>',
    docPrefix: '市政发',
    docDate: '2026-11-30',
    recipients: [{ orgIds: [beilin], printQuota: 1 }],
    coIssuerIds: [xincheng, office],
  };
  const id = ok<{ id: string }>(await gql('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', { in: input }), 'createDraft').id;
  ok(await gql('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id }), 'submitForApproval');

  // Named and waiting; the 会签 opens when the lead's chain has approved.
  const named = ok<{ coIssuers: { orgName: string; status: string }[] }>(
    await gql('xa.drafter', `query($id: ID!) { document(id: $id) { ${CO} } }`, { id }),
    'document',
  );
  assert.deepEqual(
    named.coIssuers.map((c) => [c.orgName, c.status]),
    [
      ['西安市新城区人民政府', 'PENDING'],
      ['陕西省人民政府办公厅', 'PENDING'],
    ],
  );
  assert.equal(codeOf(await gql('xc.leader', COUNTERSIGN, { id })), 'NOT_COUNTERSIGNED', 'not before the lead approved');
  assert.deepEqual(ok(await gql('xc.leader', REQUESTS), 'countersignRequests'), []);
  for (let i = 0; i < 2; i++) ok(await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id }), 'approveDocument');

  // Waiting for the co-issuers: listed for their leaders, readable by them (the body too), not by a recipient-to-be.
  const listed = ok<{ id: string }[]>(await gql('xc.leader', REQUESTS), 'countersignRequests');
  assert.deepEqual(
    listed.map((d) => d.id),
    [id],
  );
  const read = ok<{ title: string; body: string }>(await gql('xc.leader', 'query($id: ID!) { document(id: $id) { title body } }', { id }), 'document');
  assert.match(read.body, /现将有关事项/);
  assert.equal(codeOf(await gql('bl.clerk', 'query($id: ID!) { document(id: $id) { title } }', { id })), 'NOT_FOUND');
  const refused = await gql('xa.clerk', SEND, { id, k: randomUUID() });
  assert.equal(codeOf(refused), 'NOT_COUNTERSIGNED', 'not sent before every 会签');
  assert.deepEqual(refused.errors?.[0]?.extensions?.waiting, ['西安市新城区人民政府', '陕西省人民政府办公厅']);

  // Wrong role, wrong unit, empty reason.
  assert.equal(codeOf(await gql('xc.drafter', COUNTERSIGN, { id })), 'FORBIDDEN');
  assert.equal(codeOf(await gql('xc.drafter', REQUESTS)), 'FORBIDDEN');
  assert.equal(codeOf(await gql('xa.leader', COUNTERSIGN, { id })), 'NOT_FOUND', 'the lead is no co-issuer');
  assert.equal(codeOf(await gql('xc.leader', DECLINE, { id, r: '  ' })), 'BAD_INPUT');

  // A decline: back to the author, who changes and submits it; every co-issuer is asked again.
  const declined = ok<{ coIssuers: { status: string; comment: string; decidedByName: string }[] }>(
    await gql('xc.leader', DECLINE, { id, r: '请补充检查时间安排' }),
    'declineCountersign',
  );
  assert.deepEqual(
    [declined.coIssuers[0]?.status, declined.coIssuers[0]?.comment, declined.coIssuers[0]?.decidedByName],
    ['DECLINED', '请补充检查时间安排', '罗文彬'],
  );
  assert.equal(codeOf(await gql('xc.leader', COUNTERSIGN, { id })), 'ILLEGAL_TRANSITION', 'decided once');
  assert.match((await gql('xa.clerk', SEND, { id, k: randomUUID() })).errors?.[0]?.message ?? '', /declined by 西安市新城区人民政府 \(请补充检查时间安排\)/);
  ok(
    await gql('xa.drafter', 'mutation($id: ID!, $in: DraftInput!) { updateDraft(id: $id, input: $in) { status } }', {
      id,
      in: { ...input, body: '<p>现将有关事项通知如下。检查时间为12月1日至12月15日。</p>' },
    }),
    'updateDraft',
  );
  await approve(id);
  const again = ok<{ coIssuers: { status: string }[] }>(await gql('xa.drafter', `query($id: ID!) { document(id: $id) { ${CO} } }`, { id }), 'document');
  assert.deepEqual(
    again.coIssuers.map((c) => c.status),
    ['PENDING', 'PENDING'],
  );

  // 新城区 has no seal in use: its leader's 会签 alone. 省政府办公厅 has one: its custodians stamp first.
  const xc = ok<{ coIssuers: { status: string; decidedByName: string; stamped: boolean }[] }>(
    await gql('xc.leader', COUNTERSIGN, { id, c: '同意' }),
    'countersignDocument',
  );
  assert.deepEqual([xc.coIssuers[0]?.status, xc.coIssuers[0]?.decidedByName, xc.coIssuers[0]?.stamped], ['COUNTERSIGNED', '罗文彬', false]);
  assert.equal(codeOf(await gql('sxb.leader', COUNTERSIGN, { id })), 'SEAL_REQUIRED');
  const request = ok<{ id: string }>(await gql('sxb.seal', 'mutation($d: ID!) { requestStamp(documentId: $d) { id } }', { d: id }), 'requestStamp');
  for (const who of ['sxb.seal', 'sxb.seal2'] as const)
    ok(
      await gql(who, 'mutation($r: ID!, $p: String!) { presentSealPin(requestId: $r, pin: $p) { status } }', { r: request.id, p: OFFICE_PINS[who] }),
      'presentSealPin',
    );
  // A co-issuer sees its own 会签 (the lead sees every one).
  const sxb = ok<{ coIssuers: { orgName: string; status: string; stamped: boolean }[] }>(await gql('sxb.leader', COUNTERSIGN, { id }), 'countersignDocument');
  assert.deepEqual(
    sxb.coIssuers.map((c) => [c.orgName, c.status, c.stamped]),
    [['陕西省人民政府办公厅', 'COUNTERSIGNED', true]],
  );
  assert.deepEqual(ok(await gql('sxb.leader', REQUESTS), 'countersignRequests'), [], 'nothing left to countersign');

  const sent = ok<{ status: string }>(await gql('xa.clerk', SEND, { id, k: randomUUID() }), 'sendDocument');
  assert.equal(sent.status, 'SENT');

  // The recipient sees the co-issuers and prints the joint document with the co-issuer's verified seal.
  const delivery = ok<{ nodes: { id: string }[] }>(
    await gql('bl.clerk', 'query($s: String!) { inbox(filter: {search: $s}) { nodes { id } } }', { s: title }),
    'inbox',
  ).nodes[0]?.id;
  assert.ok(delivery);
  const seen = ok<{ document: { coIssuers: { orgName: string; status: string; stamped: boolean }[] } }>(
    await gql('bl.clerk', `query($id: ID!) { delivery(id: $id) { document { ${CO} } } }`, { id: delivery }),
    'delivery',
  );
  assert.deepEqual(
    seen.document.coIssuers.map((c) => [c.orgName, c.status, c.stamped]),
    [
      ['西安市新城区人民政府', 'COUNTERSIGNED', false],
      ['陕西省人民政府办公厅', 'COUNTERSIGNED', true],
    ],
  );
  const print = ok<{ pdfSha256: string; withinQuota: boolean }>(
    await gql('bl.clerk', 'mutation($id: ID!) { printDelivery(id: $id) { pdfSha256 withinQuota } }', { id: delivery }),
    'printDelivery',
  );
  assert.equal(print.withinQuota, true);
  const pdf = Buffer.from(
    await (
      await fetch(`${p.gatewayUrl.replace('/graphql', '/blobs')}/${print.pdfSha256}`, { headers: { authorization: `Bearer ${tokens['bl.clerk']}` } })
    ).arrayBuffer(),
  );
  const pages = await readPdf(pdf);
  for (const banner of ['西安市人民政府', '西安市新城区人民政府', '陕西省人民政府办公厅'])
    assert.ok(
      pages[0]?.pieces.some((x) => x.str.replace(/\s/g, '') === banner),
      `${banner} in the banner`,
    );
  // The platform's last lines are one paragraph, wrapped where the page ends: read as one.
  const trail = pages.flatMap((pg) => pg.lines).join('');
  assert.match(trail, /陕西省人民政府办公厅：电子印章验证通过/, 'the co-issuer’s seal verified for this print');
  assert.match(trail, /西安市人民政府：本件未加盖电子印章/, 'the lead named beside the co-issuer, its print unsealed');
  const images = await readImages(pdf);
  assert.equal(images.length, 1, '西安市 has no seal in use; 省政府办公厅’s seal is the one image');
  const seal = images[0];
  const page = pages[(seal?.page ?? 1) - 1];
  const name = page?.pieces.find((x) => x.str === '陕西省人民政府办公厅' && seal && x.y > seal.y && x.y < seal.y + seal.height);
  assert.ok(seal && name, 'the seal presses its own unit’s 署名');
  assert.ok(Math.abs(seal.x + seal.width / 2 - (name.x + name.width / 2)) < 2, 'centred on it');
});

test('a co-issuer that is no unit is refused at the submission, named as the draft’s field; the draft stays a draft', async () => {
  const input = {
    docType: '通知',
    title: '关于联合发文单位有误的通知',
    body: '<p>正文</p>',
    docPrefix: '市政发',
    recipients: [{ orgIds: [await p.orgId('610103')] }],
    coIssuerIds: [randomUUID()],
  };
  const id = ok<{ id: string }>(await gql('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', { in: input }), 'createDraft').id;
  const refused = await gql('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id });
  assert.equal(codeOf(refused), 'BAD_INPUT');
  assert.equal(refused.errors?.[0]?.extensions?.field, 'coIssuerIds');
  assert.equal(ok<{ status: string }>(await gql('xa.drafter', 'query($id: ID!) { document(id: $id) { status } }', { id }), 'document').status, 'DRAFT');
});
