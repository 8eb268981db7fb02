// A delivery's id says where it is kept: the send time a version 7 id carries, and nothing from any other id.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { deliveryIdHead, sentWindowOf, windowHolding } from './delivery-id.ts';

test('a version 7 id carries its document’s send time, to the millisecond', () => {
  // 0x019ad7a6323b milliseconds since 1970: 2025-12-01T02:03:04.635Z
  const id = '019ad7a6-323b-7c37-8880-7b377d702687';
  assert.deepEqual(sentWindowOf(id), { from: '2025-12-01T02:03:04.635Z', to: '2025-12-01T02:03:04.636Z' });
  assert.deepEqual(sentWindowOf(id.toUpperCase()), sentWindowOf(id), 'the same id in capitals');
  assert.equal(sentWindowOf('eed74564-86bf-7023-8527-4dd1a98bd0b7'), null, 'a time past the year 9999 says nothing');
  assert.equal(sentWindowOf('e677d21f-dbff-7023-8527-4dd1a98bd0b7'), null, 'nor its last millisecond, whose window ends in 10000');
  assert.deepEqual(sentWindowOf('e677d21f-dbfe-7023-8527-4dd1a98bd0b7'), { from: '9999-12-31T23:59:59.998Z', to: '9999-12-31T23:59:59.999Z' });
});

test('any other id says nothing: version 4, the nil id, a malformed one', () => {
  for (const id of [
    '87d15fe1-ad56-4d8c-a958-f89acc65e5b2',
    '00000000-0000-0000-0000-000000000000',
    '019aed3f-3c5b-7c37-c880-7b377d702687',
    '019aed3f3c5b7c3788807b377d702687',
    'x',
  ])
    assert.equal(sentWindowOf(id), null, id);
});

test('the ids a send makes carry its time back: version 7, the variant of RFC 9562, the millisecond of the send', () => {
  const sentAt = new Date('2026-12-31T15:59:59.999Z'); // the last millisecond of 2026 in Beijing
  const seen = new Set<string>();
  for (let i = 0; i < 50; i++) {
    // The store puts the head over a version 4 id's first seven bytes (its variant and the rest stay).
    const v4 = randomUUID().replaceAll('-', '');
    const hex = deliveryIdHead(sentAt) + v4.slice(14);
    const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.deepEqual(sentWindowOf(id), { from: '2026-12-31T15:59:59.999Z', to: '2026-12-31T16:00:00.000Z' });
    seen.add(id);
  }
  assert.equal(seen.size, 50, 'each id its own');
  assert.throws(() => deliveryIdHead(new Date(Number.NaN)), /out of range/);
  assert.throws(() => deliveryIdHead(new Date(-1)), /out of range/);
});

test('a delivery read back is narrowed to the window its id names only if its send time lies in it', () => {
  const id = '019ad7a6-323b-7c37-8880-7b377d702687'; // 2025-12-01T02:03:04.635Z
  const window = { from: '2025-12-01T02:03:04.635Z', to: '2025-12-01T02:03:04.636Z' };
  assert.deepEqual(windowHolding(id, new Date('2025-12-01T02:03:04.635Z')), window);
  assert.deepEqual(windowHolding(id, '2025-12-01 10:03:04.635871+08'), window, 'kept to the microsecond, read as text');
  assert.equal(windowHolding(id, new Date('2025-03-13T08:00:00Z')), null, 'moved since: its id no longer says where it is');
  assert.equal(windowHolding('87d15fe1-ad56-4d8c-a958-f89acc65e5b2', new Date('2025-12-01T02:03:04.635Z')), null, 'a version 4 id says nothing');
});
