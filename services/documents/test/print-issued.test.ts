// Issue 18, three of its last parts, read back as a reader reads them (pdf.js for the PDFs, the OFD's own XML):
// - 成文日期 when the drafter leaves it empty: the Beijing date of the 签发, on the sheet's field, the recipient's print
//   (右空二字 under the 署名 of an unsealed document) and the OFD, while docDate stays empty;
// - a 转发 printed with its original after the notice: the original's 发文字号, title, body, 署名 and 成文日期 and
//   its seal's verification from a new page, page numbers running on, the notice's 版记 on the last page only; the
//   OFD laid out the same way;
// - the 发文登记簿 as a printable PDF: every number of the year in order with 主送, times in Beijing time and who
//   handled it, page numbers, refused to other roles, each unit its own.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { beijingDate } from '@yizhan/common';
import { ok, type Platform, startPlatform } from '../../../test/support/harness.ts';
import { type PdfPage, readPdf } from '../../../test/support/pdf-text.ts';
import { CHAR_PITCH, chineseDate, TYPE_AREA_RIGHT } from '../src/domain/gbt9704.ts';
import { OFD_FILES, pageFile, unpackOfd } from '../src/domain/ofd/index.ts';

let p: Platform;
const tokens: Record<string, string> = {};
const token = async (user: string) => {
  tokens[user] ??= await p.login(user);
  return tokens[user];
};
const gql = async (user: string, query: string, variables: Record<string, unknown> = {}) => p.gql(query, variables, await token(user));
const blobs = () => p.gatewayUrl.replace('/graphql', '/blobs');
const download = async (user: string, sha: string) =>
  Buffer.from(await (await fetch(`${blobs()}/${sha}`, { headers: { authorization: `Bearer ${await token(user)}` } })).arrayBuffer());
const year = () => new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
const CHAINS: Record<string, string[]> = { sxb: ['sxb.approver', 'sxb.leader'], xa: ['xa.leader', 'xa.leader'] };
const ids: Record<string, string> = {};

before(async () => {
  // The certificates service signs each approval: the 签发 a recipient's print reads its date from.
  p = await startPlatform({ services: ['documents', 'certificates'] });
  ids.xian = await p.orgId('610100');
  ids.xincheng = await p.orgId('610102');
});
after(() => p?.close());

async function draft(unit: 'sxb' | 'xa', input: Record<string, unknown>): Promise<string> {
  return ok<{ id: string }>(await gql(`${unit}.drafter`, 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', { in: input }), 'createDraft').id;
}

async function approve(unit: 'sxb' | 'xa', id: string) {
  ok(await gql(`${unit}.drafter`, 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id }), 'submitForApproval');
  for (const who of CHAINS[unit] as string[]) ok(await gql(who, 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id }), 'approveDocument');
}

async function send(unit: 'sxb' | 'xa', id: string) {
  return ok<{ docNumber: string; ofdSha256: string | null }>(
    await gql(`${unit}.clerk`, 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { docNumber ofdSha256 } }', { id, k: randomUUID() }),
    'sendDocument',
  );
}

async function deliveryOf(clerk: string, title: string, sign = false): Promise<string> {
  const page = ok<{ nodes: { id: string; title: string }[] }>(
    await gql(clerk, 'query($s: String!) { inbox(filter: {search: $s}) { nodes { id title } } }', { s: title }),
    'inbox',
  );
  const id = page.nodes.find((n) => n.title === title)?.id as string;
  assert.ok(id, `${clerk} has ${title}`);
  if (sign) ok(await gql(clerk, 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id }), 'signForDelivery');
  return id;
}

async function print(clerk: string, delivery: string): Promise<PdfPage[]> {
  const printed = ok<{ pdfSha256: string }>(await gql(clerk, 'mutation($id: ID!) { printDelivery(id: $id) { pdfSha256 } }', { id: delivery }), 'printDelivery');
  return readPdf(await download(clerk, printed.pdfSha256));
}

/** The OFD's text, page by page: every TextCode's characters in order. */
function ofdPages(ofd: Buffer): string[] {
  const files = unpackOfd(ofd);
  const pages: string[] = [];
  for (let i = 0; files.has(pageFile(i)); i++) {
    const xml = files.get(pageFile(i))?.toString('utf8') ?? '';
    pages.push([...xml.matchAll(/<ofd:TextCode[^>]*>([^<]*)<\/ofd:TextCode>/g)].map((m) => m[1]).join(''));
  }
  return pages;
}

const sentNumbers: string[] = [];

test('成文日期 left empty: the 签发’s Beijing date on the sheet’s field, the recipient’s print and the OFD; docDate stays empty', async () => {
  const title = `关于成文日期取签发日期的通知（${Date.now().toString(36)}）`;
  const id = await draft('xa', {
    docType: '通知',
    title,
    body: '<p>各区县人民政府：</p><p>本通知未填成文日期，以签发日期为成文日期。</p>',
    docPrefix: '市政发',
    mainTo: '各区县人民政府',
    recipients: [{ orgIds: [ids.xincheng] }],
  });
  const before = ok<{ docDate: string | null; effectiveDocDate: string | null }>(
    await gql('xa.drafter', 'query($id: ID!) { document(id: $id) { docDate effectiveDocDate } }', { id }),
    'document',
  );
  assert.deepEqual(before, { docDate: null, effectiveDocDate: null }, 'no 成文日期 before the 签发');
  await approve('xa', id);
  const today = beijingDate();
  const issued = ok<{ docDate: string | null; effectiveDocDate: string | null }>(
    await gql('xa.drafter', 'query($id: ID!) { document(id: $id) { docDate effectiveDocDate } }', { id }),
    'document',
  );
  assert.deepEqual(issued, { docDate: null, effectiveDocDate: today }, 'the 签发’s date, the drafter’s field left as it was');
  const sent = await send('xa', id);
  sentNumbers.push(sent.docNumber);

  // The recipient sees and prints the same date: 右空二字 on the line under the 署名 (an unsealed document).
  const delivery = await deliveryOf('xc.clerk', title);
  const seen = ok<{ document: { effectiveDocDate: string } }>(
    await gql('xc.clerk', 'query($id: ID!) { delivery(id: $id) { document { effectiveDocDate } } }', { id: delivery }),
    'delivery',
  );
  assert.equal(seen.document.effectiveDocDate, today);
  const pages = await print('xc.clerk', delivery);
  const date = chineseDate(today);
  const page = pages.find((pg) => pg.lines.some((l) => l.includes(date))) as PdfPage;
  assert.ok(page, `the print shows ${date}: ${JSON.stringify(pages.map((pg) => pg.lines))}`);
  // The lines as a reader sees them: pieces grouped by baseline.
  const byLine = new Map<number, typeof page.pieces>();
  for (const pc of page.pieces) byLine.set(Math.round(pc.y), [...(byLine.get(Math.round(pc.y)) ?? []), pc]);
  const rows = [...byLine.entries()].sort((a, b) => a[0] - b[0]).map(([, ps]) => ps);
  const textOf = (ps: typeof page.pieces) =>
    [...ps]
      .sort((a, b) => a.x - b.x)
      .map((pc) => pc.str)
      .join('');
  const dateRow = rows.findIndex((ps) => textOf(ps) === date);
  assert.ok(dateRow > 0, `a line of its own: ${rows.map(textOf).join(' / ')}`);
  assert.equal(textOf(rows[dateRow - 1] ?? []), '西安市人民政府', 'the date on the line under the 署名');
  const right = Math.max(...(rows[dateRow] ?? []).map((pc) => pc.x + pc.width));
  assert.ok(
    Math.abs(right - (TYPE_AREA_RIGHT - 2 * CHAR_PITCH)) < 2,
    `右空二字: its right edge ${right.toFixed(1)} at ${(TYPE_AREA_RIGHT - 2 * CHAR_PITCH).toFixed(1)}`,
  );

  // The OFD carries it, in the page and in its DocInfo.
  assert.ok(sent.ofdSha256);
  const ofd = await download('xa.clerk', sent.ofdSha256 as string);
  assert.ok(
    ofdPages(ofd).some((text) => text.includes(date)),
    'the OFD’s page shows the 成文日期',
  );
  assert.match(unpackOfd(ofd).get(OFD_FILES.entry)?.toString('utf8') ?? '', new RegExp(`<ofd:CustomData Name="成文日期">${today}</ofd:CustomData>`));
});

test('a 转发 prints its original after the notice: from a new page, its 发文字号, title, 署名 and date, pages running on, the 版记 on the last page', async () => {
  const title = `关于加强冬季森林防火工作的通知（${Date.now().toString(36)}）`;
  const paragraphs = Array.from(
    { length: 8 },
    (_, i) => `<p>第${i + 1}条：各地要落实森林防火责任，加强巡查值守，严格野外用火管理，确保不发生重大森林火灾。</p>`,
  ).join('');
  const originalId = await draft('sxb', {
    docType: '通知',
    title,
    body: `<p>各设区市人民政府：</p>${paragraphs}`,
    docPrefix: '陕政办发',
    mainTo: '各设区市人民政府',
    docDate: '2026-11-28',
    recipients: [{ orgIds: [ids.xian] }],
  });
  await approve('sxb', originalId);
  const original = await send('sxb', originalId);
  const xaDelivery = await deliveryOf('xa.clerk', title, true);
  const fwd = ok<{ id: string; title: string }>(
    await gql('xa.drafter', 'mutation($d: ID!, $r: [RecipientSpecInput!]!) { draftForward(deliveryId: $d, recipients: $r) { id title } }', {
      d: xaDelivery,
      r: [{ orgIds: [ids.xincheng] }],
    }),
    'draftForward',
  );
  await approve('xa', fwd.id);
  const notice = await send('xa', fwd.id);
  sentNumbers.push(notice.docNumber);

  const pages = await print('xc.clerk', await deliveryOf('xc.clerk', fwd.title));
  const text = pages.map((pg) => pg.lines.join('\n'));
  assert.ok(text[0]?.includes(notice.docNumber), 'the notice first, with its own 发文字号');
  // (The notice's text names the original's number too: the original itself starts on a later page.)
  const first = text.findIndex((t, i) => i > 0 && t.includes(original.docNumber));
  assert.ok(first >= 1, `the original’s 发文字号 from a later page (${first})`);
  assert.ok(
    text.slice(0, first).every((t) => !t.includes('第1条')),
    'nothing of the original before its page',
  );
  const originalPage = pages[first] as PdfPage;
  // Its 发文字号 and title open the page (the banner above them), the notice’s text is not on it.
  assert.ok(
    originalPage.lines.slice(0, 4).some((l) => l.includes(original.docNumber)),
    originalPage.lines.slice(0, 6).join(' / '),
  );
  // (A title longer than a line is set in even lines: read across them.)
  assert.ok(text[first]?.replace(/\s/g, '').includes('关于加强冬季森林防火工作的通知'), 'the original’s title');
  assert.ok(!text[first]?.includes(notice.docNumber), 'a page of its own');
  assert.ok(
    text.slice(first).some((t) => t.includes('第8条')),
    'the original’s body',
  );
  const tail = text.slice(first).join('\n');
  assert.ok(tail.includes('陕西省人民政府办公厅') && tail.includes('2026年11月28日'), 'the original’s 署名 and 成文日期');
  assert.ok(tail.includes('原件未加盖电子印章'), 'the original’s seal verification line');
  // Page numbers run on through the original; the notice's 版记 (印发) on the last page only.
  pages.forEach((pg, i) => {
    assert.ok(
      pg.lines.some((l) => l.includes(`— ${i + 1} —`)),
      `page ${i + 1} is numbered — ${i + 1} —`,
    );
  });
  const imprinted = text.flatMap((t, i) => (/印发/.test(t) ? [i] : []));
  assert.deepEqual(imprinted, [pages.length - 1], 'the 版记 at the foot of the last page of the whole copy');
  assert.ok(text.at(-1)?.includes('西安市人民政府'), 'the notice’s own 印发机关');

  // The OFD is laid out the same way: the notice, then the original on pages of its own.
  const ofd = ofdPages(await download('xa.clerk', notice.ofdSha256 as string));
  assert.equal(ofd.length, pages.length, 'as many pages as the print');
  assert.ok(ofd[first]?.includes(original.docNumber) && !ofd[first]?.includes(notice.docNumber), ofd[first]);
  assert.ok(ofd.slice(0, first).every((t) => !t.includes('第1条')));
});

test('the 发文登记簿 as a PDF: every number in order with 主送 and who handled it, page numbers, Beijing time; other units and roles refused', async () => {
  const url = (q: string) => `${blobs()}?register=outgoing&${q}`;
  const get = async (user: string, q: string) => fetch(url(q), { headers: { authorization: `Bearer ${await token(user)}` } });
  const res = await get('xa.clerk', `year=${year()}&format=pdf`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  assert.match(res.headers.get('content-disposition') ?? '', /filename\*=UTF-8''/);
  const pages = await readPdf(Buffer.from(await res.arrayBuffer()));
  const all = pages.map((pg) => pg.lines.join('\n')).join('\n');
  assert.ok(pages[0]?.lines[0]?.includes(`西安市人民政府发文登记簿（${year()}年）`), pages[0]?.lines.slice(0, 3).join(' / '));
  assert.match(all, /北京时间/);
  const register = ok<{ docNumber: string; status: string; mainTo: string | null; handlerName: string | null }[]>(
    await gql('xa.clerk', 'query($y: Int!) { docNumberRegister(year: $y) { docNumber status mainTo handlerName } }', { y: year() }),
    'docNumberRegister',
  );
  assert.ok(register.length >= 2);
  // Every number of the year, in the register's order.
  let at = -1;
  for (const e of register) {
    const i = all.indexOf(e.docNumber, at + 1);
    assert.ok(i > at, `${e.docNumber} listed after the one before`);
    at = i;
  }
  for (const n of sentNumbers) assert.ok(all.includes(n), `${n} is in it`);
  assert.equal(register.find((e) => e.docNumber === sentNumbers[0])?.mainTo, '各区县人民政府', '主送 on the register');
  assert.ok(all.includes('各区县人民政府'), '主送 printed');
  // The send numbered these (西安市 has no seal): 经办人 is who sent them, by name.
  assert.ok(all.replace(/\n/g, '').includes('马晓燕'), all.slice(0, 600));
  assert.equal(register.find((e) => e.docNumber === sentNumbers[0])?.handlerName, '马晓燕', 'the screen’s register names the same 经办人');
  pages.forEach((pg, i) => {
    assert.ok(
      pg.lines.some((l) => l.includes(`第 ${i + 1} 页 共 ${pages.length} 页`)),
      `page ${i + 1} numbered`,
    );
  });

  // Each unit its own: 新城区's clerk exports 新城区's book, none of 西安市's numbers.
  const theirs = await get('xc.clerk', `year=${year()}&format=pdf`);
  assert.equal(theirs.status, 200);
  const theirText = (await readPdf(Buffer.from(await theirs.arrayBuffer()))).map((pg) => pg.lines.join('\n')).join('\n');
  for (const n of sentNumbers) assert.ok(!theirText.includes(n), `another unit’s register has no ${n}`);
  assert.ok(theirText.includes('西安市新城区人民政府发文登记簿'));
  // Wrong role, no login, a bad year or format: refused, nothing in the answer.
  const drafter = await get('xa.drafter', `year=${year()}&format=pdf`);
  assert.equal(drafter.status, 403);
  assert.equal(((await drafter.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code, 'FORBIDDEN');
  assert.equal((await fetch(url(`year=${year()}&format=pdf`))).status, 401);
  for (const q of ['year=20x6&format=pdf', `year=${year()}&format=csv`, 'year=1999&format=pdf']) assert.equal((await get('xa.clerk', q)).status, 400, q);
});
