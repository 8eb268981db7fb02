import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deliveriesInWords, deliveriesRecorded, partName } from './package-summary.ts';

const doc = 'd0c';
const line = (seq: number, type: string, deliveryId: string, recipientOrgId: string, status: string, documentId = doc) => ({
  seq,
  event: { type, payload: { deliveryId, documentId, recipientOrgId, status } },
});

test('a sender’s package: its chain has the sends, a resend and a recall; the units’ own steps come from their receipts', () => {
  const lines = [
    line(3, 'delivery.delivered', 'd3', 'u3', 'DELIVERED'),
    line(1, 'delivery.delivered', 'd1', 'u1', 'DELIVERED'),
    line(2, 'delivery.delivered', 'd2', 'u2', 'DELIVERED'),
    line(4, 'delivery.delivered', 'd4', 'u4', 'DELIVERED'),
    line(5, 'delivery.resend', 'd2', 'u2', 'RESENT'),
    line(6, 'delivery.delivered', 'd2b', 'u2', 'DELIVERED'),
    line(7, 'delivery.recall', 'd4', 'u4', 'RECALLED'),
    line(8, 'delivery.delivered', 'x', 'u9', 'DELIVERED', 'another document'),
    { seq: 9, event: { type: 'document.sent', payload: { documentId: doc } } },
  ];
  const receipts = [
    { deliveryId: 'd1', orgId: 'u1', action: 'RECEIVED' },
    { deliveryId: 'd1', orgId: 'u1', action: 'SIGNED' },
    // The returned delivery the resend replaced: its return no longer counts for the unit.
    { deliveryId: 'd2', orgId: 'u2', action: 'RETURNED' },
    { deliveryId: 'd2b', orgId: 'u2', action: 'RECEIVED' },
  ];
  const d = deliveriesRecorded(lines, doc, receipts);
  assert.deepEqual(d, { units: 4, waiting: 1, received: 1, returned: 0, signed: 1, recalled: 1 });
  assert.deepEqual(deliveriesInWords(d as NonNullable<typeof d>), {
    zh: '证据包记载的收文单位 4 个：已签收 1 个，已接收未签收 1 个，未接收 1 个，已撤回 1 个',
    en: 'the package records 4 receiving units: 1 signed for, 1 opened, not signed for, 1 not yet opened, 1 recalled',
  });
});

test('a step recorded by both a chain and a receipt counts once, at the furthest step; nothing recorded is null', () => {
  const lines = [line(1, 'delivery.delivered', 'd1', 'u1', 'DELIVERED'), line(2, 'delivery.signed', 'd1', 'u1', 'SIGNED')];
  assert.deepEqual(deliveriesRecorded(lines, doc, [{ deliveryId: 'd1', orgId: 'u1', action: 'RECEIVED' }])?.signed, 1);
  assert.equal(deliveriesRecorded([], doc), null);
  assert.equal(deliveriesRecorded([line(1, 'delivery.delivered', 'd1', 'u1', 'DELIVERED', 'other')], doc), null);
});

test('each verdict’s item in the reader’s words: by its manifest kind, a named part, an OFD’s seal', () => {
  const kinds: Record<string, string> = { 'receipts/a-SIGNED.json': 'receipt', 'content/document.ofd': 'ofd' };
  const kindOf = (path: string) => kinds[path];
  assert.equal(partName('receipts/a-SIGNED.json', kindOf), '回执');
  assert.equal(partName('META-INF/manifest.json', kindOf), '清单');
  assert.equal(partName('trust anchors', kindOf), '信任根');
  assert.equal(partName('attachment 附件1.pdf', kindOf), '附件');
  assert.equal(partName('content/document.ofd seal 1', kindOf), 'OFD 版式文件的电子签章');
  assert.equal(partName('stamp', kindOf), '电子印章签名');
  assert.equal(partName('something else', kindOf), null);
});
