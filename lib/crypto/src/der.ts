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

/**
 * An OBJECT IDENTIFIER's dotted form from its content octets, with arcs of any size (a UUID arc under 2.25 needs
 * 128 bits; asn1js writes such arcs in a notation of its own, node-forge refuses them).
 */
export function oidFromContent(content: Uint8Array): string {
  const arcs: bigint[] = [];
  let value = 0n;
  for (const byte of content) {
    value = (value << 7n) | BigInt(byte & 0x7f);
    if (!(byte & 0x80)) {
      arcs.push(value);
      value = 0n;
    }
  }
  const first = arcs.shift() ?? 0n;
  const head = first < 40n ? [0n, first] : first < 80n ? [1n, first - 40n] : [2n, first - 80n];
  return [...head, ...arcs].join('.');
}

/** The dotted form of an OBJECT IDENTIFIER read by asn1js (see oidFromContent). */
export function oidOf(oid: asn1js.ObjectIdentifier): string {
  const tlv = new Uint8Array(oid.valueBeforeDecodeView);
  if (!tlv.length) return oid.getValue();
  const len = tlv[1] as number;
  return oidFromContent(tlv.subarray(len & 0x80 ? 2 + (len & 0x7f) : 2));
}
