// The reply exception of the routing rules (issue 15, 答复) as plain functions: a reply reaches the original's sender
// where a fresh document of its type would be refused, unless a DENY rule names replies; the rule is named either way.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { evaluate, evaluateReply, type Party, REPLY_EXCEPTION, REPLY_TYPE, type RuleData } from './routing.ts';

const party = (id: string, path: string, level: Party['level'], kind: Party['kind'] = 'GOVERNMENT'): Party => ({
  id,
  code: id,
  path,
  level,
  kind,
  name: id,
  status: 'ACTIVE',
});
const province = party('陕西省人民政府', 'p61', 'PROVINCE');
const bureau = party('陕西省应急管理厅', 'p61.d1', 'PROVINCE', 'DEPARTMENT');
const xian = party('西安市人民政府', 'p61.c6101', 'CITY');
const xincheng = party('新城区人民政府', 'p61.c6101.k610102', 'COUNTY');

const rule = (name: string, r: Partial<RuleData>): RuleData => ({
  id: name,
  name,
  orgPath: 'p61',
  side: 'SENDER',
  direction: 'UP',
  effect: 'ALLOW',
  senderLevels: null,
  senderKinds: null,
  receiverLevels: null,
  receiverKinds: null,
  docTypes: null,
  maxDepth: null,
  ...r,
});
const briefingOnly = rule('县级单位向省级只报送一种简报', { senderLevels: ['COUNTY'], receiverLevels: ['PROVINCE'], docTypes: ['简报'] });
const cityReports = rule('县级单位向市级报送请示、报告', { senderLevels: ['COUNTY'], receiverLevels: ['CITY'], docTypes: ['请示', '报告'] });
const bureauDeny = rule('省应急管理厅不接收市级以下单位的公文', { orgPath: 'p61.d1', side: 'RECEIVER', effect: 'DENY', senderLevels: ['COUNTY'] });
const noReplies = rule('省政府不接收县级单位的答复', {
  side: 'RECEIVER',
  effect: 'DENY',
  senderLevels: ['COUNTY'],
  receiverLevels: ['PROVINCE'],
  docTypes: [REPLY_TYPE],
});

describe('replies and the routing rules (答复)', () => {
  test('a county’s 报告 to the province: refused fresh, allowed as a reply to the province’s document, naming the exception', () => {
    const rules = [briefingOnly, cityReports];
    const fresh = evaluate(rules, xincheng, province, '报告');
    assert.equal(fresh.allowed, false);
    const reply = evaluateReply(rules, xincheng, province, '报告');
    assert.equal(reply.allowed, true);
    assert.equal(reply.asReply, true);
    assert.match(reply.reason, new RegExp(REPLY_EXCEPTION.slice(0, 6)));
    assert.match(reply.reason, /no rule allows/);
  });

  test('a reply the rules allow anyway is allowed by its rule, not the exception', () => {
    const d = evaluateReply([cityReports], xincheng, xian, '报告');
    assert.deepEqual([d.allowed, d.rule?.name, d.asReply], [true, cityReports.name, undefined]);
  });

  test('a DENY that does not name replies is passed over and named', () => {
    const d = evaluateReply([bureauDeny], xincheng, bureau, '报告');
    assert.equal(d.allowed, true);
    assert.equal(d.rule?.name, bureauDeny.name, 'the rule passed over');
    assert.match(d.reason, /省应急管理厅不接收/);
    assert.equal(evaluate([bureauDeny], xincheng, bureau, '报告').allowed, false);
  });

  test('a DENY naming replies refuses the reply, naming itself; it does not touch fresh documents of other types', () => {
    const d = evaluateReply([briefingOnly, noReplies], xincheng, province, '报告');
    assert.deepEqual([d.allowed, d.rule?.name], [false, noReplies.name]);
    assert.match(d.reason, /names replies/);
    assert.equal(evaluate([briefingOnly, noReplies], xincheng, province, '简报').allowed, true);
  });

  test('a DENY naming replies elsewhere (another direction or level) does not refuse this reply', () => {
    const d = evaluateReply([noReplies], xincheng, xian, '报告');
    assert.equal(d.allowed, true);
    assert.equal(d.asReply, true);
  });

  test('no reply to oneself or to a closed unit', () => {
    assert.equal(evaluateReply([], xincheng, xincheng, '报告').allowed, false);
    assert.equal(evaluateReply([], xincheng, { ...province, status: 'DISSOLVED' }, '报告').allowed, false);
  });
});

describe('a peer platform’s stand-in (对端平台)', () => {
  const standIn = { ...party('国务院办公厅', 'p61.u100000', 'PROVINCE', 'CENTRAL_AGENCY'), standIn: true };

  test('receives from the unit it stands under (its office exchanges with the peer), whatever the rules say', () => {
    for (const d of [evaluate([], province, standIn, '报告'), evaluateReply([], province, standIn, '报告')]) {
      assert.equal(d.allowed, true);
      assert.equal(d.rule, null);
      assert.match(d.reason, /经交换送达/);
    }
  });

  test('refuses every other unit, fresh or as a reply, whatever the rules allow, saying why', () => {
    const everything = rule('全部放行', {});
    for (const sender of [xincheng, bureau, xian])
      for (const d of [evaluate([everything], sender, standIn, '报告'), evaluateReply([everything], sender, standIn, '报告')]) {
        assert.equal(d.allowed, false, sender.name);
        assert.match(d.reason, /只接收其所在办公室的发文/);
      }
    assert.equal(evaluate([everything], xincheng, xian, '报告').allowed, true, 'the same rule lets an ordinary unit through');
  });
});
