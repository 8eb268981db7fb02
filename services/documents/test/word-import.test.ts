// Word import over HTTP (POST /blobs?import=word through the gateway): a .docx made here (headings by style and by
// 层次序数, a style the platform does not know, a table) comes back as the body's structure with what was not kept;
// only drafters import, and only .docx files.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { zipSync } from 'fflate';
import { cell, docxOf, para } from '../../../test/support/docx.ts';
import { type Platform, startPlatform } from '../../../test/support/harness.ts';

let p: Platform;
before(async () => {
  p = await startPlatform({ services: ['documents'] });
});
after(() => p?.close());

function docx(opening: string[] = []): Buffer {
  return docxOf([
    ...opening.map((line) => para(line)),
    para('总体要求', 'Heading1'),
    para('一、工作目标。确保按时签收。'),
    para('（一）明确职责。'),
    para('特别说明', 'Odd'),
    `<w:tbl><w:tr>${cell('单位')}${cell('联系人')}</w:tr><w:tr>${cell('新城区')}${cell('王五')}</w:tr></w:tbl>`,
  ]);
}

async function importAs(user: string, body: Buffer) {
  const token = await p.login(user);
  const res = await fetch(`${p.gatewayUrl.replace('/graphql', '/blobs')}?import=word`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'x-filename': encodeURIComponent('草稿.docx'),
    },
    body: new Uint8Array(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> & { errors?: { message: string; extensions: { code: string } }[] } };
}

test('a .docx becomes the body’s structure, with what was not kept named', async () => {
  const { status, json } = await importAs('xa.drafter', docx());
  assert.equal(status, 200, JSON.stringify(json));
  assert.deepEqual(json.blocks, [
    { kind: 'heading', level: 1, text: '总体要求' },
    { kind: 'heading', level: 1, text: '一、工作目标。确保按时签收。' },
    { kind: 'heading', level: 2, text: '（一）明确职责。' },
    { kind: 'paragraph', text: '特别说明' },
    {
      kind: 'table',
      rows: [
        { header: false, cells: ['单位', '联系人'] },
        { header: false, cells: ['新城区', '王五'] },
      ],
    },
  ]);
  assert.match(String(json.body), /^<h1>总体要求<\/h1>\n<p>一、工作目标。确保按时签收。<\/p>/);
  const notes = json.notes as { code: string; message: string }[];
  assert.deepEqual(
    notes.map((n) => n.code),
    ['STYLE_UNKNOWN'],
  );
  assert.match(notes[0]?.message ?? '', /公文附注/);
});

test('a draft opening with its 标题 and 主送 gives them as the draft’s fields, not as lines of the body', async () => {
  const { status, json } = await importAs('xa.drafter', docx(['西安市人民政府关于做好年终安全检查工作的通知', '各区、县人民政府，市政府各工作部门：']));
  assert.equal(status, 200, JSON.stringify(json));
  assert.equal(json.title, '西安市人民政府关于做好年终安全检查工作的通知');
  assert.equal(json.mainTo, '各区、县人民政府，市政府各工作部门');
  assert.match(String(json.body), /^<h1>总体要求<\/h1>/, 'the body starts with its text');
  const plain = await importAs('xa.drafter', docx());
  assert.deepEqual([plain.json.title, plain.json.mainTo], [null, null]);
});

test('only drafters import, and only .docx files', async () => {
  const clerk = await importAs('xa.clerk', docx());
  assert.equal(clerk.status, 403);
  assert.equal(clerk.json.errors?.[0]?.extensions.code, 'FORBIDDEN');
  const rtf = await importAs('xa.drafter', Buffer.from('{\\rtf1 不是docx}'));
  assert.equal(rtf.status, 400);
  assert.equal(rtf.json.errors?.[0]?.extensions.code, 'BAD_INPUT');
  const broken = await importAs('xa.drafter', Buffer.from('PK\x03\x04 not really a zip'));
  assert.equal(broken.status, 400, 'a file that only starts like a zip');
  // A zip bomb: 80 MB of zeros packed into a few hundred KB is refused from the zip's directory, never inflated.
  const bomb = Buffer.from(zipSync({ 'word/document.xml': new Uint8Array(80 * 1024 * 1024) }, { level: 9 }));
  const refused = await importAs('xa.drafter', bomb);
  assert.equal(refused.status, 400, `a ${Math.round(bomb.length / 1024)} KB file that unpacks to 80 MB`);
  assert.match(refused.json.errors?.[0]?.message ?? '', /unpacks to 80 MB/);
});
