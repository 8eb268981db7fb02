'use client';
// 数字证书 (seed 003 ch. 6): your certificates and their status, applying with a certification request (or for a key
// made on the server, collected once as PKCS#12), the head's decisions on the unit's applications, and the
// suspension, renewal (续期, or a change of the holder's details, 变更: a new application naming the old certificate) or
// revocation (after a confirmation) of your own.
import { useState } from 'react';
import { AskButton, ConfirmButton } from '../../components/Confirm';
import { Shell } from '../../components/Shell';
import { Empty, ErrorNote, Section } from '../../components/ui';
import type { AlgorithmSuite, CertificateUsage, RenewReason } from '../../generated/operations';
import { gql } from '../../lib/client';
import { saveFile } from '../../lib/files';
import { fmtDate, fmtTime } from '../../lib/format';
import { useAction, useQuery } from '../../lib/hooks';
import { useT } from '../../lib/i18n';
import { hasRole, useSession } from '../../lib/session';

const USAGE: Record<string, string> = { IDENTITY: '身份认证（登录）', SIGNING: '签名', ENCRYPTION: '单位加密', SEAL: '印章' };
const STATUS: Record<string, string> = {
  ACTIVE: '有效',
  SUSPENDED: '已冻结',
  REVOKED: '已吊销',
  PENDING: '待审批',
  APPROVED: '已批准待领取',
  REJECTED: '已驳回',
  ISSUED: '已签发',
};

export default function CertificatesPage() {
  return (
    <Shell>
      <Certificates />
    </Shell>
  );
}

function Certificates() {
  const t = useT();
  const { session } = useSession();
  const me = session!.user;
  const certs = useQuery('MyCertificates', {});
  const apps = useQuery('CertificateApplications', {});
  const act = useAction();
  const [form, setForm] = useState<{ usage: CertificateUsage; suite: AlgorithmSuite; csr: string; serverKey: boolean }>({
    usage: 'IDENTITY',
    suite: 'SM2',
    csr: '',
    serverKey: false,
  });
  const [password, setPassword] = useState('');
  const [renewing, setRenewing] = useState<{ id: string; suite: string; reason: RenewReason; csr: string; serverKey: boolean } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const refresh = async () => {
    await certs.refetch();
    await apps.refetch();
  };
  const run = (fn: () => Promise<unknown>) =>
    act.run(async () => {
      await fn();
      await refresh();
    });
  const pendingForMe = (apps.data?.certificateApplications ?? []).filter(
    (a) => a.status === 'PENDING' && hasRole(session, 'LEADER') && a.applicantName !== me.displayName,
  );
  const toCollect = (apps.data?.certificateApplications ?? []).filter((a) => a.status === 'APPROVED' && a.serverKey && a.holderUserId === me.id);
  return (
    <>
      <h1>{t('数字证书')}</h1>
      <ErrorNote error={act.error} />
      {done && (
        <p className="notice" role="status">
          {done}
        </p>
      )}
      <Section title={t('我的证书')}>
        {(certs.data?.myCertificates ?? []).length === 0 ? (
          <Empty text={t('您还没有数字证书')} />
        ) : (
          <table>
            <tbody>
              {certs.data!.myCertificates.map((c) => (
                <tr key={c.id} data-certificate={c.usage}>
                  <td>
                    {t(USAGE[c.usage] ?? c.usage)} · {c.suite}
                    <div className="muted">{c.subject}</div>
                  </td>
                  <td>
                    {t(STATUS[c.status] ?? c.status)}
                    {c.revocationReason && <span className="muted">（{c.revocationReason}）</span>}
                    <div className="muted">
                      {fmtDate(c.notBefore)} — {fmtDate(c.notAfter)}
                    </div>
                  </td>
                  <td className="actions">
                    <button type="button" className="link" onClick={() => saveFile(`${c.serial}.pem`, c.pem, 'application/x-pem-file')}>
                      {t('下载证书')}
                    </button>
                    {c.status === 'ACTIVE' && (
                      <AskButton
                        className=""
                        label={t('冻结')}
                        question={t('冻结证书 {s}', { s: c.serial })}
                        field={t('冻结原因')}
                        onAnswer={(reason) => void run(() => gql('SuspendCertificate', { id: c.id, reason }))}
                      />
                    )}
                    {c.status === 'SUSPENDED' && (
                      <button type="button" onClick={() => void run(() => gql('ResumeCertificate', { id: c.id }))}>
                        {t('解冻')}
                      </button>
                    )}
                    {c.status !== 'REVOKED' && c.usage !== 'SEAL' && (
                      <button type="button" onClick={() => setRenewing({ id: c.id, suite: c.suite, reason: 'RENEW', csr: '', serverKey: false })}>
                        {t('续期或变更')}
                      </button>
                    )}
                    {c.status !== 'REVOKED' && (
                      <ConfirmButton
                        label={t('吊销')}
                        question={t('吊销后不可恢复。确定吊销（密钥泄露）？')}
                        onConfirm={() => void run(() => gql('RevokeCertificate', { id: c.id, reason: 'KEY_COMPROMISE' }))}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      {renewing && (
        <Section title={t('证书续期或变更')}>
          <div className="grid" data-testid="renew">
            <label className="field">
              <span>{t('类型')}</span>
              <select value={renewing.reason} onChange={(e) => setRenewing({ ...renewing, reason: e.target.value as RenewReason })}>
                <option value="RENEW">{t('续期（到期前更换）')}</option>
                <option value="CHANGE">{t('变更（持有人信息变化）')}</option>
              </select>
            </label>
            {renewing.suite === 'RSA' && (
              <label className="field">
                <span>{t('由平台生成密钥')}</span>
                <input type="checkbox" checked={renewing.serverKey} onChange={(e) => setRenewing({ ...renewing, serverKey: e.target.checked })} />
              </label>
            )}
            {!renewing.serverKey && (
              <label className="field">
                <span>{t('新的证书请求（PEM）')}</span>
                <textarea
                  value={renewing.csr}
                  onChange={(e) => setRenewing({ ...renewing, csr: e.target.value })}
                  placeholder="-----BEGIN CERTIFICATE REQUEST-----"
                  style={{ minHeight: '6rem' }}
                />
              </label>
            )}
          </div>
          <p className="muted">{t('续期须用新密钥；申请经本单位负责人审批后签发新证书，原证书在有效期内仍可使用。')}</p>
          <p className="actions">
            <button
              type="button"
              className="primary"
              disabled={act.busy || (!renewing.serverKey && !renewing.csr.trim())}
              onClick={() =>
                void run(async () => {
                  await gql('RenewCertificate', {
                    id: renewing.id,
                    reason: renewing.reason,
                    csr: renewing.serverKey ? null : renewing.csr.trim(),
                    serverKey: renewing.serverKey,
                  });
                  setRenewing(null);
                  setDone(t('已提交续期申请，待本单位负责人审批'));
                })
              }
            >
              {t('提交续期申请')}
            </button>
            <button type="button" onClick={() => setRenewing(null)}>
              {t('取消')}
            </button>
          </p>
        </Section>
      )}
      {toCollect.length > 0 && (
        <Section title={t('领取服务器生成的密钥')}>
          <p className="muted">{t('密钥只交付一次（PKCS#12），平台不保存。请设置保护口令并妥善保管文件。')}</p>
          {toCollect.map((a) => (
            <p key={a.id} className="actions">
              {t(USAGE[a.usage] ?? a.usage)} · {a.suite}
              <input
                type="password"
                aria-label={t('保护口令')}
                placeholder={t('保护口令（至少8位）')}
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
              <button
                type="button"
                className="primary"
                disabled={password.length < 8}
                onClick={() =>
                  void run(async () => {
                    const r = await gql('CollectCertificateKey', { applicationId: a.id, password });
                    saveFile(
                      `${me.username}.p12`,
                      Uint8Array.from(atob(r.collectCertificateKey.pkcs12), (ch) => ch.charCodeAt(0)),
                      'application/x-pkcs12',
                    );
                    setPassword('');
                  })
                }
              >
                {t('领取')}
              </button>
            </p>
          ))}
        </Section>
      )}
      {pendingForMe.length > 0 && (
        <Section title={t('待我审批的证书申请')}>
          <table>
            <tbody>
              {pendingForMe.map((a) => (
                <tr key={a.id} data-application={a.holderName}>
                  <td>
                    {a.holderName} · {t(USAGE[a.usage] ?? a.usage)} · {a.suite}
                    <div className="muted">
                      {t('申请人')} {a.applicantName} · {fmtTime(a.createdAt)}
                    </div>
                  </td>
                  <td className="actions">
                    <button type="button" className="primary" onClick={() => void run(() => gql('DecideCertificateApplication', { id: a.id, approve: true }))}>
                      {t('同意签发')}
                    </button>
                    <AskButton
                      className=""
                      label={t('驳回')}
                      question={t('驳回该证书申请')}
                      field={t('驳回理由')}
                      onAnswer={(note) => void run(() => gql('DecideCertificateApplication', { id: a.id, approve: false, note }))}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      )}
      {hasRole(session, 'ADMIN') && (
        <Section title={t('本单位回执签名密钥')}>
          <p className="muted">
            {t(
              '本单位的签收回执和审批签名由平台代管的单位密钥签署。密钥泄露、证书被吊销后，本单位在更换密钥前不能签收；更换后旧证书即被吊销，此前签署的回执仍然有效。',
            )}
          </p>
          <div className="actions">
            {(['SM2', 'RSA'] as const).map((suite) => (
              <ConfirmButton
                key={suite}
                label={t('更换 {s} 回执签名密钥', { s: suite })}
                question={t('确定更换本单位的 {s} 回执签名密钥？旧证书将被吊销。', { s: suite })}
                disabled={act.busy}
                onConfirm={() =>
                  void run(async () => {
                    const r = await gql('RekeyUnitSigningKey', { suite });
                    setDone(t('已更换 {s} 回执签名密钥，新证书序列号 {n}', { s: suite, n: r.rekeyUnitSigningKey.serial }));
                  })
                }
              />
            ))}
          </div>
        </Section>
      )}
      <Section title={t('申请证书')}>
        <div className="grid">
          <label className="field">
            <span>{t('用途')}</span>
            <select value={form.usage} onChange={(e) => setForm({ ...form, usage: e.target.value as CertificateUsage })}>
              <option value="IDENTITY">{t(USAGE.IDENTITY as string)}</option>
              <option value="SIGNING">{t(USAGE.SIGNING as string)}</option>
              {hasRole(session, 'ADMIN') && <option value="ENCRYPTION">{t(USAGE.ENCRYPTION as string)}</option>}
            </select>
          </label>
          <label className="field">
            <span>{t('算法')}</span>
            <select value={form.suite} onChange={(e) => setForm({ ...form, suite: e.target.value as AlgorithmSuite, serverKey: false })}>
              <option value="SM2">SM2 / SM3</option>
              <option value="RSA">RSA / SHA-256</option>
            </select>
          </label>
          {form.suite === 'RSA' && (
            <label className="field">
              <span>{t('由平台生成密钥')}</span>
              <input type="checkbox" checked={form.serverKey} onChange={(e) => setForm({ ...form, serverKey: e.target.checked })} />
            </label>
          )}
          {!form.serverKey && (
            <label className="field">
              <span>{t('证书请求（PEM）')}</span>
              <textarea
                value={form.csr}
                onChange={(e) => setForm({ ...form, csr: e.target.value })}
                placeholder="-----BEGIN CERTIFICATE REQUEST-----"
                style={{ minHeight: '6rem' }}
              />
            </label>
          )}
        </div>
        <p className="muted">{t('建议在本机生成密钥，只提交证书请求；由本单位负责人审批后签发。')}</p>
        <p>
          <button
            type="button"
            className="primary"
            disabled={act.busy || (!form.serverKey && !form.csr.trim())}
            onClick={() =>
              void run(async () => {
                await gql('ApplyForCertificate', {
                  input: { usage: form.usage, suite: form.suite, csr: form.serverKey ? null : form.csr, serverKey: form.serverKey },
                });
                setForm({ ...form, csr: '' });
              })
            }
          >
            {t('提交申请')}
          </button>
        </p>
      </Section>
    </>
  );
}
