// A key generated on the server for a holder who cannot make one is handed over once, as PKCS#12 protected by a
// password the holder chooses, and not kept (node-forge writes PKCS#12 for RSA; SM2 holders make their own keys).
import forge from 'node-forge';

export function toPkcs12(opts: { privateKey: string; certificate: Uint8Array; chain: Uint8Array[]; password: string; friendlyName: string }): Uint8Array {
  const asForge = (der: Uint8Array) => forge.pki.certificateFromAsn1(forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(der).toString('binary'))));
  const p12 = forge.pkcs12.toPkcs12Asn1(forge.pki.privateKeyFromPem(opts.privateKey), [asForge(opts.certificate), ...opts.chain.map(asForge)], opts.password, {
    algorithm: 'aes256',
    friendlyName: opts.friendlyName,
  });
  return new Uint8Array(Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'));
}
