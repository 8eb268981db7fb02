// 通报 as a document (seeds 000 §24: 电子公文接收情况实行定期通报制度; 001 §16; 002 §10): the text of the 通报 a unit
// issues from a bulletin it published — the period, how many units signed late or not at all, each unit's figures in
// a table, and what is asked of them — drafted for its drafter to finish, approve and send like any document.
import { beijingDate } from '@yizhan/common';
import { type BodyBlock, bodyHtml } from './body.ts';
import { chineseDate } from './gbt9704.ts';
import type { UnitPerformance } from './supervision.ts';

/** A rate as a 通报 prints it: 87.5%. */
export const percent = (rate: number) => `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;

/** A period as a 通报 says it, its end the moment after it: 2026年11月1日至2026年11月30日. */
export const periodWords = (from: Date, to: Date) => `${chineseDate(beijingDate(from))}至${chineseDate(beijingDate(new Date(to.getTime() - 1)))}`;

export interface BulletinFigures {
  periodFrom: Date;
  periodTo: Date;
  /** Units with late or missing receipts, worst first (as published). */
  rows: UnitPerformance[];
}

/** The 通报's body (stored HTML): the opening, 一、基本情况 with the table, 二、有关要求. */
export function bulletinBody(b: BulletinFigures): string {
  const period = periodWords(b.periodFrom, b.periodTo);
  const blocks: BodyBlock[] = [
    { kind: 'paragraph', text: `为落实电子公文接收情况定期通报制度，现将${period}电子公文签收情况通报如下。` },
    { kind: 'heading', level: 1, text: '一、基本情况' },
  ];
  if (!b.rows.length) {
    blocks.push({ kind: 'paragraph', text: '统计期内，各单位均按时签收电子公文，未发现迟签、未签收情况，予以通报表扬。' });
    blocks.push({ kind: 'heading', level: 1, text: '二、有关要求' });
    blocks.push({ kind: 'paragraph', text: '请各单位继续保持专人负责、按时签收、及时办理，确保电子公文传输畅通。' });
    return bodyHtml(blocks);
  }
  const late = b.rows.reduce((s, r) => s + r.late, 0);
  const missing = b.rows.reduce((s, r) => s + r.missing, 0);
  blocks.push({
    kind: 'paragraph',
    text: `统计期内，共有${b.rows.length}个单位未按时签收电子公文，迟签${late}件，未签收${missing}件。具体情况如下：`,
  });
  blocks.push({
    kind: 'table',
    rows: [
      // The bulletin's own columns (its PDF, domain/official-document-pdf.ts), numbered.
      { header: true, cells: ['序号', '单位', '应收', '按时签收', '迟签', '未签收', '按时率'] },
      ...b.rows.map((r, i) => ({
        header: false,
        cells: [String(i + 1), r.recipientName, String(r.total), String(r.onTime), String(r.late), String(r.missing), percent(r.onTimeRate)],
      })),
    ],
  });
  blocks.push({ kind: 'heading', level: 1, text: '二、有关要求' });
  blocks.push({
    kind: 'paragraph',
    text: '请上述单位认真查找原因，落实专人负责电子公文接收工作，工作时间内保持系统登录，节假日安排专人值守，确保电子公文按时签收、及时办理。因迟收、漏收公文造成后果的，将按规定追究责任。',
  });
  return bodyHtml(blocks);
}
