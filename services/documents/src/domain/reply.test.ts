import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  checkReportDeadline,
  forwardBody,
  forwardTitle,
  needsReminder,
  replyBody,
  replyTitle,
  replyType,
  reportCounts,
  reportingPerformance,
  reportState,
  subjectOf,
} from './reply.ts';

const day = 86_400_000;
const now = new Date('2026-12-01T02:00:00Z');
const deadline = new Date(now.getTime() + day);

describe('答复 and 转发', () => {
  test('请示 is answered by a 批复, 通知 by a 报告 or 复函, 函 by a 复函; other types refused naming the allowed', () => {
    assert.equal(replyType('请示', null), '批复');
    assert.equal(replyType('通知', null), '报告');
    assert.equal(replyType('通知', '函'), '函');
    assert.equal(replyType('函', undefined), '函');
    assert.throws(() => replyType('函', '批复'), /函, not a 批复/);
  });

  test('titles: 关于…的报告/批复/复函, and 关于转发《…》的通知', () => {
    assert.equal(subjectOf('关于做好冬季防火工作的通知'), '做好冬季防火工作');
    assert.equal(replyTitle('关于做好冬季防火工作的通知', '报告'), '关于做好冬季防火工作的报告');
    assert.equal(replyTitle('关于申请专项资金的请示', '批复'), '关于申请专项资金的批复');
    assert.equal(replyTitle('关于商请协助调查的函', '函'), '关于商请协助调查的复函');
    assert.equal(replyTitle('春季农业生产', '报告'), '关于春季农业生产的报告');
    assert.equal(replyTitle('关于报送安全检查情况的通知（第二批）', '报告'), '关于报送安全检查情况的报告');
    // A title opening with its issuing units: the reply is about the matter, not about them.
    assert.equal(replyTitle('陕西省人民政府办公厅关于切实做好电子公文传输工作的通知', '报告'), '关于切实做好电子公文传输工作的报告');
    assert.equal(replyTitle('陕西省财政厅 陕西省教育厅关于下达专项资金的通知', '报告'), '关于下达专项资金的报告');
    assert.equal(replyTitle('西安市人民政府关于同意设立开发区的批复', '报告'), '关于同意设立开发区的报告');
    // 关于 inside the matter itself stays.
    assert.equal(replyTitle('关于转发《关于加强档案工作的意见》的通知', '报告'), '关于转发《关于加强档案工作的意见》的报告');
    assert.equal(replyTitle('学习关于安全生产的重要论述', '报告'), '关于学习关于安全生产的重要论述的报告');
    assert.equal(forwardTitle(' 关于做好冬季防火工作的通知 '), '关于转发《关于做好冬季防火工作的通知》的通知');
  });

  test('the prefilled body is plain lines in the words of its direction: a 报告 up names the document alone', () => {
    const n = ['省政府办公厅', '关于做好冬季防火工作的通知', '陕政办发〔2026〕3号'] as const;
    assert.equal(replyBody(...n, '报告'), '省政府办公厅：\n《关于做好冬季防火工作的通知》（陕政办发〔2026〕3号）收悉。现将有关情况报告如下：\n');
    assert.match(
      replyBody('新城区人民政府', '关于申请专项资金的请示', '新政发〔2026〕4号', '批复'),
      /^新城区人民政府：\n你单位《关于申请专项资金的请示》（新政发〔2026〕4号）收悉。经研究，现批复如下：\n$/,
    );
    assert.match(
      replyBody('碑林区人民政府', '关于商请协助调查的函', '碑政函〔2026〕1号', '函'),
      /\n贵单位《关于商请协助调查的函》（碑政函〔2026〕1号）收悉。现函复如下：/,
    );
    assert.doesNotMatch(forwardBody(...n), /[<>]/, 'no markup for the drafter to see');
  });
});

describe('征集/报送: where each recipient stands', () => {
  test('pending before the deadline, missing after; reported in time or late; returned for correction', () => {
    assert.equal(reportState({ status: 'MISSING', deadline, reportedAt: null }, now), 'PENDING');
    assert.equal(reportState({ status: 'MISSING', deadline, reportedAt: null }, new Date(deadline.getTime() + 1)), 'MISSING');
    assert.equal(reportState({ status: 'REPORTED', deadline, reportedAt: now }, now), 'REPORTED');
    assert.equal(reportState({ status: 'REPORTED', deadline, reportedAt: new Date(deadline.getTime() + 60_000) }, now), 'LATE');
    assert.equal(reportState({ status: 'RETURNED', deadline, reportedAt: now }, now), 'RETURNED');
    // A unit that sent the request back has nothing to report on: not pending, not missing, not reminded; what it
    // reported before stays reported.
    const away = { status: 'MISSING' as const, deadline, reportedAt: null, held: false };
    assert.equal(reportState(away, new Date(deadline.getTime() + 1)), 'WITHDRAWN');
    assert.equal(needsReminder(away, now), false);
    assert.equal(reportState({ status: 'REPORTED', deadline, reportedAt: now, held: false }, now), 'REPORTED');
  });

  test('counts, reminders and reporting timeliness', () => {
    const records = [
      { status: 'MISSING' as const, deadline, reportedAt: null },
      { status: 'REPORTED' as const, deadline, reportedAt: now },
      { status: 'RETURNED' as const, deadline, reportedAt: now },
    ];
    assert.deepEqual(reportCounts(records, now), { total: 3, PENDING: 1, MISSING: 0, REPORTED: 1, LATE: 0, RETURNED: 1, WITHDRAWN: 0 });
    assert.deepEqual(
      records.map((r) => needsReminder(r, now)),
      [true, false, true],
    );
    const later = new Date(deadline.getTime() + day);
    assert.deepEqual(reportingPerformance(records, later), { reportsDue: 3, reportsOnTime: 1, reportsLate: 0, reportsMissing: 2 });
    assert.deepEqual(reportingPerformance(records, now), { reportsDue: 2, reportsOnTime: 1, reportsLate: 0, reportsMissing: 1 });
  });

  test('a deadline in the past or more than a year away is refused', () => {
    assert.throws(() => checkReportDeadline(new Date(now.getTime() - 1), now), /past/);
    assert.throws(() => checkReportDeadline(new Date(now.getTime() + 400 * day), now), /year/);
    assert.throws(() => checkReportDeadline(new Date('x'), now), /not a date/);
    checkReportDeadline(deadline, now);
  });
});
