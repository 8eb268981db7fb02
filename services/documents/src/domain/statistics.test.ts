import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bandOf, everyPeriod, granularityOf, periodsOf, ranked, rate, ratesOf, totalsOf, type UnitFigures } from './statistics.ts';

const unit = (name: string, f: Partial<UnitFigures> = {}): UnitFigures => ({
  orgId: name,
  name,
  path: `p61.${name}`,
  sentDown: 0,
  sentUp: 0,
  sentLateral: 0,
  documentsSent: 0,
  received: 0,
  receivedDown: 0,
  receivedUp: 0,
  receivedLateral: 0,
  receivedOnTime: 0,
  receivedLate: 0,
  receivedMissing: 0,
  signedOnTime: 0,
  signedLate: 0,
  signedMissing: 0,
  avgSignHours: null,
  returns: 0,
  reportsDue: 0,
  reportsOnTime: 0,
  reportsLate: 0,
  reportsMissing: 0,
  paperReceived: 0,
  paperSent: 0,
  ...f,
});

test('a trend steps by day, week or month with the period', () => {
  const d = (s: string) => new Date(`${s}T00:00:00+08:00`);
  assert.equal(granularityOf(d('2026-11-01'), d('2026-12-01')), 'day');
  assert.equal(granularityOf(d('2026-06-01'), d('2026-12-01')), 'week');
  assert.equal(granularityOf(d('2026-01-01'), d('2026-12-01')), 'month');
});

test('rates of nothing are null, and bands follow the rate', () => {
  assert.equal(rate(0, 0), null);
  assert.equal(rate(1, 4), 0.25);
  assert.equal(bandOf(null), 'NONE');
  assert.equal(bandOf(0.95), 'GOOD');
  assert.equal(bandOf(0.8), 'FAIR');
  assert.equal(bandOf(0.5), 'POOR');
  const r = ratesOf(unit('a', { signedOnTime: 3, signedLate: 1, receivedOnTime: 4, reportsOnTime: 1, reportsMissing: 1 }));
  assert.deepEqual(r, { receiptRate: 1, signRate: 0.75, reportRate: 0.5, electronicRate: null, band: 'POOR' });
});

test('公文交换电子化率: what went on the network among all received and sent, paper included; none, none to rate', () => {
  assert.equal(ratesOf(unit('a', { received: 6, documentsSent: 2, paperReceived: 1, paperSent: 1 })).electronicRate, 0.8);
  assert.equal(ratesOf(unit('b', { received: 3 })).electronicRate, 1);
  assert.equal(ratesOf(unit('c', { paperReceived: 2 })).electronicRate, 0, 'paper only: nothing on the network');
  assert.equal(ratesOf(unit('d')).electronicRate, null);
  const t = totalsOf({ orgId: 's', name: '西安市', path: 'p61' }, [
    unit('a', { received: 3, paperReceived: 1 }),
    unit('b', { documentsSent: 1, paperSent: 1 }),
  ]);
  assert.deepEqual([t.paperReceived, t.paperSent, ratesOf(t).electronicRate], [1, 1, 4 / 6]);
});

test('totals sum the units; the average 签收 time is weighted by what each signed', () => {
  const t = totalsOf({ orgId: 's', name: '西安市', path: 'p61' }, [
    unit('a', { received: 2, signedOnTime: 2, avgSignHours: 1 }),
    unit('b', { received: 3, signedOnTime: 1, signedLate: 1, signedMissing: 1, avgSignHours: 4, returns: 1 }),
  ]);
  assert.equal(t.received, 5);
  assert.equal(t.signedOnTime, 3);
  assert.equal(t.returns, 1);
  assert.equal(t.avgSignHours, 2.5);
  assert.equal(t.name, '西安市');
});

test('the ranking: best 签收 rate first, units with nothing due last', () => {
  const order = ranked([
    unit('无', {}),
    unit('差', { signedOnTime: 1, signedMissing: 1, received: 2 }),
    unit('优', { signedOnTime: 2, received: 2 }),
    unit('优多', { signedOnTime: 5, received: 5 }),
  ]).map((u) => u.name);
  assert.deepEqual(order, ['优多', '优', '差', '无']);
});

test('a trend has every period of its span, a quiet one at nought, named as SQL names it', () => {
  const at = (s: string) => new Date(s);
  // Days of Beijing: 1 to 3 December, to the end of the 3rd.
  assert.deepEqual(periodsOf(at('2026-11-30T16:00:00Z'), at('2026-12-03T16:00:00Z'), 'day'), ['2026-12-01', '2026-12-02', '2026-12-03']);
  // Weeks by their Monday: 2 December 2026 is a Wednesday, so the first week is that of 30 November.
  assert.deepEqual(periodsOf(at('2026-12-01T16:00:00Z'), at('2026-12-20T16:00:00Z'), 'week'), ['2026-11-30', '2026-12-07', '2026-12-14']);
  // Months by their first day, across a year's end.
  assert.deepEqual(periodsOf(at('2026-11-14T16:00:00Z'), at('2027-02-01T16:00:00Z'), 'month'), ['2026-11-01', '2026-12-01', '2027-01-01', '2027-02-01']);
  const row = (bucket: string, sent: number) => ({ bucket, sent });
  assert.deepEqual(
    everyPeriod(['2026-12-01', '2026-12-02', '2026-12-03'], [row('2026-12-02', 4)], (b) => row(b, 0)),
    [row('2026-12-01', 0), row('2026-12-02', 4), row('2026-12-03', 0)],
  );
});
