'use client';
// 证据包: a document's evidence package (docs/evidence-package.md) downloaded from its page, by its sender's or its
// recipient's clerks and administrators, to be verified offline with yizhan-verify. The download is registered.
import { gql } from '../lib/client';
import { fromBase64, saveFile } from '../lib/files';
import { useAction, useQuery } from '../lib/hooks';
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
          <span className="muted">{t('含正文、附件、印章、签名回执、证据链和可信时间戳，可用离线验证工具（yizhan-verify）在不联网的计算机上核验')}</span>
        </p>
        <ErrorNote error={act.error} />
        <PlatformRoots />
      </div>
    </Section>
  );
}

/** The platform's root certificates, to check a package against offline: each to save, with the fingerprint that
 * yizhan-verify prints of the roots it trusted (its first 16 characters), and the command. */
function PlatformRoots() {
  const t = useT();
  const { data } = useQuery('PlatformRoots', {});
  const roots = (data?.caCertificates ?? []).filter((c) => c.role === 'ROOT');
  if (!roots.length) return null;
  const file = (suite: string) => `${suite.toLowerCase()}-root.cer`;
  return (
    <details data-testid="platform-roots">
      <summary>{t('离线验证：平台根证书及其指纹')}</summary>
      <p className="muted">{t('用本平台的根证书验证，结果不依赖证据包自带的证书；也可核对 yizhan-verify 打印的指纹与下表一致。')}</p>
      <table>
        <tbody>
          {roots.map((r) => (
            <tr key={r.suite} data-root={r.suite}>
              <td>{r.suite === 'SM2' ? t('国密 SM2 根证书') : t('RSA 根证书')}</td>
              <td>
                <code className="fingerprint">{r.fingerprint}</code>
              </td>
              <td>
                <button type="button" onClick={() => saveFile(file(r.suite), r.pem, 'application/pkix-cert')}>
                  {t('保存')} {file(r.suite)}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <pre>{`npx yizhan-verify <${t('证据包')}>.zip ${roots.map((r) => `--root ${file(r.suite)}`).join(' ')}`}</pre>
    </details>
  );
}
