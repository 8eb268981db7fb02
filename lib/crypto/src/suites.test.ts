// The two algorithm suites as a caller uses them: a signature verifies with the signer's public key and with no other,
// and not once a byte of the data or of the signature has changed. The SM2 signatures are checked by a second SM2
// implementation (sm-crypto, written apart from sm2-sign.ts and from the sm-crypto-v2 the suite verifies with), and the
// other way round; the RSA signatures by WebCrypto's RSASSA-PKCS1-v1_5; the digests against published test vectors.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, test } from 'node:test';
import smCrypto from 'sm-crypto';
import {
  digest,
  generateKeyPair,
  type KeyPair,
  OID,
  publicKeyFromSpki,
  SUITES,
  type Suite,
  sign,
  signatureAlgorithm,
  spkiOf,
  suiteOfSignatureAlgorithm,
  verify,
} from './suites.ts';

const text = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const flipped = (bytes: Uint8Array, at: number) => {
  const copy = bytes.slice();
  copy[at] = (copy[at] ?? 0) ^ 0x01;
  return copy;
};

const keys: Record<Suite, readonly [KeyPair, KeyPair]> = {
  RSA: [generateKeyPair('RSA'), generateKeyPair('RSA')],
  SM2: [generateKeyPair('SM2'), generateKeyPair('SM2')],
};
const message = text('关于做好2025年公文交换工作的通知 / notice no. 17');

for (const suite of SUITES) {
  const [mine, other] = keys[suite];

  describe(`${suite}: sign and verify`, () => {
    test('a signature verifies with the signer’s public key', () => {
      assert.equal(verify(suite, mine.publicKey, message, sign(suite, mine.privateKey, message)), true);
    });

    test('it does not verify with another key of the same suite', () => {
      assert.equal(verify(suite, other.publicKey, message, sign(suite, mine.privateKey, message)), false);
    });

    test('it does not verify once a byte of the data changed, wherever that byte is', () => {
      const signature = sign(suite, mine.privateKey, message);
      for (const at of [0, Math.floor(message.length / 2), message.length - 1]) {
        assert.equal(verify(suite, mine.publicKey, flipped(message, at), signature), false, `byte ${at} of the data`);
      }
      const longer = new Uint8Array([...message, 0]);
      assert.equal(verify(suite, mine.publicKey, longer, signature), false, 'a byte appended to the data');
    });

    test('it does not verify once a byte of the signature changed', () => {
      const signature = sign(suite, mine.privateKey, message);
      assert.equal(verify(suite, mine.publicKey, message, flipped(signature, signature.length - 1)), false);
    });

    test('a malformed signature or key is a failed verification, not an exception', () => {
      assert.equal(verify(suite, mine.publicKey, message, new Uint8Array([0x30, 0x03, 0x02, 0x01])), false);
      assert.equal(verify(suite, mine.publicKey, message, new Uint8Array()), false);
      assert.equal(verify(suite, 'not a key', message, sign(suite, mine.privateKey, message)), false);
    });

    test('the empty message can be signed and verified too', () => {
      const empty = new Uint8Array();
      const signature = sign(suite, mine.privateKey, empty);
      assert.equal(verify(suite, mine.publicKey, empty, signature), true);
      assert.equal(verify(suite, mine.publicKey, text('x'), signature), false);
    });
  });
}

describe('the suites do not stand in for each other', () => {
  test('an SM2 signature is no RSA signature and the other way round', () => {
    const [rsa] = keys.RSA;
    const [sm2] = keys.SM2;
    assert.equal(verify('RSA', rsa.publicKey, message, sign('SM2', sm2.privateKey, message)), false);
    assert.equal(verify('SM2', sm2.publicKey, message, sign('RSA', rsa.privateKey, message)), false);
    assert.equal(verify('RSA', sm2.publicKey, message, sign('SM2', sm2.privateKey, message)), false, 'an SM2 key named as RSA');
  });
});

describe('key pairs as text', () => {
  test('RSA: a 2048-bit PKCS#8 private key and its SPKI public key, in PEM', () => {
    const [k] = keys.RSA;
    const priv = crypto.createPrivateKey(k.privateKey);
    const pub = crypto.createPublicKey(k.publicKey);
    assert.equal(k.suite, 'RSA');
    assert.match(k.privateKey, /^-----BEGIN PRIVATE KEY-----\n/);
    assert.match(k.publicKey, /^-----BEGIN PUBLIC KEY-----\n/);
    assert.equal(priv.asymmetricKeyType, 'rsa');
    assert.equal(priv.asymmetricKeyDetails?.modulusLength, 2048);
    assert.equal(
      crypto.createPublicKey(priv).export({ type: 'spki', format: 'pem' }),
      pub.export({ type: 'spki', format: 'pem' }),
      'the two halves belong together',
    );
  });

  test('SM2: the private scalar and the uncompressed public point 04‖x‖y, in hex, on the SM2 curve', () => {
    const [k] = keys.SM2;
    assert.equal(k.suite, 'SM2');
    assert.match(k.privateKey, /^[0-9a-f]{64}$/);
    assert.match(k.publicKey, /^04[0-9a-f]{128}$/);
    assert.equal(smCrypto.sm2.getPublicKeyFromPrivateKey(k.privateKey), k.publicKey, 'sm-crypto derives the same public point');
  });

  test('every pair is new', () => {
    for (const suite of SUITES) assert.notEqual(keys[suite][0].privateKey, keys[suite][1].privateKey);
  });
});

describe('SM2 signatures are standard SM2/SM3 signatures', () => {
  const [k] = keys.SM2;
  const independent = smCrypto.sm2;

  test('a second SM2 implementation verifies them: SM3 with the default user id, DER-encoded (r, s)', () => {
    const signature = sign('SM2', k.privateKey, message);
    assert.equal(signature[0], 0x30, 'a DER SEQUENCE');
    const hex = Buffer.from(signature).toString('hex');
    assert.equal(independent.doVerifySignature(Array.from(message), hex, k.publicKey, { hash: true, der: true }), true);
    assert.equal(independent.doVerifySignature(Array.from(message), hex, k.publicKey, { hash: true, der: true, userId: '1234567812345678' }), true);
    assert.equal(independent.doVerifySignature(Array.from(message), hex, k.publicKey, { hash: true, der: true, userId: 'another user id' }), false);
    assert.equal(independent.doVerifySignature(Array.from(flipped(message, 0)), hex, k.publicKey, { hash: true, der: true }), false);
    const otherKey = keys.SM2[1].publicKey;
    assert.equal(independent.doVerifySignature(Array.from(message), hex, otherKey, { hash: true, der: true }), false);
  });

  test('the suite verifies what the second implementation signed', () => {
    const hex = independent.doSignature(Array.from(message), k.privateKey, { hash: true, der: true });
    assert.equal(verify('SM2', k.publicKey, message, new Uint8Array(Buffer.from(hex, 'hex'))), true);
    assert.equal(verify('SM2', k.publicKey, flipped(message, 3), new Uint8Array(Buffer.from(hex, 'hex'))), false);
  });

  test('SM2 signing is randomised: two signatures of the same data differ, and both verify', () => {
    const a = sign('SM2', k.privateKey, message);
    const b = sign('SM2', k.privateKey, message);
    assert.notDeepEqual(a, b);
    assert.equal(verify('SM2', k.publicKey, message, a), true);
    assert.equal(verify('SM2', k.publicKey, message, b), true);
  });

  test('many keys, each signing data of every length in turn (empty, one byte, 10 KB), are each verified by the second implementation under their own key only', () => {
    const signers = Array.from({ length: 12 }, () => generateKeyPair('SM2'));
    const data = [new Uint8Array(0), new Uint8Array([0x80]), message, new Uint8Array(crypto.randomBytes(10_240))];
    for (let round = 0; round < 2; round++)
      signers.forEach((signer, i) => {
        for (const d of data) {
          const hex = Buffer.from(sign('SM2', signer.privateKey, d)).toString('hex');
          assert.equal(independent.doVerifySignature(Array.from(d), hex, signer.publicKey, { hash: true, der: true }), true, `key ${i}, ${d.length} bytes`);
          const neighbour = (signers[(i + 1) % signers.length] as KeyPair).publicKey;
          assert.equal(independent.doVerifySignature(Array.from(d), hex, neighbour, { hash: true, der: true }), false, `key ${i} is not key ${i + 1}`);
        }
      });
  });

  test('a private key out of the curve’s range signs nothing', () => {
    assert.throws(() => sign('SM2', '00'.repeat(32), message), /out of range/);
    assert.throws(() => sign('SM2', 'ff'.repeat(32), message), /out of range/);
  });

  test('verifying with many keys in turn gives each its own answer (the kept key tables do not mix keys up)', () => {
    const others = Array.from({ length: 4 }, () => generateKeyPair('SM2'));
    const signatures = others.map((o) => sign('SM2', o.privateKey, message));
    for (let i = 0; i < others.length; i++) {
      for (let j = 0; j < others.length; j++) {
        assert.equal(verify('SM2', (others[j] as KeyPair).publicKey, message, signatures[i] as Uint8Array), i === j, `signature ${i}, key ${j}`);
      }
    }
  });
});

describe('RSA signatures are RSASSA-PKCS1-v1_5 with SHA-256', () => {
  const [k] = keys.RSA;

  test('WebCrypto verifies them with RSASSA-PKCS1-v1_5 / SHA-256, and refuses them as RSA-PSS', async () => {
    const signature = sign('RSA', k.privateKey, message);
    assert.equal(signature.length, 256);
    const spki = crypto.createPublicKey(k.publicKey).export({ type: 'spki', format: 'der' });
    const pkcs1 = await crypto.subtle.importKey('spki', spki, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']);
    assert.equal(await crypto.subtle.verify('RSASSA-PKCS1-v1_5', pkcs1, signature, message), true);
    const pss = await crypto.subtle.importKey('spki', spki, { name: 'RSA-PSS', hash: 'SHA-256' }, false, ['verify']);
    assert.equal(await crypto.subtle.verify({ name: 'RSA-PSS', saltLength: 32 }, pss, signature, message), false);
  });

  test('RSA signing is deterministic (PKCS#1 v1.5)', () => {
    assert.deepEqual(sign('RSA', k.privateKey, message), sign('RSA', k.privateKey, message));
  });

  test('the suite verifies a signature WebCrypto made', async () => {
    const pkcs8 = crypto.createPrivateKey(k.privateKey).export({ type: 'pkcs8', format: 'der' });
    const key = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
    const signature = new Uint8Array(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', key, message));
    assert.equal(verify('RSA', k.publicKey, message, signature), true);
  });
});

describe('digests', () => {
  test('SHA-256 and SM3 of "abc" are the published test vectors', () => {
    assert.equal(digest('RSA', text('abc')), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    // GB/T 32905-2016, example 1.
    assert.equal(digest('SM2', text('abc')), '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  test('SM3 of the 512-bit message of GB/T 32905-2016, example 2', () => {
    assert.equal(digest('SM2', text('abcd'.repeat(16))), 'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });

  test('the SM3 digest of arbitrary bytes agrees with the second implementation', () => {
    const bytes = new Uint8Array(crypto.randomBytes(1000));
    assert.equal(digest('SM2', bytes), smCrypto.sm3(Array.from(bytes)));
    assert.notEqual(digest('SM2', bytes), digest('SM2', flipped(bytes, 999)));
  });
});

describe('SubjectPublicKeyInfo', () => {
  test('RSA: the SPKI is the key’s standard DER, and reads back as the same key', () => {
    const [k] = keys.RSA;
    const spki = spkiOf('RSA', k.publicKey);
    assert.deepEqual(Buffer.from(spki), crypto.createPublicKey(k.publicKey).export({ type: 'spki', format: 'der' }));
    assert.deepEqual(publicKeyFromSpki(spki), { suite: 'RSA', publicKey: k.publicKey });
  });

  test('SM2: the SPKI names id-ecPublicKey on the SM2 curve, and reads back as the same point', () => {
    const [k] = keys.SM2;
    const spki = spkiOf('SM2', k.publicKey);
    const hex = Buffer.from(spki).toString('hex');
    assert.ok(hex.includes('06072a8648ce3d0201'), 'OID 1.2.840.10045.2.1 (id-ecPublicKey)');
    assert.ok(hex.includes('06082a811ccf5501822d'), 'OID 1.2.156.10197.1.301 (SM2 curve)');
    assert.ok(hex.endsWith(`034200${k.publicKey}`), 'the point in a BIT STRING with no unused bits');
    assert.deepEqual(publicKeyFromSpki(spki), { suite: 'SM2', publicKey: k.publicKey });
  });

  test('keys of other kinds are no suite’s: a P-256 key, an Ed25519 key', () => {
    const p256 = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({ type: 'spki', format: 'der' });
    const ed = crypto.generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'der' });
    assert.equal(publicKeyFromSpki(new Uint8Array(p256)), null);
    assert.equal(publicKeyFromSpki(new Uint8Array(ed)), null);
  });
});

describe('signature algorithm identifiers', () => {
  test('each suite names its algorithm, and the name leads back to the suite', () => {
    assert.equal(signatureAlgorithm('RSA').algorithm, OID.sha256WithRSA);
    assert.equal(signatureAlgorithm('SM2').algorithm, OID.sm2WithSm3);
    for (const suite of SUITES) assert.equal(suiteOfSignatureAlgorithm(signatureAlgorithm(suite).algorithm), suite);
  });

  test('other algorithms are no suite’s', () => {
    assert.equal(suiteOfSignatureAlgorithm('1.2.840.10045.4.3.2'), null, 'ecdsa-with-SHA256');
    assert.equal(suiteOfSignatureAlgorithm('1.2.840.113549.1.1.5'), null, 'sha1WithRSAEncryption');
  });
});
