// The print read back with pdf.js, without a server: page numbers on every page on their side, the 版记 at the foot
// of the last page, the 成文日期 右空四字 under a seal, the banner 35 mm below the 版心's top, the 签发人 of an upward
// document on the 发文字号's line, the 附件说明 and the attachments' pages, the typefaces, the grid, Beijing time.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pagedPdf } from '../../../../test/support/files.ts';
import { type PdfPage, pieceWith, readImages, readPdf } from '../../../../test/support/pdf-text.ts';
import { ringPng } from '../../../../test/support/png.ts';
import { CHAR_PITCH, LINE_PITCH, MM, PAGE, SIZE, TYPE_AREA, TYPE_AREA_BOTTOM, TYPE_AREA_RIGHT } from './gbt9704.ts';
import { type PrintableDocument, renderBulletin, renderOfficialDocument } from './official-document-pdf.ts';
import { FACE_FAMILY } from './print-fonts.ts';

const paragraphs = (n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `第${i + 1}段：全面贯彻落实关于电子公文传输的各项要求，切实提高公文处理质量和效率，各单位要高度重视加强组织领导明确责任分工，确保各项工作落到实处。`,
  );

const upward: PrintableDocument = {
  orgName: '西安市人民政府',
  docType: '请示',
  docNumber: '市政发〔2026〕12号',
  title: '西安市人民政府关于进一步做好电子公文传输工作的请示',
  mainTo: '陕西省人民政府',
  ccTo: '市委办公厅，市人大常委会办公厅，市政协办公厅',
  bodyText: ['一、总体要求。坚持统一规范。', '（一）明确职责。各单位办公室负责收发。', ...paragraphs(14)].join('\n'),
  signatureLine: '西安市人民政府',
  docDate: '2026-11-30',
  notes: '此件公开发布',
  printingOrg: '西安市人民政府办公厅',
  printingDate: '2026-11-30',
  urgency: 'URGENT',
  signer: '张三',
  attachments: [
    { name: '单位名单.pdf', size: 20480, contentType: 'application/pdf', sha256: 'a'.repeat(64) },
    { name: '联系人.txt', size: 40, contentType: 'text/plain', sha256: 'b'.repeat(64), text: '王五，电话 029-12345678。' },
  ],
  stamped: true,
};
const copy = {
  copyNumber: 3,
  withinQuota: true,
  recipientName: '陕西省人民政府',
  seal: { png: null, note: '电子印章验证通过（签章时间 2026年11月30日 21:55:36（北京时间））' },
};

const near = (actual: number, expected: number, tolerance: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual.toFixed(2)} pt, expected ${expected.toFixed(2)} ± ${tolerance}`);
const fontOf = (page: PdfPage, text: string) => pieceWith(page, text)?.font ?? '';

test('every page is numbered — n — below the 版心, odd pages on the right, even pages on the left', async () => {
  const pages = await readPdf(await renderOfficialDocument(upward, copy));
  assert.ok(pages.length >= 4, `a body of several pages and two attachments: ${pages.length} pages`);
  for (const page of pages) {
    const label = `— ${page.number} —`;
    const n = page.pieces.find((p) => p.str === label);
    assert.ok(n, `page ${page.number} carries ${label}`);
    near(n.size, SIZE.四号, 0.01, '4号');
    assert.match(n.font, FACE_FAMILY.song);
    assert.ok(n.y > TYPE_AREA_BOTTOM + 7 * MM && n.y < TYPE_AREA_BOTTOM + 7 * MM + SIZE.四号, `below the 版心 by 7 mm (page ${page.number})`);
    if (page.number % 2) near(n.x + n.width, TYPE_AREA_RIGHT - SIZE.四号, 1.5, `page ${page.number} right, one character in`);
    else near(n.x, TYPE_AREA.left + SIZE.四号, 0.5, `page ${page.number} left, one character in`);
  }
});

test('the banner stands 35 mm below the 版心 top in red 小标宋; an upward document prints its 签发人 on the 发文字号 line', async () => {
  const [first] = await readPdf(await renderOfficialDocument(upward, copy));
  assert.ok(first);
  const banner = pieceWith(first, '西安市人民政府文件');
  assert.ok(banner);
  assert.match(banner.font, FACE_FAMILY.xbs);
  near(banner.y - 0.88 * banner.size, TYPE_AREA.top + 35 * MM, 1 * MM, 'the banner’s top edge');
  near(banner.x + banner.width / 2, PAGE.width / 2 - (PAGE.width - TYPE_AREA_RIGHT - TYPE_AREA.left) / 2, 2, 'centred on the 版心');
  const number = pieceWith(first, '市政发〔2026〕12号');
  const signer = pieceWith(first, '签发人');
  // The name's characters may sit in different subsets of the 楷体 (print-fonts.ts): its last character ends the line.
  const name = first.pieces.find((p) => p.str.endsWith('三') && Math.abs(p.y - (number?.y ?? 0)) < 0.1);
  assert.ok(number, '发文字号');
  assert.ok(signer, '签发人');
  assert.ok(name, 'the signer’s name');
  near(number.x, TYPE_AREA.left + CHAR_PITCH, 0.5, '发文字号 左空一字');
  near(signer.y, number.y, 0.1, '签发人 on the 发文字号’s line');
  near(name.x + name.width, TYPE_AREA_RIGHT - CHAR_PITCH, 1.5, '签发人 居右空一字');
  assert.match(name.font, FACE_FAMILY.kai, 'the signer’s name in 楷体');
  assert.match(fontOf(first, '签发人'), FACE_FAMILY.fang);
  assert.equal(first.pieces[0]?.str, '000003', '份号 first, six digits');
  near(first.pieces[0]?.x ?? 0, TYPE_AREA.left, 0.1, '份号 顶格');
  assert.match(fontOf(first, '加急'), FACE_FAMILY.hei);
  assert.match(fontOf(first, '西安市人民政府关于'), FACE_FAMILY.xbs, 'the title in 小标宋');
  near(pieceWith(first, '西安市人民政府关于')?.size ?? 0, SIZE.二号, 0.01, 'the title 2号');
  assert.match(fontOf(first, '一、总体要求。'), FACE_FAMILY.hei, 'the first level in 黑体');
  for (const c of ['明', '确', '职', '责']) assert.match(fontOf(first, c), FACE_FAMILY.kai, `the second level in 楷体 (${c})`);
  assert.match(fontOf(first, '坚持统一规范'), FACE_FAMILY.fang, 'the body in the text face');
});

test('a document sent down centres its 发文字号 and prints no 签发人', async () => {
  const [first] = await readPdf(await renderOfficialDocument({ ...upward, signer: null }, copy));
  assert.ok(first);
  const number = pieceWith(first, '市政发〔2026〕12号');
  assert.ok(number);
  near(number.x + number.width / 2, TYPE_AREA.left + TYPE_AREA.width / 2, 1.5, 'centred');
  assert.equal(pieceWith(first, '签发人'), undefined);
});

test('the body keeps the grid: lines 28.99 pt apart, 28 characters a full line', async () => {
  const pages = await readPdf(await renderOfficialDocument(upward, copy));
  const second = pages[1] as PdfPage;
  const body = second.pieces.filter((p) => p.size === SIZE.三号 && p.y < TYPE_AREA_BOTTOM).sort((a, b) => a.y - b.y);
  const ys = [...new Set(body.map((p) => Math.round(p.y * 100) / 100))];
  assert.equal(ys.length, 22, 'a full page has 22 lines');
  for (let i = 1; i < ys.length; i++) near((ys[i] as number) - (ys[i - 1] as number), LINE_PITCH, 0.02, `line ${i + 1}`);
  const full = body.find((p) => [...p.str].length === 28);
  assert.ok(full, 'a continuation line of 28 characters');
  near(full.width, TYPE_AREA.width, 1, 'it fills the 版心’s width');
});

test('附件说明 after the body, 成文日期 右空四字 under the seal, each attachment on its own page, the 版记 at the foot of the last page', async () => {
  const pages = await readPdf(await renderOfficialDocument(upward, copy));
  const text = pages.map((p) => p.lines.join('\n')).join('\n');
  assert.match(text, /附件：1\.单位名单\n\s*2\.联系人/);
  const dated = pages.find((p) => pieceWith(p, '2026年11月30日') && !pieceWith(p, '印发'));
  assert.ok(dated);
  const date = pieceWith(dated, '2026年11月30日');
  assert.ok(date);
  near(date.x + date.width, TYPE_AREA_RIGHT - 4 * CHAR_PITCH, 1.5, '成文日期 右空四字');
  const name = dated.pieces.filter((p) => p.str === '西安市人民政府').at(-1);
  assert.ok(name);
  near(name.x + name.width / 2, date.x + date.width / 2, 1.5, 'the 署名 centred over the date');
  near(date.y - name.y, LINE_PITCH, 0.1, 'the date on the line below the 署名');
  assert.ok(pieceWith(dated, '（此件公开发布）'), '附注 after the date');

  const attachmentPages = pages.filter((p) => p.pieces[0]?.str.startsWith('附件') && p.pieces[0].str !== '附件：');
  assert.deepEqual(
    attachmentPages.map((p) => p.pieces[0]?.str),
    ['附件1', '附件2'],
  );
  for (const p of attachmentPages) assert.match(p.pieces[0]?.font ?? '', FACE_FAMILY.hei, '附件n in 黑体');
  assert.ok(pieceWith(attachmentPages[1] as PdfPage, '王五'), 'a text attachment is printed');
  assert.ok(pieceWith(attachmentPages[0] as PdfPage, '不含其内容'), 'another kind is described, not reproduced');

  const last = pages.at(-1) as PdfPage;
  for (const p of pages.slice(0, -1)) assert.equal(pieceWith(p, '印发'), undefined, `no 版记 on page ${p.number}`);
  const printed = pieceWith(last, '印发');
  const printer = pieceWith(last, '西安市人民政府办公厅');
  const cc = pieceWith(last, '抄送：');
  assert.ok(printed && printer && cc);
  near(printed.y, TYPE_AREA_BOTTOM - LINE_PITCH / 2 + 0.38 * SIZE.四号, 0.5, 'in the 版心’s last line');
  near(printer.x, TYPE_AREA.left + SIZE.四号, 0.5, '印发机关 左空一字');
  near(printed.x + printed.width, TYPE_AREA_RIGHT - SIZE.四号, 1.5, '印发日期 右空一字');
  near(printed.size, SIZE.四号, 0.01, '4号');
  near(printed.y - cc.y, LINE_PITCH, 0.1, '抄送 on the line above');
  assert.match(cc.str, /。$/, '抄送 ends with a full stop');
  assert.ok(pieceWith(last, '21:55:36（北京时间）'), 'the seal line in Beijing time');
  assert.doesNotMatch(text, /\d{4}-\d\d-\d\dT\d\d:\d\d/, 'no UTC ISO time anywhere');
});

test('a 版记 that does not fit below the text goes to a page of its own, never split', async () => {
  // Find a body length whose text ends low on a page, so the 版记 cannot fit under it.
  for (let n = 8; n <= 16; n++) {
    const pages = await readPdf(await renderOfficialDocument({ ...upward, attachments: [], notes: null, bodyText: paragraphs(n).join('\n') }, copy));
    const last = pages.at(-1) as PdfPage;
    const withImprint = pages.filter((p) => pieceWith(p, '印发'));
    assert.equal(withImprint.length, 1, 'one page has the 版记');
    assert.equal(withImprint[0], last, 'the last page');
    assert.ok(pieceWith(last, '抄送：'), '抄送 on the same page as 印发');
    for (const p of last.pieces.filter((x) => x.size === SIZE.四号 && x.y < TYPE_AREA_BOTTOM && (x.str.includes('印发') || x.str.startsWith('抄送'))))
      assert.ok(p.y > TYPE_AREA_BOTTOM - 3 * LINE_PITCH, `the 版记 at the foot (${n} paragraphs)`);
  }
});

test('beyond the quota: no red banner, a plain notice, the same 份号 rules', async () => {
  const pages = await readPdf(await renderOfficialDocument(upward, { copyNumber: 12, withinQuota: false, recipientName: '陕西省人民政府' }));
  const first = pages[0] as PdfPage;
  assert.equal(pieceWith(first, '西安市人民政府文件'), undefined);
  assert.ok(pieceWith(first, '不具法律效力'));
  assert.equal(first.pieces[0]?.str, '000012');
});

test('a 简报 beyond the quota keeps its 刊名 in black above the 期号: which 刊物 it is, for whoever files the copy', async () => {
  const briefing = {
    ...upward,
    docType: '简报',
    docNumber: '《西安政务信息》2026年第1期',
    signer: null,
    mainTo: null,
    attachments: [],
    bodyText: '本期要目。',
  };
  const redText = (pdf: Buffer) =>
    (
      Buffer.from(pdf)
        .toString('latin1')
        .match(/0\.78\d* 0\.086\d* 0\.113\d* scn/g) ?? []
    ).length;
  const official = await renderOfficialDocument(briefing, copy);
  assert.ok(redText(official) > 0, 'within the quota the 刊名 is red');
  const plainCopy = await renderOfficialDocument(briefing, { copyNumber: 12, withinQuota: false, recipientName: '西安市新城区人民政府' });
  const lines = ((await readPdf(plainCopy))[0] as PdfPage).lines.map((l) => l.replace(/\s/g, ''));
  const at = (line: string) => lines.indexOf(line);
  assert.ok(at('西安政务信息') >= 0, `the 刊名 on the copy: ${lines.slice(0, 6).join(' | ')}`);
  assert.ok(at('2026年第1期') > at('西安政务信息'), 'the 期号 under it');
  assert.ok(!lines.slice(0, at('2026年第1期')).includes('西安市人民政府'), 'not the issuer’s name in its place');
  assert.ok(
    at('复印件·超出打印份数·无红头无印章·不具法律效力') >= 0 && at('复印件·超出打印份数·无红头无印章·不具法律效力') < at('西安政务信息'),
    'under the notice',
  );
  assert.equal(redText(plainCopy), 0, 'nothing in red');
});

test('the body prints from its structure: a list with its numbers, a ruled table in columns, a row never split', async () => {
  const rows = Array.from(
    { length: 30 },
    (_, i) => `<tr><td>第${i + 1}单位</td><td>联系人${i + 1}</td><td>029-8888${String(i).padStart(4, '0')}</td></tr>`,
  ).join('');
  const bodyText = `<p>现将名单印发如下。</p><ol><li>按时签收</li><li>及时登记</li></ol><table><tr><th>单位</th><th>联系人</th><th>电话</th></tr>${rows}</table>`;
  const pages = await readPdf(await renderOfficialDocument({ ...upward, attachments: [], bodyText }, copy));
  const all = pages.flatMap((p) => p.lines).join('\n');
  assert.match(all, /1\.按时签收\n\s*2\.及时登记/);
  const header = pieceWith(pages[0] as PdfPage, '联系人');
  assert.ok(header, 'the header row');
  assert.match(header.font, FACE_FAMILY.hei, 'the header row in 黑体');
  for (let i = 1; i <= 30; i++) {
    const page = pages.find((p) => p.pieces.some((x) => x.str === `第${i}单位`)) as PdfPage;
    assert.ok(page, `row ${i}`);
    const [unit, person, phone] = [`第${i}单位`, `联系人${i}`, `029-8888${String(i - 1).padStart(4, '0')}`].map((t) => page.pieces.find((x) => x.str === t));
    assert.ok(unit && person && phone, `row ${i} whole on page ${page.number}`);
    near(unit.y, person.y, 0.1, `row ${i}: one line`);
    assert.ok(unit.x < person.x && person.x < phone.x, `row ${i}: columns in order`);
    assert.ok(phone.x + phone.width <= TYPE_AREA_RIGHT + 0.5 && unit.y < TYPE_AREA_BOTTOM, `row ${i}: inside the 版心`);
  }
  assert.ok(pages.length >= 2, 'the table runs onto the next page');
});

test('信函格式: the banner 30 mm from the page top without 文件, 份号 left and 发文字号 right under it, no number on page one, 抄送 alone', async () => {
  const pdf = await renderOfficialDocument({ ...upward, docType: '函', attachments: [], bodyText: '现商请贵局给予支持。\n特此函告。' }, copy);
  const pages = await readPdf(pdf);
  const first = pages[0] as PdfPage;
  const banner = first.pieces.find((p) => p.str === '西安市人民政府');
  assert.ok(banner, 'the unit’s name alone');
  near(banner.y - 0.88 * banner.size, 30 * MM, 1 * MM, 'the banner’s top edge from the page’s top');
  const number = pieceWith(first, '市政发〔2026〕12号');
  const copyNo = pieceWith(first, '000003');
  assert.ok(number && copyNo);
  near(number.y, copyNo.y, 0.1, '份号 and 发文字号 on one line');
  near(copyNo.x, TYPE_AREA.left, 0.1, '份号 顶格 at the 版心’s left');
  near(number.x + number.width, TYPE_AREA_RIGHT, 1.5, '发文字号 at the 版心’s right');
  assert.ok(copyNo.y > banner.y, 'under the banner and its double line');
  assert.equal(pieceWith(first, '签发人'), undefined, 'a letter prints no 签发人 line');
  assert.equal(
    first.pieces.find((p) => /^— \d+ —$/.test(p.str)),
    undefined,
    'no page number on the first page',
  );
  const last = pages.at(-1) as PdfPage;
  assert.ok(pieceWith(last, '抄送：'));
  assert.equal(pieceWith(last, '印发'), undefined, 'no 印发机关 and 印发日期 in a letter');
  const reds = (
    Buffer.from(pdf)
      .toString('latin1')
      .match(/0\.78\d* 0\.086\d* 0\.113\d* SCN/g) ?? []
  ).length;
  assert.ok(reds >= 4, `two red double lines (${reds} red strokes)`);
});

test('命令格式: "…令" 20 mm below the 版心 top, the 令号 two lines below, no title, the 签发人 右空四字 above the date', async () => {
  const pages = await readPdf(
    await renderOfficialDocument(
      { ...upward, docType: '命令', docNumber: '第12号', attachments: [], mainTo: null, signer: '王某某', bodyText: '现予公布，自2027年1月1日起施行。' },
      copy,
    ),
  );
  const first = pages[0] as PdfPage;
  const banner = pieceWith(first, '西安市人民政府令');
  const number = pieceWith(first, '第12号');
  assert.ok(banner && number);
  near(banner.y - 0.88 * banner.size, TYPE_AREA.top + 20 * MM, 1 * MM, 'the banner’s top edge');
  near(number.x + number.width / 2, TYPE_AREA.left + TYPE_AREA.width / 2, 1.5, '令号 centred');
  assert.ok(number.y - banner.y > 2 * LINE_PITCH, '令号 two lines below the banner');
  assert.equal(pieceWith(first, '关于进一步'), undefined, 'an order prints no title');
  const date = pieceWith(first, '2026年11月30日');
  const signer = first.pieces.filter((p) => p.font.match(FACE_FAMILY.kai) && p.y < (date?.y ?? 0)).at(-1);
  assert.ok(date && signer);
  near(date.x + date.width, TYPE_AREA_RIGHT - 4 * CHAR_PITCH, 1.5, 'the date 右空四字');
  near(signer.x + signer.width, TYPE_AREA_RIGHT - 4 * CHAR_PITCH, 1.5, 'the 签发人 右空四字');
  near(date.y - signer.y, 2 * LINE_PITCH, 0.1, 'a line between them');
});

test('纪要格式: "…纪要" banner, 出席/请假/列席 after the text in 黑体 with names aligned, no 署名', async () => {
  const bodyText =
    '会议研究了电子公文传输工作。\n出席：张三、李四、王五、赵六、孙七、周八、吴九、郑十、钱一、陈二、褚三、卫四、蒋五、沈六\n请假：朱九\n列席：秦十';
  const pages = await readPdf(await renderOfficialDocument({ ...upward, docType: '纪要', attachments: [], notes: null, signer: null, bodyText }, copy));
  const first = pages[0] as PdfPage;
  assert.ok(pieceWith(first, '西安市人民政府纪要'));
  const labels = ['出席：', '请假：', '列席：'].map((l) => pieceWith(first, l));
  for (const l of labels) {
    assert.ok(l, 'each attendance line');
    assert.match(l.font, FACE_FAMILY.hei);
    near(l.x, TYPE_AREA.left + 2 * CHAR_PITCH, 0.5, '左空二字');
  }
  const names = first.pieces.filter((p) => p.y > (labels[0]?.y ?? 0) && p.y < (labels[1]?.y ?? 0));
  assert.ok(names.length, 'the names run on');
  near(names[0]?.x ?? 0, TYPE_AREA.left + 5 * CHAR_PITCH, 0.5, 'aligned after the colon');
  const text = pages.flatMap((p) => p.lines).join('\n');
  assert.ok(text.indexOf('会议研究了') < text.indexOf('出席'), 'after the text');
  assert.equal(pages.flatMap((p) => p.pieces).filter((p) => p.str === '西安市人民政府').length, 0, 'no 署名');
});

test('a 通报 prints as an official document: banner, title, its table of late and missing units, no 份号', async () => {
  const pages = await readPdf(
    await renderBulletin({
      orgName: '西安市人民政府办公厅',
      title: '2026年第46周电子公文接收情况通报',
      periodFrom: new Date('2026-11-08T16:00:00Z'),
      periodTo: new Date('2026-11-15T16:00:00Z'),
      rows: [{ recipientName: '西安市碑林区人民政府', total: 4, onTime: 2, late: 1, missing: 1, onTimeRate: 0.5 }],
    }),
  );
  const first = pages[0] as PdfPage;
  assert.ok(pieceWith(first, '西安市人民政府办公厅文件'), 'the red banner');
  assert.doesNotMatch(first.pieces[0]?.str ?? '', /^\d{6}$/, 'no 份号');
  const text = pages.flatMap((p) => p.lines).join('\n');
  assert.match(text, /2026年11月9日至2026年11月15日/, 'the period in Beijing dates');
  assert.match(text, /西安市碑林区人民政府\s*4\s*2\s*1\s*1\s*50\.0%/);
  assert.ok(pieceWith(pages.at(-1) as PdfPage, '印发'), 'the 版记');
  for (const p of pages) assert.ok(p.pieces.some((x) => x.str === `— ${p.number} —`));
});

test('several 签发人: two names a row, later rows aligned with the first name, the 发文字号 on the last row', async () => {
  const [first] = await readPdf(await renderOfficialDocument({ ...upward, signer: '张三、李四、王五' }, copy));
  assert.ok(first);
  const lead = pieceWith(first, '签发人');
  const number = pieceWith(first, '市政发〔2026〕12号');
  const lastRow = first.pieces.find((p) => p.str.includes('五'));
  const firstRow = first.pieces.find((p) => p.str.startsWith('张'));
  assert.ok(lead && number && lastRow && firstRow);
  near(firstRow.y, lead.y, 0.1, 'the first row beside 签发人：');
  near(lastRow.y - firstRow.y, LINE_PITCH, 0.1, 'the second row a line below');
  near(lastRow.x, firstRow.x, 0.5, 'aligned with the first name');
  near(number.y, lastRow.y, 0.1, 'the 发文字号 on the last row’s line');
});

test('联合行文: the units one a line, the lead first, 文件 to their right centred on them, every unit in the 署名', async () => {
  // Not sealed (§7.3.5.2): the lead's 署名 first, the others below it.
  const joint = {
    ...upward,
    signer: null,
    stamped: false,
    attachments: [],
    coIssuerNames: ['陕西省财政厅', '陕西省发展和改革委员会'],
    bodyText: '现将有关事项通知如下。',
  };
  const pages = await readPdf(await renderOfficialDocument(joint, copy));
  const first = pages[0] as PdfPage;
  const red = first.pieces.filter((p) => p.font.match(FACE_FAMILY.xbs) && p.size > SIZE.二号);
  const lines = [...new Set(red.map((p) => Math.round(p.y)))].sort((a, b) => a - b);
  assert.equal(lines.length >= 3, true, `three banner lines (${lines.length})`);
  const lineText = (y: number) =>
    red
      .filter((p) => Math.round(p.y) === y)
      .map((p) => p.str)
      .join('');
  assert.match(lineText(lines[0] as number), /^西安市人民政府$/, 'the lead unit first');
  const word = red.find((p) => p.str === '文件');
  assert.ok(word, '文件 apart, to the right');
  near(
    word.y - 0.88 * word.size + word.size / 2,
    ((lines[0] as number) + (lines.at(-1) as number)) / 2 - 0.88 * word.size + word.size / 2,
    2,
    'centred on the names',
  );
  assert.ok(word.x > Math.max(...red.filter((p) => p !== word).map((p) => p.x)), 'right of the names');
  near((lines[0] as number) - 0.88 * (red[0]?.size ?? 0), TYPE_AREA.top + 35 * MM, 1 * MM, 'the top edge where a single banner’s is');
  const text = pages.flatMap((p) => p.lines).join('\n');
  assert.match(text, /西安市人民政府\n\s*陕西省财政厅\n\s*陕西省发展和改革委员会\n\s*2026年11月30日/, 'every unit signs, in order, above the date');
});

test('明传电报: its grade 特提 or 平急 in 3号黑体 顶格 on the line below the 份号; an ungraded document prints none', async () => {
  for (const [urgency, word] of [
    ['FLASH', '特提'],
    ['PLAIN_URGENT', '平急'],
  ]) {
    const [first] = await readPdf(await renderOfficialDocument({ ...upward, signer: null, urgency: urgency as string }, copy));
    assert.ok(first);
    const grade = first.pieces.find((p) => p.str === word);
    assert.ok(grade, `${word} printed`);
    assert.match(grade.font, FACE_FAMILY.hei, `${word} in 黑体`);
    near(grade.size, SIZE.三号, 0.01, '3号');
    near(grade.x, TYPE_AREA.left, 0.1, '顶格');
    const number = first.pieces.find((p) => p.str === '000003');
    assert.ok(number);
    near(grade.y - number.y, LINE_PITCH, 0.1, 'the line below the 份号');
  }
  const [plainCopy] = await readPdf(await renderOfficialDocument({ ...upward, signer: null, urgency: 'NORMAL' }, copy));
  for (const w of ['特提', '特急', '加急', '平急'])
    assert.equal(
      plainCopy?.pieces.find((p) => p.str === w),
      undefined,
      `no ${w}`,
    );
});

test('联合行文 sealed (§7.3.5.1): each issuer’s own seal over its 署名, in rows inside the 版心, never touching; the last over the 署名 and the date', async () => {
  const seal = (rgb: [number, number, number]) => ({ png: ringPng(64, rgb), note: '电子印章验证通过' });
  for (const coIssuerNames of [['陕西省财政厅'], ['陕西省财政厅', '陕西省民政厅'], ['陕西省财政厅', '陕西省发展和改革委员会', '陕西省民政厅']]) {
    const joint = { ...upward, signer: null, attachments: [], coIssuerNames, bodyText: '现将有关事项通知如下。' };
    const pdf = await renderOfficialDocument(joint, {
      ...copy,
      seal: seal([200, 22, 29]),
      coSeals: coIssuerNames.map(() => seal([201, 23, 30])),
    });
    const pages = await readPdf(pdf);
    const images = await readImages(pdf);
    const names = ['西安市人民政府', ...coIssuerNames];
    assert.equal(images.length, names.length, `one seal per issuer (${names.length})`);
    const page = pages[(images[0]?.page ?? 1) - 1] as PdfPage;
    const d = 42 * MM;
    names.forEach((name, i) => {
      const img = images[i];
      // The 署名, not the banner's line nor the 版记's 印发机关: the piece under this seal.
      const piece = page.pieces.find((p) => p.str === name && img && p.y > img.y && p.y < img.y + img.height);
      assert.ok(img && piece, `${name}: its seal and its 署名`);
      near(img.width, d, 0.5, 'a 42 mm seal');
      near(img.x + img.width / 2, piece.x + piece.width / 2, 1.5, `${name}'s seal centred on its 署名`);
      assert.ok(img.y < piece.y && img.y + img.height > piece.y, `${name}'s seal presses its 署名`);
      assert.ok(img.x >= TYPE_AREA.left - 0.5 && img.x + img.width <= TYPE_AREA_RIGHT + 0.5, `${name}'s seal inside the 版心`);
    });
    for (let a = 0; a < images.length; a++)
      for (let b = a + 1; b < images.length; b++) {
        const [p, q] = [images[a] as (typeof images)[0], images[b] as (typeof images)[0]];
        const dist = Math.hypot(p.x - q.x, p.y - q.y);
        assert.ok(dist > d, `seals ${a + 1} and ${b + 1} neither cross nor touch (${(dist / MM).toFixed(1)} mm apart)`);
        // 排列整齐: two seals stand on one level (a row) or a whole seal apart (rows).
        const dy = Math.abs(p.y - q.y);
        assert.ok(dy < 0.5 || dy > d, `seals ${a + 1} and ${b + 1} level or in rows apart (${(dy / MM).toFixed(1)} mm)`);
      }
    const date = page.pieces.find((p) => p.str === '2026年11月30日' && !p.str.includes('印发'));
    const lastSeal = images.at(-1);
    assert.ok(date && lastSeal);
    near(date.x + date.width, TYPE_AREA_RIGHT - 4 * CHAR_PITCH, 1.5, '成文日期 右空四字');
    assert.ok(lastSeal.y + lastSeal.height > date.y, 'the last seal presses the date too');
    near(lastSeal.x + lastSeal.width / 2, date.x + date.width / 2, 1.5, 'centred on the date');
    // Where the text ends on the seals' page, the first row comes within a line of it.
    const body = page.pieces.find((p) => p.str.includes('现将有关事项'));
    const top = Math.min(...images.map((i) => i.y));
    if (body) assert.ok(top - body.y <= LINE_PITCH + 0.5, `the first row's seals come within a line of the text (${(top - body.y).toFixed(1)} pt)`);
    const trail = pages.flatMap((p) => p.lines).join('');
    for (const n of coIssuerNames) assert.match(trail, new RegExp(`${n}：电子印章验证通过`), `${n}'s seal verification noted`);
  }
});

test('联合行文 beyond the quota: no seal of any issuer', async () => {
  const joint = { ...upward, signer: null, attachments: [], coIssuerNames: ['陕西省财政厅'], bodyText: '现将有关事项通知如下。' };
  const png = ringPng();
  const pdf = await renderOfficialDocument(joint, { ...copy, withinQuota: false, seal: { png, note: '' }, coSeals: [{ png, note: '' }] });
  assert.equal((await readImages(pdf)).length, 0);
});

test('the page of the 署名 and 成文日期 carries text: what does not fit below the text takes the text’s last paragraph with it', async () => {
  const png = ringPng();
  // With attachments too: their 附件说明 is not text, and a 署名 it pushes onto the next page takes text with it.
  const kinds = [
    { coIssuerNames: [] as string[], attachments: [] },
    { coIssuerNames: ['陕西省财政厅', '陕西省民政厅'], attachments: [] },
    { coIssuerNames: [] as string[], attachments: upward.attachments },
  ];
  for (const { coIssuerNames, attachments } of kinds) {
    for (let n = 2; n <= 12; n++) {
      const doc = { ...upward, signer: null, attachments, notes: null, coIssuerNames, bodyText: paragraphs(n).join('\n') };
      const pages = await readPdf(
        await renderOfficialDocument(doc, { ...copy, seal: { png, note: '' }, coSeals: coIssuerNames.map(() => ({ png, note: '' })) }),
      );
      const dated = pages.find((p) => p.pieces.some((x) => x.str === '2026年11月30日'));
      assert.ok(dated, `${n} paragraphs: a date`);
      assert.ok(
        dated.pieces.some((x) => /^第\d+段|落到实处/.test(x.str)),
        `${n} paragraphs${coIssuerNames.length ? ', joint' : ''}${attachments?.length ? ', with attachments' : ''}: text on the page of the 署名 (page ${dated.number} of ${pages.length})`,
      );
    }
  }
});

test('a long title is set in even lines (§7.3.1); a character no print font has (an emoji) shows as □ instead of vanishing', async () => {
  // Twenty-seven characters of 2号 on a line that holds twenty: greedy breaking gave twenty and seven.
  const title = '关于做好二〇二六年度全省电子公文交换平台升级工作的通知';
  const pages = await readPdf(
    await renderOfficialDocument({ ...upward, signer: null, title, bodyText: '请各单位认真落实🎉，按时完成。', attachments: [], notes: null }, copy),
  );
  const lines = (pages[0] as PdfPage).lines;
  const titleLines = lines.filter((l) => [...l.replace(/\s/g, '')].every((c) => title.includes(c)) && l.trim().length > 2);
  assert.equal(titleLines.join('').replace(/\s/g, ''), title, lines.join('\n'));
  const lengths = titleLines.map((l) => [...l.replace(/\s/g, '')].length);
  assert.ok(Math.max(...lengths) - Math.min(...lengths) <= 1, `even lines: ${lengths.join(', ')}`);
  const text = pages.flatMap((p) => p.lines).join('\n');
  assert.match(text, /请各单位认真落实□，按时完成。/, 'the emoji marked where it stood');
});

test('unsealed (§7.3.5.2): the 署名 右空二字, the date’s first character two characters right of the 署名’s, measured as drawn', async () => {
  const pages = await readPdf(
    await renderOfficialDocument(
      { ...upward, signer: null, stamped: false, attachments: [], notes: null, signatureLine: '陕西省人民政府办公厅', docDate: '2026-12-06' },
      { ...copy, seal: { png: null, note: '' } },
    ),
  );
  const last = pages.at(-1) as PdfPage;
  const name = pieceWith(last, '陕西省人民政府办公厅') as NonNullable<ReturnType<typeof pieceWith>>;
  const date = pieceWith(last, '2026年12月6日') as NonNullable<ReturnType<typeof pieceWith>>;
  assert.ok(name && date, last.lines.join('\n'));
  near(TYPE_AREA_RIGHT - (name.x + name.width), 2 * CHAR_PITCH, 2, '署名 右空二字');
  near(date.x - name.x, 2 * CHAR_PITCH, 2, 'the date two characters right of the 署名');
});

test('a seal is multiplied over the text (ink, not a patch): the 署名 and date under it stay legible', async () => {
  const pdf = await renderOfficialDocument({ ...upward, attachments: [] }, { ...copy, seal: { png: ringPng(64, [200, 22, 29]), note: '电子印章验证通过' } });
  const text = Buffer.from(pdf).toString('latin1');
  assert.match(text, /\/Type \/ExtGState\s*\/BM \/Multiply/);
  assert.match(text, /\/GsSeal gs[\s\S]{0,80}\/I\w* Do/, 'the seal image drawn in that state');
});

/** The page (0-based) of a laid-out document whose text holds `words`; -1 where none does. */
const onPage = (pages: { kind: string; text?: string }[][], words: string) =>
  pages.findIndex((ops) => ops.some((o) => o.kind === 'text' && (o.text ?? '').includes(words)));

/**
 * `tail` after n paragraphs, for every n from 6 to 22 (so the tail lands at every place of a page): each of `kept` (words
 * of the tail) must be on the page of its last; answers how many n moved them all past the last paragraph's page.
 */
async function keptTogether(tail: string[], kept: string[]): Promise<number> {
  const { layoutOfficialDocument } = await import('./print-layout.ts');
  let moved = 0;
  for (let n = 6; n <= 22; n++) {
    const laid = await layoutOfficialDocument({ ...upward, attachments: [], bodyText: [...paragraphs(n), ...tail].join('\n') }, copy);
    const pages = kept.map((w) => onPage(laid.pages, w));
    assert.ok(
      pages.every((x) => x >= 0),
      `n=${n}: ${pages}`,
    );
    assert.deepEqual(
      pages,
      pages.map(() => pages.at(-1)),
      `n=${n}: ${kept.map((w, i) => `${w} on page ${(pages[i] as number) + 1}`).join(', ')}`,
    );
    if ((pages[0] as number) > onPage(laid.pages, `第${n}段`)) moved++;
  }
  return moved;
}

test('a heading (二、…) is never left alone at the foot of a page: where no line of what follows fits, it starts the next page', async () => {
  const moved = await keptTogether(['二、及时报送值班安排', '请各单位于每日下午五时前报送次日值班安排。'], ['及时报送值班安排', '请各单位于每日']);
  assert.ok(moved > 0, 'some count put the heading on the page after the text before it');
});

test('nor is a heading followed by another (二、 then （一）): both go on with the first line of what they head', async () => {
  // The 楷体 heading is drawn a character at a time: found by its 更, in nothing else here.
  const moved = await keptTogether(
    ['二、强化值守督导', '（一）夜间巡更', '请各单位对重点场所逐一巡查，建立台账。'],
    ['强化值守督导', '更', '请各单位对重点场所'],
  );
  assert.ok(moved > 0, 'some count moved both headings to the next page');
});

test('a PDF attachment is printed whole: its 附件 page, then each of its own pages, numbered on with the document', async () => {
  const bytes = await pagedPdf(2);
  const plainCopy = await readPdf(await renderOfficialDocument({ ...upward, attachments: [] }, copy));
  const pages = await readPdf(
    await renderOfficialDocument(
      {
        ...upward,
        attachments: [{ name: '安全生产检查表.pdf', size: bytes.length, contentType: 'application/pdf', sha256: 'c'.repeat(64), pdf: { bytes, pages: 2 } }],
      },
      copy,
    ),
  );
  const label = pages.findIndex((p) => p.lines.some((l) => l.includes('附件原件共2页，附后。')));
  assert.ok(label >= plainCopy.length - 1, `the 附件 page after the text: ${label}`);
  assert.ok(
    pages[label]?.lines.some((l) => l === '附件'),
    'labelled 附件 as §7.3.7 has it',
  );
  assert.ok(!pages.some((p) => p.lines.some((l) => l.includes('本印件不含其内容'))), 'not merely described');
  for (const n of [1, 2]) {
    const page = pages[label + n] as PdfPage;
    assert.ok(
      page.lines.some((l) => l.includes(`Checklist page ${n} of 2`)),
      `its page ${n} follows: ${page.lines.join(' | ')}`,
    );
    // Drawn into the page above its number, which goes on from the document's.
    assert.ok(
      page.lines.some((l) => l.includes(`— ${label + n + 1} —`)),
      `numbered — ${label + n + 1} —: ${page.lines.join(' | ')}`,
    );
    const words = pieceWith(page, 'Checklist') as NonNullable<ReturnType<typeof pieceWith>>;
    assert.ok(words.y < TYPE_AREA_BOTTOM && words.x > 10 * MM, 'within the box kept for it');
  }
  // The 版记 is on a page of the print's own after them, never on an attachment's.
  const imprint = pages.findIndex((p) => p.lines.some((l) => l.includes('印发')));
  assert.ok(imprint > label + 2, `the 版记 on page ${imprint + 1}`);
});

test('an attachment that is no readable PDF is described, as before', async () => {
  const { pdfPageCount } = await import('./official-document-pdf.ts');
  assert.equal(await pdfPageCount(new TextEncoder().encode('not a pdf')), null);
  assert.equal(await pdfPageCount(await pagedPdf(3)), 3);
});
