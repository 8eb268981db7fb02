'use client';
// 人员名单备案 (seed 001 §32): the units below the one chosen, each with the transmission staff it filed (names, posts,
// telephones and mobiles) and when its list last changed; those that filed no one reachable by mobile stand out and
// can be shown alone; the whole roster exported for the office's file.
import { useState } from 'react';
import type { ContactRosterQuery } from '../../generated/operations';
import { gql } from '../../lib/client';
import { fmtTime } from '../../lib/format';
import { useAction, useQuery } from '../../lib/hooks';
import type { T } from '../../lib/i18n';
import type { Table } from '../../lib/sheet';
import { ExportButtons } from '../Export';
import { ErrorNote, LEVEL, Section } from '../ui';

type Unit = ContactRosterQuery['contactRoster']['nodes'][number];

const PAGE = 100;

export function RosterPanel({ t, orgId, orgName }: { t: T; orgId: string; orgName: string }) {
  const [notFiledOnly, setNotFiledOnly] = useState(false);
  const { data, error } = useQuery('ContactRoster', { rootId: orgId, notFiledOnly, first: PAGE });
  const more = useAction();
  const [later, setLater] = useState<{ key: string; units: Unit[]; after: string | null; hasNext: boolean } | null>(null);
  const key = `${orgId}:${notFiledOnly}`;
  const roster = data?.contactRoster;
  const extra = later?.key === key ? later : null;
  const units = [...(roster?.nodes ?? []), ...(extra?.units ?? [])];
  const hasNext = extra ? extra.hasNext : !!roster?.pageInfo.hasNextPage;
  const after = extra ? extra.after : (roster?.pageInfo.endCursor ?? null);
  const loadMore = () =>
    void more.run(async () => {
      const r = (await gql('ContactRoster', { rootId: orgId, notFiledOnly, first: PAGE, after })).contactRoster;
      setLater({ key, units: [...(extra?.units ?? []), ...r.nodes], after: r.pageInfo.endCursor, hasNext: r.pageInfo.hasNextPage });
    });
  // Every unit of the roster for the file, read a page at a time at the click.
  const table = async (): Promise<Table> => {
    const all: Unit[] = [];
    let cursor: string | null = null;
    for (;;) {
      const r: ContactRosterQuery['contactRoster'] = (await gql('ContactRoster', { rootId: orgId, notFiledOnly, first: 200, after: cursor })).contactRoster;
      all.push(...r.nodes);
      if (!r.pageInfo.hasNextPage) break;
      cursor = r.pageInfo.endCursor;
    }
    return {
      title: t('人员名单备案'),
      header: [t('单位'), t('层级'), t('姓名'), t('职务'), t('办公电话'), t('手机'), t('备案情况'), t('最近变更')],
      rows: all.flatMap((u) =>
        (u.contacts.length ? u.contacts : [null]).map((c) => [
          u.name,
          t(LEVEL[u.level] ?? u.level),
          c?.name ?? '',
          c?.post ?? '',
          c?.phone ?? '',
          c?.mobile ?? '',
          t(u.filed ? '已备案' : '未备案'),
          u.changedAt ? fmtTime(u.changedAt) : '',
        ]),
      ),
    };
  };
  return (
    <Section title={t('人员名单备案')} actions={<ExportButtons base={`${orgName}-${t('人员名单备案')}`} table={table} disabled={!roster} />}>
      <p className="muted">{t('各单位报送的公文传输人员名单和手机号码；人员变动后由各单位在“联系人”中更新。')}</p>
      <ErrorNote error={error ?? more.error} />
      {roster && (
        <p className="actions" data-testid="roster-counts">
          {t('共 {n} 个单位，已备案 {f} 个，未备案 {m} 个', { n: roster.totalCount, f: roster.filedCount, m: roster.totalCount - roster.filedCount })}
          <label>
            <input type="checkbox" checked={notFiledOnly} onChange={(e) => setNotFiledOnly(e.target.checked)} /> {t('只看未备案单位')}
          </label>
        </p>
      )}
      <table aria-label={t('人员名单备案')}>
        <thead>
          <tr>
            <th>{t('单位')}</th>
            <th>{t('公文传输人员')}</th>
            <th>{t('备案情况')}</th>
            <th>{t('最近变更')}</th>
          </tr>
        </thead>
        <tbody>
          {units.map((u) => (
            <tr key={u.orgId} data-roster-unit={u.name}>
              <td>
                {u.name} <span className="muted">{t(LEVEL[u.level] ?? u.level)}</span>
              </td>
              <td>
                {u.contacts.length
                  ? u.contacts.map((c) => (
                      <div key={c.id}>
                        {c.name} · {c.post} · {c.phone}
                        {c.mobile ? ` · ${c.mobile}` : ''}
                      </div>
                    ))
                  : '—'}
              </td>
              <td>
                <span className={`badge ${u.filed ? 'good' : 'bad'}`}>{t(u.filed ? '已备案' : '未备案')}</span>
              </td>
              <td className="nowrap">{u.changedAt ? fmtTime(u.changedAt) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {hasNext && (
        <p>
          <button type="button" disabled={more.busy} onClick={loadMore}>
            {t('加载更多')}
          </button>
        </p>
      )}
    </Section>
  );
}
