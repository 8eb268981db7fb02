'use client';
// 待办: what waits for me — 拟办 (the office), 批示 (leaders), 承办 (my section), 传阅 to read, 报送 to draft (drafters:
// a report asked of the unit, due by its deadline) — updated live as the
// unit's handling moves on; for the office and leaders, the unit's handling past its deadline (催办).
import Link from 'next/link';
import { Decisions } from '../../components/Decisions';
import { HANDLING_ACTION } from '../../components/HandlingPanel';
import { Shell } from '../../components/Shell';
import { Empty, ErrorNote, Section, UrgencyTag } from '../../components/ui';
import { fmtTime } from '../../lib/format';
import { useDebounced, useQuery, useSubscription } from '../../lib/hooks';
import { useT } from '../../lib/i18n';
import { hasRole, useSession } from '../../lib/session';

export default function TodoPage() {
  return (
    <Shell>
      <Todo />
    </Shell>
  );
}

const KIND: Record<string, string> = { PROPOSE: '拟办', INSTRUCT: '批示', HANDLE: '承办', READ: '传阅', REPORT: '报送' };

function Todo() {
  const t = useT();
  const { session } = useSession();
  const watchesOverdue = !!session && hasRole(session, 'CLERK', 'LEADER', 'SUPERVISOR');
  const todo = useQuery('Todo', {});
  const overdue = useQuery('OverdueHandling', watchesOverdue ? {} : null);
  const refresh = useDebounced(() => {
    void todo.refetch();
    if (watchesOverdue) void overdue.refetch();
  });
  useSubscription('HandlingChanged', {}, () => refresh());
  const items = todo.data?.todo ?? [];
  return (
    <>
      <h1>{t('待办')}</h1>
      <Section title={t('待办公文')}>
        <ErrorNote error={todo.error} />
        {items.length === 0 ? (
          <Empty text={t('没有待办理的公文')} />
        ) : (
          <table data-testid="todo">
            <tbody>
              {items.map((x) => (
                <tr key={`${x.kind}-${x.deliveryId}`} data-todo={x.kind}>
                  <td>
                    <strong>{t(KIND[x.kind] ?? x.kind)}</strong>
                  </td>
                  <td>
                    <Link href={`/inbox/${x.deliveryId}`}>{x.title}</Link> <UrgencyTag urgency={x.urgency} />
                    <div className="muted">
                      {x.intakeNumber} · {x.docNumber}
                      {x.sectionName ? ` · ${x.sectionName}` : ''}
                    </div>
                  </td>
                  <td>{x.deadline ? t(x.kind === 'REPORT' ? '{d} 前报送' : '限 {d} 前', { d: fmtTime(x.deadline) }) : ''}</td>
                  <td className="muted">{fmtTime(x.since)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      <Decisions />
      {watchesOverdue && (
        <Section title={t('超期未办结（催办）')}>
          <ErrorNote error={overdue.error} />
          {(overdue.data?.overdueHandling ?? []).length === 0 ? (
            <Empty text={t('没有超期的办理')} />
          ) : (
            <table data-testid="overdue-handling">
              <tbody>
                {(overdue.data?.overdueHandling ?? []).map((o) => (
                  <tr key={`${o.deliveryId}-${o.sectionId}`}>
                    <td>
                      <Link href={`/inbox/${o.deliveryId}`}>{o.title}</Link>
                      <div className="muted">
                        {o.intakeNumber} · {o.docNumber}
                      </div>
                    </td>
                    <td>
                      {o.sectionName} {t(o.role === 'LEAD' ? '（主办）' : '（协办）')}
                    </td>
                    <td className="error">{t('限 {d} 前', { d: fmtTime(o.deadline) })}</td>
                    <td>{t(HANDLING_ACTION.URGE as string)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Section>
      )}
    </>
  );
}
