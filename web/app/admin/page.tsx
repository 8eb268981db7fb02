'use client';
// 系统管理: the administrator's part of the org tree (register, rename, merge, dissolve, move; 机关代字, the approval
// chain and the alert address), each unit's accounts (create, roles, unlock, reset, end sessions, disable), its internal
// sections (内设机构) and who is in which, its inspections (检查与限期整改), its routing rules, its transmission contacts, its seals (as the issuing
// authority for units below), the announcements (系统公告) to it and below, its API tokens, the peer platforms it
// exchanges with (对端平台), its audit log; the own
// unit's distribution lists and the province's work calendar. Each tab is its own component.
import { useEffect, useState } from 'react';
import { AnnouncementsPanel } from '../../components/admin/AnnouncementsPanel';
import { ApiTokensPanel } from '../../components/admin/ApiTokensPanel';
import { AuditPanel } from '../../components/admin/AuditPanel';
import { CalendarPanel } from '../../components/admin/CalendarPanel';
import { ContactsPanel } from '../../components/admin/ContactsPanel';
import { DistributionListsPanel } from '../../components/admin/DistributionListsPanel';
import { EscalationPanel } from '../../components/admin/EscalationPanel';
import { InspectionsPanel } from '../../components/admin/InspectionsPanel';
import { PeerPlatformsPanel } from '../../components/admin/PeerPlatformsPanel';
import { RosterPanel } from '../../components/admin/RosterPanel';
import { RulesPanel } from '../../components/admin/RulesPanel';
import { SealsPanel } from '../../components/admin/SealsPanel';
import { SectionsPanel } from '../../components/admin/SectionsPanel';
import { UnitPanel } from '../../components/admin/UnitPanel';
import { UnitSettingsPanel } from '../../components/admin/UnitSettingsPanel';
import { UsersPanel } from '../../components/admin/UsersPanel';
import { INSPECTIONS_TAB, useDecisions } from '../../components/Decisions';
import { Shell } from '../../components/Shell';
import { ErrorNote, LEVEL, Section } from '../../components/ui';
import { NavCount } from '../../components/WorkCounts';
import { useQuery } from '../../lib/hooks';
import { useT } from '../../lib/i18n';
import { useSession } from '../../lib/session';

const TABS = [
  ['unit', '单位'],
  ['users', '用户与角色'],
  ['sections', '内设机构'],
  ['rules', '发送规则'],
  ['escalation', '自动催办规则'],
  ['contacts', '联系人'],
  ['roster', '人员名单备案'],
  ['inspections', '检查整改'],
  ['seals', '印章'],
  ['lists', '分发名单'],
  ['tokens', 'API 令牌'],
  ['peers', '对端平台'],
  ['calendar', '工作日历'],
  ['announcements', '系统公告'],
  ['audit', '审计日志'],
] as const;
type Tab = (typeof TABS)[number][0];

export default function AdminPage() {
  return (
    <Shell>
      <Admin />
    </Shell>
  );
}

function Admin() {
  const t = useT();
  const { session } = useSession();
  const [unitId, setUnitId] = useState(session!.user.org.id);
  const [tab, setTab] = useState<Tab>('unit');
  // A link to one tab (待办's 工作日历 reminder: /admin?tab=calendar).
  useEffect(() => {
    const asked = new URLSearchParams(window.location.search).get('tab');
    const known = TABS.find(([k]) => k === asked);
    if (known) setTab(known[0]);
  }, []);
  const node = useQuery('OrgNode', { id: unitId });
  // What waits on the person in 检查整改, counted beside it: 待办's own rows of it (this unit's items to put right and
  // report, reports to it to accept or send back), read with every page and again when they act on one.
  const due = useDecisions().filter((d) => d.href === INSPECTIONS_TAB).length;
  const org = node.data?.org;
  return (
    <>
      <h1>{t('系统管理')}</h1>
      <div className="split" style={{ gridTemplateColumns: 'minmax(12rem, 18rem) 1fr' }}>
        <Section title={t('组织机构')}>
          <ErrorNote error={node.error} />
          {org && (
            <div className="tree">
              {org.parent && unitId !== session!.user.org.id && (
                <p>
                  <button type="button" className="link" onClick={() => setUnitId(org.parent!.id)}>
                    ↑ {org.parent.name}
                  </button>
                </p>
              )}
              <p>
                <strong>{org.name}</strong> <span className="muted">{org.code}</span>
              </p>
              <ul>
                {org.children.map((c) => (
                  <li key={c.id}>
                    <button type="button" className="link" onClick={() => setUnitId(c.id)}>
                      {c.name}
                    </button>{' '}
                    <span className="muted">{t(LEVEL[c.level] ?? c.level)}</span>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </Section>
        <div>
          <nav className="actions" aria-label={t('管理项目')} style={{ marginBottom: '0.75rem' }}>
            {TABS.map(([k, zh]) => (
              <button key={k} type="button" className={tab === k ? 'primary' : ''} onClick={() => setTab(k)}>
                {t(zh)}
                {k === 'inspections' && <NavCount n={due} testId="inspections-due" />}
              </button>
            ))}
          </nav>
          {org && tab === 'unit' && (
            <>
              <UnitPanel t={t} org={org} reload={() => void node.refetch()} />
              <UnitSettingsPanel key={org.id} t={t} org={org} reload={() => void node.refetch()} />
            </>
          )}
          {org && tab === 'users' && <UsersPanel t={t} orgId={org.id} />}
          {org && tab === 'sections' && <SectionsPanel t={t} orgId={org.id} />}
          {org && tab === 'rules' && <RulesPanel t={t} orgId={org.id} />}
          {org && tab === 'escalation' && <EscalationPanel key={org.id} t={t} orgId={org.id} />}
          {org && tab === 'contacts' && <ContactsPanel t={t} orgId={org.id} />}
          {org && tab === 'roster' && <RosterPanel key={org.id} t={t} orgId={org.id} orgName={org.name} />}
          {org && tab === 'inspections' && <InspectionsPanel key={org.id} t={t} org={org} />}
          {org && tab === 'seals' && <SealsPanel t={t} orgId={org.id} />}
          {tab === 'lists' && <DistributionListsPanel t={t} />}
          {org && tab === 'tokens' && <ApiTokensPanel t={t} orgId={org.id} />}
          {org && tab === 'peers' && (
            <PeerPlatformsPanel
              key={org.id}
              t={t}
              org={org}
              openTokens={(id) => {
                setUnitId(id);
                setTab('tokens');
              }}
            />
          )}
          {tab === 'calendar' && <CalendarPanel t={t} keeper={!session!.user.org.path.includes('.')} />}
          {org && tab === 'announcements' && <AnnouncementsPanel t={t} orgId={org.id} orgName={org.name} />}
          {org && tab === 'audit' && <AuditPanel t={t} orgId={org.id} />}
        </div>
      </div>
    </>
  );
}
