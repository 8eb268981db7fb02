// SM2 signing (GB/T 32918.2-2016 §6.1) on noble's curve arithmetic, for keys that sign again and again: the CA's, the
// TSA's and the units' receipt keys (a province's units sign for a broadcast within minutes of each other). What the
// signature needs of its key is worked out once and kept — the scalar, (1 + d)⁻¹ mod n, and Z, the hash of the
// standard user id and the public key — where sm-crypto works all three out again on every signature, with a modular
// inversion, a point decoded and checked, and the message turned to hex and back. The signature itself is the
// standard's: a random k, (x₁, y₁) = [k]G, r = (e + x₁) mod n, s = (1 + d)⁻¹·(k − r·d) mod n. Verification stays
// with sm-crypto (suites.ts), so every signature made here is checked by an independent implementation in the tests.
import crypto from 'node:crypto';
import { weierstrassN } from '@noble/curves/abstract/weierstrass';
import { sm2, sm3 } from 'sm-crypto-v2';

// The curve's parameters (GB/T 32918.5-2017).
const Point = weierstrassN({
  p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
  a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
  b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
  n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
  h: 1n,
  Gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  Gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
});
const n = Point.Fn.ORDER;
const modN = (x: bigint) => Point.Fn.create(x);

interface SigningKey {
  d: bigint;
  /** (1 + d)⁻¹ mod n. */
  inverse: bigint;
  /** Z_A: SM3 of the default user id, the curve and the public key. */
  z: Uint8Array;
}

// By the private key's digest, as many as a province has units (about 300 bytes each), the least recently used dropped
// first: a bound smaller than the units that sign in turn would miss on every signature (bench/evidence.ts).
const KEPT = 25_000;
const keys = new Map<string, SigningKey>();

function signingKey(privateKey: string): SigningKey {
  const id = crypto.createHash('sha256').update(privateKey).digest('base64');
  let key = keys.get(id);
  if (key) keys.delete(id);
  else {
    const d = BigInt(`0x${privateKey}`);
    if (d <= 0n || d >= n - 1n) throw new Error('Not an SM2 private key: its scalar is out of range');
    const publicKey = Point.BASE.multiply(d).toBytes(false);
    key = { d, inverse: Point.Fn.inv(d + 1n), z: sm2.getZ(Buffer.from(publicKey).toString('hex')) };
    if (keys.size >= KEPT) keys.delete(keys.keys().next().value as string);
  }
  keys.set(id, key);
  return key;
}

/** A scalar in [1, n − 1] from the system's random source (rejection: no bias). */
function randomScalar(): bigint {
  for (;;) {
    const k = BigInt(`0x${crypto.randomBytes(32).toString('hex')}`);
    if (k > 0n && k < n) return k;
  }
}

/** The signature (r ‖ s, 64 bytes) of `data` by the hex private key, with the standard user id. */
export function sm2SignRaw(privateKey: string, data: Uint8Array): Uint8Array {
  const key = signingKey(privateKey);
  const joined = new Uint8Array(key.z.length + data.length);
  joined.set(key.z);
  joined.set(data, key.z.length);
  const e = BigInt(`0x${sm3(joined)}`);
  for (;;) {
    const k = randomScalar();
    const x1 = Point.BASE.multiply(k).toAffine().x;
    const r = modN(e + x1);
    if (r === 0n || r + k === n) continue;
    const s = modN(key.inverse * (k - r * key.d));
    if (s === 0n) continue;
    const out = new Uint8Array(64);
    out.set(Buffer.from(r.toString(16).padStart(64, '0'), 'hex'));
    out.set(Buffer.from(s.toString(16).padStart(64, '0'), 'hex'), 32);
    return out;
  }
}
