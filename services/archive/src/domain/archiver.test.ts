import assert from 'node:assert/strict';
import { test } from 'node:test';
import { archivedOnCloseBy, archiverOf } from './archiver.ts';

test('an archiver is named, and marked when a clerk’s 办结 archived the record', () => {
  assert.deepEqual(archiverOf(archivedOnCloseBy('马晓燕')), { name: '马晓燕', onClose: true });
  assert.deepEqual(archiverOf('郭丽娟'), { name: '郭丽娟', onClose: false });
});
