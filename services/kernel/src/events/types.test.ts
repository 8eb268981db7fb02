// An outbox row as subscribers receive it: the publish_seq PostgreSQL hands back as text (bigint) becomes the
// number a cursor carries, the time an ISO string, the paths and payload as they are.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { toPublishedEvent } from './types.ts';

describe('toPublishedEvent', () => {
  test('a row as the pg driver returns it becomes the event subscribers see', () => {
    const row = {
      publish_seq: '42',
      type: 'DOCUMENT_SENT',
      org_path: 'p61.c6101',
      other_path: 'p61.c6102.k610201',
      payload: { documentId: 'd-1', title: '关于…的通知' },
      occurred_at: new Date('2025-06-01T08:30:00.123Z'),
    };
    assert.deepEqual(toPublishedEvent('documents', row), {
      seq: 42,
      schema: 'documents',
      type: 'DOCUMENT_SENT',
      orgPath: 'p61.c6101',
      otherPath: 'p61.c6102.k610201',
      payload: { documentId: 'd-1', title: '关于…的通知' },
      occurredAt: '2025-06-01T08:30:00.123Z',
    });
  });

  test('an event about one unit has no other end; a time given as text is read as a time', () => {
    const e = toPublishedEvent('org', {
      publish_seq: 7,
      type: 'UNIT_RENAMED',
      org_path: 'p61',
      other_path: null,
      payload: {},
      occurred_at: '2025-06-01 16:30:00+08',
    });
    assert.equal(e.seq, 7);
    assert.equal(e.otherPath, null);
    assert.equal(e.occurredAt, '2025-06-01T08:30:00.000Z');
  });
});
