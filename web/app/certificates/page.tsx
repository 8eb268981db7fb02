'use client';
// 数字证书 (seed 003 ch. 6): your certificates and their status, applying with a certification request (or for a key
// made on the server, collected once as PKCS#12), the head's decisions on the unit's applications, and the
// suspension, renewal (续期, or a change of the holder's details, 变更: a new application naming the old certificate) or
// revocation (after a confirmation) of your own.
import { type ReactNode, useState } from 'react';
import { AskButton, ConfirmButton } from '../../components/Confirm';
import { Shell } from '../../components/Shell';
import { Empty, ErrorNote, Section } from '../../components/ui';
import type { AlgorithmSuite, CertificateUsage, RenewReason } from '../../generated/operations';
import { gql } from '../../lib/client';
import { sm2KeyAndRequest } from '../../lib/csr';
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
  DONE: '已注销',
};
/** Why a certificate was revoked (RFC 5280's reasons the platform records), in the holder's words. */
const REVOCATION: Record<string, string> = {
  KEY_COMPROMISE: '密钥泄露',
  AFFILIATION_CHANGED: '离岗或调离',
  SUPERSEDED: '已由新证书替代',
  CESSATION_OF_OPERATION: '不再使用',
  UNSPECIFIED: '未说明原因',
};
/** The reasons an administrator chooses from when revoking another's certificate. */
const REVOKE_CHOICES = ['KEY_COMPROMISE', 'AFFILIATION_CHANGED', 'CESSATION_OF_OPERATION'] as const;
type RevokeChoice = (typeof REVOKE_CHOICES)[number];
/** A holder's own 注销 is applied for and decided by the head (seed 003 §25), for these reasons; a compromised key is
 * revoked at once by the holder. */
const CANCEL_CHOICES = ['AFFILIATION_CHANGED', 'CESSATION_OF_OPERATION'] as const;
type CancelChoice = (typeof CANCEL_CHOICES)[number];
/** What an application asks for, beside its usage. */
const applicationKind = (a: { reason: string }) => (a.reason === 'RENEW' ? '续期' : a.reason === 'CHANGE' ? '变更' : a.reason === 'CANCEL' ? '注销' : null);

/** A revocation's reason chosen in its dialog, in the holder's words (吊销原因, 注销原因). */
function ReasonChoice<R extends string>({ label, value, choices, onChange }: { label: string; value: R; choices: readonly R[]; onChange: (r: R) => void }) {
  const t = useT();
  return (
    <p>
      <label>
        {label}{' '}
        <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value as R)}>
          {choices.map((r) => (
            <option key={r} value={r}>
              {t(REVOCATION[r] as string)}
            </option>
          ))}
        </select>
      </label>
    </p>
  );
}

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
  // The unit's certificates, for its administrator (本单位证书).
  const unitCerts = useQuery('UnitCertificates', hasRole(session, 'ADMIN') ? { orgId: me.org.id } : null);
  const refresh = async () => {
    await certs.refetch();
    await apps.refetch();
    if (hasRole(session, 'ADMIN')) await unitCerts.refetch();
  };
  const run = (fn: () => Promise<unknown>) =>
    act.run(async () => {
      await fn();
      await refresh();
    });
  const allApps = apps.data?.certificateApplications ?? [];
  // The service says who may decide (the holder's unit's head; a head's own, the head above): nothing is offered that
  // the decision would refuse.
  const pendingForMe = allApps.filter((a) => a.mayDecide);
  const decidedByMe = allApps.filter((a) => a.decidedBy === me.id).slice(0, 20);
  const mine = allApps.filter((a) => a.holderUserId === me.id || a.applicantId === me.id);
  const toCollect = allApps.filter((a) => a.status === 'APPROVED' && a.serverKey && a.holderUserId === me.id);
  const [revokeReason, setRevokeReason] = useState<RevokeChoice>('KEY_COMPROMISE');
  const [cancelReason, setCancelReason] = useState<CancelChoice>('CESSATION_OF_OPERATION');
  /** What an application asks beside a new certificate: · 续期, · 变更, · 注销（its reason）. */
  const kindWords = (a: { reason: string; revocationReason?: string | null }) =>
    `${applicationKind(a) ? ` · ${t(applicationKind(a) as string)}` : ''}${a.revocationReason ? t('（{r}）', { r: t(REVOCATION[a.revocationReason] ?? a.revocationReason) }) : ''}`;
  /** Who must act on an application, or what was decided, by whom, when and why. */
  const applicationState = (a: (typeof allApps)[number]) => {
    if (a.status === 'PENDING') return t(a.decidedAbove ? '待上级单位负责人审批' : '待本单位负责人审批');
    const decided = [a.decidedByName, a.decidedAt && fmtTime(a.decidedAt)].filter(Boolean).join(' · ');
    if (a.status === 'REJECTED') return `${t('已驳回')} · ${decided}${a.decisionNote ? ` · ${t('理由：{r}', { r: a.decisionNote })}` : ''}`;
    if (a.status === 'APPROVED') return `${t('已批准，待领取密钥')} · ${decided}`;
    return `${t(STATUS[a.status] ?? a.status)} · ${decided}`;
  };
  /** Applications with what each asks and where it stands: one's own (when applied), or those one decided (whose). */
  const applicationTable = (list: typeof allApps, testId: string, whose: boolean) => (
    <table data-testid={testId}>
      <tbody>
        {list.map((a) => (
          <tr key={a.id} data-application-status={a.status}>
            <td>
              {whose && `${a.holderName} · `}
              {t(USAGE[a.usage] ?? a.usage)} · {a.suite}
              {kindWords(a)}
              {!whose && <div className="muted">{t('申请于 {t}', { t: fmtTime(a.createdAt) })}</div>}
            </td>
            <td>{applicationState(a)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  /** A certificate's standing now: suspended with its reason and since when, revoked with its reason. */
  const certificateState = (c: { status: string; revocationReason?: string | null; statusNow?: { reason: string | null; since: string | null } | null }) => {
    if (c.status === 'REVOKED') return `${t('已吊销')}（${t(REVOCATION[c.revocationReason ?? 'UNSPECIFIED'] ?? c.revocationReason ?? '')}）`;
    if (c.status === 'SUSPENDED' && c.statusNow?.reason)
      return `${t('已冻结')} · ${c.statusNow.reason}${c.statusNow.since ? ` · ${t('自 {t}', { t: fmtTime(c.statusNow.since) })}` : ''}`;
    return t(STATUS[c.status] ?? c.status);
  };
  const revokeButton = (id: string, whose: string) => (
    <ConfirmButton
      label={t('吊销')}
      question={t('吊销{w}证书后不可恢复，此前的签名仍然有效。', { w: whose })}
      onConfirm={() => void run(() => gql('RevokeCertificate', { id, reason: revokeReason }))}
    >
      <ReasonChoice label={t('吊销原因')} value={revokeReason} choices={REVOKE_CHOICES} onChange={setRevokeReason} />
    </ConfirmButton>
  );
  /** The holder's own: revoked at once only for a compromised key; any other 注销 goes to the head as an application. */
  const ownRevocation = (id: string) => (
    <>
      <ConfirmButton
        label={t('密钥泄露，立即吊销')}
        question={t('证书私钥已泄露或可能泄露：立即吊销本人证书，不可恢复，此前的签名仍然有效。')}
        onConfirm={() => void run(() => gql('RevokeCertificate', { id, reason: 'KEY_COMPROMISE' }))}
      />
      <ConfirmButton
        label={t('申请注销')}
        question={t('申请注销本人证书：经本单位负责人审批后吊销。')}
        confirmLabel={t('提交注销申请')}
        onConfirm={() =>
          void run(async () => {
            await gql('ApplyToCancelCertificate', { id, reason: cancelReason });
            setDone(t('已提交注销申请，待负责人审批'));
          })
        }
      >
        <ReasonChoice label={t('注销原因')} value={cancelReason} choices={CANCEL_CHOICES} onChange={setCancelReason} />
      </ConfirmButton>
    </>
  );
  /** 冻结, 解冻 and 吊销 of a certificate in force, for its holder (whose: 本人) or the unit's administrator (whose: X 的). */
  const statusActions = (c: { id: string; status: string; holderUserId?: string | null }, whose: string) => (
    <>
      {c.status === 'ACTIVE' && (
        <AskButton
          className=""
          label={t('冻结')}
          question={t('冻结{w}证书', { w: whose })}
          field={t('冻结原因')}
          onAnswer={(reason) => void run(() => gql('SuspendCertificate', { id: c.id, reason }))}
        />
      )}
      {c.status === 'SUSPENDED' && (
        <button type="button" onClick={() => void run(() => gql('ResumeCertificate', { id: c.id }))}>
          {t('解冻')}
        </button>
      )}
      {c.status !== 'REVOKED' && (c.holderUserId === me.id ? ownRevocation(c.id) : revokeButton(c.id, whose))}
    </>
  );
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
                    <div className="muted">{t('证书序列号 {s}', { s: c.serial })}</div>
                  </td>
                  <td data-testid="certificate-state">
                    {certificateState(c)}
                    <div className="muted">
                      {fmtDate(c.notBefore)} — {fmtDate(c.notAfter)}
                    </div>
                  </td>
                  <td className="actions">
                    <button type="button" className="link" onClick={() => saveFile(`${c.serial}.pem`, c.pem, 'application/x-pem-file')}>
                      {t('下载证书')}
                    </button>
                    {c.status !== 'REVOKED' && c.usage !== 'SEAL' && (
                      <button type="button" onClick={() => setRenewing({ id: c.id, suite: c.suite, reason: 'RENEW', csr: '', serverKey: false })}>
                        {t('续期或变更')}
                      </button>
                    )}
                    {statusActions({ ...c, holderUserId: me.id }, t('本人'))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      {mine.length > 0 && <Section title={t('我的申请')}>{applicationTable(mine, 'my-applications', false)}</Section>}
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
          {/* This platform's login and signatures read the .p12 itself with its 保护口令; other systems may want a PEM key. */}
          <p className="muted">
            {t('在本平台以证书登录或本人签名时，选择此 .p12 文件并输入保护口令即可。其他系统如需 PEM 格式的私钥，可用：')}
            <code>{`openssl pkcs12 -in ${t('文件')}.p12 -nocerts -nodes | openssl pkey -out ${t('私钥')}.pem`}</code>
          </p>
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
                    {kindWords(a)}
                    <div className="muted">
                      {a.orgName !== me.org.name && `${a.orgName} · `}
                      {t('申请人')} {a.applicantName} · {fmtTime(a.createdAt)}
                    </div>
                  </td>
                  <td className="actions">
                    <button type="button" className="primary" onClick={() => void run(() => gql('DecideCertificateApplication', { id: a.id, approve: true }))}>
                      {t(a.reason === 'CANCEL' ? '同意注销' : '同意签发')}
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
      {decidedByMe.length > 0 && <Section title={t('我已审批的证书申请')}>{applicationTable(decidedByMe, 'decided-applications', true)}</Section>}
      {hasRole(session, 'ADMIN') && <UnitCertificates certs={unitCerts} state={certificateState} actions={statusActions} />}
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
          {form.suite === 'SM2' && !form.serverKey && (
            <div className="field">
              <span>{t('在本机生成密钥')}</span>
              {/* The key is made here and saved to the holder's computer; only the request goes to the platform. */}
              <button
                type="button"
                data-testid="browser-key"
                onClick={() => {
                  const made = sm2KeyAndRequest(me.displayName);
                  saveFile(`${me.username}-sm2-key.pem`, made.privateKeyPem, 'application/x-pem-file');
                  setForm({ ...form, csr: made.csr });
                  setDone(
                    t('已在本机生成 SM2 密钥：私钥已保存为 {f}（平台不保存，请妥善保管，证书登录和本人签名时使用），证书请求已填入，请提交申请', {
                      f: `${me.username}-sm2-key.pem`,
                    }),
                  );
                }}
              >
                {t('生成 SM2 密钥和证书请求')}
              </button>
            </div>
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
        <p className="muted">{t('建议在本机生成密钥，只提交证书请求（SM2 可用上面的按钮在浏览器中生成）；由本单位负责人审批后签发。')}</p>
        <p>
          <button
            type="button"
            className="primary"
            disabled={act.busy || (!form.serverKey && !form.csr.trim())}
            onClick={() =>
              void run(async () => {
                const r = await gql('ApplyForCertificate', {
                  input: { usage: form.usage, suite: form.suite, csr: form.serverKey ? null : form.csr, serverKey: form.serverKey },
                });
                setForm({ ...form, csr: '' });
                setDone(
                  t(r.applyForCertificate.decidedAbove ? '已提交申请，待上级单位负责人审批（见“我的申请”）' : '已提交申请，待本单位负责人审批（见“我的申请”）'),
                );
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

/** 本单位证书: the unit's certificates for its administrator, who suspends or revokes a colleague's (seed 003 §26: a lost
 * or broken certificate is handled at once). Seals' certificates follow their seals and are not changed here. */
function UnitCertificates({
  certs,
  state,
  actions,
}: {
  certs: ReturnType<typeof useQuery<'UnitCertificates'>>;
  state: (c: { status: string; revocationReason?: string | null }) => string;
  /** 冻结, 解冻, 吊销: the page's, which reads this list again after each. */
  actions: (c: { id: string; status: string; holderUserId?: string | null }, whose: string) => ReactNode;
}) {
  const t = useT();
  const rows = (certs.data?.certificates ?? []).filter((c) => c.holderKind !== 'SEAL');
  return (
    <Section title={t('本单位证书')}>
      <ErrorNote error={certs.error} />
      {rows.length === 0 ? (
        <Empty text={t('本单位还没有证书')} />
      ) : (
        <table data-testid="unit-certificates">
          <tbody>
            {rows.map((c) => (
              <tr key={c.id} data-holder={c.holderName}>
                <td>
                  {c.holderName} · {t(USAGE[c.usage] ?? c.usage)} · {c.suite}
                  <div className="muted">
                    {t('证书序列号 {s}', { s: c.serial })} · {t('有效期至 {d}', { d: fmtDate(c.notAfter) })}
                  </div>
                </td>
                <td>{state(c)}</td>
                <td className="actions">{c.holderKind === 'PERSON' && actions(c, t('{n} 的', { n: c.holderName }))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
