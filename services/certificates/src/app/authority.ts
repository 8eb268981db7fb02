// The CA as its relying parties see it: the root, issuing and seal-maker certificates of both suites, and each
// suite's current CRL.

import { forbidden, notFound, requireCaller, requireGateway } from '@yizhan/common';
import { certificatesApi } from '@yizhan/contracts/certificates';
import { fingerprintOf, readCertificate, type Suite, sign, toPem } from '@yizhan/crypto';
import { type SubgraphContext } from '@yizhan/kernel';
import { type z } from 'zod';
import { type CertificatesContext } from '../deps.ts';
import { type AuthorityCertificate, type Crl } from '../resolvers/types.ts';
import { loadAuthority } from '../store/ca.ts';
import { withDb } from '../store/sql.ts';

export async function caCertificates(ctx: CertificatesContext): Promise<AuthorityCertificate[]> {
  requireCaller(ctx);
  const out: AuthorityCertificate[] = [];
  for (const suite of ['RSA', 'SM2'] as Suite[]) {
    for (const role of ['ROOT', 'ISSUING', 'SEAL_MAKER', 'TSA'] as const) {
      const a = await loadAuthority(ctx.em, suite, role);
      const facts = readCertificate(a.certificate);
      out.push({
        suite,
        role,
        subject: facts.subject,
        notAfter: facts.notAfter,
        pem: toPem(a.certificate, 'CERTIFICATE'),
        fingerprint: fingerprintOf(a.certificate),
      });
    }
  }
  return out;
}

export async function crl(suite: Suite, ctx: CertificatesContext): Promise<Crl> {
  requireCaller(ctx);
  const row = await withDb(ctx.em, (db) =>
    db.selectFrom('certificates.crls').select(['number', 'der', 'this_update']).where('suite', '=', suite).executeTakeFirst(),
  );
  if (!row) throw notFound('CRL', suite);
  return { suite, number: row.number, thisUpdate: new Date(row.this_update), pem: toPem(new Uint8Array(row.der), 'X509 CRL') };
}

const b64 = (b: Uint8Array | Buffer) => Buffer.from(b).toString('base64');

/** The internal call: the current CRL of a suite, for the gateway's public CRL distribution point. */
export async function publicCrl(ctx: Ctx, b: Input<'public-crl'>) {
  requireGateway(ctx);
  const row = await withDb(ctx.em, (db) =>
    db.selectFrom('certificates.crls').select(['number', 'der', 'this_update']).where('suite', '=', b.suite).executeTakeFirst(),
  );
  if (!row) throw notFound('CRL', b.suite);
  return { der: b64(new Uint8Array(row.der)), number: row.number, thisUpdate: new Date(row.this_update).toISOString() };
}
type Ctx = SubgraphContext<unknown>;
type Input<N extends keyof (typeof certificatesApi)['calls']> = z.output<(typeof certificatesApi)['calls'][N]['input']>;

export async function sealMakerSign(ctx: Ctx, b: Input<'seal-maker-sign'>) {
  const caller = requireCaller(ctx);
  if (!caller.roles.includes('ADMIN')) throw forbidden('Only an issuing authority signs seals');
  const suite = b.suite;
  const maker = await loadAuthority(ctx.em, suite, 'SEAL_MAKER');
  return { signature: b64(sign(suite, maker.privateKey, Buffer.from(b.data, 'base64'))), certificate: b64(maker.certificate) };
}

/** Whether the certificate chains to this CA (issuing CA, then root), and its status at the moment — from the CA's own
 * records, by serial. */
