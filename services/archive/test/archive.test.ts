// The archive through the real platform: ingest by hand and on close, the four-property checks and each way they
// fail, gapless numbering under concurrency, retention and disposal with holds, the access register, export and
// import into another instance, and the evidence chain's tamper detection. Outsiders see nothing.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { internalClient, loadConfig } from '@yizhan/common';
import { documentsApi } from '@yizhan/contracts/documents';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import pg from 'pg';
import { callerContextOf } from '../../../test/support/caller-context.ts';
import { asDemoUsers, codeOf, eventually, ok, type Platform, startPlatform } from '../../../test/support/harness.ts';
import { readPdf } from '../../../test/support/pdf-text.ts';
import { approvedOfficeDocument, makeOfficeSeal, OFFICE_PINS } from '../../../test/support/seals.ts';

let p: Platform;
const { gql, tokens } = asDemoUsers(() => p);
/** As the superuser with triggers off: for simulating damage the application and its guards would refuse. */
async function sqlWithoutTriggers(platform: Platform, text: string, params: unknown[] = []) {
  const c = new pg.Client({ connectionString: platform.db.superUrl });
  await c.connect();
  try {
    await c.query("set session_replication_role = 'replica'");
    await c.query(text, params);
  } finally {
    await c.end();
  }
}

const RECORD = 'id fixity archivalNumber fonds year itemNo retention retentionUntil status title docNumber role checkReport metadataVersion hold';
const ARCHIVE = `mutation($d: ID!) { archiveDocument(documentId: $d) { ${RECORD} } }`;

/** A document of 省政府办公厅 to 西安市, sent; returns its id. */
async function sentDocument(title: string, attachment?: Buffer, opts: Parameters<typeof approvedOfficeDocument>[5] = {}) {
  const id = await approvedOfficeDocument(p, gql, tokens, title, attachment, opts);
  ok(await gql('sxb.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { status } }', { id, k: randomUUID() }), 'sendDocument');
  return id;
}
const failedChecks = (report: any) =>
  ['authenticity', 'integrity', 'usability', 'security'].flatMap((k) =>
    (report[k].findings as { ok: boolean; check: string }[]).filter((f) => !f.ok).map((f) => `${k}:${f.check}`),
  );

before(async () => {
  // Uploads scanned by definitions older than the archive's: a file let in then is what the archive's own scan finds.
  p = await startPlatform({ uploadScan: async () => null });
});
after(() => p?.close());

describe('archive', () => {
  test('the sender’s archivist archives a sent document: numbered, checked, and listed until then', async () => {
    const doc = await sentDocument('关于归档测试的通知', Buffer.from('附件：工作安排表'), {
      elements: { disclosure: 'NOT_PUBLIC', disclosureReason: '内部事务信息' },
    });
    type Entry = { documentId: string; role: string; recipients: number | null; unsigned: number | null };
    const QUEUE = '{ archivalQueue { documentId role reason recipients unsigned } }';
    const queue = await eventually(
      async () => ok<Entry[]>(await gql('sxb.archivist', QUEUE), 'archivalQueue'),
      (q) => q.some((x) => x.documentId === doc),
      p.drainArchiveEvents,
    );
    const entry = queue.find((q) => q.documentId === doc && q.role === 'SENDER');
    assert.ok(entry, 'the sent document waits to be archived');
    // The archivist sees who has not signed for it yet before archiving: 西安市, its one recipient, has not.
    assert.deepEqual([entry.recipients, entry.unsigned], [1, 1]);
    const delivery = ok(await gql('xa.clerk', '{ inbox(filter: {search: "关于归档测试的通知"}) { nodes { id } } }'), 'inbox').nodes[0].id;
    ok(await gql('xa.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: delivery }), 'signForDelivery');
    const signed = ok<Entry[]>(await gql('sxb.archivist', QUEUE), 'archivalQueue').find((q) => q.documentId === doc);
    assert.deepEqual([signed?.recipients, signed?.unsigned], [1, 0], 'counted again at the next read');
    // documents answers those counts to the unit that sent the document only: to its recipient's people, nothing.
    const docs = internalClient(documentsApi, p.documentsUrl);
    const as = (username: string) => callerContextOf(gql, username);
    assert.deepEqual((await docs.call('sent-progress', await as('sxb.archivist'), { documentIds: [doc] })).progress, [
      { documentId: doc, recipients: 1, signed: 1 },
    ]);
    assert.deepEqual((await docs.call('sent-progress', await as('xa.archivist'), { documentIds: [doc] })).progress, [], 'the recipient is told nothing');
    const xaQueue = ok<{ documentId: string; role: string }[]>(await gql('xa.archivist', '{ archivalQueue { documentId role } }'), 'archivalQueue');
    assert.ok(!xaQueue.some((q) => q.documentId === doc && q.role === 'SENDER'), '西安 does not see the office’s queue');
    assert.equal(codeOf(await gql('sxb.clerk', ARCHIVE, { d: doc })), 'FORBIDDEN', 'the archivist archives by hand');
    const r = ok(await gql('sxb.archivist', ARCHIVE, { d: doc }), 'archiveDocument');
    assert.equal(r.status, 'ARCHIVED', JSON.stringify(failedChecks(r.checkReport)));
    assert.equal(r.checkReport.passed, true);
    assert.equal(r.retention, 'Y30', '通知: thirty years by default');
    assert.match(r.archivalNumber, /^[0-9A-Z]+-WS·\d{4}-D30-FW-0001$/, '全宗号-门类代码·年度-保管期限-机构(问题)-件号 (DA/T 22-2015)');
    assert.equal(r.retentionUntil, `${r.year + 30}-12-31`);
    // The 版式文件 the send laid it out as (OFD) is kept beside the body, and checked with the rest.
    const [stored] = await p.superQuery<{ components: { role: string; contentType: string; name: string; sha256: string }[] }>(
      'select components from archive.records where id = $1',
      [r.id],
    );
    assert.deepEqual(
      stored?.components.map((c) => c.role),
      ['BODY', 'ATTACHMENT', 'LAYOUT', 'FORM', 'APPROVALS'],
    );
    assert.equal(stored?.components.find((c) => c.role === 'LAYOUT')?.contentType, 'application/ofd');
    // Filed with it as the office files paper (DA/T 22): its 发文稿纸, with the 签发 and its signature checked as it was
    // archived, and the signed approvals themselves, for the verifier.
    const form = stored?.components.find((c) => c.role === 'FORM');
    assert.match(form?.name ?? '', /^发文稿纸-.+\.pdf$/);
    const kept = form?.sha256 as string;
    const archiveDir = process.env.YIZHAN_ARCHIVE_DIR ?? path.join(loadConfig().dataDir, 'archive');
    const formText = (await readPdf(fs.readFileSync(path.join(archiveDir, kept.slice(0, 2), kept.slice(2))))).map((pg) => pg.lines.join('')).join('');
    for (const words of ['发文稿纸', '关于归档测试的通知', '签发人：', '电子签名验证有效']) assert.ok(formText.includes(words), words);
    const approvals = stored?.components.find((c) => c.role === 'APPROVALS');
    assert.equal(approvals?.contentType, 'application/json');
    assert.ok(JSON.stringify(r.checkReport.integrity).includes('审批签名.json：SHA-256 摘要一致'), 'checked with the rest');
    // 著录: its 页数 counted from that OFD (the one-page notice, and its text attachment laid out on a page of its
    // own), its 公开属性 as drafted, in the catalogue's words.
    const m = ok<{ metadata: Record<string, unknown> }>(
      await gql('sxb.archivist', 'query($id: ID!) { archiveRecord(id: $id) { metadata } }', { id: r.id }),
      'archiveRecord',
    ).metadata;
    assert.deepEqual([m.pages, m.disclosure, m.disclosureReason], [2, '不予公开', '内部事务信息']);
    assert.ok(JSON.stringify(r.checkReport.usability).includes('.ofd: an OFD file, whole'), JSON.stringify(r.checkReport.usability));
    assert.equal(codeOf(await gql('sxb.archivist', ARCHIVE, { d: doc })), 'CONFLICT', 'archived once');
    const after = ok<{ documentId: string }[]>(await gql('sxb.archivist', '{ archivalQueue { documentId } }'), 'archivalQueue');
    assert.ok(!after.some((q) => q.documentId === doc));
  });

  test('来文与复文 are filed together: the reply’s record names the document it answers, which names its reply', async () => {
    const title = '关于报送归档关联测试情况的通知';
    const notice = await sentDocument(title);
    const delivery = ok(await gql('xa.clerk', `{ inbox(filter: {search: "${title}"}) { nodes { id } } }`), 'inbox').nodes[0].id;
    ok(await gql('xa.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: delivery }), 'signForDelivery');
    // 西安市 answers with a 报告 (sent up: its leader is its 签发人), and archives both its copy and its answer.
    const reply = ok<{ id: string; title: string }>(
      await gql('xa.drafter', 'mutation($d: ID!) { draftReply(deliveryId: $d, signer: "胡建华", body: "<p>现将有关情况报告如下。</p>") { id title } }', {
        d: delivery,
      }),
      'draftReply',
    );
    ok(await gql('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: reply.id }), 'submitForApproval');
    for (let step = 0; step < 2; step++)
      ok(await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: reply.id }), 'approveDocument');
    ok(
      await gql('xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { status } }', { id: reply.id, k: randomUUID() }),
      'sendDocument',
    );
    ok(await gql('xa.clerk', 'mutation($id: ID!) { closeDelivery(id: $id) { status } }', { id: delivery }), 'closeDelivery');
    const answer = ok<{ id: string; archivalNumber: string }>(await gql('xa.archivist', ARCHIVE, { d: reply.id }), 'archiveDocument');
    const RELATED = 'query($id: ID!) { archiveRecord(id: $id) { relatedRecords { relation documentId title recordId archivalNumber } } }';
    const copy = ok<{ id: string; archivalNumber: string }[]>(
      await gql('xa.clerk', `{ archiveRecords(search: "${title}") { id archivalNumber } }`),
      'archiveRecords',
    ).find((r) => r.archivalNumber !== answer.archivalNumber);
    assert.ok(copy, '西安市 keeps its copy of the notice, archived at its 办结');
    assert.deepEqual(ok(await gql('xa.archivist', RELATED, { id: answer.id }), 'archiveRecord').relatedRecords, [
      { relation: '来文', documentId: notice, title, recordId: copy.id, archivalNumber: copy.archivalNumber },
    ]);
    assert.deepEqual(ok(await gql('xa.archivist', RELATED, { id: copy.id }), 'archiveRecord').relatedRecords, [
      { relation: '复文', documentId: reply.id, title: reply.title, recordId: answer.id, archivalNumber: answer.archivalNumber },
    ]);
    // The office's record of its notice is filed with nothing of 西安市's: another unit's archive is never looked into.
    const own = ok<{ id: string }>(await gql('sxb.archivist', ARCHIVE, { d: notice }), 'archiveDocument');
    assert.deepEqual(ok(await gql('sxb.archivist', RELATED, { id: own.id }), 'archiveRecord').relatedRecords, []);
    assert.ok(codeOf(await gql('bj.clerk', RELATED, { id: answer.id })), '宝鸡市 does not read 西安市’s record');
  });

  test('a recipient’s copy is archived when its clerk closes the delivery', async () => {
    const doc = await sentDocument('关于办结即归档的通知');
    const delivery = ok(await gql('xa.clerk', '{ inbox(filter: {search: "关于办结即归档的通知"}) { nodes { id } } }'), 'inbox').nodes[0].id;
    ok(await gql('xa.clerk', 'mutation($id: ID!) { openDelivery(id: $id) { id } }', { id: delivery }), 'openDelivery');
    ok(await gql('xa.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: delivery }), 'signForDelivery');
    ok(await gql('xa.clerk', 'mutation($id: ID!) { closeDelivery(id: $id) { status } }', { id: delivery }), 'closeDelivery');
    const records = ok<any[]>(
      await gql('xa.clerk', '{ archiveRecords(search: "关于办结即归档的通知") { archivalNumber role status archiverName archivedOnClose } }'),
      'archiveRecords',
    );
    // Archived by the clerk's 办结, named as the clerk, said so.
    assert.deepEqual([records[0].archiverName, records[0].archivedOnClose], ['马晓燕', true]);
    assert.equal(records.length, 1);
    assert.equal(records[0].role, 'RECIPIENT');
    assert.match(records[0].archivalNumber, /-SW-\d{4}$/);
    assert.equal(records[0].status, 'ARCHIVED');
    void doc;
  });

  test('each failing property quarantines with its reason: not a PDF, a classified marking, malware', async () => {
    const notPdf = await sentDocument('关于格式检测的通知', Buffer.from('this is not a PDF'), { contentType: 'application/pdf' });
    const r1 = ok(await gql('sxb.archivist', ARCHIVE, { d: notPdf }), 'archiveDocument');
    assert.equal(r1.status, 'QUARANTINED');
    assert.deepEqual(failedChecks(r1.checkReport), ['usability:FORMAT']);
    // Said to the archivist in Chinese as in English.
    const format = r1.checkReport.usability.findings.find((f: { ok: boolean }) => !f.ok);
    assert.deepEqual(
      [format.detail, format.zh],
      ['附件1: does not open as application/pdf (not a PDF)', '附件1：无法按 application/pdf 打开（不是 PDF 文件）'],
    );
    const cut = await sentDocument('关于完整性格式检测的通知', Buffer.from('%PDF-1.7\n上传中断'), { contentType: 'application/pdf' });
    const r4 = ok(await gql('sxb.archivist', ARCHIVE, { d: cut }), 'archiveDocument');
    assert.equal(r4.status, 'QUARANTINED', 'a PDF cut short does not open either');
    assert.match(JSON.stringify(r4.checkReport.usability), /PDF 文件不完整：缺少文件结束标记/);

    // A marking the draft's own checks cannot see (they refuse one in the title or body): in an attachment's text.
    const marked = await sentDocument('关于密级检测的通知', Buffer.from('机密★1年\n附件正文'));
    const r2 = ok(await gql('sxb.archivist', ARCHIVE, { d: marked }), 'archiveDocument');
    assert.equal(r2.status, 'QUARANTINED');
    assert.deepEqual(failedChecks(r2.checkReport), ['security:CLASSIFICATION']);

    const eicar = await sentDocument('关于病毒检测的通知', Buffer.from('X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'));
    const r3 = ok(await gql('sxb.archivist', ARCHIVE, { d: eicar }), 'archiveDocument');
    assert.equal(r3.status, 'QUARANTINED');
    // Found in the attachment, and in the OFD 版式文件 that carries it too.
    assert.deepEqual(failedChecks(r3.checkReport), ['security:MALWARE', 'security:MALWARE']);
    assert.match(JSON.stringify(r3.checkReport.security), /\.ofd: EICAR/);
    const quarantined = ok<any[]>(await gql('sxb.archivist', '{ archiveRecords(status: "QUARANTINED") { id } }'), 'archiveRecords');
    assert.ok(quarantined.length >= 3);
  });

  test('on demand: a changed file, a missing file, changed metadata, a gap in the numbering each fail a check', async () => {
    const doc = await sentDocument('关于完整性检测的通知', Buffer.from('附件原文'));
    const r = ok(await gql('sxb.archivist', ARCHIVE, { d: doc }), 'archiveDocument');
    const check = async () =>
      ok(await gql('sxb.archivist', `mutation($id: ID!) { checkArchiveRecord(id: $id) { ${RECORD} } }`, { id: r.id }), 'checkArchiveRecord');
    const [row] = await p.superQuery<{ components: { role: string; sha256: string }[] }>('select components from archive.records where id = $1', [r.id]);
    const attachment = row?.components.find((c) => c.role === 'ATTACHMENT')?.sha256 as string;
    const dir = process.env.YIZHAN_ARCHIVE_DIR ?? path.join(loadConfig().dataDir, 'archive');
    const file = path.join(dir, attachment.slice(0, 2), attachment.slice(2));
    const original = fs.readFileSync(file);
    fs.writeFileSync(file, Buffer.concat([original, Buffer.from('!')]));
    assert.deepEqual(failedChecks((await check()).checkReport), ['integrity:DIGEST']);
    fs.rmSync(file);
    assert.deepEqual(failedChecks((await check()).checkReport), ['integrity:PRESENT']);
    fs.writeFileSync(file, original);
    assert.equal((await check()).status, 'ARCHIVED', 'restored, it passes again');

    await p.superQuery(`update archive.records set metadata = jsonb_set(metadata, '{title}', '"另一个标题"') where id = $1`, [r.id]);
    assert.deepEqual(failedChecks((await check()).checkReport), ['authenticity:METADATA_TITLE']);
    await p.superQuery(`update archive.records set metadata = jsonb_set(metadata, '{title}', to_jsonb(title)) where id = $1`, [r.id]);
    // Corrected by the archivist (更正元数据, recorded with its reason), the title no longer fails the check.
    ok(
      await gql(
        'sxb.archivist',
        'mutation($id: ID!) { correctArchiveMetadata(id: $id, changes: {title: "关于完整性检测工作的通知"}, reason: "题名漏字") { id } }',
        {
          id: r.id,
        },
      ),
      'correctArchiveMetadata',
    );
    const corrected = await check();
    assert.equal(corrected.status, 'ARCHIVED', JSON.stringify(corrected.checkReport.authenticity));
    assert.match(JSON.stringify(corrected.checkReport.authenticity), /归档后更正 1 次/);

    // A record of the year lost underneath the application: the numbering shows the gap.
    const other = ok(await gql('sxb.archivist', ARCHIVE, { d: await sentDocument('关于件号缺失的通知') }), 'archiveDocument');
    const last = ok(await gql('sxb.archivist', ARCHIVE, { d: await sentDocument('关于件号之后的通知') }), 'archiveDocument');
    const [saved] = await p.superQuery<{ row: unknown }>('select to_jsonb(r) as row from archive.records r where id = $1', [other.id]);
    // Records cannot be deleted, not even underneath the application: the loss is simulated with triggers off.
    await assert.rejects(p.superQuery('delete from archive.records where id = $1', [other.id]), /never deleted/);
    await assert.rejects(p.superQuery("update archive.records set events = '[]' where id = $1", [other.id]), /content does not change/);
    await p.superQuery('update archive.pending set record_id = null where record_id = $1', [other.id]);
    await sqlWithoutTriggers(p, 'delete from archive.records where id = $1', [other.id]);
    const gap = ok(await gql('sxb.archivist', `mutation($id: ID!) { checkArchiveRecord(id: $id) { checkReport } }`, { id: last.id }), 'checkArchiveRecord');
    assert.deepEqual(failedChecks(gap.checkReport), ['integrity:NUMBERING']);
    assert.match(JSON.stringify(gap.checkReport.integrity), new RegExp(`item numbers missing: ${other.itemNo}`));
    // Put back, the numbering is whole again.
    await p.superQuery('insert into archive.records select * from jsonb_populate_record(null::archive.records, $1)', [JSON.stringify(saved?.row)]);
    assert.equal(
      ok(await gql('sxb.archivist', `mutation($id: ID!) { checkArchiveRecord(id: $id) { status } }`, { id: last.id }), 'checkArchiveRecord').status,
      'ARCHIVED',
    );
  });

  test('item numbers stay gapless and unique when ten documents are archived at once', async () => {
    const docs = [];
    for (let i = 0; i < 10; i++) docs.push(await sentDocument(`关于并发归档的通知（${i}）`));
    const results = await Promise.all(docs.map((d) => gql('sxb.archivist', ARCHIVE, { d })));
    const numbers = results.map((r) => ok(r, 'archiveDocument').itemNo as number).sort((a, b) => a - b);
    assert.equal(new Set(numbers).size, 10, 'no number twice');
    assert.equal((numbers[9] as number) - (numbers[0] as number), 9, 'consecutive');
  });

  test('件号 count within their class (DA/T 22): a 10-year 发文 starts its own series while the 30-year one runs on', async () => {
    const first = ok(await gql('sxb.archivist', ARCHIVE, { d: await sentDocument('关于分类件号的通知（一）') }), 'archiveDocument');
    const rule = 'mutation($t: String!, $r: String!) { setRetentionRule(docType: $t, retention: $r) }';
    ok(await gql('sxb.archivist', rule, { t: '通知', r: 'Y10' }), 'setRetentionRule');
    try {
      const tenYears = ok(await gql('sxb.archivist', ARCHIVE, { d: await sentDocument('关于分类件号的通知（二）') }), 'archiveDocument');
      assert.match(tenYears.archivalNumber, /-D10-FW-0001$/, tenYears.archivalNumber);
      assert.equal(tenYears.itemNo, 1);
      // Its numbering is whole: the check counts its own class.
      assert.deepEqual(failedChecks(tenYears.checkReport), []);
    } finally {
      ok(await gql('sxb.archivist', rule, { t: '通知', r: 'Y30' }), 'setRetentionRule');
    }
    const next = ok(await gql('sxb.archivist', ARCHIVE, { d: await sentDocument('关于分类件号的通知（三）') }), 'archiveDocument');
    assert.match(next.archivalNumber, /-D30-FW-\d{4}$/);
    assert.equal(next.itemNo, first.itemNo + 1, 'the 30-year series runs on without a gap');
  });

  test('retention: expired records come up for appraisal; a hold stops destruction; the head decides; a destruction record stays', async () => {
    const doc = await sentDocument('关于保管期限的函');
    const r = ok(await gql('sxb.archivist', ARCHIVE, { d: doc }), 'archiveDocument');
    assert.equal(r.retention, 'Y30');
    // Time passes: the retention period is over.
    await p.superQuery("update archive.records set retention_until = '2001-12-31' where id = $1", [r.id]);
    const due = ok<{ id: string }[]>(await gql('sxb.archivist', '{ appraisalDue { id } }'), 'appraisalDue');
    assert.ok(due.some((x) => x.id === r.id));
    const xaDue = ok<{ id: string }[]>(await gql('xa.archivist', '{ appraisalDue { id } }'), 'appraisalDue');
    assert.ok(!xaDue.some((x) => x.id === r.id), 'another unit does not appraise the office’s records');
    ok(await gql('sxb.archivist', 'mutation($id: ID!) { setArchiveHold(id: $id, hold: true, reason: "审计调取中") { hold } }', { id: r.id }), 'setArchiveHold');
    const onHold = await gql('sxb.archivist', 'mutation($id: ID!) { proposeDisposal(recordId: $id, decision: "DESTROY", reason: "期满") { id } }', {
      id: r.id,
    });
    assert.equal(codeOf(onHold), 'ILLEGAL_TRANSITION');
    assert.equal(onHold.errors?.[0]?.extensions?.hold, true);
    ok(await gql('sxb.archivist', 'mutation($id: ID!) { setArchiveHold(id: $id, hold: false, reason: "审计结束") { hold } }', { id: r.id }), 'setArchiveHold');
    const proposal = ok(
      await gql('sxb.archivist', 'mutation($id: ID!) { proposeDisposal(recordId: $id, decision: "DESTROY", reason: "期满，经鉴定无保存价值") { id status } }', {
        id: r.id,
      }),
      'proposeDisposal',
    );
    assert.equal(codeOf(await gql('sxb.archivist', 'mutation($id: ID!) { decideDisposal(id: $id, approve: true) { id } }', { id: proposal.id })), 'FORBIDDEN');
    ok(await gql('sxb.leader', 'mutation($id: ID!) { decideDisposal(id: $id, approve: true) { status } }', { id: proposal.id }), 'decideDisposal');
    const gone = ok(await gql('sxb.archivist', `query($id: ID!) { archiveRecord(id: $id) { ${RECORD} } }`, { id: r.id }), 'archiveRecord');
    assert.equal(gone.status, 'DESTROYED');
    assert.equal(gone.archivalNumber, r.archivalNumber, 'the catalogue entry stays');
    const disposals = ok<any[]>(await gql('sxb.archivist', '{ disposals { recordId decision status decidedByName } }'), 'disposals');
    assert.ok(disposals.some((d) => d.recordId === r.id && d.status === 'APPROVED' && d.decidedByName === '陈志刚'));
    const xaDisposals = ok<{ recordId: string }[]>(await gql('xa.archivist', '{ disposals { recordId } }'), 'disposals');
    assert.ok(!xaDisposals.some((d) => d.recordId === r.id), 'nor sees its disposals');
    const read = await gql('sxb.clerk', 'mutation($id: ID!) { requestArchiveAccess(recordId: $id, purpose: "查阅") { id } }', { id: r.id });
    assert.equal(codeOf(read), 'BAD_INPUT', 'nothing left to read');
    const held = await gql('sxb.archivist', 'mutation($id: ID!) { setArchiveHold(id: $id, hold: true, reason: "审计") { hold } }', { id: r.id });
    assert.equal(codeOf(held), 'ILLEGAL_TRANSITION', 'nothing left to hold');

    // Keeping longer instead: 30 years become permanent.
    const kept = ok(await gql('sxb.archivist', ARCHIVE, { d: await sentDocument('关于延长保管的函') }), 'archiveDocument');
    const extend = ok(
      await gql(
        'sxb.archivist',
        'mutation($id: ID!) { proposeDisposal(recordId: $id, decision: "EXTEND", extendTo: "PERMANENT", reason: "具有长期查考价值") { id } }',
        { id: kept.id },
      ),
      'proposeDisposal',
    );
    ok(await gql('sxb.leader', 'mutation($id: ID!) { decideDisposal(id: $id, approve: true) { status } }', { id: extend.id }), 'decideDisposal');
    const permanent = ok(await gql('sxb.archivist', `query($id: ID!) { archiveRecord(id: $id) { ${RECORD} } }`, { id: kept.id }), 'archiveRecord');
    assert.deepEqual([permanent.retention, permanent.retentionUntil], ['PERMANENT', null]);
    const stats = ok(
      await gql('sxb.archivist', 'query($y: Int!) { archiveStatistics(year: $y) { records destructions byRetention { key count } accesses { key count } } }', {
        y: r.year,
      }),
      'archiveStatistics',
    );
    assert.ok(stats.destructions >= 1);
    assert.ok(stats.byRetention.some((c: { key: string }) => c.key === 'PERMANENT'));
    const xaStats = ok(await gql('xa.archivist', 'query($y: Int!) { archiveStatistics(year: $y) { destructions } }', { y: r.year }), 'archiveStatistics');
    assert.equal(xaStats.destructions, 0, 'the office’s destruction is not counted in 西安’s statistics');
  });

  test('appraisal decides one proposal at a time, as things stand when the head decides: a record kept permanently is not destroyed, a period never shortened', async () => {
    const PROPOSE =
      'mutation($id: ID!, $d: String!, $to: String, $r: String!) { proposeDisposal(recordId: $id, decision: $d, extendTo: $to, reason: $r) { id } }';
    const DECIDE = 'mutation($id: ID!) { decideDisposal(id: $id, approve: true) { status } }';
    const r = ok(await gql('sxb.archivist', ARCHIVE, { d: await sentDocument('关于鉴定处置顺序的通知') }), 'archiveDocument');
    assert.equal(r.retention, 'Y30');
    // A shorter period, or the same, is no keeping longer.
    for (const to of ['Y10', 'Y30']) {
      const shorter = await gql('sxb.archivist', PROPOSE, { id: r.id, d: 'EXTEND', to, r: '调整保管期限' });
      assert.equal(codeOf(shorter), 'BAD_INPUT', to);
      assert.equal(shorter.errors?.[0]?.extensions?.field, 'extendTo');
    }
    assert.equal(
      codeOf(await gql('sxb.archivist', PROPOSE, { id: r.id, d: 'EXTEND', to: 'PERMANENT', r: '文'.repeat(501) })),
      'BAD_INPUT',
      'reasons at most 500',
    );
    await p.superQuery("update archive.records set retention_until = '2001-12-31' where id = $1", [r.id]);
    const destroy = ok<{ id: string }>(await gql('sxb.archivist', PROPOSE, { id: r.id, d: 'DESTROY', r: '期满' }), 'proposeDisposal');
    // A second proposal waits until the first is decided.
    const second = await gql('sxb.archivist', PROPOSE, { id: r.id, d: 'EXTEND', to: 'PERMANENT', r: '具有长期查考价值' });
    assert.equal(codeOf(second), 'CONFLICT');
    assert.equal(second.errors?.[0]?.extensions?.disposalId, destroy.id);
    ok(await gql('sxb.leader', 'mutation($id: ID!) { decideDisposal(id: $id, approve: false) { status } }', { id: destroy.id }), 'decideDisposal');
    // Proposed in parallel, from two archivists' screens: one is open, the other refused.
    const both = await Promise.all([0, 1].map(() => gql('sxb.archivist', PROPOSE, { id: r.id, d: 'EXTEND', to: 'PERMANENT', r: '具有长期查考价值' })));
    assert.deepEqual(both.map((x) => codeOf(x) ?? 'OK').sort(), ['CONFLICT', 'OK']);
    const extend = ok<{ id: string }>(both.find((x) => !x.errors) as (typeof both)[number], 'proposeDisposal');
    assert.equal(codeOf(await gql('sxb.archivist', PROPOSE, { id: r.id, d: 'DESTROY', r: '期满' })), 'CONFLICT', 'the extension is still open');
    ok(await gql('sxb.leader', DECIDE, { id: extend.id }), 'decideDisposal');
    const kept = ok(await gql('sxb.archivist', `query($id: ID!) { archiveRecord(id: $id) { ${RECORD} } }`, { id: r.id }), 'archiveRecord');
    assert.deepEqual([kept.status, kept.retention, kept.retentionUntil], ['ARCHIVED', 'PERMANENT', null]);
    // Kept permanently: not proposed for destruction, and a proposal made before it (as one open before this rule
    // was) is not decided now.
    assert.equal(codeOf(await gql('sxb.archivist', PROPOSE, { id: r.id, d: 'DESTROY', r: '期满' })), 'ILLEGAL_TRANSITION');
    const [earlier] = await p.superQuery<{ id: string }>(
      `insert into archive.disposals (id, record_id, org_path, decision, reason, requested_by_name)
       select gen_random_uuid(), id, org_path, 'DESTROY', '期满', '旧的鉴定意见' from archive.records where id = $1 returning id`,
      [r.id],
    );
    assert.equal(codeOf(await gql('sxb.leader', DECIDE, { id: earlier?.id })), 'ILLEGAL_TRANSITION');
    const chain = await p.superQuery<{ kind: string }>("select kind from archive.chain where record_id = $1 and kind in ('DESTROY', 'EXTEND') order by seq", [
      r.id,
    ]);
    assert.deepEqual(
      chain.map((c) => c.kind),
      ['EXTEND'],
    );
  });

  test('the access register: no reading without an approved request; every view and download is registered; outsiders see nothing', async () => {
    const r = ok(await gql('sxb.archivist', ARCHIVE, { d: await sentDocument('关于调阅登记的通知', Buffer.from('调阅附件')) }), 'archiveDocument');
    const READ = 'query($id: ID!) { readArchivedRecord(recordId: $id) { body files { name sha256 } events } }';
    const denied = await gql('sxb.clerk', READ, { id: r.id });
    assert.equal(codeOf(denied), 'FORBIDDEN');
    assert.equal(denied.errors?.[0]?.extensions?.reason, 'NO_APPROVED_REQUEST');
    const control = await gql('sxb.clerk', 'mutation($id: ID!, $p: String!) { requestArchiveAccess(recordId: $id, purpose: $p) { id } }', {
      id: r.id,
      p: '查阅\u0001测试',
    });
    assert.deepEqual([codeOf(control), control.errors?.[0]?.extensions?.field], ['BAD_INPUT', 'purpose']);
    const req = ok(
      await gql('sxb.clerk', 'mutation($id: ID!) { requestArchiveAccess(recordId: $id, purpose: "核对去年发文口径") { id status } }', { id: r.id }),
      'requestArchiveAccess',
    );
    assert.equal(codeOf(await gql('sxb.clerk', 'mutation($id: ID!) { decideArchiveAccess(id: $id, approve: true) { id } }', { id: req.id })), 'FORBIDDEN');
    ok(
      await gql('sxb.archivist', 'mutation($id: ID!) { decideArchiveAccess(id: $id, approve: true) { status expiresAt } }', { id: req.id }),
      'decideArchiveAccess',
    );
    const content = ok(await gql('sxb.clerk', READ, { id: r.id }), 'readArchivedRecord');
    assert.match(content.body, /关于调阅登记的通知的正文/);
    const file = content.files.find((f: { name: string }) => f.name.startsWith('附件'));
    const b64 = ok<string>(
      await gql('sxb.clerk', 'query($id: ID!, $s: String!) { downloadArchivedFile(recordId: $id, sha256: $s) }', { id: r.id, s: file.sha256 }),
      'downloadArchivedFile',
    );
    assert.equal(Buffer.from(b64, 'base64').toString(), '调阅附件');
    const log = ok<{ userName: string; action: string; component: string | null; purpose: string | null; approvedByName: string | null }[]>(
      await gql('sxb.archivist', 'query($id: ID!) { archiveAccessLog(recordId: $id) { userName action component purpose approvedByName } }', { id: r.id }),
      'archiveAccessLog',
    );
    // Each reading with the request it was made under: why, and on whose approval.
    assert.deepEqual(
      log.map((l) => [l.userName, l.action, l.component, l.purpose, l.approvedByName]),
      [
        ['李静', 'VIEW', null, '核对去年发文口径', '吴秀英'],
        ['李静', 'DOWNLOAD', file.name, '核对去年发文口径', '吴秀英'],
      ],
    );
    // Another unit: not even the catalogue entry.
    assert.equal(codeOf(await gql('xa.clerk', `query($id: ID!) { archiveRecord(id: $id) { ${RECORD} } }`, { id: r.id })), 'NOT_FOUND');
    assert.equal(
      codeOf(await gql('xa.clerk', 'mutation($id: ID!) { requestArchiveAccess(recordId: $id, purpose: "看看") { id } }', { id: r.id })),
      'NOT_FOUND',
    );
    const xaList = ok<any[]>(await gql('xa.clerk', '{ archiveRecords(search: "关于调阅登记的通知") { id } }'), 'archiveRecords');
    assert.deepEqual(xaList, []);
    for (const query of ['query($id: ID!) { archiveAccessLog(recordId: $id) { action } }', 'query($id: ID!) { archiveMetadataVersions(id: $id) }']) {
      assert.equal(codeOf(await gql('xa.archivist', query, { id: r.id })), 'NOT_FOUND', query);
    }
    const requestIds = async (user: string) =>
      ok<{ id: string }[]>(await gql(user, '{ archiveAccessRequests { id } }'), 'archiveAccessRequests').map((x) => x.id);
    assert.ok((await requestIds('sxb.archivist')).includes(req.id), 'the office’s archivist sees the request');
    // The archivist's own request: not hers to decide (and not offered); the head of the unit decides it.
    const own = ok(
      await gql('sxb.archivist', 'mutation($id: ID!) { requestArchiveAccess(recordId: $id, purpose: "编研需要") { id mayDecide } }', { id: r.id }),
      'requestArchiveAccess',
    );
    assert.equal(own.mayDecide, false);
    assert.equal(codeOf(await gql('sxb.archivist', 'mutation($id: ID!) { decideArchiveAccess(id: $id, approve: true) { id } }', { id: own.id })), 'FORBIDDEN');
    const forHead = ok<{ id: string; mayDecide: boolean }[]>(
      await gql('sxb.leader', '{ archiveAccessRequests(status: "PENDING") { id mayDecide } }'),
      'archiveAccessRequests',
    );
    assert.equal(forHead.find((x) => x.id === own.id)?.mayDecide, true, 'the head sees it, to decide');
    const byHead = ok(
      await gql('sxb.leader', 'mutation($id: ID!) { decideArchiveAccess(id: $id, approve: true) { status decidedByName } }', { id: own.id }),
      'decideArchiveAccess',
    );
    assert.deepEqual([byHead.status, byHead.decidedByName], ['APPROVED', '陈志刚']);

    // 不同意 says why, in one line; the one who asked reads the reason with who refused and when.
    const again = ok(
      await gql('sxb.clerk', 'mutation($id: ID!) { requestArchiveAccess(recordId: $id, purpose: "再次核对发文口径") { id } }', { id: r.id }),
      'requestArchiveAccess',
    );
    const REFUSE =
      'mutation($id: ID!, $r: String) { decideArchiveAccess(id: $id, approve: false, reason: $r) { status decisionNote decidedByName decidedAt } }';
    for (const reason of [null, ' ', '不\n同意', '理'.repeat(201)]) {
      const refused = await gql('sxb.archivist', REFUSE, { id: again.id, r: reason });
      assert.deepEqual([codeOf(refused), refused.errors?.[0]?.extensions?.field], ['BAD_INPUT', 'reason'], String(reason));
    }
    const refused = ok(await gql('sxb.archivist', REFUSE, { id: again.id, r: '已批准的调阅尚在有效期内，请直接阅读' }), 'decideArchiveAccess');
    assert.deepEqual([refused.status, refused.decisionNote, refused.decidedByName], ['REJECTED', '已批准的调阅尚在有效期内，请直接阅读', '吴秀英']);
    assert.ok(Date.now() - Date.parse(refused.decidedAt) < 60_000);
    const mine = ok<{ id: string; status: string; decisionNote: string | null }[]>(
      await gql('sxb.clerk', '{ archiveAccessRequests { id status decisionNote } }'),
      'archiveAccessRequests',
    );
    assert.deepEqual(
      mine.find((x) => x.id === again.id),
      { id: again.id, status: 'REJECTED', decisionNote: '已批准的调阅尚在有效期内，请直接阅读' },
    );
    // An approval keeps no reason.
    assert.equal(mine.find((x) => x.id === req.id)?.decisionNote, null);
    assert.ok(!(await requestIds('xa.archivist')).includes(req.id), '西安’s does not');
  });

  test('export → import into another instance restores the record; a package with a wrong digest is refused and changes nothing', async () => {
    const r = ok(await gql('sxb.archivist', ARCHIVE, { d: await sentDocument('关于导出导入的通知', Buffer.from('导出附件')) }), 'archiveDocument');
    const pkg = ok(
      await gql('sxb.archivist', 'mutation($id: ID!) { exportArchiveRecord(id: $id) { filename sha256 base64 } }', { id: r.id }),
      'exportArchiveRecord',
    );
    assert.equal(pkg.filename, `${r.archivalNumber}.zip`);
    const entries = unzipSync(new Uint8Array(Buffer.from(pkg.base64, 'base64')));
    const xml = strFromU8(entries['metadata.xml'] as Uint8Array);
    assert.match(xml, /<题名>关于导出导入的通知<\/题名>/);
    assert.match(xml, new RegExp(`<档号全文>${r.archivalNumber}</档号全文>`));
    // 紧急程度 and 密级 in words, never empty (a records clerk reads an empty one as not recorded).
    assert.match(xml, /<紧急程度>(平件|加急|特急)<\/紧急程度>/);
    assert.match(xml, /<密级>非密<\/密级>/);
    assert.ok(entries['manifest.json'] && entries['events.json'] && entries['check-report.json'] && entries['stamps.json']);

    // A year's export: every record's package and a list of them.
    const yearZip = ok(
      await gql('sxb.archivist', 'mutation($y: Int!) { exportArchiveYear(year: $y) { filename base64 } }', { y: r.year }),
      'exportArchiveYear',
    );
    const year = unzipSync(new Uint8Array(Buffer.from(yearZip.base64, 'base64')));
    const listed = JSON.parse(strFromU8(year['year.json'] as Uint8Array)).records.map((x: { archivalNumber: string }) => x.archivalNumber);
    assert.ok(listed.includes(r.archivalNumber));
    assert.ok(year[`${r.archivalNumber}.zip`], 'each record as its own package');

    // Another deployment: its own database and CA.
    const other = await startPlatform({ ownAuthorities: true });
    try {
      const archivist = await other.login('sxb.archivist');
      const imported = await other.gql(`mutation($p: String!) { importArchivePackage(package: $p) { ${RECORD} } }`, { p: pkg.base64 }, archivist);
      const record = ok(imported, 'importArchivePackage');
      assert.equal(record.archivalNumber, r.archivalNumber);
      assert.equal(record.status, 'ARCHIVED', JSON.stringify(failedChecks(record.checkReport)));
      assert.equal(codeOf(await other.gql('mutation($p: String!) { importArchivePackage(package: $p) { id } }', { p: pkg.base64 }, archivist)), 'CONFLICT');
      assert.equal(record.fixity, r.fixity, 'the fixity travels with the record');

      // One byte of the attachment changed inside the package: refused, naming the file; nothing written.
      const tampered = { ...entries };
      const attachmentPath = Object.keys(entries).find((k) => k.startsWith('content/') && k.includes('附件')) as string;
      tampered[attachmentPath] = new Uint8Array(Buffer.from('导出附件?'));
      const before = await other.superCount('select count(*) n from archive.records');
      const bad = await other.gql(
        'mutation($p: String!) { importArchivePackage(package: $p) { id } }',
        { p: Buffer.from(zipSync(tampered)).toString('base64') },
        archivist,
      );
      assert.equal(codeOf(bad), 'BAD_INPUT');
      assert.match(JSON.stringify(bad.errors?.[0]?.extensions?.problems), /SHA-256 does not match/);
      assert.equal(await other.superCount('select count(*) n from archive.records'), before);
      // Another unit's archivist cannot take the package into its own fonds.
      const wrong = await other.gql('mutation($p: String!) { importArchivePackage(package: $p) { id } }', { p: pkg.base64 }, await other.login('xa.archivist'));
      assert.equal(codeOf(wrong), 'FORBIDDEN');
      assert.match(wrong.errors?.[0]?.message ?? '', /belongs to fonds/);
    } finally {
      await other.close();
    }
    // A whole year into a third instance: every record restored, or none when one package is damaged.
    const third = await startPlatform({ ownAuthorities: true });
    try {
      const archivist = await third.login('sxb.archivist');
      const entries = unzipSync(new Uint8Array(Buffer.from(yearZip.base64, 'base64')));
      const damaged = { ...entries, [`${r.archivalNumber}.zip`]: zipSync({ 'manifest.json': new Uint8Array([1, 2, 3]) }) };
      const bad = await third.gql(
        'mutation($p: String!) { importArchiveYear(package: $p) { id } }',
        { p: Buffer.from(zipSync(damaged)).toString('base64') },
        archivist,
      );
      assert.equal(codeOf(bad), 'BAD_INPUT');
      assert.equal(await third.superCount('select count(*) n from archive.records'), 0, 'none restored');
      const all = ok<any[]>(
        await third.gql(`mutation($p: String!) { importArchiveYear(package: $p) { ${RECORD} } }`, { p: yearZip.base64 }, archivist),
        'importArchiveYear',
      );
      assert.equal(all.length, listed.length);
      assert.ok(all.every((x) => x.status !== 'QUARANTINED' || failedChecks(x.checkReport).every((f) => f !== 'integrity:DIGEST')));
    } finally {
      await third.close();
    }
  });

  test('the evidence chain names the first broken link when an event is altered or removed', async () => {
    const chain = async () => ok(await gql('sxb.archivist', '{ archiveEvidenceChain { length whole brokenAt reason } }'), 'archiveEvidenceChain');
    const whole = await chain();
    assert.equal(whole.whole, true);
    assert.ok(whole.length > 5);
    const [unit] = await p.superQuery<{ org_id: string }>("select org_id from archive.chain where payload->>'by' = '吴秀英' limit 1");
    await p.superQuery(`update archive.chain set payload = jsonb_set(payload, '{by}', '"someone else"') where org_id = $1 and seq = 3`, [unit?.org_id]);
    const altered = await chain();
    assert.deepEqual([altered.whole, altered.brokenAt], [false, 3]);
    assert.match(altered.reason, /content does not match/);
    await p.superQuery('delete from archive.chain where org_id = $1 and seq = 2', [unit?.org_id]);
    const removed = await chain();
    assert.deepEqual([removed.whole, removed.brokenAt], [false, 2]);
    // Another unit's chain is its own: whole, and exactly its own links.
    const xa = await p.orgId('610100');
    const xaChain = ok(await gql('xa.archivist', '{ archiveEvidenceChain { length whole } }'), 'archiveEvidenceChain');
    const [own] = await p.superQuery<{ n: number }>('select count(*)::int as n from archive.chain where org_id = $1', [xa]);
    assert.deepEqual([xaChain.whole, xaChain.length], [true, own?.n]);
  });

  test('a stamped document is archived with its seal verified; a changed document is not authentic', async () => {
    await makeOfficeSeal(gql);
    const stampAndSend = async (doc: string) => {
      const req = ok(await gql('sxb.drafter', 'mutation($d: ID!) { requestStamp(documentId: $d) { id } }', { d: doc }), 'requestStamp');
      for (const [user, pin] of Object.entries(OFFICE_PINS))
        ok(await gql(user, 'mutation($r: ID!, $p: String!) { presentSealPin(requestId: $r, pin: $p) { id } }', { r: req.id, p: pin }), 'presentSealPin');
      ok(
        await gql('sxb.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { status } }', { id: doc, k: randomUUID() }),
        'sendDocument',
      );
    };
    const doc = await approvedOfficeDocument(p, gql, tokens, '关于签章归档的通知');
    await stampAndSend(doc);
    const r = ok(await gql('sxb.archivist', ARCHIVE, { d: doc }), 'archiveDocument');
    assert.equal(r.status, 'ARCHIVED', JSON.stringify(failedChecks(r.checkReport)));
    assert.match(JSON.stringify(r.checkReport.authenticity), /the seal verifies/);

    const changed = await approvedOfficeDocument(p, gql, tokens, '关于签章后改动的通知');
    await stampAndSend(changed);
    await p.superQuery("update documents.documents set title = title || '（改）' where id = $1", [changed]);
    const q = ok(await gql('sxb.archivist', ARCHIVE, { d: changed }), 'archiveDocument');
    assert.equal(q.status, 'QUARANTINED');
    assert.ok(failedChecks(q.checkReport).includes('authenticity:SEAL'));
  });
});
