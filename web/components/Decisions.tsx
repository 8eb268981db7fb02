'use client';
// 待处理事项: what waits for a person's decision beside the documents, listed in 待办 and counted beside it in the
// navigation (components/WorkCounts.tsx), one list for both.
import Link from 'next/link';
import { useEffect } from 'react';
import { fmtTime } from '../lib/format';
import { useQuery } from '../lib/hooks';
import { useT } from '../lib/i18n';
import { hasRole, useSession } from '../lib/session';
import { onWorkCountsChanged } from '../lib/work-changed';
import { Section } from './ui';

export interface Decision {
  id: string;
  href: string;
  what: string;
  who: string;
  since: string | null;
}

/**
 * Decisions waiting for me beside the documents: a certificate application I may decide (the service's mayDecide),
 * a seal application my unit's head consents to, or one the authority above approves, a request to read an archived
 * record (the archivists' and the head's), an item of 信息 my unit's author submitted for my approval, and, for its
 * archivists, what waits to be archived (待归档); and 检查整改's: an item of my unit to put right and report (its
 * administrators and leaders), a report to my unit to accept or send back (its administrators and supervisors). Shown
 * only when there are any; read again when the person changes what waits (lib/work-changed.ts).
 */
/** Where 检查整改's work is done: 系统管理's tab (its count beside the tab is these rows'). */
export const INSPECTIONS_TAB = '/admin?tab=inspections';

export function useDecisions(): Decision[] {
  const t = useT();
  const { session } = useSession();
  const me = session?.user;
  const leader = !!session && hasRole(session, 'LEADER');
  const admin = !!session && hasRole(session, 'ADMIN');
  const archivist = !!session && hasRole(session, 'ARCHIVIST');
  // The province's administrator keeps the work calendar: a year whose holidays are not entered waits on them.
  const calendarKeeper = admin && !!me && !me.org.path.includes('.');
  const approver = !!session && hasRole(session, 'APPROVER');
  const supervisor = !!session && hasRole(session, 'SUPERVISOR');
  const asks = {
    certificates: leader,
    seals: leader || admin,
    access: leader || archivist,
    calendar: calendarKeeper,
    information: leader || approver,
    filing: archivist,
    inspections: admin || leader || supervisor,
  };
  // One request, on every page for the people who decide something (the navigation counts these); none for the rest.
  const { data, refetch } = useQuery('Decisions', Object.values(asks).some(Boolean) ? asks : null);
  useEffect(() => onWorkCountsChanged(() => void refetch()), [refetch]);
  const missingYear = (data?.workCalendar as { missingYear?: number | null } | undefined)?.missingYear;
  const rows = [
    ...(data?.certificateApplications ?? [])
      .filter((a) => a.mayDecide)
      .map((a) => ({
        id: a.id,
        href: '/certificates',
        what: t(a.reason === 'CANCEL' ? '证书注销申请' : '证书申请'),
        who: `${a.holderName} · ${a.orgName}`,
        since: a.createdAt,
      })),
    ...(data?.sealApplications ?? [])
      .filter((a) => (a.status === 'SUBMITTED' && leader && a.orgId === me?.org.id) || (a.status === 'CONSENTED' && admin && a.orgId !== me?.org.id))
      .map((a) => ({
        id: a.id,
        href: '/seals',
        what: t(a.status === 'SUBMITTED' ? '印章申请（待负责人同意）' : '印章申请（待批准）'),
        who: `${a.orgName} · ${a.applicantName}`,
        since: a.createdAt,
      })),
    ...(data?.archiveAccessRequests ?? [])
      .filter((r) => r.mayDecide)
      .map((r) => ({ id: r.id, href: '/archive', what: t('档案调阅申请'), who: `${r.requesterName} · ${r.title}`, since: r.createdAt })),
    ...(data?.informationItems ?? [])
      .filter((i) => i.mayApprove)
      .map((i) => ({ id: i.id, href: '/information', what: t('信息（待审批）'), who: `${i.authorName ?? ''} · ${i.title}`, since: i.submittedAt })),
    ...(data?.archivalQueue ?? []).map((q) => ({
      id: `${q.documentId}-${q.role}`,
      href: '/archive',
      what: t('待归档'),
      who: q.title ?? '',
      since: q.createdAt,
    })),
    ...(data?.inspectionWork ?? []).map((w) => ({
      id: `inspection-${w.findingId}`,
      href: INSPECTIONS_TAB,
      what: t(w.action === 'DECIDE' ? '检查整改（待验收）' : w.returned ? '检查整改（被退回，待重新报告）' : '检查整改（待报告整改情况）'),
      who:
        w.action === 'DECIDE'
          ? `${w.orgName} · ${t(w.itemName)}`
          : `${w.inspectorOrgName} · ${t(w.itemName)} · ${t(w.overdue ? '已逾期（期限 {d}）' : '整改期限 {d}', { d: w.rectifyBy ?? '' })}`,
      since: w.since,
    })),
    ...(missingYear
      ? [{ id: 'calendar', href: '/admin?tab=calendar', what: t('工作日历'), who: t('录入{y}年节假日和调休安排', { y: missingYear }), since: null }]
      : []),
  ];
  return rows;
}

/** The decisions as a section of 待办; nothing when there are none. */
export function Decisions() {
  const t = useT();
  const rows = useDecisions();
  if (!rows.length) return null;
  return (
    <Section title={t('待处理事项')}>
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
