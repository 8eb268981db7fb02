'use client';
import { svgDataUri } from '../lib/files';
// 验证印章 (seed 004): the document's seal verified now, each check of the GB/T 38540 order with its result, and the
// seal's image only when every check passed.
import { useQuery } from '../lib/hooks';
import { useT } from '../lib/i18n';
import { ErrorNote } from './ui';

export function SealCheck({ documentId }: { documentId: string }) {
  const t = useT();
  const { data, error } = useQuery('DocumentSeal', { documentId });
  if (error) return <ErrorNote error={error} />;
  const s = data?.documentSeal;
  if (!s) return null;
  if (!s.stamped)
    return (
      <p className="muted" data-testid="seal-check">
        {t('本件未加盖电子印章')}
      </p>
    );
  return (
    <div data-testid="seal-check" data-valid={s.valid}>
      <p className={s.valid ? 'notice' : 'error'} role="status">
        {s.valid ? `✓ ${t('电子印章验证通过')}` : `✕ ${t('电子印章验证未通过')}`} · {s.sealOrgName}
      </p>
      {s.imageSvg && (
        // biome-ignore lint/performance/noImgElement: a data-URI SVG; nothing for next/image to optimise
        <img src={svgDataUri(s.imageSvg)} alt={t('电子印章')} width={120} height={120} />
      )}
      <ul className="checks">
        {s.checks.map((c) => (
          <li key={c.check} className={c.ok ? '' : 'refused'}>
            <span aria-hidden="true">{c.ok ? '✓' : '✕'}</span> {t(c.label)}
            {!c.ok && c.reason && <span className="muted">：{c.reason}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
