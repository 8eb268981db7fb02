// What every process sees of an event: who may see it (the outbox's row-level security rule, by whole path labels,
// at either end) and the opaque cursor a subscriber resumes from, which names its schema and refuses any other.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeCursor, encodeCursor, visibleTo } from './events.ts';

const about = (orgPath: string, otherPath: string | null = null) => ({ orgPath, otherPath });

describe('visibleTo', () => {
  test('the event’s unit and every unit above it see it', () => {
    for (const scope of ['p61.c6101.k610102', 'p61.c6101', 'p61']) assert.equal(visibleTo(about('p61.c6101.k610102'), scope), true, scope);
  });

  test('units below or beside the event’s unit do not', () => {
    assert.equal(visibleTo(about('p61.c6101'), 'p61.c6101.k610102'), false, 'below');
    assert.equal(visibleTo(about('p61.c6101'), 'p61.c6102'), false, 'beside');
    assert.equal(visibleTo(about('p61.c6101'), 'p62'), false, 'another province');
  });

  test('a sibling whose label starts with the unit’s label does not, in either direction', () => {
    assert.equal(visibleTo(about('p61.c6101'), 'p61.c61011'), false);
    assert.equal(visibleTo(about('p61.c61011'), 'p61.c6101'), false);
    assert.equal(visibleTo(about('p61.c61011.k1'), 'p61.c6101'), false);
    assert.equal(visibleTo(about('p61.c6102', 'p61.c61011'), 'p61.c6101'), false, 'nor at the other end');
  });

  test('the unit at the other end, and the units above it, see it too', () => {
    const delivery = about('p61.c6101', 'p61.c6102.k610201');
    assert.equal(visibleTo(delivery, 'p61.c6102.k610201'), true);
    assert.equal(visibleTo(delivery, 'p61.c6102'), true);
    assert.equal(visibleTo(delivery, 'p61.c6101'), true);
    assert.equal(visibleTo(delivery, 'p61.c6103'), false);
    assert.equal(visibleTo(delivery, 'p61.c6102.k610202'), false);
  });
});

describe('cursors', () => {
  test('a cursor decodes, for its schema, to the sequence it was made from', () => {
    for (const seq of [0, 1, 42, 9_007_199_254_740_991]) assert.equal(decodeCursor(encodeCursor('documents', seq), 'documents'), seq);
  });

  test('a cursor is opaque: URL-safe base64 that does not show the schema or the number', () => {
    const cursor = encodeCursor('documents', 1234);
    assert.match(cursor, /^[A-Za-z0-9_-]+$/);
    assert.ok(!cursor.includes('documents') && !cursor.includes('1234'));
  });

  test('another schema’s cursor is refused', () => {
    assert.throws(() => decodeCursor(encodeCursor('org', 5), 'documents'), /malformed cursor/);
    assert.throws(() => decodeCursor(encodeCursor('documents', 5), 'document'), /malformed cursor/);
  });

  test('a malformed cursor is refused', () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64url');
    for (const bad of ['', 'garbage', b64('documents'), b64('documents:x'), b64('documents:-1'), b64('documents:1.5'), b64(':5')]) {
      assert.throws(() => decodeCursor(bad, 'documents'), /malformed cursor/, JSON.stringify(bad));
    }
  });
});
