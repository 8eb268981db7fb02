// A person's mobile: what is accepted as a Chinese mobile number, and who may know it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanMobile, mayKnowMobile } from './mobile.ts';

const fieldOf = (e: unknown) => (e as { extensions?: { code?: string; field?: string } }).extensions;

test('a mainland mobile number is kept as 11 digits; none is null; anything else is BAD_INPUT naming the field', () => {
  assert.equal(cleanMobile('13912345678'), '13912345678');
  assert.equal(cleanMobile(' 139-1234-5678 '), '13912345678');
  assert.equal(cleanMobile('+86 139 1234 5678'), '13912345678');
  assert.equal(cleanMobile(''), null);
  assert.equal(cleanMobile(null), null);
  for (const bad of ['029-87654321', '1391234567', '139123456789', '12912345678', 'abc'])
    assert.throws(
      () => cleanMobile(bad),
      (e: unknown) => fieldOf(e)?.code === 'BAD_INPUT' && fieldOf(e)?.field === 'mobile',
      bad,
    );
  // Nothing given is quoted back: it may be markup, or megabytes.
  for (const given of [`MARKER${'长'.repeat(10_000)}`, '<img src=x onerror=alert(1)>'])
    assert.throws(
      () => cleanMobile(given),
      (e: unknown) => !(e as Error).message.includes('MARKER') && !(e as Error).message.includes('<img') && /^mobile is not/.test((e as Error).message),
    );
});

test('a person’s mobile is known to the person and the administrators of the person’s own unit only', () => {
  const person = { id: 'u1', orgPath: 'p61.c6101.k610102' };
  assert.ok(mayKnowMobile({ userId: 'u1', orgPath: person.orgPath, roles: ['LEADER'] }, person), 'the person');
  assert.ok(mayKnowMobile({ userId: 'a1', orgPath: person.orgPath, roles: ['ADMIN'] }, person), 'the unit’s administrator');
  assert.ok(!mayKnowMobile({ userId: 'c1', orgPath: person.orgPath, roles: ['CLERK'] }, person), 'a colleague');
  assert.ok(!mayKnowMobile({ userId: 'a2', orgPath: 'p61.c6101', roles: ['ADMIN'] }, person), 'an administrator above');
  assert.ok(!mayKnowMobile({ userId: 'a3', orgPath: 'p61.c6101.k610103', roles: ['ADMIN'] }, person), 'another unit’s administrator');
});
