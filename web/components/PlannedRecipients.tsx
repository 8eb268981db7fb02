'use client';
// Who a draft goes to before it is sent: the units its recipients name now, as the routing rules decide them. The
// drafter sees it when reopening a draft (the recipients it keeps), and each approver before approving (发送范围).
import type { DocumentDetailQuery } from '../generated/operations';
import type { T } from '../lib/i18n';

type Planned = NonNullable<DocumentDetailQuery['document']['plannedRecipients']>;

/** Names listed before "等"; up to two more rather than an 等 that hides one or two. */
const NAMED = 12;
const NAMED_AT_MOST = NAMED + 2;

export function PlannedRecipientsView({ t, planned }: { t: T; planned: Planned }) {
  const allowed = planned.units.filter((u) => !u.refused);
  const refused = planned.units.filter((u) => u.refused);
  const names = (role: string) => allowed.filter((u) => u.role === role).map((u) => u.name);
  const line = (role: 'MAIN' | 'CC', count: number) => {
    const shown = names(role).slice(0, count <= NAMED_AT_MOST ? NAMED_AT_MOST : NAMED);
    if (!count) return null;
    return (
      <p data-testid={`planned-${role.toLowerCase()}`}>
        <strong>{t(role === 'MAIN' ? '主送' : '抄送')}</strong>
        {t('（{r}）', { r: t('{n} 个单位', { n: count }) })}
        {t('：')}
        {shown.join(t('、'))}
        {count > shown.length && t('等')}
      </p>
    );
  };
  return (
    <div data-testid="planned-recipients">
      {/* A unit or saved list named that is gone since: the drafter names the recipients again. */}
      {planned.problem && (
        <p className="error" role="status" data-testid="planned-problem">
          {t('收文单位无法确定（所选单位或常用分组已不存在），请重新选择收文单位')}
        </p>
      )}
      {line('MAIN', planned.mainCount)}
      {line('CC', planned.ccCount)}
      {planned.refusedCount > 0 && (
        <div className="error" role="status">
          {t('{n} 个单位被发送规则拒绝，发送时不会送达：', { n: planned.refusedCount })}
          <ul>
            {refused.map((u) => (
              <li key={u.orgId}>
                {u.name}：{u.refusalRule ? t('规则“{r}”', { r: u.refusalRule }) : t('没有允许的发送规则')}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
