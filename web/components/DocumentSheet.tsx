'use client';
// A document as its printed form lays it out (GB/T 9704-2012): issuing-org banner in red, 发文字号, the red rule,
// the title, 主送, the body, attachments, the signature line and date, and the 抄送/印发 block at the foot.
import type { DocumentFormFragment } from '../generated/operations';
import { openBlob } from '../lib/client';
import { fmtSize } from '../lib/format';
import { useT } from '../lib/i18n';
import { UrgencyTag } from './ui';

/** A document's GB/T 9704 elements (the DocumentForm fragment), with its body when the operation asked for it. */
type DocumentElements = DocumentFormFragment & { body?: string };

/** The body is stored as plain text or simple HTML; it is shown as text, never as markup from elsewhere. */
const plain = (body: string) =>
  body
    .replace(/<\/(p|div|h\d|li)>/gi, '\n')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();

/** The 主送 line is printed above the body; a body that starts with it again does not repeat it. */
const withoutSalutation = (text: string, mainTo: string | null) => (mainTo && text.startsWith(mainTo) ? text.slice(text.indexOf('\n') + 1).trimStart() : text);

export function DocumentSheet({ doc }: { doc: DocumentElements }) {
  const t = useT();
  return (
    <article className="sheet" aria-label={t('公文')}>
      <div className="top-marks">
        <span>
          <UrgencyTag urgency={doc.urgency} telegram={doc.isTelegram} />
        </span>
        {doc.signer && (
          <span>
            {t('签发人')}：{doc.signer}
          </span>
        )}
      </div>
      <div className="banner">
        {doc.orgName}
        {doc.isTelegram ? t('明传电报') : t('文件')}
      </div>
      <p className="number">{doc.docNumber ?? t('（发送时编号）')}</p>
      <hr className="rule" />
      <h1 className="title">{doc.title}</h1>
      {doc.mainTo && <p>{doc.mainTo}：</p>}
      {doc.body !== undefined && <div className="body">{withoutSalutation(plain(doc.body), doc.mainTo)}</div>}
      {(doc.attachments.length > 0 || doc.attachmentsOnPaper) && (
        <div className="attachments">
          <p>{t('附件')}：</p>
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
          {doc.attachmentsOnPaper && <p className="muted">{doc.paperNote ?? t('附件另行纸质传递')}</p>}
        </div>
      )}
      <div className="signature">
        <p>{doc.signatureLine ?? doc.orgName}</p>
        <p>{doc.docDate ?? ''}</p>
      </div>
      {doc.notes && <p>（{doc.notes}）</p>}
      <div className="foot">
        {doc.ccTo && (
          <p>
            {t('抄送')}：{doc.ccTo}
          </p>
        )}
        <p>
          {doc.printingOrg ?? doc.orgName} {doc.printingDate ? `${doc.printingDate} ${t('印发')}` : ''}
        </p>
      </div>
    </article>
  );
}
