// 命令（令） (GB/T 9704-2012 §10.2, §7.3.5.3): a people's government's order is numbered by its 令号 — 第1号, 第2号, on
// one count of its own that runs on across years, apart from its 发文字号 — and printed in the 命令格式: the banner
// 西安市人民政府令, the 令号 under it, the 签发人's 职务 two characters left of the name standing for the 签名章, the date
// below. Only a people's government issues one; an order names its 签发人.
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
const SUBMIT = 'mutation($id: ID!) { submitForApproval(id: $id) { id } }';

async function draft(user: string, fields: Record<string, unknown>) {
  return gql(user, CREATE, {
    in: {
      docType: '命令',
      title: `西安市人民政府关于嘉奖防汛抢险先进集体的命令${randomUUID().slice(0, 6)}`,
      body: '<p>为表彰先进，市人民政府决定，给予以下集体通令嘉奖。</p>',
      docPrefix: '令',
      signer: '胡建华',
      // 成文日期 given: without the CA in this platform there is no signed 签发 for the recipient to date it by.
      docDate: beijingDate(),
      recipients: [{ orgIds: [await p.orgId('610102')], printQuota: 2 }],
      ...fields,
    },
  });
}

/** 西安市's order to 新城区, drafted, approved by both steps (胡建华 签发s it) and sent: its id, title and 令号. */
async function issueOrder(): Promise<{ id: string; title: string; docNumber: string }> {
  const r = await draft('xa.drafter', {});
  const id = ok<{ id: string }>(r, 'createDraft').id;
  ok(await gql('xa.drafter', SUBMIT, { id }), 'submitForApproval');
  ok(await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id }), 'approveDocument');
  ok(await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id }), 'approveDocument');
  const sent = ok<{ docNumber: string; title: string }>(
    await gql('xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { docNumber title } }', { id, k: randomUUID() }),
    'sendDocument',
  );
  return { id, ...sent };
}

test('an order takes the government’s next 令号 (第N号), apart from its 发文字号; the 发文登记簿 lists them under 令', async () => {
  const first = await issueOrder();
  const n = Number(/^第(\d+)号$/.exec(first.docNumber)?.[1]);
  assert.ok(n >= 1, `a 令号, not a 发文字号: ${first.docNumber}`);
  const second = await issueOrder();
  assert.equal(second.docNumber, `第${n + 1}号`, 'the next order the next number');
  // The order's count runs on across years: one counter, not one per year as a 机关代字's.
  const counters = await p.superQuery<{ year: number; last_seq: number }>(
    "select year, last_seq from documents.number_counters where prefix = '令' and org_id = $1",
    [await p.orgId('610100')],
  );
  assert.deepEqual(counters, [{ year: 0, last_seq: n + 1 }]);
  const register = ok<{ docNumber: string; prefix: string }[]>(
    await gql('xa.clerk', 'query($y: Int!, $p: String) { docNumberRegister(year: $y, prefix: $p) { prefix docNumber } }', { y: beijingYear(), p: '令' }),
    'docNumberRegister',
  );
  assert.ok(
    [first.docNumber, second.docNumber].every((d) => register.some((r) => r.docNumber === d)),
    JSON.stringify(register),
  );
  const post = ok<{ signerPost: string | null }>(await gql('xa.clerk', 'query($id: ID!) { document(id: $id) { signerPost } }', { id: first.id }), 'document');
  assert.equal(post.signerPost, '市长', 'the 签发人’s 职务 kept with the order');
});

test('the recipient’s print is in the 命令格式: banner …令, the 令号 under it, 市长 beside 胡建华, no 发文字号 and no rule', async () => {
  const { title, docNumber } = await issueOrder();
  const [page] = await signedAndPrinted(p, users, 'xc.clerk', title);
  const lines = (page?.lines ?? []).map((l) => l.replace(/\s/g, ''));
  const at = (re: RegExp) => lines.findIndex((l) => re.test(l));
  assert.ok(at(/^西安市人民政府令$/) >= 0, `the banner: ${lines.slice(0, 6).join(' | ')}`);
  assert.ok(at(new RegExp(`^${docNumber}$`)) > at(/^西安市人民政府令$/), 'the 令号 under it');
  assert.ok(at(/^市长胡建华$/) > at(new RegExp(`^${docNumber}$`)), `the 职务 and the 签发人 on one line: ${lines.join(' | ')}`);
  assert.ok(at(/^\d{4}年\d{1,2}月\d{1,2}日$/) > at(/^市长胡建华$/), `the date below them: ${lines.join(' | ')}`);
  assert.equal(at(/市政发〔/), -1, 'no 发文字号');
});

test('only a people’s government issues an order; an order is numbered under 令 and names its 签发人 — refused naming the field, nothing written', async () => {
  const drafts = () => p.superCount("select count(*) n from documents.documents where doc_type = '命令' and status = 'DRAFT'");
  const before = await drafts();
  const office = await draft('sxb.drafter', { signer: '陈志刚' });
  assert.deepEqual([codeOf(office), office.errors?.[0]?.extensions?.field], ['BAD_INPUT', 'docType']);
  assert.match(office.errors?.[0]?.message ?? '', /does not issue a 命令/);
  const prefix = await draft('xa.drafter', { docPrefix: '市政发' });
  assert.deepEqual([codeOf(prefix), prefix.errors?.[0]?.extensions?.field], ['BAD_INPUT', 'docPrefix']);
  assert.equal(await drafts(), before, 'nothing drafted');
  const id = ok<{ id: string }>(await draft('xa.drafter', { signer: null }), 'createDraft').id;
  const unsigned = await gql('xa.drafter', SUBMIT, { id });
  assert.deepEqual([codeOf(unsigned), unsigned.errors?.[0]?.extensions?.field], ['SIGNER_REQUIRED', 'signer']);
  const status = ok<{ status: string }>(await gql('xa.drafter', 'query($id: ID!) { document(id: $id) { status } }', { id }), 'document').status;
  assert.equal(status, 'DRAFT');
});
