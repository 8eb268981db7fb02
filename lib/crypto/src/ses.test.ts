// GB/T 38540 seals and stamps in both suites, decoded with an independent ASN.1 parser (node-forge's, not the
// asn1js that encodes them) field by field; verified offline from the DER alone; each kind of tampering refused
// naming its check. SM2 signatures: strict DER with the standard user id, 70–72 bytes and shorter when r or s has
// leading zero bytes, checked by a second SM2 implementation (sm-crypto); non-DER forms refused.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import forge from 'node-forge';
import smCrypto from 'sm-crypto';
import {
  encodeSealInfo,
  makeSesSeal,
  makeSesSignature,
  readSesSeal,
  readSesSignature,
  SES_EXT_UNIT_ID,
  type SealInfoFields,
  verifySesSignature,
  withTimeStamp,
} from './ses.ts';
import { digest, generateKeyPair, OID, publicKeyFromSpki, type Suite, sign, sm2DerParts, sm2DerToRaw, sm2RawToDer, verify } from './suites.ts';
import { tsaWorld } from './testing/tsa-world.ts';
import { hashAlgorithmOf, issueTimestamp, YIZHAN_OID_ARC } from './tsp.ts';
import { issueCertificate, publicKeyOf, readCertificate } from './x509.ts';

const DAY = 86_400_000;
const { asn1 } = forge;

/** A CA with a TSA (tsaWorld), a seal maker and a seal certificate under its issuing CA, and a seal. */
function sealWorld(suite: Suite) {
  const w = tsaWorld(suite);
  const now = Date.now();
  const makerKey = generateKeyPair(suite);
  const sealKey = generateKeyPair(suite);
  const cert = (profile: 'SEAL' | 'SEAL_MAKER', key: string, cn: string) =>
    issueCertificate({
      suite,
      subject: { commonName: cn },
      subjectPublicKey: key,
      profile,
      notBefore: new Date(now - DAY),
      notAfter: new Date(now + 365 * DAY),
      issuer: { certificate: w.issuing, privateKey: w.issuingKey.privateKey },
    });
  const maker = cert('SEAL_MAKER', makerKey.publicKey, '驿站制章者');
  const sealCert = cert('SEAL', sealKey.publicKey, '某单位电子印章');
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
  const fields: SealInfoFields = {
    esID: crypto.randomUUID(),
    type: 1,
    name: '陕西省人民政府办公厅',
    certificates: [sealCert],
    createDate: new Date(now - 1000),
    validStart: new Date(now - 1000),
    validEnd: new Date(now + 365 * DAY),
    picture: { type: 'PNG', data: png, widthMm: 42, heightMm: 42 },
    extDatas: [{ oid: SES_EXT_UNIT_ID, critical: false, value: new TextEncoder().encode('unit-1') }],
  };
  const seal = makeSesSeal(fields, { suite, certificate: maker, privateKey: makerKey.privateKey });
  return { ...w, maker, makerKey, sealCert, sealKey, seal, fields, png };
}

const node = (der: Uint8Array) =>
  asn1.fromDer(forge.util.createBuffer(Buffer.from(der).toString('binary')), { strict: true, decodeBitStrings: false } as never);
const kids = (a: forge.asn1.Asn1) => a.value as forge.asn1.Asn1[];
const bin = (a: forge.asn1.Asn1 | undefined) => Buffer.from((a as forge.asn1.Asn1).value as string, 'binary');
const str = (a: forge.asn1.Asn1 | undefined) => forge.util.decodeUtf8((a as forge.asn1.Asn1).value as string);
const int = (a: forge.asn1.Asn1 | undefined) => forge.asn1.derToInteger(forge.util.createBuffer((a as forge.asn1.Asn1).value as string));
// node-forge refuses arcs beyond 53 bits (the platform's 2.25 UUID arc): those are decoded here, base 128 by hand.
const oid = (a: forge.asn1.Asn1 | undefined) => {
  assert.equal(a?.type, asn1.Type.OID);
  const groups: bigint[] = [];
  let v = 0n;
  for (const b of bin(a)) {
    v = (v << 7n) | BigInt(b & 0x7f);
    if (!(b & 0x80)) {
      groups.push(v);
      v = 0n;
    }
  }
  const first = groups.shift() as bigint;
  return [first >= 80n ? 2n : first / 40n, first >= 80n ? first - 80n : first % 40n, ...groups].join('.');
};
const gtime = (a: forge.asn1.Asn1 | undefined) => {
  assert.equal(a?.type, asn1.Type.GENERALIZEDTIME);
  assert.match(str(a), /^\d{14}Z$/, 'DER GeneralizedTime: whole seconds, Z');
  return asn1.generalizedTimeToDate(str(a)).getTime();
};
const bits = (a: forge.asn1.Asn1 | undefined) => {
  assert.equal(a?.type, asn1.Type.BITSTRING);
  const b = bin(a);
  assert.equal(b[0], 0, 'no unused bits');
  return b.subarray(1);
};
const seconds = (d: Date) => Math.floor(d.getTime() / 1000) * 1000;

for (const suite of ['SM2', 'RSA'] as const) {
  describe(`${suite}: GB/T 38540 structures`, () => {
    const w = sealWorld(suite);
    const sigOid = suite === 'SM2' ? OID.sm2WithSm3 : OID.sha256WithRSA;
    const content = new TextEncoder().encode('{"title":"关于某事的通知"}');
    const documentId = crypto.randomUUID();
    const at = new Date();
    const stamp = makeSesSignature(
      { seal: w.seal, timeInfo: at, dataHash: digest(suite, content), propertyInfo: `yizhan:document:${documentId};scope=canonical` },
      { suite, certificate: w.sealCert, privateKey: w.sealKey.privateKey },
    );
    const h = hashAlgorithmOf(suite);
    const token = issueTimestamp({ suite, tsa: w.key, hashAlgorithm: h, digest: digest(suite, readSesSignature(stamp).signature), genTime: at }).token;
    const stamped = withTimeStamp(stamp, token);

    test('SESeal, decoded by node-forge: every field', () => {
      const [info, cert, alg, signed] = kids(node(w.seal));
      const [header, esID, property, picture, ext] = kids(info as forge.asn1.Asn1);
      const [id, version, vid] = kids(header as forge.asn1.Asn1);
      assert.equal(id?.type, asn1.Type.IA5STRING);
      assert.equal(str(id), 'ES');
      assert.equal(int(version), 4);
      assert.equal(str(vid), 'YIZHAN');
      assert.equal(esID?.type, asn1.Type.IA5STRING);
      assert.equal(str(esID), w.fields.esID);
      const [type, name, listType, list, created, start, end] = kids(property as forge.asn1.Asn1);
      assert.equal(int(type), 1);
      assert.equal(name?.type, asn1.Type.UTF8);
      assert.equal(str(name), '陕西省人民政府办公厅');
      assert.equal(int(listType), 1, 'certListType 1: the certificates themselves');
      assert.deepEqual(
        kids(list as forge.asn1.Asn1).map((c) => {
          assert.equal(c.type, asn1.Type.OCTETSTRING);
          return bin(c).toString('hex');
        }),
        [Buffer.from(w.sealCert).toString('hex')],
      );
      assert.equal(gtime(created), seconds(w.fields.createDate));
      assert.equal(gtime(start), seconds(w.fields.validStart));
      assert.equal(gtime(end), seconds(w.fields.validEnd));
      const [ptype, pdata, width, height] = kids(picture as forge.asn1.Asn1);
      assert.equal(str(ptype), 'PNG');
      assert.deepEqual(new Uint8Array(bin(pdata)), w.png);
      assert.equal(int(width), 42);
      assert.equal(int(height), 42);
      const [extData] = kids(ext as forge.asn1.Asn1);
      const [extId, extValue] = kids(extData as forge.asn1.Asn1);
      assert.equal(oid(extId), `${YIZHAN_OID_ARC}.2.1`);
      assert.equal(SES_EXT_UNIT_ID, `${YIZHAN_OID_ARC}.2.1`);
      assert.equal(bin(extValue).toString(), 'unit-1', 'critical FALSE is the DEFAULT, so absent');
      assert.equal(cert?.type, asn1.Type.OCTETSTRING);
      assert.deepEqual(new Uint8Array(bin(cert)), w.maker);
      assert.equal(oid(alg), sigOid);
      // The maker signed the DER of SES_SealInfo, exactly these bytes.
      const infoDer = Buffer.from(asn1.toDer(info as forge.asn1.Asn1).getBytes(), 'binary');
      assert.deepEqual(new Uint8Array(infoDer), encodeSealInfo(w.fields));
      assert.equal(verify(suite, publicKeyOf(w.maker)?.publicKey as string, infoDer, bits(signed)), true);
    });

    test('SES_Signature, decoded by node-forge: every field, the time stamp over the signature value', () => {
      const [tbs, cert, alg, signature, ts] = kids(node(stamped));
      const [version, eseal, timeInfo, dataHash, propertyInfo] = kids(tbs as forge.asn1.Asn1);
      assert.equal(kids(tbs as forge.asn1.Asn1).length, 5, 'no extDatas');
      assert.equal(int(version), 4);
      assert.deepEqual(new Uint8Array(Buffer.from(asn1.toDer(eseal as forge.asn1.Asn1).getBytes(), 'binary')), w.seal, 'the seal, as made');
      assert.equal(gtime(timeInfo), seconds(at));
      assert.equal(bits(dataHash).toString('hex'), digest(suite, content));
      assert.equal(propertyInfo?.type, asn1.Type.IA5STRING);
      assert.equal(str(propertyInfo), `yizhan:document:${documentId};scope=canonical`);
      assert.deepEqual(new Uint8Array(bin(cert)), w.sealCert);
      assert.equal(oid(alg), sigOid);
      const sig = bits(signature);
      const tbsDer = Buffer.from(asn1.toDer(tbs as forge.asn1.Asn1).getBytes(), 'binary');
      assert.equal(verify(suite, publicKeyOf(w.sealCert)?.publicKey as string, tbsDer, sig), true);
      if (suite === 'SM2') {
        // A second SM2 implementation, with the standard user id spelled out.
        const key = publicKeyOf(w.sealCert)?.publicKey as string;
        assert.equal(smCrypto.sm2.doVerifySignature(Array.from(tbsDer), sig.toString('hex'), key, { hash: true, der: true, userId: '1234567812345678' }), true);
        assert.equal(
          smCrypto.sm2.doVerifySignature(Array.from(tbsDer), sig.toString('hex'), key, { hash: true, der: true, userId: 'ALICE123@YAHOO.COM' }),
          false,
        );
      }
      assert.equal(ts?.tagClass, asn1.Class.CONTEXT_SPECIFIC);
      assert.equal(ts?.type, 0);
      assert.deepEqual(new Uint8Array(bits(kids(ts as forge.asn1.Asn1)[0])), token, 'timeStamp [0] EXPLICIT BIT STRING: the RFC 3161 token');
    });

    test('read back by the platform: the same facts', () => {
      const s = readSesSignature(stamped);
      assert.equal(s.seal.esID, w.fields.esID);
      assert.equal(s.seal.property.name, w.fields.name);
      assert.deepEqual(s.seal.extDatas, [{ oid: SES_EXT_UNIT_ID, critical: false, value: new TextEncoder().encode('unit-1') }]);
      assert.deepEqual(s.timeStamp, token);
      assert.deepEqual(readSesSeal(w.seal).sealInfoDer, encodeSealInfo(w.fields));
    });

    test('verified offline from the DER alone, with the time stamp', () => {
      const v = verifySesSignature(stamped, { content, trust: w.trust, requireTimeStamp: true });
      assert.equal(v.valid, true, JSON.stringify(v.checks));
      assert.deepEqual(
        v.checks.map((c) => c.check),
        [
          'FORMAT',
          'STAMP_SIGNATURE',
          'SIGNER_LISTED_BY_SEAL',
          'TIMESTAMP',
          'SEAL_SIGNATURE',
          'SEAL_VALID_AT_SIGNING',
          'CERTIFICATE_CHAIN',
          'CERTIFICATE_NOT_REVOKED_AT_SIGNING',
          'CONTENT_DIGEST',
        ],
      );
    });

    test('tampering: content, the stamp, the seal, the signer, the time stamp — each refused at its check', () => {
      const fails = (der: Uint8Array, c = content) =>
        verifySesSignature(der, { content: c, trust: w.trust, requireTimeStamp: true })
          .checks.filter((x) => !x.ok)
          .map((x) => x.check);
      const changed = content.slice();
      changed[2] = (changed[2] as number) ^ 1;
      assert.deepEqual(fails(stamped, changed), ['CONTENT_DIGEST']);
      // A changed byte of the propertyInfo (signed): the stamp's signature.
      const b = Buffer.from(stamped);
      const p = b.indexOf(Buffer.from('scope=canonical'));
      b[p] = 'S'.charCodeAt(0);
      assert.deepEqual(fails(new Uint8Array(b)), ['STAMP_SIGNATURE']);
      // A changed byte of the seal's name inside the stamp: the stamp's and the maker's signatures.
      const n = Buffer.from(stamped);
      const q = n.indexOf(Buffer.from('陕西'));
      n[q + 2] = (n[q + 2] as number) ^ 1;
      assert.deepEqual(fails(new Uint8Array(n)), ['STAMP_SIGNATURE', 'SEAL_SIGNATURE']);
      // A stamp by another key whose certificate the seal does not list.
      const stranger = generateKeyPair(suite);
      const strangerCert = issueCertificate({
        suite,
        subject: { commonName: 'stranger' },
        subjectPublicKey: stranger.publicKey,
        profile: 'SEAL',
        notBefore: new Date(Date.now() - DAY),
        notAfter: new Date(Date.now() + DAY),
        selfKey: stranger,
      });
      const forged = makeSesSignature(
        { seal: w.seal, timeInfo: at, dataHash: digest(suite, content), propertyInfo: 'x' },
        { suite, certificate: strangerCert, privateKey: stranger.privateKey },
      );
      // Its certificate links to no trusted root: that is said, not that it was revoked.
      assert.deepEqual(fails(forged), ['SIGNER_LISTED_BY_SEAL', 'TIMESTAMP', 'CERTIFICATE_CHAIN']);
      // A time stamp of another TSA, or over another signature.
      const other = tsaWorld(suite);
      const foreign = issueTimestamp({ suite, tsa: other.key, hashAlgorithm: h, digest: digest(suite, readSesSignature(stamp).signature), genTime: at }).token;
      assert.deepEqual(fails(withTimeStamp(stamp, foreign)), ['TIMESTAMP']);
      const elsewhere = issueTimestamp({ suite, tsa: w.key, hashAlgorithm: h, digest: digest(suite, content), genTime: at }).token;
      assert.deepEqual(fails(withTimeStamp(stamp, elsewhere)), ['TIMESTAMP']);
      assert.deepEqual(fails(stamp), ['TIMESTAMP'], 'required, and absent');
      assert.deepEqual(fails(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x04])), ['FORMAT']);
    });
  });
}

describe('SM2 signatures in DER: the known pitfalls', () => {
  const key = generateKeyPair('SM2');
  // Enough signatures to meet r or s with a leading zero byte (about 1 in 128 each) and the 0x00 before a high bit.
  const sigs = Array.from({ length: 600 }, (_, i) => {
    const data = new TextEncoder().encode(`message ${i}`);
    return { data, sig: sign('SM2', key.privateKey, data) };
  });

  test('strict DER of 70–72 bytes, shorter only when r or s has leading zero bytes; every one verifies, here and in sm-crypto', () => {
    const lengths = new Set<number>();
    let short = 0;
    for (const { data, sig } of sigs) {
      lengths.add(sig.length);
      const parts = sm2DerParts(sig);
      assert.ok(parts, 'strict DER');
      const seq = node(sig);
      const [r, s] = kids(seq);
      for (const v of [bin(r), bin(s)]) {
        assert.ok(v.length <= 33);
        assert.ok(!((v[0] as number) & 0x80), 'positive');
        if (v.length > 1) assert.ok(v[0] !== 0 || ((v[1] as number) & 0x80) !== 0, 'minimal: a leading 0x00 only before a high bit');
      }
      if (sig.length < 70) short++;
      assert.ok(sig.length >= 70 || (parts as { r: Uint8Array }).r.length < 32 || (parts as { s: Uint8Array }).s.length < 32);
      assert.equal(verify('SM2', key.publicKey, data, sig), true);
      assert.equal(smCrypto.sm2.doVerifySignature(Array.from(data), Buffer.from(sig).toString('hex'), key.publicKey, { hash: true, der: true }), true);
    }
    for (const n of [70, 71, 72]) assert.ok(lengths.has(n), `a ${n}-byte signature among ${[...lengths].sort()}`);
    assert.ok([...lengths].every((n) => n >= 66 && n <= 72));
    void short;
  });

  test('r‖s round trip keeps leading zero bytes; a raw, padded, BER or trailing-byte signature is refused', () => {
    const hasShortPart = ({ sig }: { sig: Uint8Array }) => {
      const p = sm2DerParts(sig);
      return Boolean(p && (p.r.length < 32 || p.s.length < 32));
    };
    // About one signature in 128 has an r or s with a leading zero byte: the 600 above hold none about once in a
    // hundred runs, so more are signed until one does.
    let withShort = sigs.find(hasShortPart);
    for (let i = 0; !withShort && i < 20_000; i++) {
      const data = new TextEncoder().encode(`one more ${i}`);
      const more = { data, sig: sign('SM2', key.privateKey, data) };
      if (hasShortPart(more)) withShort = more;
    }
    assert.ok(withShort, 'a signature with a short r or s');
    for (const { data, sig } of [withShort, ...sigs.slice(0, 20)]) {
      const raw = sm2DerToRaw(sig);
      assert.equal(raw.length, 64);
      assert.deepEqual(sm2RawToDer(raw), new Uint8Array(sig));
      assert.equal(verify('SM2', key.publicKey, data, raw), false, 'raw r‖s is not DER');
    }
    const { data, sig } = withShort;
    const p = sm2DerParts(sig) as { r: Uint8Array; s: Uint8Array };
    // The pitfall: r and s written at a fixed width (left zeros kept) — BER-ish, not DER. When that width gives the
    // DER bytes already (a 31-byte value with its high bit set), one more zero byte makes it non-minimal.
    const pad = (v: Uint8Array) => {
      const out = new Uint8Array(32);
      out.set(v, 32 - v.length);
      const fixed = (out[0] as number) & 0x80 ? [0, ...out] : [...out];
      const der = (v[0] as number) & 0x80 ? [0, ...v] : [...v];
      return fixed.length === der.length ? [0, ...fixed] : fixed;
    };
    const padded = [0x02, pad(p.r).length, ...pad(p.r), 0x02, pad(p.s).length, ...pad(p.s)];
    assert.notDeepEqual(new Uint8Array([0x30, padded.length, ...padded]), new Uint8Array(sig));
    assert.equal(verify('SM2', key.publicKey, data, new Uint8Array([0x30, padded.length, ...padded])), false);
    assert.equal(verify('SM2', key.publicKey, data, new Uint8Array([...sig, 0])), false, 'a trailing byte');
    const longForm = new Uint8Array([0x30, 0x81, sig[1] as number, ...sig.subarray(2)]);
    assert.equal(verify('SM2', key.publicKey, data, longForm), false, 'a long-form length where a short one fits');
    const spki = readCertificate(
      issueCertificate({
        suite: 'SM2',
        subject: { commonName: 'k' },
        subjectPublicKey: key.publicKey,
        profile: 'SEAL',
        notBefore: new Date(),
        notAfter: new Date(Date.now() + DAY),
        selfKey: key,
      }),
    ).spki;
    assert.equal(publicKeyFromSpki(spki)?.publicKey, key.publicKey);
  });
});
