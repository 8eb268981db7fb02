// GB/T 9704-2012's figures and rules as plain functions: the grid, the 份号, page numbers, 层次序数, the 附件说明, where
// the 署名 and 成文日期 stand, the 版记's page, line breaking, Beijing time.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  attachmentLabel,
  attachmentNote,
  BANNER_TOP_MM,
  balancedLines,
  bannerSize,
  beijingDateTime,
  breakLines,
  CHAR_PITCH,
  ccLine,
  chineseDate,
  copyNumberLabel,
  effectiveDocDate,
  headingLevel,
  imprintPlacement,
  isUpward,
  LINE_PITCH,
  MM,
  pageNumberLabel,
  pageNumberSide,
  paragraphRuns,
  signaturePlacement,
  TYPE_AREA,
  wordStarts,
} from './gbt9704.ts';

test('the 版心 is 156 × 225 mm at 37 mm from the top and 28 mm from the left, 22 lines of 28 characters', () => {
  assert.equal(Math.round(TYPE_AREA.top / MM), 37);
  assert.equal(Math.round(TYPE_AREA.left / MM), 28);
  assert.equal(Math.round((LINE_PITCH * 22) / MM), 225);
  assert.equal(Math.round((CHAR_PITCH * 28) / MM), 156);
  assert.ok(Math.abs(LINE_PITCH - 28.99) < 0.01, `line pitch ${LINE_PITCH}`);
  assert.ok(CHAR_PITCH < 16 && CHAR_PITCH > 15.7, 'a 3号 character with slightly less than its own width');
  assert.equal(BANNER_TOP_MM, 35);
  assert.equal(bannerSize('西安市人民政府文件'), 42, '初号 while it fits');
  assert.ok(bannerSize('陕西省人民政府办公厅陕西省财政厅陕西省发展和改革委员会文件') * 28 <= TYPE_AREA.width + 0.5, 'a long banner stays on one line');
});

test('份号 is six digits; page numbers read — n — on the right of odd pages and the left of even ones', () => {
  assert.equal(copyNumberLabel(1), '000001');
  assert.equal(copyNumberLabel(123456), '123456');
  assert.throws(() => copyNumberLabel(0), RangeError);
  assert.equal(copyNumberLabel(1_000_000), '1000000', 'never a failed print');
  assert.equal(pageNumberLabel(3), '— 3 —');
  assert.deepEqual([1, 2, 3, 4].map(pageNumberSide), ['RIGHT', 'LEFT', 'RIGHT', 'LEFT']);
});

test('层次序数: 一、 in 黑体, （一） in 楷体 (its heading sentence), 1. and （1） in 仿宋', () => {
  assert.deepEqual(['一、总体要求', '（二）明确职责', '3.按时签收', '（4）登记', '正文'].map(headingLevel), [1, 2, 3, 4, 0]);
  assert.deepEqual(paragraphRuns('一、总体要求。坚持统一规范。'), [
    { text: '一、总体要求。', face: 'hei' },
    { text: '坚持统一规范。', face: 'fang' },
  ]);
  assert.deepEqual(paragraphRuns('（一）明确职责'), [{ text: '（一）明确职责', face: 'kai' }]);
  assert.deepEqual(paragraphRuns('1.收文员签收。'), [{ text: '1.收文员签收。', face: 'fang' }]);
});

test('附件说明: one attachment by its name, several numbered, no extension and no closing punctuation', () => {
  assert.deepEqual(attachmentNote(['名单.pdf']), { lead: '附件：', items: ['名单'] });
  assert.deepEqual(attachmentNote(['名单.pdf', '联系人。.docx']), { lead: '附件：', items: ['1.名单', '2.联系人'] });
  assert.equal(attachmentNote([]), null);
  assert.deepEqual([attachmentLabel(0, 1), attachmentLabel(1, 3)], ['附件', '附件2']);
});

test('署名 and 成文日期: under a seal the date 右空四字 with the 署名 centred over it; unsealed 右空二字 and a two-character step', () => {
  assert.deepEqual(signaturePlacement(7, 11, true), { dateRight: 4, signatureRight: 6, blankLines: 2 });
  // 西安市人民政府办公厅 (10) over 2026年11月30日 (11): the date starts two characters right of the 署名.
  assert.deepEqual(signaturePlacement(10, 11, false), { signatureRight: 5, dateRight: 2, blankLines: 1 });
  const short = signaturePlacement(14, 10, false);
  assert.equal(short.signatureRight, 2);
  assert.equal(short.dateRight, 4, 'the date’s first character two characters right of the 署名’s: 2 + 14 − 2 − 10');
  assert.equal(chineseDate('2026-01-05'), '2026年1月5日', 'no leading zeros');
});

test('the 版记 goes to the foot of the page where the text ends when it fits, else alone on a new page', () => {
  assert.deepEqual(imprintPlacement(10, 2), { newPage: false, firstLine: 20 });
  assert.deepEqual(imprintPlacement(20, 2), { newPage: false, firstLine: 20 });
  assert.deepEqual(imprintPlacement(21, 2), { newPage: true, firstLine: 20 });
  assert.equal(ccLine('市委办公厅，市人大常委会办公厅。'), '抄送：市委办公厅，市人大常委会办公厅。');
  assert.equal(ccLine('  '), null);
});

test('line breaking: closing punctuation never starts a line, an opening bracket never ends one, numbers stay whole', () => {
  const adv = () => 1;
  const at = (s: string, width: number) => breakLines([...s], adv, width).map((l) => l.map((i) => [...s][i]).join(''));
  assert.deepEqual(at('一二三，四五', 3), ['一二三，', '四五']);
  assert.deepEqual(at('一二（三四', 3), ['一二', '（三四']);
  assert.deepEqual(at('一二12345', 4), ['一二', '1234', '5'], 'a number longer than the line is split');
  assert.deepEqual(at('一二三123', 4), ['一二三', '123']);
});

test('a title that runs over a line is cut into even lines (§7.3.1), not a full line and a character alone', () => {
  const adv = () => 1;
  const at = (s: string, width: number) => balancedLines([...s], adv, width).map((l) => l.map((i) => [...s][i]).join(''));
  // Twenty-one characters on a line of twenty: eleven and ten (greedy: twenty and one).
  const title = '关于二〇二六年第四季度电子公文接收情况的通报。';
  assert.equal([...title].length, 23);
  assert.deepEqual(
    breakLines([...title.slice(0, 21)], adv, 20).map((l) => l.length),
    [20, 1],
  );
  assert.deepEqual(
    at(title.slice(0, 21), 20).map((l) => [...l].length),
    [11, 10],
  );
  // Seven on lines of three still takes three lines, none of one character.
  assert.deepEqual(at('一二三四五六七', 3), ['一二三', '四五', '六七']);
  assert.deepEqual(at('短标题', 20), ['短标题'], 'a title that fits stays one line');
  // 词意完整: with the words known, a line turns between words, not inside one, when the rest still fits.
  const words = (t: string, width: number) => {
    const chars = [...t];
    const starts = wordStarts(chars);
    return balancedLines(chars, adv, width, (i) => starts.has(i)).map((l) => l.map((i) => chars[i]).join(''));
  };
  const forest = '关于做好二〇二六年度全省电子公文交换平台升级工作的通知';
  const starts = wordStarts([...forest]);
  const turnsAt = (lines: string[]) => lines.slice(1).map((_l, n) => lines.slice(0, n + 1).join('').length);
  assert.ok(
    turnsAt(at(forest, 10)).some((i) => !starts.has(i)),
    `without the words it turns inside one: ${at(forest, 10).join(' / ')}`,
  );
  const turned = words(forest, 10);
  assert.equal(turned.join(''), forest);
  assert.ok(
    turnsAt(turned).every((i) => starts.has(i)),
    `between words: ${turned.join(' / ')}`,
  );
  assert.deepEqual(turned, ['关于做好二〇二六年度', '全省电子公文交换', '平台升级工作的通知'], 'still near even, the year with its 年度');
  // A number keeps what it counts on its line (2027 / 年 was a turn inside one); 统一 / 年度 is no number.
  assert.deepEqual(words('陕西省人民政府办公厅关于做好2027年元旦春节期间安全生产工作的通知', 13), [
    '陕西省人民政府办公厅关于',
    '做好2027年元旦春节',
    '期间安全生产工作的通知',
  ]);
  assert.ok(wordStarts([...'关于统一年度考核办法的通知']).has(4), '统一 | 年度 may still turn');
  // A time stays whole on its line.
  assert.deepEqual(
    breakLines([...'签章时间21:55:36'], adv, 10).map((l) => l.length),
    [4, 8],
  );
  // The breaking rules still hold: closing punctuation hangs at the end of the line before.
  assert.ok(at('一二三，四五六七', 4).every((l) => !l.startsWith('，')));
});

test('词意完整 in a title: no turn inside a place or unit name ICU cuts apart, nor inside the issuers’ names given', () => {
  const turns = (t: string, together: string[] = []) => {
    const chars = [...t];
    const starts = wordStarts(chars, together);
    return (w: string) => starts.has(t.indexOf(w));
  };
  // ICU cuts 陕西|省, 办公|厅, 强|降雨, 工作|的|通知: the suffix stays with its word, a lone character with the next.
  const storm = turns('陕西省人民政府办公厅关于做好强降雨天气防范应对工作的紧急通知');
  assert.equal(storm('省人民政府'), false, '陕西 / 省');
  assert.equal(storm('厅关于'), false, '办公 / 厅');
  assert.equal(storm('降雨'), false, '强 / 降雨');
  assert.equal(storm('强降雨'), true, '做好 / 强降雨');
  assert.equal(storm('的紧急'), false, '工作 / 的');
  assert.equal(storm('关于'), true);
  // The issuers' own names whole: 西安市新城区人民政府 as one, however ICU cuts it.
  const county = turns('西安市新城区人民政府关于做好冬季防火工作的通知', ['西安市新城区人民政府']);
  for (const inside of ['新城区', '城区', '人民政府']) assert.equal(county(inside), false, inside);
  assert.equal(county('关于'), true);
  // A title laid out: 转发《陕西 / 省…》 no more.
  const forward = '转发《陕西省人民政府办公厅关于做好冬季安全生产工作的通知》的通知';
  const chars = [...forward];
  const starts = wordStarts(chars, ['陕西省人民政府办公厅']);
  const lines = balancedLines(
    chars,
    () => 1,
    22,
    (i) => starts.has(i),
  ).map((l) => l.map((i) => chars[i]).join(''));
  assert.ok(
    lines.every((l) => !l.endsWith('陕西') && !l.startsWith('省')),
    lines.join(' / '),
  );
});

test('times on the print are Beijing time, never UTC', () => {
  assert.equal(beijingDateTime('2026-11-30T13:55:36.514Z'), '2026年11月30日 21:55:36（北京时间）');
  assert.equal(beijingDateTime(new Date('2026-12-31T16:00:00Z')), '2027年1月1日 00:00:00（北京时间）');
  assert.equal(isUpward({ signer: '张三' }), true);
  assert.equal(isUpward({ signer: null }), false);
});

test('special formats by 文种 (§10): 函 a letter, 命令 an order, 纪要 minutes; their banners and where they stand', async () => {
  const { bannerText, bannerTop, pageNumbered, specialFormat, attendance } = await import('./gbt9704.ts');
  assert.deepEqual(
    ['函', '命令', '纪要', '通知', undefined].map((t) => specialFormat(t)),
    ['LETTER', 'ORDER', 'MINUTES', null, null],
  );
  // A 简报 takes its 刊头 when numbered under a 刊名; under a 机关代字 it prints as any document.
  assert.equal(specialFormat('简报', '《西安政务信息》2026年第3期'), 'BRIEFING');
  assert.equal(specialFormat('简报', '市政发〔2026〕3号'), null);
  assert.equal(specialFormat('简报', null), null);
  assert.deepEqual(
    [null, 'LETTER', 'ORDER', 'MINUTES'].map((f) => bannerText('西安市人民政府', f as never)),
    ['西安市人民政府文件', '西安市人民政府', '西安市人民政府令', '西安市人民政府纪要'],
  );
  assert.equal(Math.round(bannerTop('LETTER') / MM), 30, 'a letter: 30 mm from the page’s top');
  assert.equal(Math.round((bannerTop('ORDER') - TYPE_AREA.top) / MM), 20, 'an order: 20 mm below the 版心’s top');
  assert.equal(Math.round((bannerTop(null) - TYPE_AREA.top) / MM), 35);
  assert.deepEqual([pageNumbered(1, 'LETTER'), pageNumbered(2, 'LETTER'), pageNumbered(1, null)], [false, true, true]);
  assert.deepEqual(attendance('出席：张三、李四'), { label: '出席', names: '张三、李四' });
  assert.equal(attendance('会议出席人员较多'), null);
});

test('several 签发人 run two to a row, in order', async () => {
  const { signerRows } = await import('./gbt9704.ts');
  assert.deepEqual(signerRows('张三'), [['张三']]);
  assert.deepEqual(signerRows('张三、李四，王五 赵六 孙七'), [['张三', '李四'], ['王五', '赵六'], ['孙七']]);
  assert.deepEqual(signerRows(null), []);
});

test('the 签发人 named are the unit’s leaders: every one, or in a joint document at least one (the others are the co-issuers’)', async () => {
  const { signersNotLeaders } = await import('./gbt9704.ts');
  const leaders = ['罗文彬', '钱副区长'];
  assert.deepEqual(signersNotLeaders('罗文彬', leaders, false), []);
  assert.deepEqual(signersNotLeaders('王区长', leaders, false), ['王区长']);
  assert.deepEqual(signersNotLeaders('罗文彬、林强', leaders, false), ['林强']);
  assert.deepEqual(signersNotLeaders('胡建华、罗文彬', leaders, true), [], 'a joint document names the co-issuer’s leader too');
  assert.deepEqual(signersNotLeaders('胡建华；陈志刚', leaders, true), ['胡建华', '陈志刚'], 'but one of the lead unit’s');
  assert.deepEqual(signersNotLeaders('罗文彬', [], false), ['罗文彬'], 'a unit without leaders names none');
});

test('成文日期: the drafter’s date when set, else the Beijing date of the latest 签发 instant given', () => {
  assert.equal(effectiveDocDate('2026-11-30', [new Date('2026-12-01T02:00:00Z')]), '2026-11-30');
  assert.equal(effectiveDocDate(null, []), null);
  assert.equal(effectiveDocDate(null, [null, undefined]), null);
  // 16:30 UTC on 30 November is already 1 December in Beijing.
  assert.equal(effectiveDocDate(null, [new Date('2026-11-30T16:30:00Z')]), '2026-12-01');
  assert.equal(effectiveDocDate(null, [new Date('2026-11-30T01:00:00Z'), new Date('2026-12-02T01:00:00Z'), null]), '2026-12-02');
  assert.equal(chineseDate(effectiveDocDate(null, [new Date('2026-12-01T03:00:00Z')])), '2026年12月1日');
});
