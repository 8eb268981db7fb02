'use client';
// 办理: the unit's handling of a document it signed for (条例 第二十四条), on the received document's page. The office
// (clerk) proposes (拟办) and distributes (传阅); a leader instructs (批示: 主办 and 协办 sections, deadline, readers);
// the named sections' people take it up (承办) and conclude it (办结) with the result; readers mark 已阅; the office
// or a leader urges (催办). Who has not read it, every step by name, updated live.
import { useState } from 'react';
import type { HandlingFullFragment } from '../generated/operations';
import { gql } from '../lib/client';
import { fmtTime } from '../lib/format';
import { useAction, useDebounced, useQuery, useSubscription } from '../lib/hooks';
import { useLang, useT } from '../lib/i18n';
import { hasRole, REGISTER_READERS, useSession } from '../lib/session';
import { FormSheetButton } from './FormSheetButton';
import { actorWords, ErrorNote, handlingNote, Section } from './ui';

export const HANDLING_ACTION: Record<string, string> = {
  PROPOSE: '拟办',
  INSTRUCT: '批示',
  DISTRIBUTE: '传阅',
  READ: '已阅',
  ACCEPT: '承办',
  URGE: '催办',
  ASSIST_DONE: '协办完成',
  CONCLUDE: '办结',
  // The unit's answer to the document, sent (答复, or 报送 to a report request): in its handling's history.
  REPLY: '答复',
  REPORT: '报送',
};
const TASK_STATUS: Record<string, string> = { ASSIGNED: '待承办', ACCEPTED: '承办中', DONE: '已完成' };
/** A Beijing date and time from a datetime-local input, for the API. */
const beijing = (local: string) => (local ? new Date(`${local}:00+08:00`).toISOString() : null);

/** `onChange`: the handling moved (an act here, or another's seen live): the page's own card of it reads it again. */
export function HandlingPanel({
  deliveryId,
  urgent,
  closed = false,
  onChange,
}: {
  deliveryId: string;
  urgent: boolean;
  /** The unit's clerk closed the delivery (办结): what was done stays shown, nothing more is offered. */
  closed?: boolean;
  onChange?: () => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const { session } = useSession();
  const { data, error, refetch } = useQuery('HandlingView', { deliveryId });
  const sections = useQuery('Sections', {});
  const users = useQuery('Users', session ? { orgId: session.user.org.id } : null);
  const act = useAction();
  const [text, setText] = useState('');
  const [lead, setLead] = useState('');
  const [assists, setAssists] = useState<string[]>([]);
  const [deadline, setDeadline] = useState('');
  const [readers, setReaders] = useState<string[]>([]);
  const refresh = useDebounced(() => {
    void refetch();
    onChange?.();
  });
  useSubscription('HandlingChanged', {}, (e) => {
    if (e.handlingChanged.deliveryId === deliveryId) refresh();
  });
  const h = data?.handling as HandlingFullFragment | undefined;
  if (error) return <ErrorNote error={error} />;
  if (!h || !session) return null;
  const me = session.user;
  const clerk = hasRole(session, 'CLERK');
  const leader = hasRole(session, 'LEADER');
  const mySection = (sections.data?.sections ?? []).find((s) => s.members.some((m) => m.id === me.id));
  const myTask = h.tasks.find((x) => x.sectionId === mySection?.id);
  const iRead = h.readers.find((r) => r.userId === me.id);
  const run = (send: () => Promise<unknown>) =>
    act.run(async () => {
      await send();
      setText('');
      await refetch();
      onChange?.();
    });
  const people = (users.data?.users ?? []).filter((u) => u.status === 'ACTIVE');
  const acting = !closed;

  return (
    <Section title={t('办理')} actions={hasRole(session, ...REGISTER_READERS) ? <FormSheetButton sheet="handling" id={deliveryId} /> : undefined}>
      <div className="grid" data-testid="handling">
        <span className="muted">{t('办理情况')}</span>
        <span data-testid="handling-status">{t(closed ? '已办结' : h.statusText)}</span>
        {h.proposal && (
          <>
            <span className="muted">{t('拟办意见')}</span>
            <span>
              {h.proposal} <span className="muted">· {h.proposedByName}</span>
            </span>
          </>
        )}
        {h.instruction && (
          <>
            <span className="muted">{t('领导批示')}</span>
            <span>
              {h.instruction} <span className="muted">· {h.instructedByName}</span>
            </span>
          </>
        )}
        {h.tasks.map((x) => (
          <span key={x.id} style={{ display: 'contents' }}>
            <span className="muted">{t(x.role === 'LEAD' ? '主办' : '协办')}</span>
            <span data-task={x.sectionName}>
              {x.sectionName} · {t(TASK_STATUS[x.status] ?? x.status)}
              {x.deadline && ` · ${t('限 {d} 前', { d: fmtTime(x.deadline) })}`}
              {x.overdue && <strong className="error"> {t('已超期')}</strong>}
              {x.result && <span className="muted"> · {x.result}</span>}
            </span>
          </span>
        ))}
        {h.result && (
          <>
            <span className="muted">{t('办理结果')}</span>
            <span>
              {h.result} <span className="muted">· {h.concludedByName}</span>
            </span>
          </>
        )}
        {h.readers.length > 0 && (
          <>
            <span className="muted">{t('传阅')}</span>
            <span data-testid="unread">
              {h.unread.length ? t('未阅：{n}', { n: h.unread.join(t('、')) }) : t('已全部阅毕')}
              {' · '}
              {t('已阅 {r}/{a}', { r: h.readers.length - h.unread.length, a: h.readers.length })}
            </span>
          </>
        )}
      </div>
      <ErrorNote error={act.error} />

      {acting && clerk && (h.status === 'REGISTERED' || h.status === 'PROPOSED') && (
        <p className="actions">
          <input aria-label={t('拟办意见')} placeholder={t('拟办意见')} value={text} onChange={(e) => setText(e.target.value)} style={{ width: '22rem' }} />
          <button type="button" disabled={act.busy || !text.trim()} onClick={() => void run(() => gql('ProposeHandling', { deliveryId, proposal: text }))}>
            {t('拟办')}
          </button>
        </p>
      )}

      {acting && leader && h.status === 'PROPOSED' && (
        <fieldset data-testid="instruct">
          <legend>{t('批示')}</legend>
          <p>
            <input aria-label={t('批示意见')} placeholder={t('批示意见')} value={text} onChange={(e) => setText(e.target.value)} style={{ width: '100%' }} />
          </p>
          <p className="actions">
            <select aria-label={t('主办')} value={lead} onChange={(e) => setLead(e.target.value)}>
              <option value="">{t('主办机构')}</option>
              {(sections.data?.sections ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
            {/* Who the chosen section is: its people take the work on (承办); a person outside it only reads. */}
            {lead && (
              <span className="muted" data-testid="lead-members">
                {t('成员：{names}', {
                  names:
                    (sections.data?.sections ?? [])
                      .find((s) => s.id === lead)
                      ?.members.map((m) => m.displayName)
                      .join(t('、')) || t('（无成员）'),
                })}
              </span>
            )}
            <label>
              {t('办理期限')}
              {urgent ? t('（紧急公文必填）') : ''}{' '}
              <input type="datetime-local" aria-label={t('办理期限')} value={deadline} onChange={(e) => setDeadline(e.target.value)} />
            </label>
          </p>
          <p className="actions">
            <span className="muted">{t('协办')}</span>
            {(sections.data?.sections ?? [])
              .filter((s) => s.id !== lead)
              .map((s) => (
                <label key={s.id} className="chip" title={s.members.map((m) => m.displayName).join(t('、'))}>
                  <input
                    type="checkbox"
                    checked={assists.includes(s.id)}
                    onChange={(e) => setAssists(e.target.checked ? [...assists, s.id] : assists.filter((x) => x !== s.id))}
                  />{' '}
                  {s.name}
                </label>
              ))}
          </p>
          <p className="actions">
            <span className="muted">{t('阅知人员')}</span>
            {people.map((u) => (
              <label key={u.id} className="chip">
                <input
                  type="checkbox"
                  checked={readers.includes(u.id)}
                  onChange={(e) => setReaders(e.target.checked ? [...readers, u.id] : readers.filter((x) => x !== u.id))}
                />{' '}
                {u.displayName}
              </label>
            ))}
          </p>
          <button
            type="button"
            className="primary"
            disabled={act.busy || !text.trim() || !lead || (urgent && !deadline)}
            onClick={() =>
              void run(() =>
                gql('InstructHandling', {
                  deliveryId,
                  input: {
                    instruction: text,
                    leadSectionId: lead,
                    deadline: beijing(deadline),
                    assistSections: assists.filter((a) => a !== lead).map((sectionId) => ({ sectionId })),
                    readerIds: readers,
                  },
                }),
              )
            }
          >
            {t('批示')}
          </button>
        </fieldset>
      )}

      {acting && myTask && myTask.status === 'ASSIGNED' && (h.status === 'INSTRUCTED' || h.status === 'HANDLING') && (
        <p className="actions">
          <button type="button" className="primary" disabled={act.busy} onClick={() => void run(() => gql('AcceptHandling', { deliveryId }))}>
            {t('承办')}
          </button>
          <span className="muted">{t('{s}{r}', { s: myTask.sectionName, r: myTask.role === 'LEAD' ? t('（主办）') : t('（协办）') })}</span>
        </p>
      )}
      {acting && myTask && myTask.status === 'ACCEPTED' && (
        <p className="actions">
          <input aria-label={t('办理结果')} placeholder={t('办理结果')} value={text} onChange={(e) => setText(e.target.value)} style={{ width: '22rem' }} />
          <button
            type="button"
            className="primary"
            disabled={act.busy || !text.trim()}
            onClick={() => void run(() => gql('ConcludeHandling', { deliveryId, result: text }))}
          >
            {t(myTask.role === 'LEAD' ? '办结' : '协办完成')}
          </button>
        </p>
      )}
      {acting && iRead && !iRead.readAt && (
        <p className="actions">
          <input aria-label={t('阅知意见')} placeholder={t('阅知意见（可不填）')} value={text} onChange={(e) => setText(e.target.value)} />
          <button type="button" disabled={act.busy} onClick={() => void run(() => gql('MarkHandlingRead', { deliveryId, comment: text || null }))}>
            {t('已阅')}
          </button>
        </p>
      )}
      {acting && clerk && h.status !== 'CONCLUDED' && (
        <p className="actions">
          <label htmlFor="circulate-readers">{t('传阅人员（按住 Ctrl 多选）')}</label>
          <select id="circulate-readers" multiple value={readers} onChange={(e) => setReaders([...e.target.selectedOptions].map((o) => o.value))}>
            {people.map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName}
              </option>
            ))}
          </select>
          <button
            type="button"
            disabled={act.busy || !readers.length}
            onClick={() => void run(() => gql('DistributeDelivery', { deliveryId, userIds: readers }))}
          >
            {t('分送传阅')}
          </button>
        </p>
      )}
      {(clerk || leader) && (h.status === 'INSTRUCTED' || h.status === 'HANDLING') && (
        <p className="actions">
          <button type="button" disabled={act.busy} onClick={() => void run(() => gql('UrgeHandling', { deliveryId, note: null }))}>
            {t('催办')}
          </button>
          <span className="muted">{t('站内提醒承办机构；已登记值班手机的同时发短信')}</span>
        </p>
      )}

      {h.history.length > 0 && (
        <table data-testid="handling-history">
          <tbody>
            {/* Each step on one line (time, step, who), what was written on its own line below, across the column: in
                the page's side column a fourth cell left a few characters a line to an opinion. */}
            {h.history.flatMap((s) => {
              const key = `${s.at}-${s.action}-${s.actorName}`;
              const note = handlingNote(s.note, lang);
              const channel = s.channel ? t('（{r}）', { r: s.channel.replace('IN_APP', t('站内')).replace('SMS', t('短信')) }) : '';
              return [
                <tr key={key} className={note || channel ? 'step-with-note' : undefined}>
                  <td className="nowrap">{fmtTime(s.at)}</td>
                  <td className="nowrap">{t(HANDLING_ACTION[s.action] ?? s.action)}</td>
                  <td className="nowrap">{actorWords(t, s.actorName)}</td>
                </tr>,
                ...(note || channel
                  ? [
                      <tr key={`${key}-note`} className="step-note">
                        <td colSpan={3} className="muted">
                          {note} {channel}
                        </td>
                      </tr>,
                    ]
                  : []),
              ];
            })}
          </tbody>
        </table>
      )}
    </Section>
  );
}
