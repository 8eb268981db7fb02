'use client';
// 审计日志: what the unit's people did and what was done to the unit — logins, administrative changes, document
// actions (the document named by its title), downloads and exports — with the person's name and address; the CSV
// for the period; and the reports of seed 003 §42: accounts unused for long, and login patterns worth a look.
import { useState } from 'react';
import type { AuditCategory, AuditLogQuery, AuditOutcome } from '../../generated/operations';
import { gql } from '../../lib/client';
import { errorWords } from '../../lib/errors';
import { saveFile } from '../../lib/files';
import { fmtTime, todayInBeijing } from '../../lib/format';
import { useAction, useQuery } from '../../lib/hooks';
import { type Lang, type T, useLang } from '../../lib/i18n';
import { Empty, ErrorNote, Section } from '../ui';
import { auditActionKey, auditActionWords, auditDraftTitle, auditSubjectIds, AUDIT_CATEGORY as CATEGORY, englishAction } from './audit-words';

const PATTERN: Record<string, string> = {
  FAILED_LOGINS: '同一账号多次登录失败',
  ADDRESS_TRYING_MANY_ACCOUNTS: '同一地址尝试多个账号',
  MANY_ADDRESSES: '同一账号从多个地址登录',
};
/** What a pattern's count counts. */
const PATTERN_COUNT: Record<string, string> = {
  FAILED_LOGINS: '失败 {n} 次',
  ADDRESS_TRYING_MANY_ACCOUNTS: '{n} 个账号',
  MANY_ADDRESSES: '{n} 个地址',
};

type Entry = AuditLogQuery['auditLog']['nodes'][number];

/** A refusal in words; its code is in the row's tooltip (the entry's detail), for the help desk. */
function refusal(t: T, lang: Lang, detail: string): string {
  const code = (JSON.parse(detail) as { code?: string }).code ?? '';
  const words = code ? errorWords(code, lang) : undefined;
  return `${t('被拒绝')}${words ? `${lang === 'en' ? ': ' : '：'}${words}` : code ? ` (${code})` : ''}`;
}

export function AuditPanel({ t, orgId }: { t: T; orgId: string }) {
  const [category, setCategory] = useState<AuditCategory | ''>('');
  const [outcome, setOutcome] = useState<AuditOutcome | ''>('');
  const [days, setDays] = useState(90);
  const vars = { orgId, category: category || null, outcome: outcome || null };
  const log = useQuery('AuditLog', { ...vars, after: null });
  // Pages after the first, as "更多" fetches them: the entries, and where the last one ended.
  const [more, setMore] = useState<{ nodes: Entry[]; endCursor: string | null; hasNextPage: boolean } | null>(null);
  const unused = useQuery('UnusedAccounts', { orgId, days });
  const suspicious = useQuery('SuspiciousActivity', { orgId, days: 7 });
  const act = useAction();
  const { lang } = useLang();
  const page = log.data?.auditLog;
  const tail = more ?? (page ? { nodes: [], ...page.pageInfo } : null);

  const loadMore = async () => {
    const r = await act.run(() => gql('AuditLog', { ...vars, after: tail?.endCursor ?? null }));
    if (!r) return;
    setMore({ nodes: [...(more?.nodes ?? []), ...r.auditLog.nodes], ...r.auditLog.pageInfo });
  };
  const exportCsv = async () => {
    const r = await act.run(() => gql('AuditLogCsv', vars));
    if (r) saveFile(`审计日志-${todayInBeijing()}.csv`, r.auditLogCsv, 'text/csv;charset=utf-8');
  };
  const reset = () => setMore(null);
  const entries = [...(page?.nodes ?? []), ...(more?.nodes ?? [])];
  // What each entry was about, by title: the documents and deliveries its ids name, as far as this unit may see them.
  const subjectIds = [...new Set(entries.flatMap((e) => auditSubjectIds(e.targetId, e.detail)))].slice(0, 200);
  const titles = useQuery('DocumentTitles', subjectIds.length ? { ids: subjectIds } : null);
  const titleOf = new Map((titles.data?.documentTitles ?? []).map((d) => [d.id, d]));
  const subject = (e: Entry) => {
    // What another service's entry acted on is named by the entry itself (an archived record by its 档号, a certificate
    // by its holder); a document's, by the document's title and number as this unit sees them now.
    if (e.targetName && e.source !== 'documents') return e.targetName;
    const named = auditSubjectIds(e.targetId, e.detail).flatMap((id) => titleOf.get(id) ?? []);
    const [first] = named;
    // Else what the entry itself named (a person, a certificate, a record, a file); a draft made by the entry names no
    // id yet: its title is in the arguments the log kept.
    if (!first) {
      const title = auditDraftTitle(e.detail);
      return e.targetName ?? (title ? `《${title}》` : '—');
    }
    const one = `《${first.title}》${first.docNumber ? ` ${first.docNumber}` : ''}`;
    return named.length > 1 ? t('{d} 等 {n} 件', { d: one, n: named.length }) : one;
  };

  return (
    <>
      <Section
        title={t('审计日志')}
        actions={
          <button type="button" onClick={() => void exportCsv()} disabled={act.busy}>
            {t('导出 CSV')}
          </button>
        }
      >
        <ErrorNote error={log.error ?? act.error} />
        <div className="actions" style={{ marginBottom: '0.5rem' }}>
          <label>
            {t('类别')}{' '}
            <select
              aria-label={t('类别')}
              value={category}
              onChange={(e) => {
                reset();
                setCategory(e.target.value as AuditCategory | '');
              }}
            >
              <option value="">{t('全部')}</option>
              {Object.entries(CATEGORY).map(([k, zh]) => (
                <option key={k} value={k}>
                  {t(zh)}
                </option>
              ))}
            </select>
          </label>{' '}
          <label>
            {t('结果')}{' '}
            <select
              aria-label={t('结果')}
              value={outcome}
              onChange={(e) => {
                reset();
                setOutcome(e.target.value as AuditOutcome | '');
              }}
            >
              <option value="">{t('全部')}</option>
              <option value="OK">{t('成功')}</option>
              <option value="REFUSED">{t('被拒绝')}</option>
            </select>
          </label>
        </div>
        {entries.length === 0 && !log.loading ? (
          <Empty text={t('没有记录')} />
        ) : (
          <table data-testid="audit-log">
            <thead>
              <tr>
                <th>{t('时间')}</th>
                <th>{t('类别')}</th>
                <th>{t('操作')}</th>
                <th>{t('对象')}</th>
                <th>{t('结果')}</th>
                <th>{t('操作人')}</th>
                <th>{t('所在单位')}</th>
                <th>{t('地址')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id} data-action={e.action} title={e.detail}>
                  <td className="nowrap">{fmtTime(e.at)}</td>
                  <td>{t(CATEGORY[e.category] ?? e.category)}</td>
                  <td className="nowrap">{(lang === 'zh' && auditActionWords(e)) || englishAction(auditActionKey(e))}</td>
                  <td data-testid="audit-subject" style={{ maxWidth: '22em' }}>
                    {subject(e)}
                  </td>
                  <td className={e.outcome === 'OK' ? '' : 'warn'}>{e.outcome === 'OK' ? t('成功') : refusal(t, lang, e.detail)}</td>
                  <td className="nowrap">{e.actorName ?? (e.actorUsername ? t('（未知账号 {u}）', { u: e.actorUsername }) : '—')}</td>
                  <td>{e.unitName ?? '—'}</td>
                  <td>{e.clientAddress ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {tail?.hasNextPage && (
          <button type="button" onClick={() => void loadMore()} disabled={act.busy}>
            {t('更多')}
          </button>
        )}
      </Section>
      <Section title={t('可疑登录（近 7 天）')}>
        <ErrorNote error={suspicious.error} />
        {(suspicious.data?.suspiciousActivity ?? []).length === 0 ? (
          <Empty text={t('未发现可疑登录')} />
        ) : (
          <table data-testid="suspicious">
            <thead>
              <tr>
                <th>{t('情形')}</th>
                <th>{t('账号或地址')}</th>
                <th>{t('次数')}</th>
                <th>{t('时间')}</th>
              </tr>
            </thead>
            <tbody>
              {suspicious.data?.suspiciousActivity.map((s) => (
                <tr key={`${s.kind}-${s.actorName}-${s.clientAddress}`}>
                  <td>{t(PATTERN[s.kind] ?? s.kind)}</td>
                  <td>{s.actorName ?? s.clientAddress}</td>
                  <td>{t(PATTERN_COUNT[s.kind] ?? '{n}', { n: s.count })}</td>
                  <td className="nowrap">{fmtTime(s.firstAt) === fmtTime(s.lastAt) ? fmtTime(s.firstAt) : `${fmtTime(s.firstAt)} — ${fmtTime(s.lastAt)}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      <Section
        title={t('长期未使用的账号')}
        actions={
          <label>
            {t('超过')}{' '}
            <input
              type="number"
              min={1}
              max={3650}
              value={days}
              onChange={(e) => setDays(Math.max(1, Number(e.target.value) || 90))}
              style={{ width: '5rem' }}
            />{' '}
            {t('天')}
          </label>
        }
      >
        <ErrorNote error={unused.error} />
        {(unused.data?.unusedAccounts ?? []).length === 0 ? (
          <Empty text={t('没有长期未使用的账号')} />
        ) : (
          <table data-testid="unused-accounts">
            <thead>
              <tr>
                <th>{t('姓名')}</th>
                <th>{t('单位')}</th>
                <th>{t('最近登录')}</th>
              </tr>
            </thead>
            <tbody>
              {unused.data?.unusedAccounts.map((u) => (
                <tr key={u.id}>
                  <td>{u.displayName}</td>
                  <td>{u.unitName}</td>
                  <td>{u.lastLoginAt ? fmtTime(u.lastLoginAt) : t('从未登录')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </>
  );
}
