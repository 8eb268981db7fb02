'use client';
// 待办: what waits for me — 拟办 (the office), 批示 (leaders), 承办 (my section), 传阅 to read — updated live as the
// unit's handling moves on; for the office and leaders, the unit's handling past its deadline (催办).
import Link from 'next/link';
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

const KIND: Record<string, string> = { PROPOSE: '拟办', INSTRUCT: '批示', HANDLE: '承办', READ: '传阅' };

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
      <Section title={t('待我办理')}>
        <ErrorNote error={todo.error} />
        {items.length === 0 ? (
          <Empty text={t('暂无待办')} />
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
                  <td>{x.deadline ? t('限 {d} 前', { d: fmtTime(x.deadline) }) : ''}</td>
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

/**
 * Decisions waiting for me beside the documents: a certificate application I may decide (the service's mayDecide),
 * a seal application my unit's head consents to, or one the authority above approves, a request to read an archived
 * record (the archivists' and the head's). Shown only when there are any.
 */
function Decisions() {
  const t = useT();
  const { session } = useSession();
  const me = session?.user;
  const leader = !!session && hasRole(session, 'LEADER');
  const admin = !!session && hasRole(session, 'ADMIN');
  const certs = useQuery('CertificateApplications', leader ? {} : null);
  const seals = useQuery('SealApplications', leader || admin ? {} : null);
  const access = useQuery('ArchiveAccessRequests', leader || (!!session && hasRole(session, 'ARCHIVIST')) ? { status: 'PENDING' } : null);
  // The province's administrator keeps the work calendar: a year whose holidays are not entered waits on them.
  const calendarKeeper = admin && !!me && !me.org.path.includes('.');
  const calendar = useQuery('WorkCalendar', calendarKeeper ? {} : null);
  const missingYear = (calendar.data?.workCalendar as { missingYear?: number | null } | undefined)?.missingYear;
  const rows = [
    ...(certs.data?.certificateApplications ?? [])
      .filter((a) => a.mayDecide)
      .map((a) => ({
        id: a.id,
        href: '/certificates',
        what: t(a.reason === 'CANCEL' ? '证书注销申请' : '证书申请'),
        who: `${a.holderName} · ${a.orgName}`,
        since: a.createdAt,
      })),
    ...(seals.data?.sealApplications ?? [])
      .filter((a) => (a.status === 'SUBMITTED' && leader && a.orgId === me?.org.id) || (a.status === 'CONSENTED' && admin && a.orgId !== me?.org.id))
      .map((a) => ({
        id: a.id,
        href: '/seals',
        what: t(a.status === 'SUBMITTED' ? '印章申请（待负责人同意）' : '印章申请（待批准）'),
        who: `${a.orgName} · ${a.applicantName}`,
        since: a.createdAt,
      })),
    ...(access.data?.archiveAccessRequests ?? [])
      .filter((r) => r.mayDecide)
      .map((r) => ({ id: r.id, href: '/archive', what: t('档案调阅申请'), who: `${r.requesterName} · ${r.title}`, since: r.createdAt })),
    ...(missingYear
      ? [{ id: 'calendar', href: '/admin?tab=calendar', what: t('工作日历'), who: t('录入{y}年节假日和调休安排', { y: missingYear }), since: null }]
      : []),
  ];
  if (!rows.length) return null;
  return (
    <Section title={t(rows.every((r) => r.id === 'calendar') ? '待我处理' : '待我审批的申请')}>
      <table data-testid="decisions">
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>
                <strong>{r.what}</strong>
              </td>
              <td>
                <Link href={r.href}>{r.who}</Link>
              </td>
              <td className="muted">{r.since ? fmtTime(r.since) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}
