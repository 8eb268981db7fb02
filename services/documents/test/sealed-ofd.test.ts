// 登记 before 用印, and the seal's signature in the OFD (issue 18), through the real gateway and services: the stamp's
// request numbers the document (gapless, also when asked concurrently), the second custodian's PIN signs the OFD laid
// out with that number, and the send stores the OFD with the seal's signature (GB/T 33190 §18, GB/T 38540): the
// recipient's download verifies, a changed byte of any signed file breaks it, an OFD that is not what the seal signed
// is not sent (OFD_CHANGED). A numbered document withdrawn unsent shows its number 作废 in the 发文登记簿; the
// register is the unit's own and its clerks', administrators' and leaders'.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { asDemoUsers, codeOf, ok, type Platform, startPlatform } from '../../../test/support/harness.ts';
import { readPdf } from '../../../test/support/pdf-text.ts';
import { approvedOfficeDocument, makeOfficeSeal, sealedSend, stampOfficeDocument } from '../../../test/support/seals.ts';
import { OFD_FILES, pageFile, SIGN_FILES, unpackOfd, verifyOfdSignature } from '../src/domain/ofd/index.ts';

let p: Platform;
const { gql, tokens } = asDemoUsers(() => p);
const REGISTER =
  'query($y: Int!, $p: String) { docNumberRegister(year: $y, prefix: $p) { docNumber seq status documentId title voidReason voidedByName numberedAt sentAt numberedByName } }';
type Entry = {
  docNumber: string;
  seq: number;
  status: string;
  documentId: string;
  title: string;
  voidReason: string | null;
  voidedByName: string | null;
  numberedAt: string;
  sentAt: string | null;
  numberedByName: string | null;
};
const year = () => new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
const register = async (user = 'sxb.clerk') => ok<Entry[]>(await gql(user, REGISTER, { y: year(), p: '陕政办发' }), 'docNumberRegister');
const send = (documentId: string) =>
  gql('sxb.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { status docNumber ofdSha256 } }', {
    id: documentId,
    k: randomUUID(),
  });

before(async () => {
  p = await startPlatform();
  await makeOfficeSeal(gql);
});
after(() => p?.close());

test('the stamp numbers the document; the send keeps that number and stores the OFD signed by the seal, which verifies as downloaded', async () => {
  const title = '关于版式文件电子签章试点的通知';
  const sent = await sealedSend(p, gql, tokens, title);
  const entry = (await register()).find((e) => e.documentId === sent.documentId);
  assert.equal(entry?.status, 'SENT');
  assert.equal(entry?.docNumber, sent.docNumber, 'the number the stamp took is the one sent');
  assert.ok(entry?.sentAt && new Date(entry.numberedAt) < new Date(entry.sentAt), 'numbered when the stamp was asked for, before the send');
  assert.equal(entry?.numberedByName, '张伟', 'who asked for the stamp, by name');
  // The office's 发文稿纸 names the two custodians who stamped it, from the seal's register; a recipient's print does not
  // read another unit's register.
  const sheet = await fetch(`${p.gatewayUrl.replace('/graphql', '/blobs')}?sheet=draft&document=${sent.documentId}`, {
    headers: { authorization: `Bearer ${await p.login('sxb.clerk')}` },
  });
  assert.equal(sheet.status, 200);
  const sheetText = (await readPdf(Buffer.from(await sheet.arrayBuffer()))).map((page) => page.lines.join('')).join('');
  assert.match(sheetText, /印章保管人：杨丽、黄海燕/);

  const files = unpackOfd(sent.ofd);
  const check = verifyOfdSignature(files);
  assert.ok(check.valid, JSON.stringify(check.checks));
  assert.ok(check.signedAt, 'the SES_Signature’s time');
  assert.ok(files.get(pageFile(0))?.toString('utf8').includes(`>${sent.docNumber}<`), 'the signed page shows the 发文字号');
  assert.match(files.get(OFD_FILES.entry)?.toString('utf8') ?? '', /<ofd:Signatures>Doc_0\/Signs\/Signatures.xml<\/ofd:Signatures>/);
  const signature = files.get(SIGN_FILES.signature)?.toString('utf8') ?? '';
  assert.match(signature, /<ofd:SignatureMethod>1\.2\.156\.10197\.1\.501<\/ofd:SignatureMethod>/, 'SM2 with SM3: the office’s seal');
  assert.match(signature, /<ofd:StampAnnot ID="1" PageRef="\d+" Boundary="[\d.]+ [\d.]+ 42 42"\/>/, 'the seal 42 mm across where the print presses it');
  // The stamp the document keeps carries the same signature.
  const kept = await p.superQuery<{ stamp: { ofd: { docNumber: string; signedValue: string } } }>('select stamp from documents.documents where id = $1', [
    sent.documentId,
  ]);
  assert.equal(kept[0]?.stamp.ofd.docNumber, sent.docNumber);
  assert.deepEqual(Buffer.from(kept[0]?.stamp.ofd.signedValue ?? '', 'base64'), files.get(SIGN_FILES.value));

  // A changed byte in any file the signature covers, in Signature.xml or in SignedValue.dat fails the check.
  for (const [name, bytes] of files) {
    if (name === OFD_FILES.signatures) continue; // the list of signatures is read, not signed (GB/T 33190 §18.1)
    const copy = new Map(files);
    const changed = Buffer.from(bytes);
    const at = Math.min(60, changed.length - 1);
    changed[at] = (changed[at] as number) ^ 0x01;
    copy.set(name, changed);
    assert.equal(verifyOfdSignature(copy).valid, false, `a byte changed in ${name}`);
  }
});

test('a joint document led by a unit with a seal: its OFD, laid out with the co-issuer’s 署名, carries the lead’s signature', async () => {
  const [xian, baoji] = [await p.orgId('610100'), await p.orgId('610300')];
  const title = `陕西省人民政府办公厅 西安市人民政府关于联合发文签章的通知（${Date.now().toString(36)}）`;
  const created = ok(
    await gql('sxb.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
      in: { docType: '通知', title, body: '<p>联合发文。</p>', docPrefix: '陕政办发', recipients: [{ orgIds: [baoji] }], coIssuerIds: [xian] },
    }),
    'createDraft',
  );
  ok(await gql('sxb.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: created.id }), 'submitForApproval');
  ok(await gql('sxb.approver', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: created.id }), 'approveDocument');
  ok(await gql('sxb.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: created.id }), 'approveDocument');
  // 西安市 has no seal: its leader's 会签 alone. The office stamps: numbered, then signed.
  ok(await gql('xa.leader', 'mutation($id: ID!) { countersignDocument(id: $id, comment: "同意") { id } }', { id: created.id }), 'countersignDocument');
  await stampOfficeDocument(gql, created.id);
  const sent = ok(await send(created.id), 'sendDocument');
  const res = await fetch(`${p.gatewayUrl.replace('/graphql', '/blobs')}/${sent.ofdSha256}`, { headers: { authorization: `Bearer ${tokens['sxb.clerk']}` } });
  assert.equal(res.status, 200, 'the sender downloads its OFD');
  const files = unpackOfd(Buffer.from(await res.arrayBuffer()));
  const check = verifyOfdSignature(files);
  assert.ok(check.valid, JSON.stringify(check.checks));
  assert.match(files.get(OFD_FILES.entry)?.toString('utf8') ?? '', /<ofd:Author>陕西省人民政府办公厅、西安市人民政府<\/ofd:Author>/);
});

test('an OFD that is not what the seal signed is not sent: OFD_CHANGED, nothing delivered, the number still reserved', async () => {
  const documentId = await approvedOfficeDocument(p, gql, tokens, '关于签章后版式变化的通知');
  await stampOfficeDocument(gql, documentId);
  // The date the OFD shows moved a day (as if numbered the day before): the laid-out OFD.xml differs from the signed one.
  await p.superQuery("update documents.number_reservations set reserved_at = reserved_at - interval '1 day' where document_id = $1", [documentId]);
  const refused = await send(documentId);
  assert.equal(codeOf(refused), 'OFD_CHANGED', JSON.stringify(refused.errors));
  assert.ok(
    (refused.errors?.[0]?.extensions as { changed?: string[] }).changed?.some((c) => c.includes('OFD.xml')),
    'names what changed',
  );
  assert.equal(await p.superCount('select count(*) n from documents.deliveries where document_id = $1', [documentId]), 0, 'nothing sent');
  assert.equal((await register()).find((e) => e.documentId === documentId)?.status, 'RESERVED');
});

test('numbers taken concurrently for stamps are gapless and distinct; asked again, the same number', async () => {
  const ids = await Promise.all(Array.from({ length: 5 }, (_, i) => approvedOfficeDocument(p, gql, tokens, `关于并发登记第${i + 1}号的通知`)));
  const ask = (d: string) => gql('sxb.drafter', 'mutation($d: ID!) { requestStamp(documentId: $d) { id } }', { d });
  // Each document asked twice at once, all at once.
  const answers = await Promise.all([...ids, ...ids].map(ask));
  for (const a of answers) ok(a, 'requestStamp');
  const entries = (await register()).filter((e) => ids.includes(e.documentId));
  assert.equal(entries.length, ids.length, 'one number per document');
  const seqs = entries.map((e) => e.seq).sort((a, b) => a - b);
  assert.deepEqual(
    seqs,
    seqs.map((_, i) => (seqs[0] as number) + i),
    'consecutive',
  );
  const all = (await register()).map((e) => e.seq).sort((a, b) => a - b);
  assert.deepEqual(
    all,
    all.map((_, i) => i + 1),
    'the whole register, from 1: every number sent, reserved or voided',
  );
  ok(await ask(ids[0] as string), 'requestStamp');
  assert.equal((await register()).filter((e) => e.documentId === ids[0]).length, 1, 'asked again: still its one number');
});

test('a numbered document withdrawn unsent: its number 作废 with the reason; the next stamp takes a new one; a unit without a seal numbers at the send', async () => {
  const documentId = await approvedOfficeDocument(p, gql, tokens, '关于撤回作废文号的通知');
  const req = ok(await gql('sxb.drafter', 'mutation($d: ID!) { requestStamp(documentId: $d) { id } }', { d: documentId }), 'requestStamp');
  const first = (await register()).find((e) => e.documentId === documentId);
  assert.equal(first?.status, 'RESERVED');
  // The seal keepers' and the clerk's preview shows the number they stamp (已登记待发), before the send writes it.
  const NUMBERS = 'query($id: ID!) { document(id: $id) { docNumber reservedDocNumber } }';
  for (const who of ['sxb.seal', 'sxb.clerk'])
    assert.deepEqual(ok(await gql(who, NUMBERS, { id: documentId }), 'document'), { docNumber: null, reservedDocNumber: first?.docNumber });

  const withdrawn = ok(
    await gql('sxb.drafter', 'mutation($id: ID!, $r: String!) { withdrawApproval(id: $id, reason: $r) { status } }', { id: documentId, r: '主送单位有误' }),
    'withdrawApproval',
  );
  assert.equal(withdrawn.status, 'DRAFT');
  const voided = (await register()).find((e) => e.docNumber === first?.docNumber);
  assert.equal(voided?.status, 'VOIDED');
  assert.match(voided?.voidReason ?? '', /主送单位有误/);
  assert.ok(voided?.voidedByName, 'who voided it, by name');
  assert.deepEqual(ok(await gql('sxb.clerk', NUMBERS, { id: documentId }), 'document'), { docNumber: null, reservedDocNumber: null }, 'a draft has none');
  // The pending request lapses: the document is no longer approved.
  const pin = await gql('sxb.seal', 'mutation($r: ID!, $p: String!) { presentSealPin(requestId: $r, pin: $p) { status } }', { r: req.id, p: '135790' });
  assert.equal(codeOf(pin), 'ILLEGAL_TRANSITION');
  assert.equal(
    codeOf(await gql('sxb.drafter', 'mutation($id: ID!, $r: String!) { withdrawApproval(id: $id, reason: $r) { status } }', { id: documentId, r: '再撤' })),
    'ILLEGAL_TRANSITION',
    'only an approved document is withdrawn',
  );

  // Approved again, stamped and sent: a new number; the voided one stays voided.
  ok(await gql('sxb.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: documentId }), 'submitForApproval');
  ok(await gql('sxb.approver', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: documentId }), 'approveDocument');
  ok(await gql('sxb.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: documentId }), 'approveDocument');
  await stampOfficeDocument(gql, documentId);
  const sent = ok(await send(documentId), 'sendDocument');
  assert.notEqual(sent.docNumber, first?.docNumber);
  assert.deepEqual(ok(await gql('sxb.clerk', NUMBERS, { id: documentId }), 'document'), { docNumber: sent.docNumber, reservedDocNumber: null });
  const now = await register();
  assert.equal(now.find((e) => e.docNumber === first?.docNumber)?.status, 'VOIDED');
  assert.equal(now.find((e) => e.docNumber === sent.docNumber)?.status, 'SENT');

  // 西安市 has no seal: nothing reserved before, the send numbers it, its OFD carries no signature.
  const draft = ok(
    await gql('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
      in: {
        docType: '通知',
        title: '关于无印章单位发文编号的通知',
        body: '<p>正文。</p>',
        docPrefix: '市政发',
        recipients: [{ orgIds: [await p.orgId('610102')] }],
      },
    }),
    'createDraft',
  );
  ok(await gql('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: draft.id }), 'submitForApproval');
  ok(await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: draft.id }), 'approveDocument');
  ok(await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: draft.id }), 'approveDocument');
  assert.equal(await p.superCount('select count(*) n from documents.number_reservations where document_id = $1', [draft.id]), 0);
  const plain = ok(
    await gql('xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { docNumber } }', { id: draft.id, k: randomUUID() }),
    'sendDocument',
  );
  const xaRegister = ok<Entry[]>(await gql('xa.clerk', REGISTER, { y: year(), p: '市政发' }), 'docNumberRegister');
  assert.equal(xaRegister.find((e) => e.documentId === draft.id)?.docNumber, plain.docNumber, 'numbered at the send, listed as sent');
});

test('wrong tenant and wrong role: another unit sees none of the register and withdraws nothing; a seal keeper reads no register', async () => {
  const documentId = await approvedOfficeDocument(p, gql, tokens, '关于越权撤回测试的通知');
  const xa = ok<Entry[]>(await gql('xa.clerk', REGISTER, { y: year(), p: null }), 'docNumberRegister');
  assert.ok(!xa.some((e) => e.docNumber.startsWith('陕政办发')), 'no number of the office');
  assert.equal(codeOf(await gql('sxb.seal', REGISTER, { y: year(), p: null })), 'FORBIDDEN');
  const w = 'mutation($id: ID!, $r: String!) { withdrawApproval(id: $id, reason: $r) { status } }';
  assert.ok(['FORBIDDEN', 'NOT_FOUND'].includes(codeOf(await gql('xa.drafter', w, { id: documentId, r: '越权' })) as string));
  assert.equal(codeOf(await gql('sxb.leader', w, { id: documentId, r: '越权' })), 'FORBIDDEN');
  const doc = ok(await gql('sxb.drafter', 'query($id: ID!) { document(id: $id) { status } }', { id: documentId }), 'document');
  assert.equal(doc.status, 'APPROVED', 'unchanged');
});
