// 对端平台: the CA roots an administrator pins for a peer platform. Plain functions, tested without a server.
import { badInput } from '@yizhan/common';
import { readCertificate, signedBy } from '@yizhan/crypto';

export const PEER_ROOTS_MAX = 8;

/**
 * A peer's root certificates as given (PEM, or base64 of the DER), each read and checked: a certificate, a CA's, and
 * signed by itself — a root, not an issuing CA or a person's certificate. Throws BAD_INPUT naming the one that is not.
 */
export function readPeerRoots(given: string[]): Uint8Array[] {
  if (!given.length || given.length > PEER_ROOTS_MAX)
    throw badInput(`Give the peer platform’s CA root certificates: 1 to ${PEER_ROOTS_MAX}`, 'rootCertificates');
  const roots = given.map((text, i) => {
    const field = `rootCertificates[${i}]`;
    const b64 = text.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
    if (!b64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) throw badInput('Not a certificate: give it as PEM or as base64 of its DER', field);
    const der = new Uint8Array(Buffer.from(b64, 'base64'));
    let isCa: boolean;
    try {
      isCa = readCertificate(der).isCa;
    } catch {
      throw badInput('Not a certificate: its bytes do not read as X.509', field);
    }
    if (!isCa || !signedBy(der, der)) throw badInput('Not a root CA certificate: it must be a CA’s and signed by itself', field);
    return der;
  });
  // The same root twice (as PEM and as base64, say) pins nothing more: said, rather than kept twice.
  const seen = new Map<string, number>();
  roots.forEach((der, i) => {
    const key = Buffer.from(der).toString('base64');
    const first = seen.get(key);
    if (first !== undefined) throw badInput(`The same root certificate as rootCertificates[${first}]`, `rootCertificates[${i}]`);
    seen.set(key, i);
  });
  return roots;
}
