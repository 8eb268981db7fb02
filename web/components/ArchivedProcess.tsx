'use client';
// An archived record's 流转与办理记录: what the record keeps beside its body and files (its `events`, as the documents
// service handed them over when it was archived) — to whom the document went, when each unit received it and signed
// for it, by whom, what was returned or resent, and, in a recipient's own record, how the unit handled it (拟办, 批示,
// 承办, 传阅, 办结). An archivist reads the process of a record as much as its text; the codes are shown in words.
import { useMemo, useState } from 'react';
import { fmtTime } from '../lib/format';
import { type T, useLang, useT } from '../lib/i18n';
import { HANDLING_ACTION } from './HandlingPanel';
import { actorWords, handlingNote, historyStep, STATUS } from './ui';

type Step = { action: string; actor: string | null; reason?: string | null; note: string | null; at: string };
type Handling = {
  status: string;
  proposal: string | null;
  proposedBy: string | null;
  instruction: string | null;
  instructedBy: string | null;
  result: string | null;
  concludedBy: string | null;
  concludedAt: string | null;
  tasks: { section: string; role: string; status: string; result: string | null; doneBy: string | null; doneAt: string | null }[];
  readers: { name: string; readAt: string | null; comment: string | null }[];
  steps: Step[];
};
type ArchivedDelivery = {
  id: string;
  recipient_name: string;
  role: string;
  status: string;
  delivered_at: string;
  history: Step[];
  handling: Handling | null;
};

const list = <X,>(x: X[] | null | undefined): X[] => (Array.isArray(x) ? x : []);
/** A time as the record keeps it, or a dash for one it does not (a record imported from elsewhere). */
const when = (at: string | null | undefined) => (at && !Number.isNaN(Date.parse(at)) ? fmtTime(at) : '—');

/**
 * The record's deliveries, read with care (a record imported from elsewhere may lack a part): those where something
 * happened after delivery, and those where nothing did.
 */
function splitDeliveries(events: unknown): { acted: ArchivedDelivery[]; waiting: ArchivedDelivery[] } {
  const acted: ArchivedDelivery[] = [];
  const waiting: ArchivedDelivery[] = [];
  for (const e of Array.isArray(events) ? events : []) {
    if (!e || typeof e !== 'object' || typeof (e as ArchivedDelivery).recipient_name !== 'string') continue;
    const d = e as ArchivedDelivery;
    (list(d.history).length || list(d.handling?.steps).length ? acted : waiting).push(d);
  }
  return { acted, waiting };
}

/** How many units still waiting are named before "等". */
const NAMED_WAITING = 30;
/** How many units with steps are shown before "show all": a province-wide notice has thousands. */
const SHOWN_FIRST = 100;

export function ArchivedProcess({ events }: { events: unknown }) {
  const t = useT();
  const { lang } = useLang();
  // A province-wide notice goes to thousands of units: those where nothing happened after delivery are one line, and
  // the others are shown a hundred at first.
  const { acted, waiting } = useMemo(() => splitDeliveries(events), [events]);
  const [all, setAll] = useState(false);
  if (!acted.length && !waiting.length) return null;
  return (
    <div data-testid="archived-process">
      <h3>{t('流转与办理记录')}</h3>
      <table>
        <tbody>
          {(all ? acted : acted.slice(0, SHOWN_FIRST)).map((d) => (
            <tr key={d.id} data-archived-delivery={d.recipient_name}>
              <td>
                <strong>{d.recipient_name}</strong>
                <div className="muted">
                  {t(d.role === 'CC' ? '抄送' : '主送')} · {t(STATUS[d.status]?.zh ?? d.status)}
                </div>
              </td>
              <td>
                <ul className="steps">
                  <StepLine at={d.delivered_at} actor={null} text={t('送达')} />
                  {list(d.history).map((h) => (
                    <StepLine key={`h-${h.at}-${h.action}`} at={h.at} actor={h.actor && actorWords(t, h.actor)} text={historyStep(t, h, lang)} />
                  ))}
                  {list(d.handling?.steps).map((s) => (
                    <StepLine
                      key={`s-${s.at}-${s.action}-${s.actor}`}
                      at={s.at}
                      actor={s.actor && actorWords(t, s.actor)}
                      text={[t(HANDLING_ACTION[s.action] ?? s.action), handlingNote(s.note, lang)].filter(Boolean).join(' · ')}
                    />
                  ))}
                </ul>
                {d.handling && <HandlingSummary h={d.handling} t={t} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!all && acted.length > SHOWN_FIRST && (
        <p>
          <button type="button" className="link" onClick={() => setAll(true)}>
            {t('显示全部 {n} 个单位', { n: acted.length })}
          </button>
        </p>
      )}
      {waiting.length > 0 && (
        <p className="muted" data-testid="archived-waiting">
          {t('已送达、未接收（{n} 个单位）', { n: waiting.length })}：
          {waiting
            .slice(0, NAMED_WAITING)
            .map((d) => d.recipient_name)
            .join(t('、'))}
          {waiting.length > NAMED_WAITING ? t('等') : ''}
        </p>
      )}
    </div>
  );
}

/** One step: when, who, what. */
function StepLine({ at, actor, text }: { at: string | null | undefined; actor: string | null; text: string }) {
  return (
    <li>
      <span className="muted">{when(at)}</span> {actor ? `${actor} · ` : ''}
      {text}
    </li>
  );
}

/** The handling's outcome as the unit recorded it: the proposal, the leader's instruction, the sections' work, the result. */
function HandlingSummary({ h, t }: { h: Handling; t: T }) {
  const line = (label: string, text: string | null, by: string | null) =>
    text ? (
      <li>
        {t(label)}
        {t('：')}
        {text}
        {by ? <span className="muted">{t('（{r}）', { r: by })}</span> : null}
      </li>
    ) : null;
  return (
    <ul data-testid="archived-handling">
      {line('拟办意见', h.proposal, h.proposedBy)}
      {line('领导批示', h.instruction, h.instructedBy)}
      {list(h.tasks).map((task) => (
        <li key={`${task.section}-${task.role}-${task.doneAt}`}>
          {task.section}
          {t('（{r}）', { r: t(task.role === 'LEAD' ? '主办' : '协办') })}
          {task.result ? `${t('：')}${task.result}` : ''}
          {task.doneBy ? <span className="muted">{t('（{r}）', { r: task.doneBy })}</span> : null}
        </li>
      ))}
      {list(h.readers).length > 0 && (
        <li>
          {t('传阅')}
          {t('：')}
          {list(h.readers)
            .map((r) => `${r.name}${r.readAt ? `（${t('已阅')}）` : ''}`)
            .join(t('、'))}
        </li>
      )}
      {line('办理结果', h.result, h.concludedBy)}
    </ul>
  );
}
