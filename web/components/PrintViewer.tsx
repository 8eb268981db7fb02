'use client';
// 打印: the numbered copies just printed (份号), each PDF shown in the browser's own PDF viewer inside the page — never
// saved as a file on the way — and handed to the browser's print dialog as it opens; with several copies, the next
// one is opened (and printed) when the clerk asks for it. 下载 saves the copy shown, for those who need the file.
import { useEffect, useRef, useState } from 'react';
import { fetchBlob, openBlob, PlatformError } from '../lib/client';
import { useT } from '../lib/i18n';
import { ErrorNote } from './ui';

export interface PrintedCopy {
  copyNumber: number;
  withinQuota: boolean;
  pdfSha256: string;
}

const asPlatformError = (e: unknown) => (e instanceof PlatformError ? e : new PlatformError(String(e), 'BLOB_UNAVAILABLE'));

/** §7.2.1: the 份号 as the print sets it, six digits. */
export const copyLabel = (n: number) => String(n).padStart(6, '0');

export function PrintViewer({ copies, fileBase, onClose }: { copies: PrintedCopy[]; fileBase: string; onClose: () => void }) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const frame = useRef<HTMLIFrameElement>(null);
  const printed = useRef(new Set<string>());
  const [index, setIndex] = useState(0);
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<PlatformError | null>(null);
  const copy = copies[index];
  useEffect(() => {
    if (!dialog.current?.open) dialog.current?.showModal();
  }, []);
  // The copy's PDF as an object URL of this page: the viewer shows it, nothing is downloaded.
  useEffect(() => {
    if (!copy) return;
    let gone = false;
    let made: string | null = null;
    setUrl(null);
    fetchBlob(copy.pdfSha256).then(
      (blob) => {
        if (gone) return;
        made = URL.createObjectURL(new Blob([blob], { type: 'application/pdf' }));
        setUrl(made);
      },
      (e: unknown) => !gone && setError(asPlatformError(e)),
    );
    return () => {
      gone = true;
      if (made) URL.revokeObjectURL(made);
    };
  }, [copy]);
  if (!copy) return null;
  // Each copy goes to the print dialog once, when its PDF has opened in the viewer.
  const loaded = () => {
    if (!url || printed.current.has(url)) return;
    printed.current.add(url);
    frame.current?.contentWindow?.print();
  };
  const close = () => {
    dialog.current?.close();
    onClose();
  };
  const next = copies[index + 1];
  return (
    <dialog ref={dialog} className="print-viewer" aria-label={t('打印')} data-testid="print-viewer" onClose={onClose}>
      <p>
        <strong>{t('第 {n} 份（共 {m} 份）', { n: copyLabel(copy.copyNumber), m: copies.length })}</strong>{' '}
        {copy.withinQuota ? <span className="muted">{t('带红头和印章')}</span> : <span className="error">{t('无红头、无印章，不具法律效力')}</span>}
      </p>
      <ErrorNote error={error} />
      {url ? (
        <iframe ref={frame} src={url} title={t('第 {n} 份 PDF', { n: copyLabel(copy.copyNumber) })} data-testid="print-frame" onLoad={loaded} />
      ) : (
        !error && <p className="muted">{t('加载中…')}</p>
      )}
      <p className="actions">
        {next && (
          <button type="button" className="primary" onClick={() => setIndex(index + 1)}>
            {t('打印下一份（第 {n} 份）', { n: copyLabel(next.copyNumber) })}
          </button>
        )}
        <button
          type="button"
          onClick={() => void openBlob(copy.pdfSha256, `${fileBase}-${copyLabel(copy.copyNumber)}.pdf`).catch((e: unknown) => setError(asPlatformError(e)))}
        >
          {t('下载')}
        </button>
        <button type="button" onClick={close}>
          {t('关闭')}
        </button>
      </p>
    </dialog>
  );
}
