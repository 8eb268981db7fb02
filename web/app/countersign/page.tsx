'use client';
// 会签 (联合行文): the joint documents other units lead that wait for this unit — its leader reads each and countersigns
// or declines with the reason; where the unit has a seal in use, its seal keepers ask for the stamp first (the two
// custodians present their PINs on the 印章 page) — and the 会签 of the joint documents this unit leads.
import { useState } from 'react';
import { DocumentSheet } from '../../components/DocumentSheet';
import { Shell } from '../../components/Shell';
import { Empty, ErrorNote, Section } from '../../components/ui';
import type { CoIssuerStateFragment } from '../../generated/operations';
import { gql } from '../../lib/client';
import { fmtTime } from '../../lib/format';
import { useAction, useQuery } from '../../lib/hooks';
import { type T, useT } from '../../lib/i18n';
import { hasRole, useSession } from '../../lib/session';

export default function CountersignPage() {
  return (
    <Shell>
      <Countersign />
    </Shell>
  );
}

const STATE: Record<string, string> = { PENDING: '待会签', COUNTERSIGNED: '已会签', DECLINED: '不同意' };

/** Each co-issuer's 会签 in words (never colour alone): unit, state, who and when, the reason of a decline. */
export function CoIssuerList({ t, list }: { t: T; list: CoIssuerStateFragment[] }) {
  return (
    <ul className="co-issuers">
      {list.map((c) => (
        <li key={c.orgId} data-co-issuer={c.orgName} data-status={c.status}>
          {c.orgName}：{t(STATE[c.status] ?? c.status)}
          {c.decidedByName ? `（${c.decidedByName} ${fmtTime(c.decidedAt)}${c.stamped ? `，${t('已加盖本单位印章')}` : ''}）` : ''}
          {c.status === 'DECLINED' && c.comment ? ` ${t('理由')}${t('：')}${c.comment}` : ''}
        </li>
      ))}
    </ul>
  );
}

function Countersign() {
  const t = useT();
  const { session } = useSession();
  const leader = hasRole(session, 'LEADER');
  const keeper = hasRole(session, 'SEAL_KEEPER');
  const waiting = useQuery('CountersignRequests', leader || keeper ? {} : null);
  const own = useQuery('JointDocuments', { status: 'APPROVED', first: 100 });
  const act = useAction();
  const [openId, setOpenId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const run = (fn: () => Promise<unknown>, done: string) =>
    act.run(async () => {
      await fn();
      setNote('');
      setNotice(done);
      await Promise.all([waiting.refetch(), own.refetch()]);
    });
  const docs = waiting.data?.countersignRequests ?? [];
  const joint = (own.data?.documents ?? []).filter((d) => d.coIssuers.length);
  return (
    <>
      <h1>{t('会签')}</h1>
      <ErrorNote error={act.error ?? waiting.error ?? own.error} />
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {(leader || keeper) && (
        <Section title={t('待本单位会签的联合行文')}>
          {docs.length === 0 ? (
            <Empty text={t('没有待本单位会签的公文')} />
          ) : (
            docs.map((d) => (
              <div key={d.id} className="card" data-countersign={d.id}>
                <p>
                  <button type="button" className="link" onClick={() => setOpenId(openId === d.id ? null : d.id)}>
                    {d.title}
                  </button>
                  <span className="muted">
                    {' '}
                    {t('主办单位')}
                    {t('：')}
                    {d.orgName} · {d.authorName} · {fmtTime(d.updatedAt)}
                  </span>
                </p>
                {openId === d.id && <DocumentSheet doc={d} />}
                <div className="actions">
                  {keeper && (
                    <button
                      type="button"
                      disabled={act.busy}
                      onClick={() => void run(() => gql('RequestStamp', { documentId: d.id }), t('已申请用印：请两名印章保管人在“印章”页确认'))}
                    >
                      {t('申请用印')}
                    </button>
                  )}
                  {leader && (
                    <>
                      <input aria-label={t('会签意见')} placeholder={t('会签意见（不同意时必填）')} value={note} onChange={(e) => setNote(e.target.value)} />
                      <button
                        type="button"
                        className="primary"
                        disabled={act.busy}
                        onClick={() => void run(() => gql('CountersignDocument', { id: d.id, comment: note || null }), t('已会签'))}
                      >
                        {t('同意会签')}
                      </button>
                      <button
                        type="button"
                        disabled={act.busy || !note.trim()}
                        title={t('不同意须填写理由')}
                        onClick={() => void run(() => gql('DeclineCountersign', { id: d.id, reason: note }), t('已退回主办单位'))}
                      >
                        {t('不同意')}
                      </button>
                    </>
                  )}
                </div>
              </div>
            ))
          )}
        </Section>
      )}
      <Section title={t('本单位主办的联合行文')}>
        {joint.length === 0 ? (
          <Empty text={t('没有待会签或待发送的联合行文')} />
        ) : (
          <table>
            <tbody>
              {joint.map((d) => (
                <tr key={d.id} data-joint={d.id}>
                  <td>
                    {d.title}
                    <div className="muted">
                      {d.docType} · {fmtTime(d.updatedAt)}
                    </div>
                  </td>
                  <td>
                    <CoIssuerList t={t} list={d.coIssuers} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </>
  );
}
