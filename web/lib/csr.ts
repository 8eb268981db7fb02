// A certification request (PKCS#10) made in the browser: an SM2 key pair generated here, the request signed with it
// (SM2/SM3, the standard user id), and the private key handed to the holder as a PEM file the platform's login and
// own signatures read (lib/keys.ts). The key never leaves the machine; the CA takes only the public key.
// Self-contained (node's tests read it as it is): the DER is written by hand, a few fixed structures.
import { sm2 } from 'sm-crypto-v2';

const length = (n: number): number[] => (n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff]);
const tlv = (tag: number, content: number[]): number[] => [tag, ...length(content.length), ...content];
const sequence = (...parts: number[][]) => tlv(0x30, parts.flat());
const bitString = (bytes: number[]) => tlv(0x03, [0x00, ...bytes]);
const hexBytes = (hex: string) => (hex.match(/../g) ?? []).map((h) => Number.parseInt(h, 16));
const base64 = (bytes: number[]) => btoa(String.fromCharCode(...bytes));
const pem = (label: string, bytes: number[]) => `-----BEGIN ${label}-----\n${(base64(bytes).match(/.{1,64}/g) ?? []).join('\n')}\n-----END ${label}-----\n`;

const OID = {
  commonName: [0x06, 0x03, 0x55, 0x04, 0x03],
  ecPublicKey: [0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01],
  sm2: [0x06, 0x08, 0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x82, 0x2d],
  sm2WithSm3: [0x06, 0x08, 0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x83, 0x75],
};

/** The private key as OpenSSL writes an SM2 key (PKCS#8 "PRIVATE KEY", the scalar in an ECPrivateKey). */
export function sm2PrivateKeyPem(scalarHex: string): string {
  const ecPrivateKey = sequence([0x02, 0x01, 0x01], tlv(0x04, hexBytes(scalarHex)));
  return pem('PRIVATE KEY', sequence([0x02, 0x01, 0x00], sequence(OID.ecPublicKey, OID.sm2), tlv(0x04, ecPrivateKey)));
}

/** A fresh SM2 key and a request for it naming `commonName`: the request (PEM) and the private key (PEM). */
export function sm2KeyAndRequest(commonName: string): { csr: string; privateKeyPem: string } {
  const keys = sm2.generateKeyPairHex();
  const name = sequence(tlv(0x31, sequence(OID.commonName, tlv(0x0c, [...new TextEncoder().encode(commonName)]))));
  const spki = sequence(sequence(OID.ecPublicKey, OID.sm2), bitString(hexBytes(keys.publicKey)));
  const info = sequence([0x02, 0x01, 0x00], name, spki, [0xa0, 0x00]);
  const signature = sm2.doSignature(Uint8Array.from(info), keys.privateKey, { hash: true, der: true, publicKey: keys.publicKey });
  const request = sequence(info, sequence(OID.sm2WithSm3), bitString(hexBytes(signature)));
  return { csr: pem('CERTIFICATE REQUEST', request), privateKeyPem: sm2PrivateKeyPem(keys.privateKey) };
}
