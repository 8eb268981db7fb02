'use client';
// 证据包: a document's evidence package (docs/evidence-package.md) downloaded from its page, by its sender's or its
// recipient's clerks and administrators, to be verified offline with yizhan-verify. The download is registered.
import { gql } from '../lib/client';
import { fromBase64, saveFile } from '../lib/files';
import { useAction } from '../lib/hooks';
import { useT } from '../lib/i18n';
import { hasRole, useSession } from '../lib/session';
import { ErrorNote, Section } from './ui';

export function EvidencePackageButton({ documentId }: { documentId: string }) {
  const t = useT();
  const { session } = useSession();
  const act = useAction();
  if (!hasRole(session, 'CLERK', 'ADMIN')) return null;
  const download = () =>
    act.run(async () => {
      const r = await gql('ExportEvidencePackage', { documentId });
      saveFile(r.exportEvidencePackage.filename, fromBase64(r.exportEvidencePackage.base64), r.exportEvidencePackage.contentType);
    });
  return (
    <Section title={t('证据包')}>
      <div data-testid="evidence-package">
        <p className="actions">
          <button type="button" disabled={act.busy} onClick={() => void download()}>
            {t('下载证据包')}
          </button>
          <span className="muted">{t('含正文、附件、印章、签名回执、证据链和可信时间戳，可用 yizhan-verify 离线验证')}</span>
        </p>
        <ErrorNote error={act.error} />
      </div>
    </Section>
  );
}
