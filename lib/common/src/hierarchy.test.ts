// Paths in the unit hierarchy compare by whole labels, as PostgreSQL's ltree `<@` does: p61.c61011 is a sibling of
// p61.c6101, not below it, though its text starts with it. isWithin includes the unit itself; isBelow does not.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { commonAncestor, isBelow, isWithin, parentOf } from './hierarchy.ts';

describe('isWithin', () => {
  test('the unit itself and every unit below it, at any depth', () => {
    assert.equal(isWithin('p61.c6101', 'p61.c6101'), true);
    assert.equal(isWithin('p61.c6101.k610102', 'p61.c6101'), true);
    assert.equal(isWithin('p61.c6101.k610102.d1', 'p61.c6101'), true);
    assert.equal(isWithin('p61.c6101', 'p61'), true);
  });

  test('not a sibling whose label merely starts with the unit’s label, nor what is below that sibling', () => {
    assert.equal(isWithin('p61.c61011', 'p61.c6101'), false);
    assert.equal(isWithin('p61.c61011.k1', 'p61.c6101'), false);
    assert.equal(isWithin('p61.c6101', 'p61.c61011'), false);
    assert.equal(isWithin('p610.c1', 'p61'), false);
  });

  test('not the unit above, nor a unit elsewhere', () => {
    assert.equal(isWithin('p61', 'p61.c6101'), false);
    assert.equal(isWithin('p61.c6102', 'p61.c6101'), false);
    assert.equal(isWithin('p62.c6101', 'p61.c6101'), false);
  });
});

describe('isBelow', () => {
  test('strictly below: not the unit itself', () => {
    assert.equal(isBelow('p61.c6101', 'p61.c6101'), false);
    assert.equal(isBelow('p61.c6101.k610102', 'p61.c6101'), true);
    assert.equal(isBelow('p61.c6101.k610102.d1', 'p61'), true);
  });

  test('the same sibling-prefix trap: p61.c61011 is not below p61.c6101', () => {
    assert.equal(isBelow('p61.c61011', 'p61.c6101'), false);
    assert.equal(isBelow('p61.c61011.k1', 'p61.c6101'), false);
    assert.equal(isBelow('p610.c1', 'p61'), false);
  });

  test('not the unit above', () => {
    assert.equal(isBelow('p61', 'p61.c6101'), false);
  });
});

describe('parentOf', () => {
  test('the unit directly above, by whole labels; none above the top', () => {
    assert.equal(parentOf('p61.c6101.k610102'), 'p61.c6101');
    assert.equal(parentOf('p61.c6101'), 'p61');
    assert.equal(parentOf('p61'), null);
  });
});

describe('commonAncestor', () => {
  test('the lowest unit both lie within, by whole labels', () => {
    assert.equal(commonAncestor('p61.c6101.k610102', 'p61.c6101.k610104'), 'p61.c6101');
    assert.equal(commonAncestor('p61.c6101.k610102', 'p61.c6103'), 'p61');
    assert.equal(commonAncestor('p61.c6101.k610102', 'p61.c6101'), 'p61.c6101', 'a unit and one above it: the one above');
    assert.equal(commonAncestor('p61.c6101', 'p61.c61011'), 'p61', 'a label that merely starts alike is another unit');
    assert.equal(commonAncestor('p61.c6101', 'p62.c6201'), '', 'no top unit in common');
  });
});
