import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MANIFEST_PATH } from './evidence-package.ts';
import { verifyPackage } from './verify-package.ts';

test('a manifest that is JSON but no object (null, a number, a list) is named as unrecognised, in words, not a script error', () => {
  for (const manifest of ['null', '42', '[]', '"x"']) {
    const v = verifyPackage(new Map([[MANIFEST_PATH, new TextEncoder().encode(manifest)]]));
    assert.equal(v.valid, false, manifest);
    const said = v.verdicts.find((x) => x.item === MANIFEST_PATH);
    assert.match(said?.en ?? '', /manifest is not recognised/, manifest);
    assert.doesNotMatch(said?.en ?? '', /Cannot read properties/, manifest);
  }
});
