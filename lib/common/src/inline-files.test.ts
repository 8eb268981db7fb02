// Files sent together inline (a mail's attachments, a report's 整改材料): refused by their number, their size before
// they are decoded, a name with folders or a caller's check, each refusal naming the file; the rest kept with their
// type and SHA-256.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { filesFromBase64 } from './inline-files.ts';

const opts = { field: 'files', what: 'File', whole: 'a report', maxFiles: 2, maxEach: 8, maxTotal: 12 };
const b64 = (s: string) => Buffer.from(s).toString('base64');
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    const x = e as { extensions: { code: string; field?: string; limitBytes?: number } };
    return [x.extensions.code, x.extensions.field, x.extensions.limitBytes];
  }
  return ['accepted'];
};

test('files within their limits are kept with their type by name and their SHA-256', () => {
  const [f] = filesFromBase64([{ name: '整改报告.pdf', base64: b64('%PDF') }], opts);
  assert.deepEqual(f, {
    name: '整改报告.pdf',
    contentType: 'application/pdf',
    content: Buffer.from('%PDF'),
    sha256: createHash('sha256').update('%PDF').digest('hex'),
  });
  assert.deepEqual(filesFromBase64(null, opts), []);
});

test('each refusal names the file or the whole: too many, too large (before decoding), a folder in a name, a check', () => {
  const one = { name: 'a.txt', base64: b64('abc') };
  assert.deepEqual(
    refusal(() => filesFromBase64([one, one, one], opts)),
    ['BAD_INPUT', 'files', undefined],
  );
  assert.deepEqual(
    refusal(() => filesFromBase64([{ name: 'a.txt', base64: b64('123456789') }], opts)),
    ['TOO_LARGE', 'files[0]', 8],
  );
  assert.deepEqual(
    refusal(() =>
      filesFromBase64(
        [
          { name: 'a.txt', base64: b64('1234567') },
          { name: 'b.txt', base64: b64('1234567') },
        ],
        opts,
      ),
    ),
    ['TOO_LARGE', 'files', 12],
  );
  assert.deepEqual(
    refusal(() => filesFromBase64([one, { name: '../b.txt', base64: b64('x') }], opts)),
    ['BAD_INPUT', 'files[1].name', undefined],
  );
  assert.deepEqual(
    refusal(() => filesFromBase64([{ name: 7, base64: b64('x') }], opts)),
    ['BAD_INPUT', 'files[0].name', undefined],
  );
  const check = ({ name, field }: { name: string; field: string }) => {
    if (!name.endsWith('.pdf')) throw Object.assign(new Error('not a pdf'), { extensions: { code: 'REFUSED', field } });
  };
  assert.deepEqual(
    refusal(() => filesFromBase64([{ name: 'a.pdf', base64: b64('x') }, one], { ...opts, check })),
    ['REFUSED', 'files[1]', undefined],
  );
});
