// Hostile request bodies (issue 14, finding 5): an oversized or malformed body is refused at the edge, by the gateway
// itself, as a small JSON error with a stable code — never express's HTML page, a stack trace, an absolute path or an
// echo of the request. The same holds for a subgraph reached directly, and for uploads over the file limit.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CALLER_HEADER, loadSigner, signCallerContext } from '@yizhan/common';
import { type Answer, answer } from './support/answers.ts';
import { tinyPdf } from './support/files.ts';
import { type Platform, startPlatform } from './support/harness.ts';

let p: Platform;
before(async () => {
  p = await startPlatform({ services: ['documents'] });
});
after(() => p?.close());

const MARKER = 'HOSTILE-MARKER-7f3a9c';
const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }';
const padding = (mb: number) => `${MARKER} `.repeat(Math.ceil((mb * 1024 * 1024) / (MARKER.length + 1)));
/** An anonymous login of about `mb` megabytes, the marker repeated in its password: a request that reaches org. */
const bigJson = (mb: number) => JSON.stringify({ query: LOGIN, variables: { u: 'xa.clerk', p: padding(mb) } });

/** Small JSON with the code; no stack frame, no absolute path, no echo of the request. */
function assertClean(a: Answer, status: number | 'any4xx', code: string) {
  if (status === 'any4xx') assert.ok(a.status >= 400 && a.status < 500, `a 4xx, not ${a.status}`);
  else assert.equal(a.status, status, a.text.slice(0, 300));
  assert.match(a.type, /application\/(graphql-response\+)?json/, `JSON, not ${a.type}`);
  assert.equal(a.code, code, a.text.slice(0, 300));
  assert.ok(a.text.length < 1024, `a small answer, not ${a.text.length} bytes`);
  assert.doesNotMatch(a.text, /<html|<pre|<!DOCTYPE/i, 'no HTML page');
  assert.doesNotMatch(a.text, /\bat \S+ \(|\n\s+at /, 'no stack frame');
  assert.ok(!a.text.includes('/work/') && !a.text.includes('node_modules'), 'no absolute path');
  assert.ok(!a.text.includes(MARKER), 'no echo of the request body');
}

describe('the gateway refuses an oversized or malformed /graphql body itself', () => {
  test('a 10 MB anonymous request is a 413 TOO_LARGE naming the limit, small and clean', async () => {
    const a = await answer(await fetch(p.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bigJson(10) }));
    assertClean(a, 413, 'TOO_LARGE');
    assert.match(a.message ?? '', /2 MB/, 'the message names the limit');
  });

  test('the same without a content-length (chunked) is stopped at the limit', async () => {
    const bytes = new TextEncoder().encode(bigJson(10));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent >= bytes.length) return c.close();
        c.enqueue(bytes.subarray(sent, sent + 64 * 1024));
        sent += 64 * 1024;
      },
    });
    const a = await answer(await fetch(p.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit));
    assertClean(a, 413, 'TOO_LARGE');
  });

  test('malformed JSON is a 400 BAD_REQUEST', async () => {
    const a = await answer(
      await fetch(p.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"query": "{ __typename }", "x": "${MARKER}` }),
    );
    assertClean(a, 400, 'BAD_REQUEST');
  });

  test('a body the endpoint does not read is a 415 in JSON, and an address the gateway does not serve a 404 in JSON', async () => {
    const xml = await answer(await fetch(p.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: `<q>${MARKER}</q>` }));
    assertClean(xml, 415, 'BAD_REQUEST');
    for (const path of ['/etc/passwd', '/graphql/../admin', '/', `/${MARKER}`]) {
      const a = await answer(await fetch(p.gatewayUrl.replace('/graphql', path)));
      assertClean(a, 404, 'NOT_FOUND');
    }
  });

  test('an empty body is answered, not left waiting', async () => {
    const a = await answer(await fetch(p.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '' }));
    assertClean(a, 'any4xx', 'BAD_REQUEST');
    assert.doesNotMatch(a.text, /originalError|SyntaxError/, 'not the parser’s own exception');
  });

  test('a signed-in caller may send more (the archive imports packages inline, a peer platform hands over its evidence packages)', async () => {
    const token = await p.login('xa.clerk');
    const body = JSON.stringify({ query: '{ __typename }', variables: { pad: padding(3) } });
    const res = await fetch(p.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
    assert.equal(res.status, 200);
    // Over the GraphQL server's own 25 MB (which the runtime gives no way to set): 30 MB, as a peer platform's
    // evidence package is, reaches the operation — a clerk is refused it by documents, not by a body limit.
    const large = JSON.stringify({
      query: 'mutation($p: String!) { receiveFromPeer(peerDeliveryId: "hostile-large", evidencePackage: $p) { id } }',
      variables: { p: 'A'.repeat(30 * 1024 * 1024) },
    });
    const a = await answer(
      await fetch(p.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: large }),
    );
    assert.equal(a.code, 'FORBIDDEN', a.text.slice(0, 300));
  });

  test('normal requests are as before, a large but allowed one too', async () => {
    const small = await p.gql('{ __typename }');
    assert.deepEqual(small.data, { __typename: 'Query' });
    const body = JSON.stringify({ query: '{ __typename }', variables: { pad: padding(1) } });
    const res = await fetch(p.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    assert.equal(res.status, 200);
    assert.deepEqual(((await res.json()) as { data: unknown }).data, { __typename: 'Query' });
  });
});

describe('a subgraph reached directly answers its own body errors as small JSON', () => {
  test('an oversized body with no caller header is a 4xx, JSON, no HTML, no stack', async () => {
    const a = await answer(await fetch(p.documentsUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bigJson(10) }));
    assertClean(a, 'any4xx', a.status === 401 ? 'UNSIGNED_CALL' : 'TOO_LARGE');
  });

  test('with a signed caller, as from the gateway: 413 TOO_LARGE and 400 BAD_REQUEST from the subgraph’s own parser', async () => {
    const signed = { 'content-type': 'application/json', [CALLER_HEADER]: await signCallerContext({ caller: null }, await loadSigner('caller-context'), 60) };
    // org's limit (28 MB: a 信息 comes with its images inline, a mail with its 20 MB of attachments as base64; documents
    // takes a peer platform's package inline, up to its own larger one).
    const big = await answer(await fetch(p.orgUrl, { method: 'POST', headers: signed, body: bigJson(30) }));
    assertClean(big, 413, 'TOO_LARGE');
    assert.match(big.message ?? '', /28 MB/);
    const malformed = await answer(await fetch(p.documentsUrl, { method: 'POST', headers: signed, body: `{"query": "${MARKER}` }));
    assertClean(malformed, 400, 'BAD_REQUEST');
    const upload = await answer(
      await fetch(p.documentsUrl.replace('/graphql', '/blobs'), {
        method: 'POST',
        headers: { ...signed, 'content-type': 'application/pdf' },
        body: new Uint8Array(Buffer.alloc(21 * 1024 * 1024, MARKER)),
      }),
    );
    assertClean(upload, 413, 'TOO_LARGE');
    const nowhere = await answer(await fetch(p.documentsUrl.replace('/graphql', '/no-such-route'), { headers: signed }));
    assertClean(nowhere, 404, 'NOT_FOUND');
  });

  test('malformed JSON is a 400 BAD_REQUEST, no stack', async () => {
    const a = await answer(await fetch(p.documentsUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"query": "${MARKER}` }));
    assertClean(a, 'any4xx', a.status === 401 ? 'UNSIGNED_CALL' : 'BAD_REQUEST');
  });
});

describe('uploads over the file limit', () => {
  test('a 21 MB upload to /blobs is a 413 TOO_LARGE naming the limit in MB, no stack, no echo', async () => {
    const token = await p.login('xa.drafter');
    const content = Buffer.alloc(21 * 1024 * 1024, 'A');
    content.write(MARKER, 0);
    const a = await answer(
      await fetch(p.gatewayUrl.replace('/graphql', '/blobs'), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf', 'x-filename': 'big.pdf' },
        body: new Uint8Array(content),
      }),
    );
    assertClean(a, 413, 'TOO_LARGE');
    assert.match(a.message ?? '', /20 MB/);
  });

  test('the same without a content-length (chunked) is stopped at the limit by the gateway', async () => {
    const token = await p.login('xa.drafter');
    const chunk = new Uint8Array(Buffer.alloc(1024 * 1024, MARKER));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent++ >= 21) return c.close();
        c.enqueue(chunk);
      },
    });
    const a = await answer(
      await fetch(p.gatewayUrl.replace('/graphql', '/blobs'), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf', 'x-filename': 'big.pdf' },
        body,
        duplex: 'half',
      } as RequestInit),
    );
    assertClean(a, 413, 'TOO_LARGE');
    assert.match(a.message ?? '', /20 MB/);
  });

  test('a program is refused as an attachment, by its name or its content, and so is a file that is not what its name says, naming the file; nothing is kept', async () => {
    const token = await p.login('xa.drafter');
    const files = () => p.superCount('select count(*) n from documents.uploads');
    const before = await files();
    for (const [name, content, type, code] of [
      ['evil.exe', Buffer.from('hello'), 'application/x-msdownload', 'FILE_KIND_REFUSED'],
      ['附件.pdf', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64, 0)]), 'application/pdf', 'FILE_KIND_REFUSED'],
      // Not a program, but not what its name says either: a page of script saved as a Word file, text as a PDF.
      [
        '名单.docx',
        Buffer.from('<html><script>alert(1)</script></html>'),
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'FILE_CONTENT_MISMATCH',
      ],
      ['附件.pdf', Buffer.from('这是一段文字'), 'application/pdf', 'FILE_CONTENT_MISMATCH'],
      // The right beginning over random bytes, and a PDF cut short in its upload: neither opens.
      [
        '附件.pdf',
        Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131) % 256))]),
        'application/pdf',
        'FILE_CONTENT_MISMATCH',
      ],
      ['附件.pdf', tinyPdf('附件').subarray(0, 100), 'application/pdf', 'FILE_CONTENT_MISMATCH'],
    ] as const) {
      const a = await answer(
        await fetch(p.gatewayUrl.replace('/graphql', '/blobs'), {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': type, 'x-filename': encodeURIComponent(name) },
          body: new Uint8Array(content),
        }),
      );
      assertClean(a, 415, code);
      assert.ok(a.message?.includes(`“${name}”`), a.message);
    }
    // A file with a virus (the EICAR test file, which every antivirus reports) is scanned before it is kept.
    const eicar = await answer(
      await fetch(p.gatewayUrl.replace('/graphql', '/blobs'), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain', 'x-filename': encodeURIComponent('通知附件.txt'), 'x-yizhan-csrf': '1' },
        body: 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*',
      }),
    );
    assertClean(eicar, 422, 'FILE_INFECTED');
    assert.match(eicar.message ?? '', /“通知附件\.txt” did not pass the malware scan: EICAR/);
    assert.equal(await files(), before, 'nothing stored');
  });

  test('an upload is not attached under a name its content is not: the name a recipient opens it by is checked as the upload’s was', async () => {
    const token = await p.login('xa.drafter');
    const upload = async (name: string, content: Buffer) => {
      const res = await fetch(p.gatewayUrl.replace('/graphql', '/blobs'), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain', 'x-filename': encodeURIComponent(name), 'x-yizhan-csrf': '1' },
        body: new Uint8Array(content),
      });
      assert.equal(res.status, 201);
      return ((await res.json()) as { sha256: string }).sha256;
    };
    const text = await upload('名单.txt', Buffer.from('这是一段文字，不是 PDF'));
    const pdf = await upload('方案', tinyPdf('附件'));
    const CREATE = 'mutation($in: DraftInput!) { createDraft(input: $in) { id attachments { name } } }';
    const draft = (name: string, sha256: string) => ({ docType: '通知', title: `附件改名：${name}`, body: '<p>正文</p>', attachments: [{ name, sha256 }] });
    for (const [name, sha256, code] of [
      ['名单.pdf', text, 'FILE_CONTENT_MISMATCH'],
      ['名单.exe', text, 'FILE_KIND_REFUSED'],
    ] as const) {
      const r = await p.gql(CREATE, { in: draft(name, sha256) }, token);
      assert.equal(r.errors?.[0]?.extensions?.code, code, `${name}: ${JSON.stringify(r.errors)}`);
      assert.equal(r.errors?.[0]?.extensions?.field, 'attachments[0].name');
      assert.ok(r.errors?.[0]?.message.includes(`“${name}”`), r.errors?.[0]?.message);
    }
    assert.equal(await p.superCount("select count(*) n from documents.documents where title like '附件改名：名单%'"), 0, 'no draft kept');
    // A name the content is (a PDF named without its extension, given one), or one without an extension, is kept.
    for (const [name, sha256] of [
      ['附件1 实施方案.pdf', pdf],
      ['附件2 名单', text],
    ] as const) {
      const r = await p.gql(CREATE, { in: draft(name, sha256) }, token);
      assert.deepEqual(r.data?.createDraft.attachments, [{ name }], JSON.stringify(r.errors));
    }
  });

  test('an upload within the limit still works', async () => {
    const token = await p.login('xa.drafter');
    const res = await fetch(p.gatewayUrl.replace('/graphql', '/blobs'), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf', 'x-filename': 'ok.pdf' },
      body: new Uint8Array(tinyPdf('B'.repeat(3 * 1024 * 1024))),
    });
    assert.equal(res.status, 201);
  });
});
