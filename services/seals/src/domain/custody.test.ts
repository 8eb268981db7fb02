import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pinProblem } from './custody.ts';

test('a custodian’s PIN is 6–12 digits, and not one anyone would guess first', () => {
  for (const pin of ['135790', '246801', '314159', '975310', '123457', '000000000001']) assert.equal(pinProblem(pin), null, pin);
  for (const pin of ['12345', '1234567890123', '12a456', ' 135790']) assert.match(pinProblem(pin) ?? '', /6 to 12 digits/, pin);
  for (const pin of ['111111', '123456', '654321', '0123456789', '999999999']) assert.match(pinProblem(pin) ?? '', /repeated nor a run/, pin);
});
