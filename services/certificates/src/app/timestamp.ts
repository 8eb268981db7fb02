// The time-stamping authority (RFC 3161): a token over a digest, signed with the TSA key of a suite, at the service's
// clock (whole seconds). Stateless: serials are random, nothing is stored. Also what an offline verifier needs of
// the CA (its certificates and current CRLs), for evidence packages.

import { badInput, ErrorCode, requireCaller, YizhanError } from '@yizhan/common';
import { type certificatesApi } from '@yizhan/contracts/certificates';
import { type HashAlgorithm, issueTimestamp, readTimestampQuery, SUITES, type Suite, TSA_POLICY, timestampQueryProblem } from '@yizhan/crypto';
import { type SubgraphContext } from '@yizhan/kernel';
import { type z } from 'zod';
import { type CertificatesContext } from '../deps.ts';
import { type IssuedTimestampResult } from '../resolvers/types.ts';
import { loadAuthority } from '../store/ca.ts';
import { withDb } from '../store/sql.ts';

type Ctx = SubgraphContext<unknown>;
type Input<N extends keyof (typeof certificatesApi)['calls']> = z.output<(typeof certificatesApi)['calls'][N]['input']>;
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

/** The TSA's suite for a digest: SM2 for SM3, RSA for SHA-256, unless the caller names one. */
const suiteFor = (h: HashAlgorithm, suite?: Suite | null): Suite => suite ?? (h === 'SM3' ? 'SM2' : 'RSA');

/** A token over a digest by the TSA of the suite (SM2 for SM3, RSA for SHA-256, unless named). */
export async function issue(ctx: Ctx, q: { hashAlgorithm: HashAlgorithm; digest: string; nonce?: string | null; certReq?: boolean; suite?: Suite | null }) {
  const suite = suiteFor(q.hashAlgorithm, q.suite);
  const tsa = await loadAuthority(ctx.em, suite, 'TSA');
  const issued = issueTimestamp({
    suite,
    tsa: { certificate: tsa.certificate, privateKey: tsa.privateKey },
    hashAlgorithm: q.hashAlgorithm,
    digest: q.digest.toLowerCase(),
    nonce: q.nonce?.toLowerCase() ?? null,
    certReq: q.certReq ?? true,
    genTime: new Date(),
  });
  return { ...issued, suite };
}

/** The internal call: a token over a digest, for another service acting for its caller or on its own authority. */
export async function timestampForService(ctx: Ctx, b: Input<'timestamp'>) {
  if (!ctx.service) requireCaller(ctx);
  const t = await issue(ctx, { hashAlgorithm: b.hashAlgorithm, digest: b.digest, nonce: b.nonce, suite: b.suite });
  return { token: b64(t.token), serial: t.serial, genTime: t.genTime.toISOString(), suite: t.suite, policy: TSA_POLICY };
}

/**
 * For any signed-in client: a time stamp over a digest (hash algorithm and hex digest), or for an RFC 3161
 * TimeStampReq (DER, base64) as `openssl ts -query` writes it. A request the TSA does not grant is BAD_INPUT, naming
 * RFC 3161's failure (badAlg, badDataFormat, unacceptedPolicy, unacceptedExtension, badRequest); nothing is kept.
 */
export async function requestTimestamp(
  args: { hashAlgorithm: HashAlgorithm | null; digest: string | null; query: string | null; nonce: string | null },
  ctx: CertificatesContext,
): Promise<IssuedTimestampResult> {
  requireCaller(ctx);
  let q: { hashAlgorithm: HashAlgorithm; digest: string; nonce: string | null; certReq: boolean };
  if (args.query !== null) {
    if (args.digest !== null || args.hashAlgorithm !== null || args.nonce !== null)
      throw badInput('Give either a query or a digest with its algorithm', 'query');
    let read: ReturnType<typeof readTimestampQuery>;
    try {
      read = readTimestampQuery(new Uint8Array(Buffer.from(args.query, 'base64')));
    } catch {
      throw refused('badRequest', 'the query is not an RFC 3161 TimeStampReq (DER, base64)', 'query');
    }
    const problem = timestampQueryProblem(read);
    if (problem || !read.hashAlgorithm) throw refused(problem?.failure ?? 'badAlg', problem?.text ?? 'unknown digest algorithm', 'query');
    q = { hashAlgorithm: read.hashAlgorithm, digest: read.digest, nonce: read.nonce, certReq: read.certReq };
  } else {
    if (!args.hashAlgorithm || args.digest === null) throw badInput('Give the digest and its algorithm, or an RFC 3161 query', 'digest');
    const digest = args.digest.toLowerCase();
    const problem = timestampQueryProblem({ hashAlgorithm: args.hashAlgorithm, digest, policy: null, hasExtensions: false });
    if (problem) throw refused(problem.failure, problem.text, 'digest');
    if (args.nonce !== null && !/^[0-9a-fA-F]{2,64}$/.test(args.nonce)) throw badInput('The nonce is 1 to 32 bytes, hex', 'nonce');
    q = { hashAlgorithm: args.hashAlgorithm, digest, nonce: args.nonce, certReq: true };
  }
  const t = await issue(ctx, q);
  return { token: b64(t.token), reply: b64(t.reply), serial: t.serial, genTime: t.genTime, suite: t.suite, policy: TSA_POLICY, hashAlgorithm: q.hashAlgorithm };
}

const refused = (failure: string, text: string, field: string) =>
  new YizhanError(ErrorCode.BAD_INPUT, `The time-stamping authority refuses the request (${failure}): ${text}`, { field, failure });

/** The internal call: the CA's certificates and current CRLs, per suite. */
export async function trustMaterial(ctx: Ctx, _b: Input<'trust-material'>) {
  requireCaller(ctx);
  const suites = [];
  for (const suite of SUITES) {
    const [root, issuing, sealMaker, tsa] = await Promise.all(
      (['ROOT', 'ISSUING', 'SEAL_MAKER', 'TSA'] as const).map((role) => loadAuthority(ctx.em, suite, role)),
    );
    const crl = await withDb(ctx.em, (db) => db.selectFrom('certificates.crls').select(['der', 'number']).where('suite', '=', suite).executeTakeFirstOrThrow());
    suites.push({
      suite,
      root: b64((root as { certificate: Uint8Array }).certificate),
      issuing: b64((issuing as { certificate: Uint8Array }).certificate),
      sealMaker: b64((sealMaker as { certificate: Uint8Array }).certificate),
      tsa: b64((tsa as { certificate: Uint8Array }).certificate),
      crl: b64(new Uint8Array(crl.der)),
      crlNumber: crl.number,
    });
  }
  return { suites };
}
