// The CA's CRL distribution point (RFC 5280 §4.2.1.13): GET /pki/crl/<suite>.crl answers the current CRL (DER) to
// anyone, without logging in — a verifier that holds a signed document and its certificate alone (an archive years
// later, another platform, OpenSSL) fetches it from the address the certificate names. A CRL is signed by the issuing
// CA, so publishing it reveals nothing a holder of the certificates could not read; what it says cannot be forged here.
import type http from 'node:http';
import { type Caller, ErrorCode, internalClient } from '@yizhan/common';
import { CRL_PATH, certificatesApi } from '@yizhan/contracts/certificates';
import { replyError } from './body-limit.ts';

/** How long an answer is reused: a revocation reaches the distribution point within this (the CA reissues at once). */
const KEPT_MS = 5_000;
const SUITE = new RegExp(`^${CRL_PATH}(RSA|SM2)\\.crl(?:\\?.*)?$`);

export const isCrlRequest = (url: string | undefined) => !!url?.startsWith(CRL_PATH);

export function crlDistributionPoint(opts: { certificatesUrl: string | undefined; sign: (caller: Caller | null) => Promise<string> }) {
  const certificates = opts.certificatesUrl ? internalClient(certificatesApi, opts.certificatesUrl) : null;
  const kept = new Map<string, { at: number; der: Buffer; thisUpdate: string }>();
  return async (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return replyError(res, 405, ErrorCode.BAD_REQUEST, 'A CRL is read with GET', { allow: 'GET, HEAD' });
    const suite = SUITE.exec(req.url ?? '')?.[1] as 'RSA' | 'SM2' | undefined;
    if (!suite) return replyError(res, 404, ErrorCode.NOT_FOUND, `No such CRL: the CA publishes ${CRL_PATH}RSA.crl and ${CRL_PATH}SM2.crl`);
    if (!certificates) return replyError(res, 503, ErrorCode.UNAVAILABLE, 'The certificate authority is not part of this deployment');
    let crl = kept.get(suite);
    if (!crl || Date.now() - crl.at > KEPT_MS) {
      try {
        const answer = await certificates.call('public-crl', await opts.sign(null), { suite });
        crl = { at: Date.now(), der: Buffer.from(answer.der, 'base64'), thisUpdate: answer.thisUpdate };
        kept.set(suite, crl);
      } catch {
        if (!crl) return replyError(res, 503, ErrorCode.UNAVAILABLE, 'The certificate authority is not reachable; try again later', { 'retry-after': '5' });
        // The last CRL read stays valid until its own next update: better than nothing while the CA is away.
      }
    }
    res.writeHead(200, {
      'content-type': 'application/pkix-crl',
      'content-length': String(crl.der.length),
      'cache-control': `public, max-age=${KEPT_MS / 1000}`,
      'last-modified': new Date(crl.thisUpdate).toUTCString(),
      'content-disposition': `attachment; filename="${suite}.crl"`,
    });
    res.end(req.method === 'HEAD' ? undefined : crl.der);
  };
}
