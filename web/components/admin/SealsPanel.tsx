'use client';
// 印章 (administration): the seals of the unit chosen in the tree with their status changes — for a unit below, the
// administrator acts as the issuing authority (suspend, resume, destroy with the three parties present).
import { svgDataUri } from '../../lib/files';
import { fmtDate } from '../../lib/format';
import { useQuery } from '../../lib/hooks';
import type { T } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { SEAL_STATUS, SealActions, sealImageStyle, sealReasonWords } from '../SealActions';
import { Empty, ErrorNote, Section } from '../ui';

export function SealsPanel({ t, orgId }: { t: T; orgId: string }) {
  const { session } = useSession();
  const me = session!.user;
  const seals = useQuery('UnitSeals', { orgId });
  const own = orgId === me.org.id;
  return (
    <Section title={t('电子印章')}>
      <ErrorNote error={seals.error} />
      {(seals.data?.seals ?? []).length === 0 ? (
        <Empty text={t('该单位尚无电子印章')} />
      ) : (
        seals.data!.seals.map((s) => (
          <div key={s.id} className="card" data-seal={s.status}>
            <div className="actions">
              {/* biome-ignore lint/performance/noImgElement: a data-URI SVG; nothing for next/image to optimise */}
              <img src={svgDataUri(s.imageSvg)} alt={t('电子印章')} width={64} height={64} style={sealImageStyle(s.status)} />
              <div>
                <strong>{s.orgName}</strong> · {s.suite} · <span data-testid="seal-status">{t(SEAL_STATUS[s.status] ?? s.status)}</span>
                {sealReasonWords(t, s.statusReason) && <span className="muted">{t('（{r}）', { r: sealReasonWords(t, s.statusReason) as string })}</span>}
                <div className="muted">
                  {t('有效期')} {fmtDate(s.validFrom)} — {fmtDate(s.validTo)}
                  {[s.custodianAName, s.custodianBName].some(Boolean) &&
                    ` · ${t('保管人')} ${[s.custodianAName, s.custodianBName].filter(Boolean).join(t('、'))}`}
                </div>
              </div>
            </div>
            <SealActions
              seal={s}
              canManage
              issuing={!own || !me.org.path.includes('.')}
              own={own}
              custodian={s.custodianA === me.id || s.custodianB === me.id}
              onChange={() => seals.refetch()}
            />
          </div>
        ))
      )}
    </Section>
  );
}
