import assert from 'node:assert/strict';
import { test } from 'node:test';
import { monthDayMinute, NOTICE_KINDS, type Notice, noticeText, ownWords } from './notices.ts';

const about = { senderName: '陕西省人民政府办公厅', title: '关于做好防汛工作的通知', docNumber: '陕政办发〔2026〕9号' };
const deadline = '2026-12-05T09:00:00Z'; // 17:00 in Beijing

test('each notice in Chinese, as the inbox shows it and the SMS sends it', () => {
  const cases: [Notice, string][] = [
    [
      { kind: 'ARRIVED', words: { ...about, urgency: 'EXTRA_URGENT', telegram: false } },
      '【驿站】特急公文：陕西省人民政府办公厅《关于做好防汛工作的通知》（陕政办发〔2026〕9号）已送达，请立即签收办理。',
    ],
    [
      { kind: 'ARRIVED', words: { ...about, urgency: 'FLASH', telegram: true } },
      '【驿站】明传电报·特提公文：陕西省人民政府办公厅《关于做好防汛工作的通知》（陕政办发〔2026〕9号）已送达，请立即签收办理。',
    ],
    [
      { kind: 'REPORT_REQUESTED', words: { ...about, deadline, note: '附汛情统计表' } },
      '【驿站】征集：陕西省人民政府办公厅《关于做好防汛工作的通知》（陕政办发〔2026〕9号）请于12月05日17:00前报送：附汛情统计表',
    ],
    [
      { kind: 'REPORT_REQUESTED', words: { ...about, deadline, note: null } },
      '【驿站】征集：陕西省人民政府办公厅《关于做好防汛工作的通知》（陕政办发〔2026〕9号）请于12月05日17:00前报送。',
    ],
    [
      {
        kind: 'REPORT_RETURNED',
        words: { senderName: '西安市人民政府', title: '防汛工作情况报告', docNumber: '新政发〔2026〕3号', deadline, note: '缺少统计表' },
      },
      '【驿站】退回修改：你单位报送的《防汛工作情况报告》（新政发〔2026〕3号）已被西安市人民政府退回修改，原因：缺少统计表，请于12月05日17:00前重新报送。',
    ],
    [
      {
        kind: 'REPORT_RETURNED',
        words: { senderName: '西安市人民政府', title: '防汛工作情况报告', docNumber: '新政发〔2026〕3号', deadline: null, note: '缺少统计表' },
      },
      '【驿站】退回修改：你单位报送的《防汛工作情况报告》（新政发〔2026〕3号）已被西安市人民政府退回修改，原因：缺少统计表，请尽快重新报送。',
    ],
    [
      { kind: 'REPORT_REMINDED', words: { ...about, deadline, note: null } },
      '【驿站】催报：陕西省人民政府办公厅《关于做好防汛工作的通知》（陕政办发〔2026〕9号）要求于12月05日17:00前报送，请抓紧报送。',
    ],
    [
      { kind: 'URGED', words: { ...about, note: null, byUnit: '陕西省人民政府办公厅', byName: '张敏' } },
      '【驿站】催办：陕西省人民政府办公厅《关于做好防汛工作的通知》（陕政办发〔2026〕9号）你单位尚未签收，请尽快接收并签收。陕西省人民政府办公厅 张敏',
    ],
    [
      { kind: 'AUTO_URGED', words: { ...about, afterMinutes: 120, to: 'LEADERS', names: ['王五', '赵六'] } },
      '【驿站】自动催办：陕西省人民政府办公厅《关于做好防汛工作的通知》（陕政办发〔2026〕9号）到期后2小时你单位尚未签收，请王五、赵六督促及时签收。',
    ],
    [
      { kind: 'AUTO_URGED', words: { ...about, afterMinutes: 0, to: 'CONTACTS', names: ['李四'] } },
      '【驿站】自动催办：陕西省人民政府办公厅《关于做好防汛工作的通知》（陕政办发〔2026〕9号）到期时你单位尚未签收，请尽快接收并签收。',
    ],
    [
      { kind: 'ASSESSED', words: { byUnit: '西安市人民政府', title: '2026年11月电子公文工作考核评比', score: 92.5, grade: 'EXCELLENT', rank: 2, of: 14 } },
      '【驿站】考核评比：西安市人民政府公布了《2026年11月电子公文工作考核评比》，你单位得分92.5分，等次优秀，名次第2名（共14个单位）。',
    ],
    [
      // Two units with the same score share the place: 并列.
      {
        kind: 'ASSESSED',
        words: { byUnit: '西安市人民政府', title: '2026年11月电子公文工作考核评比', score: 100, grade: 'EXCELLENT', rank: 1, of: 14, tied: true },
      },
      '【驿站】考核评比：西安市人民政府公布了《2026年11月电子公文工作考核评比》，你单位得分100.0分，等次优秀，名次并列第1名（共14个单位）。',
    ],
    [
      { kind: 'BULLETINED', words: { byUnit: '西安市人民政府', title: '2026年11月电子公文接收情况通报', late: 1, missing: 2 } },
      '【驿站】通报：西安市人民政府在《2026年11月电子公文接收情况通报》中通报你单位电子公文迟签1件、未签收2件，请切实做好电子公文按时签收工作。',
    ],
    [
      { kind: 'BULLETINED', words: { byUnit: '西安市人民政府', title: '2026年11月电子公文接收情况通报', late: 0, missing: 1 } },
      '【驿站】通报：西安市人民政府在《2026年11月电子公文接收情况通报》中通报你单位电子公文未签收1件，请切实做好电子公文按时签收工作。',
    ],
  ];
  for (const [notice, text] of cases) assert.equal(noticeText(notice), text, notice.kind);
  assert.deepEqual([...new Set(cases.map(([n]) => n.kind))].sort(), [...NOTICE_KINDS].sort(), 'every kind is said');
});

test('a person’s own words: trimmed, at most 200 characters, none when blank', () => {
  assert.equal(ownWords('  今天下班前签收 '), '今天下班前签收');
  assert.equal(ownWords('   '), null);
  assert.equal(ownWords(null), null);
  assert.equal(ownWords('字'.repeat(250))?.length, 200);
  assert.equal(monthDayMinute(new Date('2026-01-31T16:30:00Z')), '02月01日00:30', 'the day in Beijing, not in UTC');
});
