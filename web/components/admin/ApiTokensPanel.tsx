'use client';
// API 令牌: the unit's integrations — its own OA system reading the inbox and writing receipts through the API. A token
// is shown once when issued; revoking it (after a confirmation) stops that system at once.
import { useState } from 'react';
import { gql } from '../../lib/client';
import { fmtDate, fmtTime } from '../../lib/format';
import { useAction, useQuery } from '../../lib/hooks';
import type { T } from '../../lib/i18n';
import { ConfirmButton } from '../Confirm';
import { Empty, ErrorNote, ROLE, Section } from '../ui';

export function ApiTokensPanel({ t, orgId }: { t: T; orgId: string }) {
  const tokens = useQuery('ApiTokens', { orgId });
  const act = useAction();
  const [name, setName] = useState('');
  const [days, setDays] = useState(365);
  const [issued, setIssued] = useState<{ name: string; token: string } | null>(null);
  const state = (x: { revokedAt?: string | null; expiresAt: string }) =>
    x.revokedAt ? t('已撤销') : new Date(x.expiresAt) < new Date() ? t('已过期') : t('有效');
  return (
    <Section title={t('API 令牌（系统对接）')}>
      <p className="muted">{t('供本单位办公系统（OA）通过接口读取收文、回写签收。令牌只在签发时显示一次，请立即妥善保存。')}</p>
      <ErrorNote error={tokens.error ?? act.error} />
      {issued && (
        <div className="notice" role="status" data-testid="issued-token">
          {t('“{n}”的令牌（仅显示一次）：', { n: issued.name })}
          <code style={{ wordBreak: 'break-all', display: 'block' }}>{issued.token}</code>
        </div>
      )}
      {(tokens.data?.apiTokens ?? []).length === 0 ? (
        <Empty text={t('尚未签发 API 令牌')} />
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t('对接系统')}</th>
              <th>{t('权限')}</th>
              <th>{t('签发时间与签发人')}</th>
              <th>{t('有效期至')}</th>
              <th>{t('状态')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tokens.data!.apiTokens.map((x) => (
              <tr key={x.id} data-token={x.name}>
                <td>{x.name}</td>
                <td>{x.roles.map((r) => t(ROLE[r] ?? r)).join(t('、'))}</td>
                <td>
                  {fmtTime(x.createdAt)}
                  {x.createdByName && <div className="muted">{x.createdByName}</div>}
                </td>
                <td>{fmtDate(x.expiresAt)}</td>
                <td data-testid="token-state">{state(x)}</td>
                <td>
                  {!x.revokedAt && (
                    <ConfirmButton
                      label={t('撤销')}
                      question={t('撤销“{n}”的令牌？使用该令牌的系统将立即无法访问，且不可恢复。', { n: x.name })}
                      onConfirm={() =>
                        void act.run(async () => {
                          await gql('RevokeApiToken', { id: x.id });
                          await tokens.refetch();
                        })
                      }
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{t('签发令牌')}</h3>
      <p className="actions">
        <input aria-label={t('对接系统名称')} placeholder={t('对接系统名称，如 区政府OA')} value={name} onChange={(e) => setName(e.target.value)} />
        <label>
          {t('有效天数')} <input type="number" min={1} max={730} value={days} onChange={(e) => setDays(Number(e.target.value))} style={{ width: '6rem' }} />
        </label>
        <button
          type="button"
          className="primary"
          disabled={act.busy || !name.trim()}
          onClick={() =>
            void act.run(async () => {
              const r = await gql('IssueApiToken', { orgId, name: name.trim(), expiresInDays: days });
              setIssued({ name: r.issueApiToken.apiToken.name, token: r.issueApiToken.token });
              setName('');
              await tokens.refetch();
            })
          }
        >
          {t('签发')}
        </button>
      </p>
    </Section>
  );
}
