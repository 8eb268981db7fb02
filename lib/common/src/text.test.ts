import assert from 'node:assert/strict';
import { test } from 'node:test';
import { YizhanError } from './errors.ts';
import { isBlank, optionalText, requiredText } from './text.ts';

test('a text that shows nothing — spaces, zero-width characters, joiners — is empty: required refused naming the field, optional none', () => {
  for (const blank of ['', '   ', '\u200b', '\u200b\u200c\u2060', '\ufeff', '\u3000\u200d']) {
    assert.ok(isBlank(blank), JSON.stringify(blank));
    assert.throws(
      () => requiredText(blank, 'title', { max: 10 }),
      (e: unknown) => e instanceof YizhanError && e.extensions.field === 'title',
    );
    assert.equal(optionalText(blank, 'note', { max: 10 }), null);
  }
  assert.equal(isBlank('a\u200b'), false);
  assert.equal(requiredText(' 通知\u200b ', 'title', { max: 10 }), '通知\u200b', 'a zero-width character inside a text stays');
  assert.throws(() => requiredText('a\u202eb', 'title', { max: 10 }), /control characters/);
});
