// The catalogue as an archivist works it (DA/T 22-2015), through the real platform: the 档号 under the unit's 全宗号
// (全宗号-WS·年度-保管期限-FW/SW/XX-件号), the unit's code standing in until its archivist or administrator sets one,
// records archived before keeping theirs; nobody else sets it — not a clerk of the unit, not another unit. The search:
// each word required, a 文号 whatever brackets its year is typed in, a 档号 whatever dot, the 主送 and 抄送, % and _
// as themselves; 年度, 保管期限 and 文种 narrowing it, a wrong one refused naming it.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { asDemoUsers, codeOf, type GqlResult, ok, type Platform, startPlatform } from '../../../test/support/harness.ts';
import { approvedOfficeDocument } from '../../../test/support/seals.ts';

let p: Platform;
const { gql, tokens } = asDemoUsers(() => p);
type Found = { id: string; archivalNumber: string; title: string; docNumber: string | null; fonds: string };
const RECORD = 'id archivalNumber title docNumber fonds';
const ARCHIVE = `mutation($d: ID!) { archiveDocument(documentId: $d) { ${RECORD} } }`;
const FONDS = '{ archiveFondsNumber { fondsNumber unitCode inUse setByName } }';
const SET = 'mutation($n: String!) { setArchiveFondsNumber(fondsNumber: $n) { fondsNumber unitCode inUse setByName } }';
const FIND = `query($s: String, $y: Int, $r: String, $t: String) { archiveRecords(search: $s, year: $y, retention: $r, docType: $t) { ${RECORD} } }`;
const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

/** A document of 省政府办公厅 to 西安市 (主送), sent; its id. */
async function sent(title: string, elements: Record<string, unknown> = {}) {
  const id = await approvedOfficeDocument(p, gql, tokens, title, undefined, { elements });
  ok(await gql('sxb.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { status } }', { id, k: randomUUID() }), 'sendDocument');
  return id;
}
/** The titles the office's archivist finds. */
const titles = async (vars: { s?: string; y?: number; r?: string; t?: string }, who = 'sxb.archivist') =>
  ok<Found[]>(await gql(who, FIND, vars), 'archiveRecords')
    .map((r) => r.title)
    .sort();
const fieldOf = (r: GqlResult) => r.errors?.[0]?.extensions?.field;

before(async () => {
  p = await startPlatform();
});
after(() => p?.close());

describe('the catalogue', () => {
  const holiday = '关于做好元旦春节期间值班工作的通知';
  const spring = '关于春节期间安全生产工作的通知';
  let first: Found;
  let second: Found;

  test('全宗号: the unit’s code until set; set by its archivist or administrator, new 档号 under it, earlier ones kept', async () => {
    const before = ok(await gql('sxb.archivist', FONDS), 'archiveFondsNumber');
    assert.deepEqual([before.fondsNumber, before.inUse], [null, before.unitCode], 'not set: the unit’s code stands in');
    first = ok<Found>(await gql('sxb.archivist', ARCHIVE, { d: await sent(holiday, { ccTo: '陕西省应急管理厅' }) }), 'archiveDocument');
    assert.equal(first.archivalNumber, `${before.unitCode}-WS·${year}-D30-FW-0001`, '全宗号-门类代码·年度-保管期限-机构(问题)-件号');
    assert.equal(first.fonds, before.unitCode);

    // Refused, and nothing changes: a clerk of the unit; a 全宗号 that is not letters and digits, at most 16.
    assert.equal(codeOf(await gql('sxb.clerk', SET, { n: 'Z109' })), 'FORBIDDEN');
    assert.equal(codeOf(await gql('sxb.leader', SET, { n: 'Z109' })), 'FORBIDDEN');
    for (const bad of ['Z-109', '全宗一', '', 'A'.repeat(17)]) {
      const r = await gql('sxb.archivist', SET, { n: bad });
      assert.deepEqual([codeOf(r), fieldOf(r)], ['BAD_INPUT', 'fondsNumber'], bad);
    }
    // Another unit's archivist and administrator set their own unit's only.
    assert.equal(ok(await gql('xa.archivist', SET, { n: 'XA0101' }), 'setArchiveFondsNumber').fondsNumber, 'XA0101');
    assert.equal(ok(await gql('bj.admin', SET, { n: 'BJ0301' }), 'setArchiveFondsNumber').fondsNumber, 'BJ0301');
    assert.deepEqual(ok(await gql('sxb.archivist', FONDS), 'archiveFondsNumber'), before, 'the office’s is as it was');
    assert.equal(ok(await gql('xa.clerk', FONDS), 'archiveFondsNumber').fondsNumber, 'XA0101', '西安市’s people read their own');

    // The administrator may set it; the archivist sets it again, typed as it comes (small letters, full width).
    assert.equal(ok(await gql('sxb.admin', SET, { n: 'Z108' }), 'setArchiveFondsNumber').fondsNumber, 'Z108');
    const set = ok(await gql('sxb.archivist', SET, { n: ' ｚ109 ' }), 'setArchiveFondsNumber');
    assert.deepEqual(set, { fondsNumber: 'Z109', unitCode: before.unitCode, inUse: 'Z109', setByName: '吴秀英' });
    // Each change is a link of the unit's evidence chain, which stays whole: the number, the one before, by whom.
    const links = await p.superQuery<{ payload: Record<string, unknown> }>(
      "select c.payload from archive.chain c join archive.fonds_numbers f on f.org_id = c.org_id where c.kind = 'FONDS_NUMBER' and f.fonds_number = 'Z109' order by c.seq",
    );
    assert.deepEqual(
      links.map((l) => [l.payload.fondsNumber, l.payload.before, l.payload.by]),
      [
        ['Z108', null, '徐磊'],
        ['Z109', 'Z108', '吴秀英'],
      ],
    );
    assert.equal(ok(await gql('sxb.archivist', '{ archiveEvidenceChain { whole } }'), 'archiveEvidenceChain').whole, true);
    // The page's example is the rule's own: a 30-year 收文's first 档号 of the year under it.
    assert.equal(ok(await gql('sxb.archivist', '{ archiveFondsNumber { example } }'), 'archiveFondsNumber').example, `Z109-WS·${year}-D30-SW-0001`);

    second = ok<Found>(await gql('sxb.archivist', ARCHIVE, { d: await sent(spring) }), 'archiveDocument');
    assert.equal(second.archivalNumber, `Z109-WS·${year}-D30-FW-0001`, 'the 件号 counts within the fonds’ class, from 0001');
    assert.equal(second.fonds, 'Z109');
    const kept = ok<Found>(await gql('sxb.archivist', `query($id: ID!) { archiveRecord(id: $id) { ${RECORD} } }`, { id: first.id }), 'archiveRecord');
    assert.deepEqual(kept, first, 'a record archived before keeps its 档号');
  });

  test('search: each word required; a 文号 in any brackets; a 档号 with any dot; the 主送 and 抄送; % and _ as themselves', async () => {
    assert.deepEqual(await titles({ s: '元旦 春节' }), [holiday], 'both words');
    assert.deepEqual(await titles({ s: '春节\u3000期间' }), [holiday, spring].sort(), 'a full-width space separates too');
    assert.deepEqual(await titles({ s: '元旦 清明' }), [], 'every word must be found');
    const number = first.docNumber as string;
    assert.match(number, /^陕政办发〔\d{4}〕\d+号$/);
    for (const [open, close] of [
      ['[', ']'],
      ['【', '】'],
      ['［', '］'],
      ['（', '）'],
      ['(', ')'],
      ['〔', '〕'],
    ])
      assert.deepEqual(await titles({ s: number.replace('〔', open as string).replace('〕', close as string) }), [holiday], `${open}${close}`);
    assert.deepEqual(await titles({ s: second.archivalNumber.replace('·', '.') }), [spring], 'a 档号 typed with a full stop');
    assert.deepEqual(await titles({ s: first.archivalNumber }), [holiday], 'an earlier 档号 as it is written');
    assert.deepEqual(await titles({ s: '西安市人民政府' }), [holiday, spring].sort(), '主送');
    assert.deepEqual(await titles({ s: '应急管理厅 元旦' }), [holiday], '抄送, with a word of the title');
    for (const literal of ['元旦%春节', '元_', '%', '_']) assert.deepEqual(await titles({ s: literal }), [], `${literal}: no wildcard`);
    // Another unit's archivist finds nothing of the office's, whatever it types.
    assert.deepEqual(await titles({ s: '元旦 春节' }, 'xa.archivist'), []);
    assert.deepEqual(await titles({ s: 'Z109' }, 'xa.archivist'), []);
  });

  test('filters: 年度, 保管期限 and 文种, alone or with words; a wrong one is refused naming it', async () => {
    assert.deepEqual(await titles({ y: year, r: 'Y30', t: '通知' }), [holiday, spring].sort());
    assert.deepEqual(await titles({ s: '元旦', y: year, r: 'Y30', t: '通知' }), [holiday]);
    assert.deepEqual(await titles({ y: year - 1 }), []);
    assert.deepEqual(await titles({ r: 'PERMANENT' }), []);
    assert.deepEqual(await titles({ t: '函' }), []);
    for (const [vars, field] of [
      [{ r: 'Y99' }, 'retention'],
      [{ y: 26 }, 'year'],
      [{ t: '通'.repeat(21) }, 'docType'],
      [{ s: '元'.repeat(201) }, 'search'],
    ] as const) {
      const r = await gql('sxb.archivist', FIND, vars);
      assert.deepEqual([codeOf(r), fieldOf(r)], ['BAD_INPUT', field], JSON.stringify(vars).slice(0, 60));
    }
  });

  test('search: a 发文 is found by the full name of a unit it was sent to, though its 主送 line names it otherwise', async () => {
    const all = '关于开展安全生产大检查的通知';
    const yanan = { orgId: await p.orgId('610600'), name: '各市人民政府' };
    ok(
      await gql('sxb.archivist', ARCHIVE, { d: await sent(all, { mainTo: '各市人民政府', recipients: [{ orgIds: [yanan.orgId], printQuota: 1 }] }) }),
      'archiveDocument',
    );
    const yananName = ok<{ name: string }>(await gql('sxb.archivist', 'query($id: ID!) { org(id: $id) { name } }', { id: yanan.orgId }), 'org').name;
    assert.deepEqual(await titles({ s: yananName }), [all], 'by the recipient’s name, not in any line of the record');
    assert.deepEqual(await titles({ s: `${yananName} 检查` }), [all], 'with a word of the title');
    assert.deepEqual(await titles({ s: '西安市人民政府' }), [holiday, spring].sort(), 'the others by their 主送, this one not (not sent there)');
    // The unit it was sent to finds nothing of the office's by its own name: the record is the office's.
    assert.deepEqual(await titles({ s: yananName }, 'xa.archivist'), []);
  });
});
