// 简报 (seed 000 §4 政务信息简报; seed 002 三 "陕政通报"、"要情通报"等内部刊物): a briefing under its 刊名 is numbered by
// name and year — 《西安政务信息》2026年第1期, then 第2期 — on the counter its 刊名 has, apart from the 机关代字's; a 刊名
// numbers nothing but a 简报 (one under a 机关代字, as before, is numbered and printed as any document); the printed copy
// carries the 刊头 (刊名 in red, 期号, 编印单位 and date).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { beijingDate, beijingYear } from '@yizhan/common';
import { asDemoUsers, codeOf, ok, type Platform, startPlatform } from '../../../test/support/harness.ts';
import { signedAndPrinted } from '../../../test/support/printed.ts';

let p: Platform;
const users = asDemoUsers(() => p);
const { gql } = users;
before(async () => {
  p = await startPlatform({ services: ['documents'] });
});
after(() => p?.close());

const CREATE = 'mutation($in: DraftInput!) { createDraft(input: $in) { id docPrefix } }';

/** 西安市's document to 新城区, drafted, approved by both steps and sent; its 发文字号 (or 期号). */
async function issue(docType: string, docPrefix: string, title: string): Promise<{ id: string; docNumber: string }> {
  const xincheng = await p.orgId('610102');
  const id = ok<{ id: string }>(
    await gql('xa.drafter', CREATE, {
      in: {
        docType,
        title,
        body: '<p>一、本周重点工作进展。</p><p>二、下周安排。</p>',
        docPrefix,
        printingOrg: '西安市人民政府办公室',
        printingDate: beijingDate(),
        recipients: [{ orgIds: [xincheng], printQuota: 2 }],
      },
    }),
    'createDraft',
  ).id;
  ok(await gql('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id }), 'submitForApproval');
  ok(await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id }), 'approveDocument');
  ok(await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id }), 'approveDocument');
  const sent = ok<{ docNumber: string }>(
    await gql('xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { docNumber } }', { id, k: randomUUID() }),
    'sendDocument',
  );
  return { id, docNumber: sent.docNumber };
}

test('a 简报 takes its 刊名’s next 期号 of the year; a 通知 its 机关代字’s number, untouched by it', async () => {
  const year = beijingYear();
  const first = await issue('简报', '西安政务信息', `西安政务信息第一期${randomUUID().slice(0, 6)}`);
  assert.equal(first.docNumber, `《西安政务信息》${year}年第1期`);
  const notice = await issue('通知', '市政发', `关于简报编号的通知${randomUUID().slice(0, 6)}`);
  assert.match(notice.docNumber, new RegExp(`^市政发〔${year}〕\\d+号$`));
  const second = await issue('简报', '西安政务信息', `西安政务信息第二期${randomUUID().slice(0, 6)}`);
  assert.equal(second.docNumber, `《西安政务信息》${year}年第2期`);
  // A 简报 under a 机关代字, as before 刊名 were kept: numbered and printed as any document.
  const plain = await issue('简报', '市政发', `按机关代字编号的简报${randomUUID().slice(0, 6)}`);
  assert.match(plain.docNumber, new RegExp(`^市政发〔${year}〕\\d+号$`));
  // The 发文登记簿 lists the issues under their 刊名, apart from the 机关代字's numbers.
  const register = ok<{ prefix: string; docNumber: string; seq: number }[]>(
    await gql('xa.clerk', 'query($y: Int!, $p: String) { docNumberRegister(year: $y, prefix: $p) { prefix docNumber seq } }', { y: year, p: '西安政务信息' }),
    'docNumberRegister',
  );
  assert.deepEqual(new Set(register.map((r) => r.docNumber)), new Set([first.docNumber, second.docNumber]));
});

test('a 刊名 numbers only a 简报; another unit’s 刊名 is not this one’s', async () => {
  const drafts = () => p.superCount("select count(*) n from documents.documents where title like '错配%'");
  const before = await drafts();
  for (const [docType, docPrefix, user] of [
    ['通知', '西安政务信息', 'xa.drafter'],
    ['简报', '新城政务信息', 'xa.drafter'],
    ['简报', '西安政务信息', 'xc.drafter'],
  ] as const) {
    const r = await gql(user, CREATE, { in: { docType, title: `错配${docType}${docPrefix}`, body: '<p>正文</p>', docPrefix } });
    assert.equal(codeOf(r), 'BAD_INPUT', `${user} ${docType} ${docPrefix}`);
    assert.equal(r.errors?.[0]?.extensions?.field, 'docPrefix');
    assert.match(r.errors?.[0]?.message ?? '', /简报刊名/);
  }
  assert.equal(await drafts(), before, 'nothing drafted');
  // A draft turned into a 简报 under a 机关代字 is refused at its submission, naming the field.
  const id = ok<{ id: string }>(
    await gql('xa.drafter', CREATE, { in: { docType: '通知', title: '错配改文种', body: '<p>正文</p>', docPrefix: '市政发' } }),
    'createDraft',
  ).id;
  ok(
    await gql('xa.drafter', 'mutation($id: ID!, $in: DraftInput!) { updateDraft(id: $id, input: $in) { id } }', {
      id,
      in: { docType: '简报', title: '错配改文种', body: '<p>正文</p>' },
    }),
    'updateDraft',
  );
  const submitted = await gql('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id });
  assert.equal(submitted.errors?.[0]?.extensions?.field, 'docPrefix');
});

test('the recipient’s printed 简报 carries its 刊头: 刊名 in red, 期号, the 编印单位 and the date; no 发文机关标志', async () => {
  const title = `西安政务信息印制${randomUUID().slice(0, 6)}`;
  const { docNumber } = await issue('简报', '西安政务信息', title);
  const [page] = await signedAndPrinted(p, users, 'xc.clerk', title);
  const lines = page?.lines ?? [];
  const issueNo = docNumber.replace('《西安政务信息》', '');
  const at = (re: RegExp) => lines.findIndex((l) => re.test(l.replace(/\s/g, '')));
  assert.ok(at(/^西安政务信息$/) >= 0, `the 刊名 as the head: ${lines.slice(0, 6).join(' | ')}`);
  assert.ok(at(new RegExp(`^${issueNo}$`)) > at(/^西安政务信息$/), 'the 期号 under it');
  assert.ok(
    at(/^西安市人民政府办公室编.*年.*月.*日$/) > at(new RegExp(`^${issueNo}$`)),
    `the 编印单位 and the date under the 期号: ${lines.slice(0, 6).join(' | ')}`,
  );
  assert.equal(at(/西安市人民政府文件/), -1, 'no 发文机关标志');
});

test('seed 000 §4: a unit sends upward one kind of 简报, the first 刊名 it lists; another is refused at its submission, naming the one', async () => {
  const [xc, xian] = [await p.orgId('610102'), await p.orgId('610100')];
  const SETTINGS = 'query($id: ID!) { org(id: $id) { docPrefixes approvalChain briefingTitles } }';
  const UPDATE =
    'mutation($o: ID!, $p: [String!]!, $c: [String!]!, $b: [String!]) { updateUnitSettings(orgId: $o, docPrefixes: $p, approvalChain: $c, briefingTitles: $b) { id } }';
  const was = ok<{ docPrefixes: string[]; approvalChain: string[]; briefingTitles: string[] }>(await gql('xc.admin', SETTINGS, { id: xc }), 'org');
  ok(await gql('xc.admin', UPDATE, { o: xc, p: was.docPrefixes, c: was.approvalChain, b: ['新城政务信息', '新城要情'] }), 'updateUnitSettings');
  const upward = async (docPrefix: string) =>
    ok<{ id: string }>(
      await gql('xc.drafter', CREATE, {
        in: {
          docType: '简报',
          title: `报送市政府的简报${docPrefix}`,
          body: '<p>一、本周工作。</p>',
          docPrefix,
          signer: '罗文彬',
          recipients: [{ orgIds: [xian] }],
        },
      }),
      'createDraft',
    ).id;
  const SUBMIT = 'mutation($id: ID!) { submitForApproval(id: $id) { status } }';
  const other = await upward('新城要情');
  const refused = await gql('xc.drafter', SUBMIT, { id: other });
  assert.deepEqual(
    [codeOf(refused), refused.errors?.[0]?.extensions?.field, refused.errors?.[0]?.extensions?.allowed],
    ['BRIEFING_UPWARD', 'docPrefix', '新城政务信息'],
  );
  assert.equal(ok<{ status: string }>(await gql('xc.drafter', 'query($id: ID!) { document(id: $id) { status } }', { id: other }), 'document').status, 'DRAFT');
  const own = await upward('新城政务信息');
  assert.notEqual(ok<{ status: string }>(await gql('xc.drafter', SUBMIT, { id: own }), 'submitForApproval').status, 'DRAFT');
  ok(await gql('xc.admin', UPDATE, { o: xc, p: was.docPrefixes, c: was.approvalChain, b: was.briefingTitles }), 'updateUnitSettings');
});
