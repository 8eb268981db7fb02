import assert from 'node:assert/strict';
import { test } from 'node:test';
import { YizhanError } from './errors.ts';
import { isBlank, oneOfOrNull, optionalText, requiredText } from './text.ts';

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof YizhanError);
    return { code: e.code, ...e.extensions };
  }
  assert.fail('not refused');
};

test('a free text is trimmed, and refused naming the field and the rule it broke', () => {
  assert.equal(requiredText('  新城区  ', 'name', { max: 10 }), '新城区');
  assert.equal(optionalText('   ', 'note', { max: 10 }), null);
  assert.deepEqual(
    refusal(() => requiredText(' ', 'name', { max: 10 })),
    { code: 'BAD_INPUT', field: 'name', rule: { required: true } },
  );
  assert.deepEqual(
    refusal(() => requiredText('一二三四五六', 'name', { max: 5 })),
    { code: 'BAD_INPUT', field: 'name', rule: { length: { max: 5 } } },
  );
  assert.deepEqual(
    refusal(() => optionalText('a\u0007b', 'note', { max: 10 })),
    { code: 'BAD_INPUT', field: 'note', rule: { plainText: true } },
  );
  assert.deepEqual(
    refusal(() => optionalText('丢失\uD800', 'note', { max: 10 })),
    { code: 'BAD_INPUT', field: 'note', rule: { plainText: true } },
    'half a surrogate pair is no character',
  );
  assert.equal(optionalText('印章𠮷', 'note', { max: 10 }), '印章𠮷', 'a whole pair is a character like any other');
  // A direction override would make a register read otherwise than it stored.
  assert.deepEqual(
    refusal(() => requiredText('申请印章\u202E反转', 'statement', { max: 100 })),
    {
      code: 'BAD_INPUT',
      field: 'statement',
      rule: { plainText: true },
    },
  );
  // Lines are allowed in a text, not in a one-line name.
  assert.equal(requiredText('第一行\n第二行', 'note', { max: 20 }), '第一行\n第二行');
  assert.deepEqual(
    refusal(() => requiredText('新城\n区', 'name', { max: 20, line: true })),
    { code: 'BAD_INPUT', field: 'name', rule: { plainText: true } },
  );
});

test('a list’s filter is one of the values it knows, or none; anything else is refused naming it', () => {
  const statuses = ['PENDING', 'APPROVED', 'REJECTED'] as const;
  assert.equal(oneOfOrNull('PENDING', statuses, 'status'), 'PENDING');
  assert.equal(oneOfOrNull(null, statuses, 'status'), null);
  assert.equal(oneOfOrNull('', statuses, 'status'), null);
  assert.deepEqual(
    refusal(() => oneOfOrNull("x'); DROP", statuses, 'status')),
    { code: 'BAD_INPUT', field: 'status' },
  );
});

test('a text that shows nothing — spaces, zero-width characters, joiners — is empty: required refused naming the field, optional none', () => {
  for (const blank of ['', '   ', '\u200b', '\u200b\u200c\u2060', '\ufeff', '\u3000\u200d']) {
    assert.ok(isBlank(blank), JSON.stringify(blank));
    assert.deepEqual(
      refusal(() => requiredText(blank, 'title', { max: 10 })),
      { code: 'BAD_INPUT', field: 'title', rule: { required: true } },
    );
    assert.equal(optionalText(blank, 'note', { max: 10 }), null);
  }
  assert.equal(isBlank('a\u200b'), false);
  assert.equal(requiredText(' 通知\u200b ', 'title', { max: 10 }), '通知\u200b', 'a zero-width character inside a text stays');
});
