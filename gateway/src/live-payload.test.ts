// The live edge's payloads (live-payload.ts): the client's selection, through aliases, fragments, @skip/@include and
// __typename, taken from an event's view; org's fields fetched once per batch and selection, by response key.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildSchema, parse } from 'graphql';
import { PayloadRenderer, prepareSelection } from './live-payload.ts';

const schema = buildSchema(`
  scalar DateTimeISO
  type Query { x: Int }
  type Org { id: ID! name: String! code: String! parent: Org }
  type DeliveryEvent { cursor: String! previousCursor: String type: String! signedAt: DateTimeISO recipientOrg: Org! }
  type Subscription { inboxChanged(after: String): DeliveryEvent! }
`);
const view = (id: string, seq: number) => ({
  cursor: `c${seq}`,
  previousCursor: null,
  type: 'delivery.signed',
  signedAt: new Date('2026-12-01T01:02:03.456Z'),
  recipientOrg: { id },
});

test('aliases, fragments, directives and __typename come out as the client asked, times as ISO 8601', async () => {
  const doc = parse(`
    subscription($full: Boolean!) { e: inboxChanged { __typename ...F when: signedAt cursor @skip(if: $full) previousCursor @include(if: $full) } }
    fragment F on DeliveryEvent { type recipientOrg { id } }`);
  const selection = prepareSelection(schema, doc, null, { full: true });
  assert.ok(selection);
  assert.equal(selection.orgQuery, null, 'only the id: nothing to fetch');
  assert.equal(selection.perSubscriber, true, 'previousCursor differs per subscriber');
  const renderer = new PayloadRenderer<string>(async () => assert.fail('no fetch'));
  assert.deepEqual(await renderer.render(selection, view('o1', 7), 'u'), {
    data: { e: { __typename: 'DeliveryEvent', type: 'delivery.signed', recipientOrg: { id: 'o1' }, when: '2026-12-01T01:02:03.456Z', previousCursor: null } },
  });
});

test('org fields are fetched once for a batch, by response key, with the fragments and variables they use', async () => {
  const doc = parse(`
    subscription($deep: Boolean!) { inboxChanged { cursor a: recipientOrg { name ...O } b: recipientOrg { n: name parent @include(if: $deep) { code } } } }
    fragment O on Org { code }`);
  const selection = prepareSelection(schema, doc, null, { deep: true });
  assert.ok(selection?.orgQuery);
  assert.deepEqual(selection.orgQuery.keys, ['a', 'b']);
  assert.match(selection.orgQuery.text, /a: _entities\(representations: \$representations\) \{ \.\.\. on Org \{ name \.\.\.O \} \}/);
  assert.match(selection.orgQuery.text, /fragment O on Org/);
  assert.match(selection.orgQuery.text, /\$deep: Boolean!/);
  const calls: string[][] = [];
  const renderer = new PayloadRenderer<string>(async (_s, ids, who) => {
    calls.push([who, ...ids]);
    return {
      a: ids.map((id) => ({ name: `单位${id}`, code: id.toUpperCase() })),
      b: ids.map((id) => ({ n: `单位${id}`, parent: { code: 'P' } })),
    };
  });
  const [one, two] = await Promise.all([renderer.render(selection, view('o1', 1), 'u1'), renderer.render(selection, view('o2', 2), 'u2')]);
  assert.deepEqual(calls, [['u1', 'o1', 'o2']], 'one request for both events, signed for the first subscriber');
  assert.deepEqual(one, {
    data: { inboxChanged: { cursor: 'c1', a: { name: '单位o1', code: 'O1' }, b: { n: '单位o1', parent: { code: 'P' } } } },
  });
  assert.equal((two.data as { inboxChanged: { a: { name: string } } }).inboxChanged.a.name, '单位o2');
});

test('a unit’s name the event carries is rendered from the event; one it does not carry, or a field beyond it, is fetched', async () => {
  const doc = parse(`subscription { subtreeReceipts: inboxChanged { cursor recipientOrg { __typename id unit: name } } }`);
  const selection = prepareSelection(schema, doc, null, {});
  assert.ok(selection?.orgQuery, 'the name is still fetched for an event that does not carry it');
  assert.equal(selection.orgFromEvent, true);
  const calls: string[][] = [];
  const renderer = new PayloadRenderer<string>(async (_s, ids) => {
    calls.push(ids);
    return { recipientOrg: ids.map((id) => ({ __typename: 'Org', id, unit: `现名${id}` })) };
  });
  const named = { ...view('o1', 1), recipientOrg: { id: 'o1', name: '某某县人民政府办公室' } };
  assert.deepEqual(await renderer.render(selection, named, 'u'), {
    data: { subtreeReceipts: { cursor: 'c1', recipientOrg: { __typename: 'Org', id: 'o1', unit: '某某县人民政府办公室' } } },
  });
  assert.deepEqual(calls, [], 'no fetch for the event that names its unit');
  const unnamed = await renderer.render(selection, view('o2', 2), 'u');
  assert.deepEqual(calls, [['o2']], 'an older event without the name is fetched as before');
  assert.equal((unnamed.data as { subtreeReceipts: { recipientOrg: { unit: string } } }).subtreeReceipts.recipientOrg.unit, '现名o2');

  const wider = prepareSelection(schema, parse('subscription { inboxChanged { recipientOrg { name code } } }'), null, {});
  assert.equal(wider?.orgFromEvent, false, 'a field the event does not carry');
  const fetchedToo: string[][] = [];
  const r2 = new PayloadRenderer<string>(async (_s, ids) => {
    fetchedToo.push(ids);
    return { recipientOrg: ids.map(() => ({ name: '现名', code: 'C' })) };
  });
  assert.ok(wider);
  assert.deepEqual(await r2.render(wider, named, 'u'), { data: { inboxChanged: { recipientOrg: { name: '现名', code: 'C' } } } });
  assert.deepEqual(fetchedToo, [['o1']]);
});

test('an operation that is not a single field of an object type is not the edge’s', () => {
  assert.equal(prepareSelection(schema, parse('subscription { inboxChanged { cursor } x: inboxChanged { type } }'), null, {}), null);
  assert.equal(prepareSelection(schema, parse('{ x }'), null, {}), null);
});
