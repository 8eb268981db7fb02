// An announcement in the reader's language (web/lib/announcements.ts): a person's own as written in either; one the
// platform wrote said in English from its words — the units' names and the office's plan as they are, no other Chinese.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { announcementLines } from '../web/lib/announcements.ts';

const platform = '驿站平台（自动）';
const made = [
  {
    title: '陕西省人民政府电子公文传输系统故障，请改用纸质公文传递',
    body: '……',
    publishedByName: '赵强',
    words: { made: 'ESCALATED', unit: '陕西省人民政府', plan: '省平台切换至备用机房' },
  },
  {
    title: '西安市新城区人民政府电子公文传输系统故障，请改用纸质公文传递',
    body: '……',
    publishedByName: platform,
    words: { made: 'OVERDUE_FAULT', unit: '西安市新城区人民政府', reportedAt: '2026-12-06T01:30:00.000Z', office: '西安市人民政府' },
  },
  { title: '西安市新城区人民政府电子公文传输系统已恢复', body: '……', publishedByName: platform, words: { made: 'RESTORED', unit: '西安市新城区人民政府' } },
];
const names = ['陕西省人民政府', '省平台切换至备用机房', '西安市新城区人民政府', '西安市人民政府', '赵强'];

test('in Chinese, each as kept', () => {
  for (const a of made) assert.deepEqual(announcementLines(a, 'zh'), { title: a.title, body: a.body, publishedBy: a.publishedByName });
});

test('in English, the platform’s own from their words: names and the plan as they are, no other Chinese', () => {
  for (const a of made) {
    const said = announcementLines(a, 'en');
    let rest = `${said.title} ${said.body} ${said.publishedBy}`;
    for (const n of names) rest = rest.split(n).join('');
    assert.doesNotMatch(rest, /\p{Script=Han}/u, `${a.words.made}: ${said.title} ${said.body}`);
  }
  const [escalated, overdue, restored] = made.map((a) => announcementLines(a, 'en'));
  assert.equal(escalated?.title, 'Electronic document exchange down at 陕西省人民政府: pass documents on paper');
  assert.match(escalated?.body ?? '', /The plan: 省平台切换至备用机房$/);
  assert.equal(escalated?.publishedBy, '赵强', 'a person who published it by name');
  assert.match(overdue?.body ?? '', /that 西安市新城区人民政府 reported at 2026-12-06 09:30 \(Beijing time\) has not been cleared/);
  assert.equal(overdue?.publishedBy, 'Yizhan platform (automatic)');
  assert.equal(restored?.title, 'Electronic document exchange restored at 西安市新城区人民政府');
});

test('a person’s own announcement is shown as written, in English too', () => {
  const own = { title: '关于系统升级的通知', body: '12月8日晚停机两小时。', publishedByName: '赵强', words: null };
  assert.deepEqual(announcementLines(own, 'en'), { title: own.title, body: own.body, publishedBy: '赵强' });
});
