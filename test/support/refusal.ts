// What a rule refused with, for tests of plain domain functions: the error's code and the field it names.
import assert from 'node:assert/strict';
import { YizhanError } from '@yizhan/common';

/** Runs `fn`, which must throw a YizhanError; answers [code, field]. */
export function refusalOf(fn: () => unknown): [string, unknown] {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof YizhanError, `a YizhanError, not ${String(e)}`);
    return [e.code, e.extensions.field];
  }
  assert.fail('expected a refusal');
}
