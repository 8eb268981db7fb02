// 登记 as plain rules: the year a 收文编号 counts in, its printed form, who reads the register, and the CSV Excel opens.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csvCell, formatIntakeNumber, intakeYear, mayReadRegister, type RegisterRow, registerCsv, registerYearProblem } from './intake.ts';

test('the 收文编号 counts in the Beijing year, whatever the server’s zone', () => {
  assert.equal(intakeYear(new Date('2026-12-31T15:59:59Z')), 2026, '23:59:59 on 31 December in China');
  assert.equal(intakeYear(new Date('2026-12-31T16:00:00Z')), 2027, 'midnight in China: the next year, numbered from 1 again');
  assert.equal(formatIntakeNumber(2026, 12), '收〔2026〕12号');
});

test('the register is read by clerks, leaders, supervisors and administrators, not by drafters and the rest', () => {
  for (const role of ['CLERK', 'LEADER', 'SUPERVISOR', 'ADMIN']) assert.equal(mayReadRegister([role]), true, role);
  for (const role of ['DRAFTER', 'APPROVER', 'SEAL_KEEPER', 'ARCHIVIST']) assert.equal(mayReadRegister([role]), false, role);
});

test('a register is asked for a real year', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  assert.equal(registerYearProblem(2026, now), null);
  assert.equal(registerYearProblem(2027, now), null);
  assert.match(registerYearProblem(2028, now) ?? '', /No register/);
  assert.match(registerYearProblem(1999, now) ?? '', /No register/);
  assert.match(registerYearProblem(2026.5, now) ?? '', /No register/);
});

test('the CSV has a byte-order mark and CRLF for Excel, quotes what needs it, and defuses formulas', () => {
  const row: RegisterRow = {
    year: 2026,
    seq: 3,
    senderName: '陕西省人民政府办公厅',
    docNumber: '陕政办发〔2026〕1号',
    title: '关于"冬季"安全生产，的通知',
    docType: '通知',
    urgency: 'EXTRA_URGENT',
    copies: 2,
    signedAt: new Date('2026-11-16T01:30:00Z'),
    signedByName: '王秀兰',
    handlerName: null,
    handlingStatus: 'REGISTERED',
  };
  const csv = registerCsv([row]);
  assert.ok(csv.startsWith('\uFEFF收文编号,来文单位,文号,标题,文种,紧急程度,份数,收文时间,签收人,承办,办理情况\r\n'));
  assert.ok(
    csv.endsWith(
      '收〔2026〕3号,陕西省人民政府办公厅,陕政办发〔2026〕1号,"关于""冬季""安全生产，的通知",通知,特急,2,2026-11-16 09:30,王秀兰,,已登记，待拟办\r\n',
    ),
    csv,
  );
  assert.equal(csvCell('a,b'), '"a,b"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
  assert.equal(csvCell('-1'), "'-1");
});
