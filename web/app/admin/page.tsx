'use client';
// 系统管理: the administrator's part of the org tree (register, rename, merge, dissolve), each unit's accounts
// (create, unlock, reset, disable), its routing rules and its transmission contacts.
import { useState } from 'react';
import { Shell } from '../../components/Shell';
import { DOC_TYPES, Empty, ErrorNote, LEVEL, ROLE, Section } from '../../components/ui';
import { gql } from '../../lib/client';
import { fmtTime } from '../../lib/format';
import { useAction, useQuery } from '../../lib/hooks';
import { type T, useT } from '../../lib/i18n';
import { useSession } from '../../lib/session';

interface Unit {
  id: string;
  code: string;
  name: string;
  shortName: string;
  level: string;
  kind: string;
  status: string;
}
interface OrgNodeData {
  org: Unit & {
    path: string;
    docPrefixes: string[];
    approvalChain: string[];
    parent: { id: string; name: string } | null;
    children: Unit[];
    nameHistory: { name: string; validFrom: string; validTo: string | null; reason: string | null }[];
  };
}

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
  const [tab, setTab] = useState<'unit' | 'users' | 'rules' | 'contacts'>('unit');
  const node = useQuery<OrgNodeData>('OrgNode', { id: unitId });
  const org = node.data?.org;
  return (
    <>
      <h1>{t('系统管理')}</h1>
      <div className="split" style={{ gridTemplateColumns: '1fr 2fr' }}>
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
            {(
              [
                ['unit', '单位'],
                ['users', '用户与角色'],
                ['rules', '发送规则'],
                ['contacts', '联系人'],
              ] as const
            ).map(([k, zh]) => (
              <button key={k} type="button" className={tab === k ? 'primary' : ''} onClick={() => setTab(k)}>
                {t(zh)}
              </button>
            ))}
          </nav>
          {org && tab === 'unit' && <UnitPanel t={t} org={org} reload={() => void node.refetch()} />}
          {org && tab === 'users' && <UsersPanel t={t} orgId={org.id} />}
          {org && tab === 'rules' && <RulesPanel t={t} orgId={org.id} />}
          {org && tab === 'contacts' && <ContactsPanel t={t} orgId={org.id} />}
        </div>
      </div>
    </>
  );
}

function UnitPanel({ t, org, reload }: { t: T; org: OrgNodeData['org']; reload: () => void }) {
  const act = useAction();
  const [name, setName] = useState(org.name);
  const [shortName, setShortName] = useState(org.shortName);
  const [reason, setReason] = useState('');
  const [child, setChild] = useState({ code: '', name: '', shortName: '', level: org.level, kind: 'DEPARTMENT' });
  const [merge, setMerge] = useState<string[]>([]);
  const [survivor, setSurvivor] = useState('');
  const done = async (fn: () => Promise<unknown>) => {
    const r = await act.run(fn);
    if (r !== undefined) {
      setReason('');
      reload();
    }
  };
  return (
    <>
      <ErrorNote error={act.error} />
      <Section title={t('单位信息')}>
        <div className="grid">
          <span className="muted">{t('代码')}</span>
          <span>{org.code}</span>
          <span className="muted">{t('层级')}</span>
          <span>{t(LEVEL[org.level] ?? org.level)}</span>
          <span className="muted">{t('机关代字')}</span>
          <span>{org.docPrefixes.join('、') || '—'}</span>
          <span className="muted">{t('审批流程')}</span>
          <span>{org.approvalChain.map((r) => t(ROLE[r] ?? r)).join(' → ')}</span>
          <span className="muted">{t('曾用名')}</span>
          <span>
            {org.nameHistory
              .filter((h) => h.validTo)
              .map((h) => `${h.name}（${fmtTime(h.validTo)}）`)
              .join('；') || '—'}
          </span>
        </div>
      </Section>
      <Section title={t('更名')}>
        <div className="grid">
          <label className="field">
            <span>{t('全称')}</span>
            <input value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <label className="field">
            <span>{t('简称')}</span>
            <input value={shortName} onChange={(e) => setShortName(e.target.value)} />
          </label>
          <label className="field">
            <span>{t('依据')}</span>
            <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('如：机构改革文件')} />
          </label>
        </div>
        <p className="actions">
          <button type="button" disabled={act.busy} onClick={() => void done(() => gql('RenameOrg', { id: org.id, name, shortName, reason: reason || null }))}>
            {t('更名')}
          </button>
          <button
            type="button"
            disabled={act.busy || !reason.trim()}
            title={t('撤销须填写依据')}
            onClick={() => {
              if (window.confirm(t('撤销 {u}？其账号将全部停用。', { u: org.name }))) void done(() => gql('DissolveOrg', { id: org.id, reason }));
            }}
          >
            {t('撤销单位')}
          </button>
        </p>
      </Section>
      <Section title={t('新增下级单位')}>
        <div className="grid">
          {(['code', 'name', 'shortName'] as const).map((k) => (
            <label key={k} className="field">
              <span>{t({ code: '代码', name: '全称', shortName: '简称' }[k])}</span>
              <input value={child[k]} onChange={(e) => setChild({ ...child, [k]: e.target.value })} />
            </label>
          ))}
          <label className="field">
            <span>{t('层级')}</span>
            <select value={child.level} onChange={(e) => setChild({ ...child, level: e.target.value })}>
              {Object.entries(LEVEL).map(([k, v]) => (
                <option key={k} value={k}>
                  {t(v)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('类型')}</span>
            <select value={child.kind} onChange={(e) => setChild({ ...child, kind: e.target.value })}>
              {['GOVERNMENT', 'OFFICE', 'DEPARTMENT', 'INSTITUTION', 'ENTERPRISE', 'CENTRAL_AGENCY'].map((k) => (
                <option key={k} value={k}>
                  {t(KIND[k] ?? k)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <p>
          <button type="button" disabled={act.busy} onClick={() => void done(() => gql('RegisterOrg', { input: { parentId: org.id, ...child } }))}>
            {t('注册')}
          </button>
        </p>
      </Section>
      {org.children.length > 1 && (
        <Section title={t('合并下级单位')}>
          <div className="chips">
            {org.children.map((c) => (
              <label key={c.id} className="chip">
                <input
                  type="checkbox"
                  checked={merge.includes(c.id)}
                  onChange={(e) => setMerge(e.target.checked ? [...merge, c.id] : merge.filter((x) => x !== c.id))}
                />{' '}
                {c.shortName}
              </label>
            ))}
          </div>
          <p className="actions">
            <select aria-label={t('保留的单位')} value={survivor} onChange={(e) => setSurvivor(e.target.value)}>
              <option value="">{t('选择保留的单位')}</option>
              {org.children
                .filter((c) => merge.includes(c.id))
                .map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
            </select>
            <input aria-label={t('依据')} placeholder={t('依据')} value={reason} onChange={(e) => setReason(e.target.value)} />
            <button
              type="button"
              disabled={act.busy || merge.length < 2 || !survivor || !reason.trim()}
              onClick={() => void done(() => gql('MergeOrgs', { input: { absorbedIds: merge.filter((x) => x !== survivor), survivorId: survivor, reason } }))}
            >
              {t('合并')}
            </button>
          </p>
        </Section>
      )}
    </>
  );
}

const KIND: Record<string, string> = {
  GOVERNMENT: '政府',
  OFFICE: '办公厅（室）',
  DEPARTMENT: '部门',
  INSTITUTION: '事业单位',
  ENTERPRISE: '企业',
  CENTRAL_AGENCY: '中央驻地单位',
};

interface UserRow {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  status: string;
  lockedAt: string | null;
  failedLogins: number;
  lastLoginAt: string | null;
  mustChangePassword: boolean;
}

function UsersPanel({ t, orgId }: { t: T; orgId: string }) {
  const { data, error, refetch } = useQuery<{ users: UserRow[] }>('Users', { orgId });
  const act = useAction();
  const [secret, setSecret] = useState<{ username: string; password: string } | null>(null);
  const [form, setForm] = useState({ username: '', displayName: '', roles: ['CLERK'] });
  const run = async (fn: () => Promise<unknown>) => {
    if ((await act.run(fn)) !== undefined) await refetch();
  };
  return (
    <Section title={t('用户与角色')}>
      <ErrorNote error={error ?? act.error} />
      {secret && (
        <p className="notice" role="status">
          {t('{u} 的一次性密码：', { u: secret.username })} <code>{secret.password}</code> {t('（仅显示一次，首次登录须修改）')}
        </p>
      )}
      <table>
        <thead>
          <tr>
            <th>{t('用户名')}</th>
            <th>{t('姓名')}</th>
            <th>{t('角色')}</th>
            <th>{t('状态')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(data?.users ?? []).map((u) => (
            <tr key={u.id} data-user={u.username}>
              <td>{u.username}</td>
              <td>{u.displayName}</td>
              <td>{u.roles.map((r) => t(ROLE[r] ?? r)).join('、')}</td>
              <td>
                {u.status === 'ACTIVE' ? t('正常') : t('已停用')}
                {u.lockedAt && <span className="badge bad">🔒 {t('已锁定')}</span>}
                <div className="muted">
                  {t('最近登录')} {fmtTime(u.lastLoginAt)}
                </div>
              </td>
              <td className="actions">
                {u.lockedAt && (
                  <button type="button" onClick={() => void run(() => gql('UnlockUser', { id: u.id }))}>
                    {t('解锁')}
                  </button>
                )}
                <button
                  type="button"
                  onClick={() =>
                    void run(async () => {
                      const r = await gql<{ resetPassword: { oneTimePassword: string } }>('ResetPassword', { id: u.id });
                      setSecret({ username: u.username, password: r.resetPassword.oneTimePassword });
                      return r;
                    })
                  }
                >
                  {t('重置密码')}
                </button>
                <button type="button" onClick={() => void run(() => gql('SetUserStatus', { id: u.id, status: u.status === 'ACTIVE' ? 'DISABLED' : 'ACTIVE' }))}>
                  {t(u.status === 'ACTIVE' ? '停用' : '启用')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('新建账号')}</h3>
      <div className="grid">
        <label className="field">
          <span>{t('用户名')}</span>
          <input value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('姓名')}</span>
          <input value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} />
        </label>
        <span>{t('角色')}</span>
        <div className="chips">
          {Object.entries(ROLE).map(([r, zh]) => (
            <label key={r} className="chip">
              <input
                type="checkbox"
                checked={form.roles.includes(r)}
                onChange={(e) => setForm({ ...form, roles: e.target.checked ? [...form.roles, r] : form.roles.filter((x) => x !== r) })}
              />{' '}
              {t(zh)}
            </label>
          ))}
        </div>
      </div>
      <p>
        <button
          type="button"
          className="primary"
          disabled={act.busy}
          onClick={() =>
            void run(async () => {
              const r = await gql<{ createUser: { oneTimePassword: string; user: { username: string } } }>('CreateUser', { input: { orgId, ...form } });
              setSecret({ username: r.createUser.user.username, password: r.createUser.oneTimePassword });
              setForm({ username: '', displayName: '', roles: ['CLERK'] });
              return r;
            })
          }
        >
          {t('创建')}
        </button>
      </p>
    </Section>
  );
}

interface Rule {
  id: string;
  orgId: string;
  name: string;
  side: string;
  direction: string;
  effect: string;
  senderLevels: string[] | null;
  receiverLevels: string[] | null;
  docTypes: string[] | null;
}

function RulesPanel({ t, orgId }: { t: T; orgId: string }) {
  const { data, error, refetch } = useQuery<{ routingRules: Rule[] }>('RoutingRules', { orgId });
  const act = useAction();
  const blank = {
    name: '',
    side: 'SENDER',
    direction: 'UP',
    effect: 'DENY',
    senderLevels: [] as string[],
    receiverLevels: [] as string[],
    docTypes: [] as string[],
  };
  const [rule, setRule] = useState(blank);
  const toggle = (k: 'senderLevels' | 'receiverLevels' | 'docTypes', v: string) =>
    setRule({ ...rule, [k]: rule[k].includes(v) ? rule[k].filter((x) => x !== v) : [...rule[k], v] });
  const create = () =>
    act.run(async () => {
      const orNull = (l: string[]) => (l.length ? l : null);
      await gql('CreateRoutingRule', {
        orgId,
        input: { ...rule, senderLevels: orNull(rule.senderLevels), receiverLevels: orNull(rule.receiverLevels), docTypes: orNull(rule.docTypes) },
      });
      setRule(blank);
      await refetch();
    });
  const levels = (l: string[] | null) => (l ? l.map((x) => t(LEVEL[x] ?? x)).join('、') : t('任意'));
  return (
    <Section title={t('发送规则')}>
      <p className="muted">{t('上级单位的规则向下继承；下级单位只能收窄，不能放宽。拒绝优先。')}</p>
      <ErrorNote error={error ?? act.error} />
      {data && data.routingRules.length === 0 && <Empty text={t('没有规则')} />}
      <table>
        <tbody>
          {(data?.routingRules ?? []).map((r) => (
            <tr key={r.id}>
              <td>
                <span className={`badge ${r.effect === 'ALLOW' ? 'good' : 'bad'}`}>{r.effect === 'ALLOW' ? `✓ ${t('允许')}` : `✕ ${t('拒绝')}`}</span>
              </td>
              <td>
                {r.name}
                <div className="muted">
                  {t({ DOWN: '下行', UP: '上行', LATERAL: '平行' }[r.direction] ?? r.direction)} · {levels(r.senderLevels)} → {levels(r.receiverLevels)} ·{' '}
                  {r.docTypes?.join('、') ?? t('所有文种')} {r.orgId !== orgId && `· ${t('继承')}`}
                </div>
              </td>
              <td>
                {r.orgId === orgId && (
                  <button
                    type="button"
                    onClick={() =>
                      void act.run(async () => {
                        await gql('DeleteRoutingRule', { id: r.id });
                        await refetch();
                      })
                    }
                  >
                    {t('删除')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('新增规则')}</h3>
      <div className="grid">
        <label className="field">
          <span>{t('规则说明')}</span>
          <input value={rule.name} onChange={(e) => setRule({ ...rule, name: e.target.value })} placeholder={t('如：本区部门不直接向省级报送')} />
        </label>
        <label className="field">
          <span>{t('方向')}</span>
          <select value={rule.direction} onChange={(e) => setRule({ ...rule, direction: e.target.value })}>
            <option value="DOWN">{t('下行')}</option>
            <option value="UP">{t('上行')}</option>
            <option value="LATERAL">{t('平行')}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('效果')}</span>
          <select value={rule.effect} onChange={(e) => setRule({ ...rule, effect: e.target.value })}>
            <option value="DENY">{t('拒绝')}</option>
            <option value="ALLOW">{t('允许')}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('适用于')}</span>
          <select value={rule.side} onChange={(e) => setRule({ ...rule, side: e.target.value })}>
            <option value="SENDER">{t('本单位及下级作为发文方')}</option>
            <option value="RECEIVER">{t('本单位及下级作为收文方')}</option>
          </select>
        </label>
        {(['senderLevels', 'receiverLevels'] as const).map((k) => (
          <div key={k} style={{ display: 'contents' }}>
            <span>{t(k === 'senderLevels' ? '发文方层级' : '收文方层级')}</span>
            <div className="chips">
              {Object.entries(LEVEL).map(([l, zh]) => (
                <label key={l} className="chip">
                  <input type="checkbox" checked={rule[k].includes(l)} onChange={() => toggle(k, l)} /> {t(zh)}
                </label>
              ))}
            </div>
          </div>
        ))}
        <span>{t('文种')}</span>
        <div className="chips">
          {DOC_TYPES.map((d) => (
            <label key={d} className="chip">
              <input type="checkbox" checked={rule.docTypes.includes(d)} onChange={() => toggle('docTypes', d)} /> {d}
            </label>
          ))}
        </div>
      </div>
      <p className="muted">{t('不选层级或文种表示任意。')}</p>
      <p>
        <button type="button" className="primary" disabled={act.busy || !rule.name.trim()} onClick={() => void create()}>
          {t('添加规则')}
        </button>
      </p>
    </Section>
  );
}

function ContactsPanel({ t, orgId }: { t: T; orgId: string }) {
  const { data, error, refetch } = useQuery<{
    contacts: { id: string; name: string; post: string; phone: string; mobile: string | null; urgentAlerts: boolean }[];
  }>('Contacts', { orgId });
  const act = useAction();
  const [c, setC] = useState({ name: '', post: '', phone: '', mobile: '', urgentAlerts: true });
  return (
    <Section title={t('公文传输联系人')}>
      <ErrorNote error={error ?? act.error} />
      <table>
        <tbody>
          {(data?.contacts ?? []).map((x) => (
            <tr key={x.id}>
              <td>{x.name}</td>
              <td>{x.post}</td>
              <td>
                {x.phone} {x.mobile && `· ${x.mobile}`}
              </td>
              <td>{x.urgentAlerts ? t('紧急公文短信提醒') : ''}</td>
              <td>
                <button
                  type="button"
                  onClick={() =>
                    void act.run(async () => {
                      await gql('RemoveContact', { id: x.id });
                      await refetch();
                    })
                  }
                >
                  {t('删除')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="grid">
        {(['name', 'post', 'phone', 'mobile'] as const).map((k) => (
          <label key={k} className="field">
            <span>{t({ name: '姓名', post: '职务', phone: '办公电话', mobile: '手机' }[k])}</span>
            <input value={c[k]} onChange={(e) => setC({ ...c, [k]: e.target.value })} />
          </label>
        ))}
        <label className="field">
          <span>{t('紧急公文短信提醒')}</span>
          <input type="checkbox" checked={c.urgentAlerts} onChange={(e) => setC({ ...c, urgentAlerts: e.target.checked })} />
        </label>
      </div>
      <p>
        <button
          type="button"
          disabled={act.busy}
          onClick={() =>
            void act.run(async () => {
              await gql('AddContact', { orgId, input: { ...c, mobile: c.mobile || null } });
              setC({ name: '', post: '', phone: '', mobile: '', urgentAlerts: true });
              await refetch();
            })
          }
        >
          {t('添加联系人')}
        </button>
      </p>
    </Section>
  );
}
