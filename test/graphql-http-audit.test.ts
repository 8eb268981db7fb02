// The GraphQL-over-HTTP audit (issue 14, standing suite c): graphql-http's `auditServer` runs every audit of the spec
// against the real gateway's /graphql. Every MUST passes (0 errors), no audit request is answered with a 5xx, and every
// SHOULD or MAY the gateway does not follow is listed below with the reason it is accepted: a new one fails the test
// until it is fixed or accepted here with its reason.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type AuditResult, auditServer } from 'graphql-http';
import { type Platform, startPlatform } from './support/harness.ts';

let p: Platform;
before(async () => {
  p = await startPlatform({ services: ['org'] });
});
after(() => p?.close());

const CSRF_REFUSED =
  'CSRF prevention: a GET (a "simple" request a browser may send cross-site without asking first) must carry the x-yizhan-csrf header; without it the gateway answers 403 FORBIDDEN. Checked again with the header below, where the audit passes';
const LEGACY_JSON_STATUS =
  'under Accept: application/json the gateway answers every request error with 200 and the errors (the spec’s rule for well-formed requests, and what legacy clients expect), a body that is not JSON included; under application/graphql-response+json (or no preference) it is a 400, as `test/client-errors.test.ts` checks';

/** The audits, by id, that may not pass, and why each is accepted: `plain` as any client sends them, `withCsrfHeader` with the gateway’s CSRF header. */
const ACCEPTED: Record<'plain' | 'withCsrfHeader', Record<string, string>> = {
  plain: {
    '5A70': CSRF_REFUSED, // MAY accept application/x-www-form-urlencoded formatted GET requests
    D6D5: CSRF_REFUSED, // MAY allow URL-encoded JSON {variables} in GETs (application/graphql-response+json)
    '6A70': CSRF_REFUSED, // MAY allow URL-encoded JSON {variables} in GETs (application/json)
    BCF8: LEGACY_JSON_STATUS, // SHOULD use 400 status code on JSON parsing failure when accepting application/json
  },
  withCsrfHeader: {
    BCF8: LEGACY_JSON_STATUS,
  },
};

async function audit(csrfHeader: boolean): Promise<{ results: AuditResult[]; statuses: string[] }> {
  const statuses: string[] = [];
  // The audit's own fetch, wrapped: it records every answer's status (none may be a 5xx) and, for the second run,
  // adds the gateway's CSRF header, as the dashboard and any non-browser client may, so that the GET audits reach the
  // GraphQL engine instead of the CSRF check.
  const fetchFn = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (csrfHeader) headers.set('x-yizhan-csrf', '1');
    const res = await fetch(input, { ...init, headers });
    statuses.push(`${init.method ?? 'GET'} ${String(input).slice(0, 120)} → ${res.status}`);
    return res;
  };
  return { results: await auditServer({ url: p.gatewayUrl, fetchFn }), statuses };
}

async function describeFailure(r: AuditResult): Promise<string> {
  if (r.status === 'ok') return '';
  const body = await r.response
    .clone()
    .text()
    .catch(() => '');
  return `${r.status} ${r.id} "${r.name}": ${r.reason} — ${r.response.status} ${body.slice(0, 200)}`;
}

for (const run of ['plain', 'withCsrfHeader'] as const) {
  test(`the GraphQL-over-HTTP audit (${run === 'plain' ? 'as any client' : 'with the CSRF header'}): every MUST passes, no 5xx, only the accepted SHOULD/MAY`, async () => {
    const { results, statuses } = await audit(run === 'withCsrfHeader');
    assert.ok(results.length >= 40, `the audit ran (${results.length} audits)`);
    assert.deepEqual(
      statuses.filter((s) => / → 5\d\d$/.test(s)),
      [],
      'no audit request is answered with a 5xx',
    );
    const errors = await Promise.all(results.filter((r) => r.status === 'error').map(describeFailure));
    assert.deepEqual(errors, [], 'every MUST audit passes');
    const notOk = results.filter((r) => r.status !== 'ok');
    const unaccepted = await Promise.all(notOk.filter((r) => !ACCEPTED[run][r.id]).map(describeFailure));
    assert.deepEqual(unaccepted, [], 'a SHOULD or MAY not followed must be fixed, or accepted in ACCEPTED with its reason');
    const stale = Object.keys(ACCEPTED[run]).filter((id) => !notOk.some((r) => r.id === id));
    assert.deepEqual(stale, [], 'an accepted audit that passes now is taken off the list');
  });
}
