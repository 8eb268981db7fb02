import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkMail, MAX_MAIL_ATTACHMENT_BYTES } from './mail.ts';

const A = '00000000-0000-4000-8000-000000000001';
const B = '00000000-0000-4000-8000-000000000002';
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return [(e as { extensions?: { code?: string } }).extensions?.code, (e as { extensions?: { field?: string } }).extensions?.field];
  }
  return null;
};

test('a message: a subject, someone to, each person once (a TO before a CC), its attachments with their digests', () => {
  const m = checkMail({
    subject: ' 会议材料 ',
    body: '请查收。',
    to: [A],
    cc: [A, B],
    attachments: [{ name: '议程.docx', base64: Buffer.from('议程').toString('base64') }],
  });
  assert.equal(m.subject, '会议材料');
  assert.deepEqual(m.recipients, [
    { userId: A, kind: 'TO' },
    { userId: B, kind: 'CC' },
  ]);
  assert.equal(m.attachments[0]?.contentType, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  assert.equal(m.attachments[0]?.sha256.length, 64);
});

test('refused by the field, nothing repeated: no subject, no one, not an id, a bad file, over 20 MB together', () => {
  assert.deepEqual(
    code(() => checkMail({ subject: ' ', body: '', to: [A] })),
    ['BAD_INPUT', 'subject'],
  );
  assert.deepEqual(
    code(() => checkMail({ subject: '会议', body: '', to: [] })),
    ['BAD_INPUT', 'mail.to'],
  );
  assert.deepEqual(
    code(() => checkMail({ subject: '会议', body: '', to: ['<script>'] })),
    ['BAD_INPUT', 'mail.to'],
  );
  assert.deepEqual(
    code(() => checkMail({ subject: '会议', body: '', to: [A], attachments: [{ name: 'a.txt', base64: '!!' }] })),
    ['BAD_INPUT', 'attachments[0]'],
  );
  assert.deepEqual(
    code(() => checkMail({ subject: '会议', body: '', to: [A], attachments: [{ name: '../a.txt', base64: 'YQ==' }] })),
    ['BAD_INPUT', 'attachments[0].name'],
  );
  const half = Buffer.alloc(MAX_MAIL_ATTACHMENT_BYTES / 2 + 1).toString('base64');
  assert.deepEqual(
    code(() =>
      checkMail({
        subject: '会议',
        body: '',
        to: [A],
        attachments: [
          { name: 'a.bin', base64: half },
          { name: 'b.bin', base64: half },
        ],
      }),
    ),
    ['TOO_LARGE', 'attachments'],
  );
});
