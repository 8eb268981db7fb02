'use client';
// What waits for the person, in the navigation and the tab's title: 待签收 beside 收文 (the unit's deliveries not yet
// signed for) and 待办 beside 待办 (handling given to them or their section, updated live from the inbox and handling
// subscriptions, and the decisions waiting for them, read with each page). An urgent arrival (特提, 特急, 加急) shows a notice on every page, with a chime and a desktop
// notification as lib/alerts.ts allows.
import Link from 'next/link';
import { useEffect, useState } from 'react';
import type { NavCountsQuery } from '../generated/operations';
import { chime, notify, URGENT_GRADES, unlockAudio } from '../lib/alerts';
import { useDebounced, useQuery, useSubscription } from '../lib/hooks';
import { useT } from '../lib/i18n';
import { titleWithCount } from '../lib/tab-title';
import { URGENCY } from '../lib/urgency';
import { onWorkCountsChanged } from '../lib/work-changed';
import { useDecisions } from './Decisions';

type Arrival = NavCountsQuery['inbox']['nodes'][number];

type Shown = Arrival & { sound: string; notified: boolean };

/** The deliveries this tab has already seen, and the urgent ones not yet dismissed, across its pages (the shell is
 * drawn anew on each), per login. */
let seen: { token: string; ids: Set<string>; shown: Shown[]; counts: WorkCounts } | null = null;

/** Tells the navigation's counts that the person changed one of them (as reading a 内部邮件 or resubmitting a 信息 does). */
export { workCountsChanged } from '../lib/work-changed';

export interface WorkCounts {
  unsigned: number | null;
  todo: number | null;
  /** 内部邮件 not yet read (read again with each page). */
  mail: number | null;
  /** 信息 sent back to the person, waiting for her change (read again with each page). */
  information: number | null;
}

const countsOf = (data: NavCountsQuery, decisions: number): WorkCounts => ({
  unsigned: data.inbox.unsignedCount,
  todo: data.todo.length + decisions,
  mail: data.mailUnread,
  information: data.informationReturned,
});

export function useWorkCounts(token: string): { counts: WorkCounts; arrivals: Shown[]; dismiss: () => void } {
  const t = useT();
  const { data, refetch } = useQuery('NavCounts', {});
  // 待办 counts the decisions waiting for the person (certificate, seal and archive applications; the calendar) as
  // its page lists them, beside the handling.
  const decisions = useDecisions().length;
  const refresh = useDebounced(() => void refetch(), 300);
  useSubscription('InboxChanged', {}, refresh);
  useSubscription('HandlingChanged', {}, refresh);
  // What the person did on a page that moves a count with no live event of its own (a mail read): read them again.
  useEffect(() => onWorkCountsChanged(refresh), [refresh]);
  const [arrivals, setArrivals] = useState<Shown[]>(() => (seen?.token === token ? seen.shown : []));
  // Browsers let sound play only after a gesture on the page: the first click or key press opens the way.
  useEffect(() => {
    const unlock = () => unlockAudio();
    window.addEventListener('pointerdown', unlock, { capture: true });
    window.addEventListener('keydown', unlock, { capture: true });
    return () => {
      window.removeEventListener('pointerdown', unlock, { capture: true });
      window.removeEventListener('keydown', unlock, { capture: true });
    };
  }, []);
  useEffect(() => {
    if (!data) return;
    const nodes = data.inbox.nodes;
    if (!seen || seen.token !== token) {
      // What was there when the tab opened is not an arrival.
      seen = { token, ids: new Set(nodes.map((n) => n.id)), shown: [], counts: countsOf(data, decisions) };
      return;
    }
    seen.counts = countsOf(data, decisions);
    const fresh = nodes.filter((n) => !seen!.ids.has(n.id));
    for (const n of fresh) seen.ids.add(n.id);
    const urgent = fresh.filter((n) => URGENT_GRADES.includes(n.urgency));
    if (!urgent.length) return;
    const sound = chime();
    const shown = urgent.map((n) => ({
      ...n,
      sound,
      notified: notify(t('{u}公文到达', { u: t(URGENCY[n.urgency] ?? n.urgency) }), `${n.senderName}：${n.title}`, n.id),
    }));
    seen.shown = [...shown, ...seen.shown].slice(0, 5);
    setArrivals(seen.shown);
  }, [data, token, t, decisions]);
  // Until this page's first answer, the counts the tab last knew (no flicker from page to page).
  const known = seen?.token === token ? seen.counts : { unsigned: null, todo: null, mail: null, information: null };
  return {
    counts: data ? countsOf(data, decisions) : known,
    arrivals,
    dismiss: () => {
      if (seen) seen.shown = [];
      setArrivals([]);
    },
  };
}

/** The count beside a navigation entry: hidden from screen readers, which read the link's description instead. */
export function NavCount({ n, testId }: { n: number | null; testId: string }) {
  if (!n) return null;
  return (
    <span className="nav-count" aria-hidden="true" data-testid={testId}>
      {n > 99 ? '99+' : n}
    </span>
  );
}

/** The browser tab's title with what waits: "(3) 驿站 · 电子公文传输"; kept when the router sets the title again. */
export function useTabTitle(total: number) {
  useEffect(() => {
    const apply = () => {
      const want = titleWithCount(document.title, total);
      // Written only when it differs from what the browser reads back, so our own write never calls us again.
      if (want !== null && document.title !== want) document.title = want;
    };
    apply();
    const watch = new MutationObserver(apply);
    watch.observe(document.head, { subtree: true, childList: true, characterData: true });
    return () => {
      watch.disconnect();
      const bare = titleWithCount(document.title, 0);
      if (bare !== null) document.title = bare;
    };
  }, [total]);
}

/** The notice of urgent arrivals, on every page until dismissed. */
export function UrgentArrivals({ arrivals, dismiss }: { arrivals: Shown[]; dismiss: () => void }) {
  const t = useT();
  if (!arrivals.length) return null;
  return (
    <div className="announcement urgent-arrival" role="alert" data-testid="urgent-arrival">
      <div>
        {arrivals.map((a) => (
          <p key={a.id} data-sound={a.sound} data-notified={String(a.notified)}>
            <strong>{t('{u}公文到达', { u: t(URGENCY[a.urgency] ?? a.urgency) })}</strong>：{a.senderName} · <Link href={`/inbox/${a.id}`}>{a.title}</Link>
          </p>
        ))}
      </div>
      <button type="button" onClick={dismiss}>
        {t('知道了')}
      </button>
    </div>
  );
}
