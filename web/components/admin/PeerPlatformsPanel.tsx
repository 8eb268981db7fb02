'use client';
// 对端平台: another deployment this unit exchanges documents with (the national platform, for a province's office; seed
// 000 §9: the terminal sits in the office). Registering one makes its stand-in unit under this unit and pins the peer's
// CA roots, against which everything arriving from it is verified; the exchange then runs with the stand-in's API token
// (issued on the stand-in's API 令牌 tab, which the panel opens).
import { useState } from 'react';
import type { OrgKind, OrgLevel } from '../../generated/operations';
import { gql } from '../../lib/client';
import { fmtTime } from '../../lib/format';
import { useAction, useQuery } from '../../lib/hooks';
import type { T } from '../../lib/i18n';
import { Empty, ErrorNote, KIND, LEVEL, Section } from '../ui';

/** An empty form; the stand-in at the receiving unit's level (a unit sits under one of the same or a higher level), a
 * central agency unless said otherwise (the national platform's office, as a province sees it). */
const empty = (level: OrgLevel) => ({ platform: '', code: '', name: '', shortName: '', level, kind: 'CENTRAL_AGENCY' as OrgKind, roots: '' });

/** The form's text fields: what each holds, its label and its example. */
const TEXT_FIELDS = [
  ['platform', '对端平台名称', '如 国家电子公文传输平台'],
  ['code', '代收单位代码', '对方单位的代码，如 100000'],
  ['name', '代收单位名称', '如 国务院办公厅'],
  ['shortName', '简称', '如 国办'],
] as const;

/** The PEM blocks of a pasted or uploaded text, each one certificate. */
const pemBlocks = (text: string) => text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];

export function PeerPlatformsPanel({
  t,
  org,
  openTokens,
}: {
  t: T;
  org: { id: string; name: string; level: OrgLevel };
  /** Opens the API 令牌 tab of a unit (the stand-in's, whose token the exchange holds). */
  openTokens: (orgId: string) => void;
}) {
  const peers = useQuery('PeerPlatforms', {});
  const act = useAction();
  const [form, setForm] = useState(() => empty(org.level));
  const [registered, setRegistered] = useState<{ platform: string; standInId: string; standInName: string } | null>(null);
  const set = (k: keyof ReturnType<typeof empty>) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const roots = pemBlocks(form.roots);
  const addFiles = async (files: FileList | null) => {
    const texts = await Promise.all([...(files ?? [])].map((f) => f.text()));
    setForm({ ...form, roots: [form.roots.trim(), ...texts.map((x) => x.trim())].filter(Boolean).join('\n') });
  };
  return (
    <Section title={t('对端平台（跨平台交换）')}>
      <p className="muted">
        {t(
          '与另一部署的公文传输平台（如国家电子公文传输平台）交换公文。登记后，对方平台在本单位下设代收单位，来文经交换进程送达本单位，并以登记的对方根证书逐件验证；本单位向代收单位发文，即经交换送达对方平台。',
        )}
      </p>
      <ErrorNote error={peers.error ?? act.error} />
      {registered && (
        <div className="notice" role="status" data-testid="peer-registered">
          {t('已登记“{p}”，代收单位为“{s}”。请为代收单位签发 API 令牌，供交换进程使用。', { p: registered.platform, s: registered.standInName })}{' '}
          <button type="button" className="link" onClick={() => openTokens(registered.standInId)}>
            {t('签发令牌')}
          </button>
        </div>
      )}
      {(peers.data?.peerPlatforms ?? []).length === 0 ? (
        <Empty text={t('尚未登记对端平台')} />
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t('对端平台')}</th>
              <th>{t('代收单位')}</th>
              <th>{t('接收单位')}</th>
              <th>{t('信任根证书')}</th>
              <th>{t('登记时间')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {peers.data!.peerPlatforms.map((p) => (
              <tr key={p.standIn.id} data-peer={p.platform}>
                <td>{p.platform}</td>
                <td>
                  {p.standIn.name} <span className="muted">{p.standIn.code}</span>
                </td>
                <td>{p.receivingOrg.name}</td>
                <td>
                  {p.rootFingerprints.map((f) => (
                    <code key={f} title={f} style={{ display: 'block' }}>
                      SHA-256 {f.slice(0, 16)}…
                    </code>
                  ))}
                </td>
                <td>{fmtTime(p.createdAt)}</td>
                <td>
                  <button type="button" className="link" onClick={() => openTokens(p.standIn.id)}>
                    {t('交换令牌')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{t('登记对端平台（收文单位：{o}）', { o: org.name })}</h3>
      <div className="grid">
        {TEXT_FIELDS.map(([k, label, hint]) => (
          <label key={k} className="field">
            <span>{t(label)}</span>
            <input value={form[k]} placeholder={t(hint)} onChange={set(k)} />
          </label>
        ))}
        <label className="field">
          <span>{t('层级')}</span>
          <select value={form.level} onChange={(e) => setForm({ ...form, level: e.target.value as OrgLevel })}>
            {Object.entries(LEVEL).map(([l, zh]) => (
              <option key={l} value={l}>
                {t(zh)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('类型')}</span>
          <select value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as OrgKind })}>
            {Object.entries(KIND).map(([k, zh]) => (
              <option key={k} value={k}>
                {t(zh)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('对方根证书')}</span>
          <textarea rows={6} value={form.roots} onChange={set('roots')} placeholder={t('粘贴对方平台的根证书（PEM，可多张），或选择文件')} />
        </label>
        <span />
        <span>
          <input type="file" aria-label={t('选择根证书文件')} accept=".pem,.crt" multiple onChange={(e) => void addFiles(e.target.files)} />{' '}
          <span className="muted" data-testid="peer-root-count">
            {t('已识别 {n} 张证书', { n: roots.length })}
          </span>
        </span>
      </div>
      <p className="actions">
        <button
          type="button"
          className="primary"
          disabled={act.busy || !form.platform.trim() || !form.code.trim() || !form.name.trim() || !form.shortName.trim() || roots.length === 0}
          onClick={() =>
            void act.run(async () => {
              const r = await gql('RegisterPeerPlatform', {
                input: {
                  platform: form.platform.trim(),
                  receivingOrgId: org.id,
                  standIn: { code: form.code.trim(), name: form.name.trim(), shortName: form.shortName.trim(), level: form.level, kind: form.kind },
                  rootCertificates: roots,
                },
              });
              setRegistered({
                platform: r.registerPeerPlatform.platform,
                standInId: r.registerPeerPlatform.standIn.id,
                standInName: r.registerPeerPlatform.standIn.name,
              });
              setForm(empty(org.level));
              await peers.refetch();
            })
          }
        >
          {t('登记')}
        </button>
      </p>
    </Section>
  );
}
