'use client';
// A document as its printed form lays it out (GB/T 9704-2012): issuing-org banner in red, 发文字号, the red rule,
// the title, 主送, the body, attachments, the signature line and date, and the 抄送/印发 block at the foot.
import { type CSSProperties, Fragment } from 'react';
// GB/T 9704 §10 as the print reads it: which special format a 文种 takes and its banner's words.
import { bannerText, briefingHead, specialFormat } from '../../lib/common/src/special-formats.ts';
import type { DocumentFormFragment } from '../generated/operations';
import { type BodyBlock, parseBody, repeatsMainTo } from '../lib/body';
import { openBlob } from '../lib/client';
import { svgDataUri } from '../lib/files';
import { documentDate, fmtSize } from '../lib/format';
import { useT } from '../lib/i18n';
import { wordsOf } from '../lib/words';
import { copyLabel } from './PrintViewer';
import { DisclosureLine, UrgencyTag } from './ui';

/** A document's GB/T 9704 elements (the DocumentForm fragment), with its body when the operation asked for it. */
type DocumentElements = Omit<DocumentFormFragment, 'effectiveDocDate' | 'reservedDocNumber'> & {
  effectiveDocDate?: string | null;
  /** 已登记待发: the number taken for the stamp, shown until the send writes docNumber. */
  reservedDocNumber?: string | null;
  body?: string;
  coIssuers?: { orgName: string }[];
  /** The drafting unit's 刊名 (审批's preview): a 简报 not yet numbered under one still shows its 刊头. */
  org?: { id: string; briefingTitles?: string[] };
};

/** The body's structure (lib/body.ts, as the print reads it): headings by 层次序数 in their faces, paragraphs
 * 左空二字, lists, tables. Every block is text, never markup from elsewhere. A body that starts with the 主送 line
 * (printed above it) does not repeat it. */
/** Items with keys from their content (the same text twice counted apart), for lists that never reorder. */
function keyed<T>(items: T[], name: (item: T) => string): { key: string; item: T }[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const n = name(item);
    const count = (seen.get(n) ?? 0) + 1;
    seen.set(n, count);
    return { key: `${n}#${count}`, item };
  });
}

const blockName = (b: BodyBlock) => (b.kind === 'list' ? b.items.join('|') : b.kind === 'table' ? b.rows.map((r) => r.cells.join('|')).join('/') : b.text);
const FACE = { 1: '"Noto Sans SC", "Source Han Sans SC", SimHei, sans-serif', 2: '"LXGW WenKai", KaiTi, STKaiti, serif' } as const;
const LINE = { textIndent: '2em', margin: 0 } as const;
const CELL = { border: '1px solid currentColor', padding: '2px 6px' } as const;

function Block({ b }: { b: BodyBlock }) {
  if (b.kind === 'paragraph') return <p style={LINE}>{b.text}</p>;
  if (b.kind === 'heading') {
    // The heading's own sentence (to its first 。) in the level's face, the rest as text.
    const end = b.text.indexOf('。');
    const head = b.level <= 2 && end >= 0 && end < b.text.length - 1 ? b.text.slice(0, end + 1) : b.text;
    const fontFamily = b.level === 1 || b.level === 2 ? FACE[b.level] : undefined;
    return (
      <p data-level={b.level} style={LINE}>
        <span style={{ fontFamily }}>{head}</span>
        {b.text.slice(head.length)}
      </p>
    );
  }
  if (b.kind === 'list')
    return (
      <div>
        {keyed(b.items, (it) => it).map(({ key, item }, n) => (
          <p key={key} style={LINE}>
            {b.ordered ? `${n + 1}.` : '· '}
            {item}
          </p>
        ))}
      </div>
    );
  return (
    <table style={{ borderCollapse: 'collapse', width: '100%', margin: '0.5em 0', whiteSpace: 'normal' }}>
      <tbody>
        {keyed(b.rows, (r) => r.cells.join('|')).map(({ key, item: r }) => (
          <tr key={key}>
            {keyed(r.cells, (c) => c).map(({ key: cell, item: c }) =>
              r.header ? (
                <th key={cell} style={{ ...CELL, fontFamily: FACE[1] }}>
                  {c}
                </th>
              ) : (
                <td key={cell} style={CELL}>
                  {c}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The body's structure (lib/body.ts, as the print reads it): headings by 层次序数 in their faces, paragraphs
 * 左空二字, lists, tables. Every block is text, never markup from elsewhere. A body that starts with the 主送 line
 * (printed above it) does not repeat it. */
function Body({ body, mainTo }: { body: string; mainTo: string | null }) {
  const blocks = parseBody(body);
  const first = blocks[0];
  if (mainTo && first?.kind === 'paragraph' && repeatsMainTo(first.text, mainTo)) blocks.shift();
  return (
    <div className="body structured" style={{ whiteSpace: 'normal' }}>
      {keyed(blocks, blockName).map(({ key, item }) => (
        <Block key={key} b={item} />
      ))}
    </div>
  );
}

/**
 * For a recipient who may print: what the next print would carry (预览). Within the quota its 份号 and the seal
 * (verified now: its image only when every check passed, as the print); beyond it a plain copy, without red header
 * or seal and without legal force (无效力副本).
 */
export interface NextPrint {
  copyNumber: number;
  withinQuota: boolean;
  sealSvg: string | null;
}

export function DocumentSheet({ doc, nextPrint }: { doc: DocumentElements; nextPrint?: NextPrint | null }) {
  const t = useT();
  const seal = nextPrint?.withinQuota ? nextPrint.sealSvg : null;
  // 成文日期: the drafter's, else the date of the 签发 (the platform derives it, as the print and the OFD show it).
  const docDate = documentDate(doc.effectiveDocDate ?? doc.docDate ?? '');
  // 印发日期, or where none was given the 成文日期, as the printed sheet has it (print-layout.ts).
  const printed = doc.printingDate ? documentDate(doc.printingDate) : docDate;
  const number = doc.docNumber ?? doc.reservedDocNumber;
  // 简报 under a 刊名: its 刊名 and 期号 from its number (a draft's preview gives 《刊名》 and a placeholder); one not yet
  // numbered (审批) by its 刊名 with the 期号 to come, as 拟稿's preview shows it.
  const briefing =
    doc.docType === '简报'
      ? (briefingHead(number) ??
        (!number && doc.docPrefix && doc.org?.briefingTitles?.includes(doc.docPrefix) ? { title: doc.docPrefix, issue: t('（期号在发送时编定）') } : null))
      : null;
  // The special format (§10) the document prints in, as the print decides it.
  const format = specialFormat(doc.docType, number);
  // 命令（令） in the 命令格式, as it prints (GB/T 9704 §10.2; print-layout.ts): the banner …令, the 令号 centred under
  // it without a 签发人 line or a rule, no title; above the date the 签发人 with the 职务 before the name (§7.3.5.3).
  const order = format === 'ORDER';
  // The word after the issuer's name in the banner, as the print sets it: 文件, a 函's none (信函格式), 令, 纪要; a
  // 明传电报's in place of 文件.
  const bannerWord = doc.isTelegram && !format ? '明传电报' : bannerText('', format);
  // A 函 (信函格式, §10.1): a red double line under the banner, the 发文字号 at the right under it, no rule below.
  const letter = format === 'LETTER';
  // Above the date: an order's 签发人, the 职务 two characters before the name (in 楷体, standing for the 签名章);
  // any other document its 署名, each co-issuer's under the lead's.
  const signedBy = order ? (
    <p data-testid="sheet-order-signer">
      {doc.signerPost?.trim() ? `${doc.signerPost.trim()}\u3000\u3000` : ''}
      <span className="signer-names">{(doc.signer ?? doc.signatureLine ?? doc.orgName).trim()}</span>
    </p>
  ) : (
    <>
      <p>{doc.signatureLine ?? doc.orgName}</p>
      {(doc.coIssuers ?? []).map((c) => (
        <p key={c.orgName}>{c.orgName}</p>
      ))}
    </>
  );
  return (
    <>
      <p className="print-notice" data-testid="print-notice">
        {t('公文正文不能用浏览器直接打印。请在页面上点击“打印”：按限定份数打印带份号的正式文本，并记入打印记录。')}
      </p>
      {nextPrint && !nextPrint.withinQuota && (
        <p className="error" data-testid="sheet-beyond-quota">
          {t('已达限印份数：再打印将是无红头、无印章的无效力副本（份号 {n}）', { n: copyLabel(nextPrint.copyNumber) })}
        </p>
      )}
      <DisclosureLine disclosure={doc.disclosure} reason={doc.disclosureReason} />
      {/* The document as issued: its own words (文件, 签发人, 附件, 抄送, 印发) stay as written whatever the screen's
          language; only what the screen adds around them (the preview marks, the placeholders) is translated. */}
      <article
        className={['sheet', nextPrint && !nextPrint.withinQuota ? 'plain-copy' : '', letter ? 'letter' : ''].filter(Boolean).join(' ')}
        aria-label={t('公文')}
      >
        <div className="top-marks">
          <span>
            {nextPrint && (
              <span className="copy-number" data-testid="sheet-copy-number">
                {t('份号 {n}（下一份）', { n: copyLabel(nextPrint.copyNumber) })}
                <span className="preview-mark">{t('预览')}</span>{' '}
              </span>
            )}
            <UrgencyTag urgency={doc.urgency} telegram={doc.isTelegram} />
          </span>
        </div>
        {/* One issuer's 发文机关标志 stays on one line, narrowed to the sheet as the print narrows it (GB/T 9704 §7.2.4);
            联合行文: every issuing unit, the lead first (the print sets them a line each, 文件 beside them). */}
        {briefing ? (
          // A 简报's 刊头 (print-layout.ts): its 刊名, the 期号 under it, then the 编印单位 and the date on one line.
          <>
            <div className="banner one-line" style={{ '--chars': [...briefing.title].length } as CSSProperties} data-testid="sheet-briefing-title">
              {briefing.title}
            </div>
            <p className="number" data-testid="sheet-doc-number">
              {briefing.issue}
            </p>
            <p className="number upward">
              <span>{doc.printingOrg ?? doc.orgName}编</span>
              <span>{printed}</span>
            </p>
          </>
        ) : (
          <div
            className={doc.coIssuers?.length ? 'banner' : 'banner one-line'}
            style={{ '--chars': [...`${doc.orgName}${bannerWord}`].length } as CSSProperties}
            data-testid="sheet-banner"
          >
            {[doc.orgName, ...(doc.coIssuers ?? []).map((c) => c.orgName)].join(' ')}
            {bannerWord}
          </div>
        )}
        {/* A document sent up prints its 发文字号 左空一字 and the 签发人 右空一字 on one line under the banner (GB/T 9704
            §7.2.4–7.2.5), the names in 楷体; one sent down, and an order, centres its number. The screen shows it as the
            print does. */}
        {letter && <hr className="letter-line" data-testid="sheet-letter-line" />}
        {!briefing && (
          <p className={doc.signer && !order && !letter ? 'number upward' : letter ? 'number letter-number' : 'number'}>
            <span data-testid="sheet-doc-number">{number ?? t('（发送时编号）')}</span>
            {doc.signer && !order && !letter && (
              <span data-testid="sheet-signer">
                签发人：<span className="signer-names">{doc.signer}</span>
              </span>
            )}
          </p>
        )}
        {!order && !letter && <hr className="rule" />}
        {!order && (
          <h1 className="title">
            {/* Turns between words only, as the print's title does. */}
            {keyed(wordsOf(doc.title), (w) => w).map(({ key, item }, i) => (
              <Fragment key={key}>
                {i > 0 && <wbr />}
                {item}
              </Fragment>
            ))}
          </h1>
        )}
        {doc.mainTo && <p>{doc.mainTo}：</p>}
        {doc.body !== undefined && <Body body={doc.body} mainTo={doc.mainTo} />}
        {(doc.attachments.length > 0 || doc.attachmentsOnPaper) && (
          <div className="attachments">
            <p>附件：</p>
            <ol>
              {doc.attachments.map((a) => (
                <li key={a.sha256}>
                  <button type="button" className="link" onClick={() => void openBlob(a.sha256, a.name)}>
                    {a.name}
                  </button>{' '}
                  <span className="muted">({fmtSize(a.size)})</span>
                </li>
              ))}
            </ol>
            {doc.attachmentsOnPaper && <p className="muted">{doc.paperNote ?? '附件另行纸质传递'}</p>}
          </div>
        )}
        <div className="signature">
          {seal ? (
            // The seal where the print presses it: centred over the 署名 and 成文日期 (GB/T 9704 §7.3.5.1).
            <div className="signed" data-testid="sheet-seal">
              {/* biome-ignore lint/performance/noImgElement: a data-URI SVG; nothing for next/image to optimise */}
              <img className="seal" src={svgDataUri(seal)} alt={t('电子印章')} />
              {signedBy}
              <p data-testid="sheet-doc-date">{docDate}</p>
            </div>
          ) : (
            <>
              {signedBy}
              <p data-testid="sheet-doc-date">{docDate}</p>
            </>
          )}
        </div>
        {doc.notes && <p>（{doc.notes}）</p>}
        <div className="foot">
          {doc.ccTo && <p>抄送：{doc.ccTo}</p>}
          {/* GB/T 9704 7.4.3: the 印发机关 at the left, the 印发日期 at the right, on one line; a 函's 版记 has neither
              (§10.1). */}
          {!letter && (
            <p className="printed">
              <span>{doc.printingOrg ?? doc.orgName}</span> <span>{printed ? `${printed}印发` : ''}</span>
            </p>
          )}
        </div>
      </article>
      {doc.ofdSha256 && (
        // The OFD 版式 file the send made (GB/T 33190), the authoritative electronic form, beside the printed copies.
        <p className="ofd-file">
          <button
            type="button"
            className="link"
            data-testid="download-ofd"
            onClick={() => void openBlob(doc.ofdSha256 as string, `${doc.docNumber ?? doc.title}.ofd`)}
          >
            {t('下载OFD版式文件')}
          </button>
        </p>
      )}
    </>
  );
}
