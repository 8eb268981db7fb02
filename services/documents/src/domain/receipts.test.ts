import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { test } from 'node:test';
import { contentDigest, stampDigest } from './receipts.ts';

test('a receipt’s digests: the canonical content’s SHA-256; the stamp’s DER, else its canonical JSON; none unstamped', () => {
  const hex = (b: string | Buffer) => crypto.createHash('sha256').update(b).digest('hex');
  assert.equal(contentDigest(new Uint8Array(Buffer.from('{"a":1}'))), hex('{"a":1}'));
  const der = Buffer.from([0x30, 0x03, 0x02, 0x01, 0x05]);
  assert.equal(stampDigest({ der: der.toString('base64'), signature: 'x' }), hex(der));
  assert.equal(stampDigest({ signature: 'x', data: { b: 2, a: 1 } }), hex('{"data":{"a":1,"b":2},"signature":"x"}'));
  assert.equal(stampDigest(null), null);
  assert.notEqual(stampDigest({ der: der.toString('base64') }), stampDigest({ der: Buffer.from([0x30, 0x03, 0x02, 0x01, 0x06]).toString('base64') }));
});
