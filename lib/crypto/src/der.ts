// DER and PEM plumbing shared by certificates, CRLs and requests.
import * as asn1js from 'asn1js';

export const toPem = (der: Uint8Array, label: string) =>
  `-----BEGIN ${label}-----\n${Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '')}\n-----END ${label}-----\n`;

/** The DER inside a PEM block with this label; null when the text is not one. */
export function fromPem(pem: string, label: string): Uint8Array | null {
  const m = new RegExp(`-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]+)-----END ${label}-----`).exec(pem);
  return m ? new Uint8Array(Buffer.from((m[1] ?? '').replace(/\s+/g, ''), 'base64')) : null;
}

/**
 * The signed part of a signed structure (certificate, CRL, certification request) exactly as it was encoded, with
 * the signature algorithm and value: a signature is checked over the bytes received, never over a re-encoding.
 */
export function splitSigned(der: Uint8Array): { signed: Uint8Array; algorithm: string; signature: Uint8Array } | null {
  const parsed = asn1js.fromBER(der.slice().buffer);
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) return null;
  const [body, alg, sig] = parsed.result.valueBlock.value;
  if (!body || !(alg instanceof asn1js.Sequence) || !(sig instanceof asn1js.BitString)) return null;
  const oid = alg.valueBlock.value[0];
  if (!(oid instanceof asn1js.ObjectIdentifier)) return null;
  return { signed: new Uint8Array(body.valueBeforeDecodeView), algorithm: oid.getValue(), signature: new Uint8Array(sig.valueBlock.valueHexView) };
}

/** A positive serial number of 16 random bytes, hex. */
export function randomSerial(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[0] = ((b[0] ?? 0) & 0x7f) | 0x10;
  return Buffer.from(b).toString('hex');
}
