// A client's mistakes are answered as the client's (issue 14, finding 6): a 4xx — or 200 with errors where the
// GraphQL-over-HTTP spec asks for it (`Accept: application/json`) — with a code from common's one table
// (`CLIENT_ERRORS` in lib/common/src/errors.ts), never a 5xx, a stack, the gateway's own variable names (`$_…`), or a
// limit worded as a syntax error. A NUL byte is refused before it reaches PostgreSQL, and a 5,000-deep variable before
// anything recurses into it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { type Answer, answer } from './support/answers.ts';
import { tinyPdf } from './support/files.ts';
import { type Platform, startPlatform } from './support/harness.ts';

const DASHBOARD = 'http://127.0.0.1:3998';
const RESPONSE_JSON = 'application/graphql-response+json';
let p: Platform;
let drafter: string;
before(async () => {
  p = await startPlatform({ services: ['documents'], dashboardOrigins: [DASHBOARD] });
  drafter = await p.login('xa.drafter');
});
after(() => p?.close());

/** POST /graphql as xa.drafter; `body` is sent as it is when a string. */
async function post(body: unknown, opts: { accept?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${drafter}`, ...opts.headers };
  if (opts.accept) headers.accept = opts.accept;
  return answer(await fetch(p.gatewayUrl, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) }));
}

/** A client's mistake: this status, JSON, every error with this code; no stack, no `$_` variable, no server error. */
function assertClientError(a: Answer, status: number | number[], code: string) {
  const statuses = Array.isArray(status) ? status : [status];
  assert.ok(a.status < 500, `never a 5xx for a client's mistake: ${a.status} ${a.text.slice(0, 300)}`);
  assert.ok(statuses.includes(a.status), `status ${statuses.join(' or ')}, not ${a.status}: ${a.text.slice(0, 300)}`);
  assert.match(a.type, /application\/(graphql-response\+)?json/, `JSON, not ${a.type}`);
  assert.ok(a.errors.length > 0, 'errors');
  for (const e of a.errors) assert.equal(e.extensions?.code, code, a.text.slice(0, 300));
  assert.doesNotMatch(a.text, /\bat \S+ \(|\n\s+at |call stack/, 'no stack');
  assert.doesNotMatch(a.text, /\$_/, 'no variable the gateway made up');
  assert.doesNotMatch(a.text, /"http"|INTERNAL/, 'no internals');
}

const DEEP = '{ me { org { parent { parent { children { children { children { parent { parent { parent { name } } } } } } } } } } }';
const CREATE = 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }';
const draft = (title: string) => ({ docType: '通知', title, body: '正文', docPrefix: '市政发' });
const documentCount = () => p.superCount('SELECT count(*) AS n FROM documents.documents');

describe('the request itself is malformed: BAD_REQUEST', () => {
  test('a missing query is a 400 BAD_REQUEST', async () => {
    assertClientError(await post({}), 400, 'BAD_REQUEST');
    assertClientError(await post({ variables: {} }, { accept: RESPONSE_JSON }), 400, 'BAD_REQUEST');
  });

  test('a query that does not parse, an unknown field, a wrong or missing variable: BAD_REQUEST', async () => {
    assertClientError(await post({ query: '{ me { ' }), 400, 'BAD_REQUEST');
    assertClientError(await post({ query: '{ me { nope } }' }), 400, 'BAD_REQUEST');
    const perf = 'query($f: DateTimeISO!, $t: DateTimeISO!) { receiptPerformance(from: $f, to: $t) { total } }';
    assertClientError(await post({ query: perf, variables: {} }), 400, 'BAD_REQUEST');
    assertClientError(await post({ query: CREATE, variables: { in: { title: 1 } } }), 400, 'BAD_REQUEST');
    // A time is judged at the gateway as the subgraphs judge it: a 400 naming the client's variable.
    const time = await post({ query: perf, variables: { f: 'nope', t: '2026-01-01T00:00:00Z' } });
    assertClientError(time, 400, 'BAD_REQUEST');
    assert.match(time.errors[0]?.message ?? '', /Variable "\$f" got invalid value "nope"/);
  });

  test('a time inside an input is named by the client’s variable and its path, and nothing is written', async () => {
    const before = await documentCount();
    for (const deadline of ['next Friday', '0000-01-01T00:00:00Z', 20261206]) {
      const a = await post({ query: CREATE, variables: { in: { ...draft('期限有误的草稿'), deadline } } });
      assertClientError(a, 400, 'BAD_REQUEST');
      assert.match(a.errors[0]?.message ?? '', /Variable "\$in" got invalid value .* at "in\.deadline"/, a.errors[0]?.message);
    }
    // Year 0 is what PostgreSQL cannot hold: refused here, named, not a refusal from the database without a field.
    const filter = await post({ query: '{ inbox(filter: {from: "0000-06-01T00:00:00Z"}) { totalCount } }' });
    assertClientError(filter, 400, 'BAD_REQUEST');
    assert.match(filter.errors[0]?.message ?? '', /^Argument "filter\.from": DateTimeISO holds the years 1 to 9999, not 0/, filter.errors[0]?.message);
    assert.equal(await documentCount(), before);
  });

  test('a literal the gateway passes on as its own variable is reported without the gateway’s variable name', async () => {
    const a = await post({ query: '{ receiptPerformance(from: "nope", to: "2026-01-01T00:00:00Z") { total } }' });
    assertClientError(a, 400, 'BAD_REQUEST');
    // The client wrote no variable: the message names the argument it wrote, and no variable at all.
    assert.match(a.errors[0]?.message ?? '', /Argument "from"/, a.errors[0]?.message);
    assert.doesNotMatch(a.errors[0]?.message ?? '', /\$/, a.errors[0]?.message);
  });

  test('malformed JSON is a 400 BAD_REQUEST', async () => {
    assertClientError(await post('{"query": "{ me { username } }"'), 400, 'BAD_REQUEST');
  });

  test('a 5,000-deep variable is a 400 BAD_REQUEST naming the limit, not a stack overflow', async () => {
    const deep = (open: string, close: string) => `${open.repeat(5000)}1${close.repeat(5000)}`;
    const perf = 'query($f: DateTimeISO!, $t: DateTimeISO!) { receiptPerformance(from: $f, to: $t) { total } }';
    for (const value of [deep('[', ']'), deep('{"a":', '}')]) {
      const a = await post(`{"query": ${JSON.stringify(perf)}, "variables": {"f": ${value}, "t": "2026-01-01T00:00:00Z"}}`);
      assertClientError(a, 400, 'BAD_REQUEST');
      assert.match(a.errors[0]?.message ?? '', /limit of \d+/);
    }
    const unused = await post(`{"query": "{ me { username } }", "variables": {"x": ${deep('[', ']')}}}`);
    assertClientError(unused, 400, 'BAD_REQUEST');
  });
});

describe('over a WebSocket, the same codes and wording as over HTTP', () => {
  /** The first answer to one operation over graphql-ws as xa.drafter: its result, or the errors it was refused with. */
  async function overSocket(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{ errors: { message: string; extensions?: Record<string, unknown> }[]; text: string }> {
    const client = createClient({
      url: p.gatewayUrl.replace('http', 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${drafter}` },
      retryAttempts: 0,
    });
    try {
      const got = await new Promise<unknown>((resolve) => {
        let first: unknown;
        client.subscribe(
          { query, ...(variables ? { variables } : {}) },
          {
            next: (r) => {
              first ??= r;
            },
            error: (e) => resolve({ errors: e }),
            complete: () => resolve(first),
          },
        );
      });
      const errors = ((got as { errors?: unknown[] } | undefined)?.errors ?? []) as { message: string; extensions?: Record<string, unknown> }[];
      return { errors, text: JSON.stringify(got) };
    } finally {
      await client.dispose();
    }
  }

  test('a wrong time, as a variable or written in the operation: BAD_REQUEST, the argument named', async () => {
    const perf = 'query($f: DateTimeISO!, $t: DateTimeISO!) { receiptPerformance(from: $f, to: $t) { total } }';
    const literal = '{ receiptPerformance(from: "nope", to: "2026-01-01T00:00:00Z") { total } }';
    const a = await overSocket(literal);
    for (const got of [await overSocket(perf, { f: 'nope', t: 5 }), a]) {
      assert.ok(got.errors.length > 0, got.text);
      for (const e of got.errors) assert.equal(e.extensions?.code, 'BAD_REQUEST', got.text);
      assert.doesNotMatch(got.text, /\$_/, 'no variable the gateway made up');
      assert.doesNotMatch(got.text, /"http"|INTERNAL|\bat \S+ \(/, 'no internals');
    }
    assert.match(a.errors[0]?.message ?? '', /Argument "from"/, a.text);
    assert.doesNotMatch(a.errors[0]?.message ?? '', /\$/, a.text);
  });

  test('a mutation refused by the subgraph keeps its code; a query that does not validate is BAD_REQUEST', async () => {
    const before = await documentCount();
    const a = await overSocket(CREATE, { in: { ...draft('标题'), docType: '文'.repeat(3000) } });
    assert.ok(a.errors.length > 0, a.text);
    for (const e of a.errors) assert.match(String(e.extensions?.code), /^BAD_(INPUT|REQUEST)$/, a.text);
    assert.ok(a.text.length < 2000, `the value is not quoted whole: ${a.text}`);
    assert.equal(await documentCount(), before, 'nothing written');
    const b = await overSocket('{ me { nope } }');
    for (const e of b.errors) assert.equal(e.extensions?.code, 'BAD_REQUEST', b.text);
  });
});

describe('operation limits: BAD_REQUEST with a `limit` extension, worded as limits', () => {
  const cases: [string, string, RegExp][] = [
    ['depth', DEEP, /deeper than the limit of 10\b/],
    ['aliases', `{ ${Array.from({ length: 50 }, (_, i) => `a${i}: me { username }`).join(' ')} }`, /aliases.* limit of 15\b/],
    ['tokens', `{ me { ${Array.from({ length: 2500 }, () => 'username').join(' ')} } }`, /tokens.* limit of 2000\b/],
    ['cost', '{ documents(first: 10000) { id } }', /costs? .*limit of 5000\b/],
    // 5,000 nested lists: the parser would recurse into each before its token limit (a 500 once, while cold).
    ['nesting', `{ documentTitles(ids: ${'['.repeat(5000)}1${']'.repeat(5000)}) { id } }`, /nests .*limit of 128\b/],
  ];
  for (const [limit, query, wording] of cases) {
    test(`${limit}: 400 BAD_REQUEST, limit "${limit}"`, async () => {
      const a = await post({ query });
      assertClientError(a, 400, 'BAD_REQUEST');
      assert.equal(a.data, undefined);
      assert.equal(a.errors[0]?.extensions?.limit, limit);
      assert.match(a.errors[0]?.message ?? '', wording);
      assert.doesNotMatch(a.text, /Syntax Error/, 'a limit is not a syntax error');
    });
  }
});

describe('the status follows the GraphQL-over-HTTP spec', () => {
  test('before execution: 400 for application/graphql-response+json, 200 with errors for application/json', async () => {
    for (const body of [{ query: '{ me { ' }, { query: '{ me { nope } }' }, { query: DEEP }, {}]) {
      assertClientError(await post(body, { accept: RESPONSE_JSON }), 400, 'BAD_REQUEST');
      const legacy = await post(body, { accept: 'application/json' });
      assertClientError(legacy, 200, 'BAD_REQUEST');
      assert.equal(legacy.data, undefined, 'no data entry: nothing ran');
    }
  });

  test('an Accept the gateway cannot answer is a 406 in JSON, saying which forms it answers in, and nothing is done', async () => {
    const before = await documentCount();
    const a = await post({ query: CREATE, variables: { in: draft('不被接受的草稿') } }, { accept: 'text/html' });
    assertClientError(a, 406, 'BAD_REQUEST');
    assert.match(a.errors[0]?.message ?? '', /application\/graphql-response\+json.*accepts none of them \(Accept: text\/html\)/);
    assert.equal(await documentCount(), before, 'the mutation did not run');
    // A wildcard or one of the forms among others is answered.
    assert.equal((await post({ query: '{ me { username } }' }, { accept: 'text/html, */*;q=0.8' })).status, 200);
  });
});

describe('trusted documents', () => {
  test('from the dashboard’s origin, text is UNTRUSTED_DOCUMENT and an unknown hash UNKNOWN_TRUSTED_DOCUMENT, both 4xx', async () => {
    const origin = { origin: DASHBOARD };
    assertClientError(await post({ query: '{ me { username } }' }, { headers: origin }), 400, 'UNTRUSTED_DOCUMENT');
    const unknown = { extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } } };
    assertClientError(await post(unknown, { headers: origin }), 404, 'UNKNOWN_TRUSTED_DOCUMENT');
    assertClientError(await post(unknown), 404, 'UNKNOWN_TRUSTED_DOCUMENT');
  });
});

describe('NUL bytes and lone surrogates: BAD_INPUT before anything is written', () => {
  test('a NUL in a mutation’s string variable is refused, naming the field, and nothing is written', async () => {
    const before = await documentCount();
    const a = await post({ query: CREATE, variables: { in: draft('通知\u0000标题') } });
    assertClientError(a, 400, 'BAD_INPUT');
    assert.equal(a.errors[0]?.extensions?.field, 'in.title');
    assert.match(a.errors[0]?.message ?? '', /in\.title/);
    assert.equal(await documentCount(), before, 'nothing written');
  });

  test('a NUL in a string literal is refused the same way', async () => {
    const before = await documentCount();
    const a = await post({ query: 'mutation { createDraft(input: { docType: "通知", title: "a\\u0000b", body: "x" }) { id } }' });
    assertClientError(a, 400, 'BAD_INPUT');
    assert.equal(a.errors[0]?.extensions?.field, 'input.title');
    assert.equal(await documentCount(), before, 'nothing written');
  });

  test('half a surrogate pair in a variable is refused the same way: no character, nothing written (and nothing audited half)', async () => {
    const before = await documentCount();
    const a = await post({ query: CREATE, variables: { in: draft('通知\uD800标题') } });
    assertClientError(a, 400, 'BAD_INPUT');
    assert.equal(a.errors[0]?.extensions?.field, 'in.title');
    assert.match(a.errors[0]?.message ?? '', /surrogate/);
    assert.equal(await documentCount(), before, 'nothing written');
  });

  test('an approver’s comment over what a signed approval holds is named as comment, not as an internal call’s field', async () => {
    const id = crypto.randomUUID();
    const a = await post({ query: 'mutation($id: ID!, $c: String) { approveDocument(id: $id, comment: $c) { id } }', variables: { id, c: 'A'.repeat(2001) } });
    assertClientError(a, [200, 400], 'BAD_INPUT');
    assert.equal(a.errors[0]?.extensions?.field, 'comment');
    assert.doesNotMatch(a.errors[0]?.message ?? '', /certificates|approval\.comment/);
  });

  test('an ordinary draft still goes through', async () => {
    const a = await post({ query: CREATE, variables: { in: draft('关于客户端错误的通知') } });
    assert.equal(a.status, 200, a.text);
    assert.ok((a.data as { createDraft?: { id: string } })?.createDraft?.id, a.text);
  });
});

describe('/blobs: a malformed parameter or header is a 400 BAD_INPUT', () => {
  const blobs = () => p.gatewayUrl.replace('/graphql', '/blobs');
  const upload = (filename: string) =>
    fetch(blobs(), {
      method: 'POST',
      headers: { authorization: `Bearer ${drafter}`, 'content-type': 'application/pdf', 'x-filename': filename },
      body: new Uint8Array(tinyPdf('x')),
    });

  test('a download with ?delivery=not-a-uuid', async () => {
    const up = await upload(encodeURIComponent('请示.pdf'));
    assert.equal(up.status, 201);
    const { sha256 } = (await up.json()) as { sha256: string };
    const a = await answer(await fetch(`${blobs()}/${sha256}?delivery=not-a-uuid`, { headers: { authorization: `Bearer ${drafter}` } }));
    assertClientError(a, 400, 'BAD_INPUT');
  });

  test('headers larger than the gateway reads are answered in JSON with a code, not an empty 431', async () => {
    const a = await answer(await fetch(blobs(), { headers: { authorization: `Bearer ${drafter}`, 'x-filename': 'a'.repeat(60_000) } }));
    assertClientError(a, 431, 'BAD_REQUEST');
  });

  test('a register export with a date no database holds, or a NUL in its search or 机关代字, names the parameter', async () => {
    for (const [query, field] of [
      ['register=intake&year=2026&from=0000-01-01', 'from'],
      ['register=intake&year=2026&to=%2B275760-09-13T00:00:00.000Z&format=pdf', 'to'],
      ['register=intake&year=2026&search=a%00b', 'search'],
      ['register=outgoing&year=2026&prefix=a%00', 'prefix'],
    ] as const) {
      const a = await answer(await fetch(`${blobs()}?${query}`, { headers: { authorization: `Bearer ${drafter}` } }));
      assertClientError(a, 400, 'BAD_INPUT');
      assert.match(a.errors[0]?.message ?? '', new RegExp(`^${field} `), query);
    }
  });

  test('an upload whose X-Filename is not valid percent-encoding', async () => {
    assertClientError(await answer(await upload('%E0%A4%A')), 400, 'BAD_INPUT');
    assertClientError(await answer(await upload('a%00b.pdf')), 400, 'BAD_INPUT');
  });
});
