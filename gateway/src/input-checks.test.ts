import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildSchema, execute, parse, specifiedRules, validate } from 'graphql';
import { judgeTimes, MAX_TEXT_NESTING, nestsDeeperThan, timeLiterals, timeProblem } from './input-checks.ts';

// A supergraph's DateTimeISO as the gateway reads it from the supergraph's text: a scalar that takes anything.
const schema = () => {
  const s = buildSchema('scalar DateTimeISO input Filter { since: DateTimeISO } type Query { after(t: DateTimeISO, filter: Filter): String }');
  judgeTimes(s);
  return s;
};
const rootValue = { after: (args: { t?: unknown; filter?: { since?: unknown } }) => JSON.stringify(args.t ?? args.filter?.since) };

test('a time the subgraphs would refuse is refused, named by the client’s variable; a good one passes unchanged', async () => {
  const s = schema();
  const document = parse('query($t: DateTimeISO, $f: Filter) { a: after(t: $t) b: after(filter: $f) }');
  const bad = await execute({ schema: s, document, rootValue, variableValues: { f: { since: 'tomorrow' } } });
  assert.equal(bad.data, undefined);
  assert.match(bad.errors?.[0]?.message ?? '', /Variable "\$f" got invalid value "tomorrow" at "f\.since"; .*invalid date-time-string tomorrow/);
  const year0 = await execute({ schema: s, document, rootValue, variableValues: { t: '0000-01-01T00:00:00Z' } });
  assert.match(year0.errors?.[0]?.message ?? '', /holds the years 1 to 9999, not 0/);
  assert.match((await execute({ schema: s, document, rootValue, variableValues: { t: 5 } })).errors?.[0]?.message ?? '', /non string/);
  const good = await execute({ schema: s, document, rootValue, variableValues: { t: '2026-12-06T08:00:00+08:00' } });
  assert.equal(good.errors, undefined);
  assert.equal(good.data?.a, '"2026-12-06T08:00:00+08:00"', 'passed on as the client wrote it');
});

test('a time written in the operation is judged by validation, named by its argument and input field', () => {
  const s = schema();
  const errors = (q: string) => validate(s, parse(q), [...specifiedRules, timeLiterals]);
  assert.deepEqual(errors('{ after(t: "2026-01-01T00:00:00Z") }'), []);
  const [wrong] = errors('{ after(filter: {since: "nope"}) }');
  assert.match(wrong?.message ?? '', /^Argument "filter\.since": .*invalid date-time-string nope/);
  assert.equal(wrong?.extensions.code, 'BAD_REQUEST', 'a value not of its type, as a variable of the wrong type is');
  assert.equal(wrong?.extensions.field, 'filter.since');
  assert.match(errors('{ after(t: 20261206) }')[0]?.message ?? '', /^Argument "t": DateTimeISO is written as a string/);
  assert.match(errors('{ after(t: "10000-01-01T00:00:00Z") }')[0]?.message ?? '', /^Argument "t": /);
});

test('the years a time may hold are those PostgreSQL keeps', () => {
  assert.equal(timeProblem('0001-01-01T00:00:00Z'), null);
  assert.equal(timeProblem('9999-12-31T23:59:59Z'), null);
  assert.match(timeProblem('0000-12-31T00:00:00Z') ?? '', /not 0/);
  assert.match(timeProblem('2026-02-30T00:00:00Z') ?? '', /invalid/);
});

test('an operation nesting its brackets deeper than the limit is refused before the parser recurses into it; strings and comments are not brackets', () => {
  const lists = (n: number) => `{documentTitles(ids:${'['.repeat(n)}1${']'.repeat(n)}){id}}`;
  assert.equal(nestsDeeperThan(lists(MAX_TEXT_NESTING - 3), MAX_TEXT_NESTING), false);
  assert.equal(nestsDeeperThan(lists(MAX_TEXT_NESTING), MAX_TEXT_NESTING), true);
  assert.equal(nestsDeeperThan(lists(5000), MAX_TEXT_NESTING), true);
  const inText = '['.repeat(1000);
  assert.equal(nestsDeeperThan(`{ a(t: "${inText}\\"${inText}") }`, 4), false, 'in a string, escaped quote and all');
  assert.equal(nestsDeeperThan(`{ a(t: """${inText}\\"""${inText}""") }`, 4), false, 'in a block string');
  assert.equal(nestsDeeperThan(`# ${inText}\n{ a }`, 4), false, 'in a comment');
  assert.equal(nestsDeeperThan('{ a { b { c { d } } } }', 4), false);
  assert.equal(nestsDeeperThan('{ a { b { c { d { e } } } } }', 4), true);
});
