// Which subscriptions share an upstream stream (gateway/src/shared-subscriptions.ts): the same operation, variables
// and scope do; a resume from a cursor, a live board's snapshot, another unit or other roles do not.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Caller } from '@yizhan/common';
import { parse } from 'graphql';
import { sharedSubscriptions, shareKey } from '../src/shared-subscriptions.ts';

const xc: Caller = { userId: 'u1', username: 'xc.clerk', orgId: 'o1', orgPath: 'p61.c6101.k610102', roles: ['CLERK'] };
const q = (text: string) => parse(text);

test('the same operation, variables and scope share; a different unit, roles or document do not', () => {
  const a = shareKey(q('subscription($d: ID!) { deliveryChanged(documentId: $d) { cursor } }'), null, { d: 'x' }, xc);
  assert.ok(a);
  assert.equal(
    shareKey(q('subscription($d: ID!) { deliveryChanged(documentId: $d) { cursor } }'), null, { d: 'x' }, { ...xc, userId: 'u2', username: 'xc.clerk2' }),
    a,
    'another clerk of the unit',
  );
  assert.notEqual(shareKey(q('subscription($d: ID!) { deliveryChanged(documentId: $d) { cursor } }'), null, { d: 'y' }, xc), a);
  assert.notEqual(
    shareKey(q('subscription($d: ID!) { deliveryChanged(documentId: $d) { cursor } }'), null, { d: 'x' }, { ...xc, orgId: 'o2', orgPath: 'p61.c6101.k610103' }),
    a,
  );
  assert.notEqual(
    shareKey(q('subscription($d: ID!) { deliveryChanged(documentId: $d) { cursor } }'), null, { d: 'x' }, { ...xc, roles: ['CLERK', 'ADMIN'] }),
    a,
  );
});

test('a resume, a board, a query and an anonymous caller get streams of their own', () => {
  assert.equal(shareKey(q('subscription($a: String) { inboxChanged(after: $a) { cursor } }'), null, { a: 'c3Vi' }, xc), null);
  assert.ok(shareKey(q('subscription($a: String) { inboxChanged(after: $a) { cursor } }'), null, { a: null }, xc), 'no cursor given: live only, shared');
  assert.equal(shareKey(q('subscription { inboxChanged(after: "c3Vi") { cursor } }'), null, {}, xc), null);
  assert.equal(
    shareKey(q('subscription($d: ID!) { deliveryBoard(documentId: $d) { total } }'), null, { d: 'x' }, xc),
    null,
    'each board starts with its own counts',
  );
  assert.equal(shareKey(q('{ me { username } }'), null, {}, xc), null);
  assert.equal(shareKey(q('subscription { inboxChanged { cursor } }'), null, {}, null), null);
});

test('one upstream for many, each gets every item; the upstream closes when the last leaves', async () => {
  const shared = sharedSubscriptions<number>();
  let opened = 0;
  let closed = 0;
  const pushes: ((n: number) => void)[] = [];
  const open = () => {
    opened++;
    const items: number[] = [];
    let wake: (() => void) | null = null;
    pushes.push((n) => {
      items.push(n);
      wake?.();
    });
    return {
      [Symbol.asyncIterator]() {
        return {
          async next() {
            while (!items.length) await new Promise<void>((r) => (wake = r));
            return { value: items.shift() as number, done: false };
          },
          async return() {
            closed++;
            return { value: undefined, done: true };
          },
        };
      },
    } as AsyncIterable<number>;
  };
  const a = (await shared.subscribe('k', open)) as AsyncIterableIterator<number>;
  const b = (await shared.subscribe('k', open)) as AsyncIterableIterator<number>;
  assert.equal(opened, 1);
  pushes[0]?.(7);
  assert.deepEqual([(await a.next()).value, (await b.next()).value], [7, 7]);
  await a.return?.();
  assert.equal(closed, 0, 'b still listens');
  await b.return?.();
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(closed, 1);
  assert.equal(shared.size, 0);
});
