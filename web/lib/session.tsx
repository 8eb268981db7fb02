'use client';
// The logged-in person, kept per browser tab (sessionStorage): closing the last tab ends the session. A tab opened
// from a logged-in one (a new tab, Ctrl+click, a pasted address) asks the open tabs over a BroadcastChannel and takes
// the session of the one used last, so a document opens in a new tab without logging in again; two tabs may still be
// two people, as at a shared office desk. Logging out in one tab logs out every tab of that session.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import type { LoginMutation } from '../generated/operations';
import { gql, onSessionEnded, setToken } from './client';

/** A login's answer (its user is the SessionUser fragment), as kept for the tab. */
export type Session = LoginMutation['login'];

const KEY = 'yizhan.session';
const CHANNEL = 'yizhan.session';
/** How long a new tab waits for an open tab to answer before it shows the login page. */
const ASK_MS = 150;
/** A busy machine may answer later: an answer this soon after asking still logs the new tab in (from the login page). */
const LATE_MS = 3000;

type Message = { type: 'ask' } | { type: 'answer'; session: Session; usedAt: number } | { type: 'ended'; token: string };
const SessionContext = createContext<{ session: Session | null; ready: boolean; begin: (s: Session) => void; end: () => Promise<void> }>({
  session: null,
  ready: false,
  begin: () => {},
  end: async () => {},
});

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [ready, setReady] = useState(false);
  const begin = useCallback((s: Session) => {
    sessionStorage.setItem(KEY, JSON.stringify(s));
    setToken(s.token);
    setSession(s);
  }, []);
  const forget = useCallback(() => {
    sessionStorage.removeItem(KEY);
    setToken(null);
    setSession(null);
  }, []);
  useEffect(() => {
    const current = (): Session | null => {
      const stored = sessionStorage.getItem(KEY);
      const parsed = stored ? (JSON.parse(stored) as Session) : null;
      return parsed && new Date(parsed.expiresAt) > new Date() ? parsed : null;
    };
    const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);
    let usedAt = Date.now();
    const touch = () => {
      usedAt = Date.now();
    };
    window.addEventListener('focus', touch);
    window.addEventListener('pointerdown', touch);
    let best: { session: Session; usedAt: number } | null = null;
    let askedAt = 0;
    let settled = false;
    if (channel) {
      channel.onmessage = (e: MessageEvent<Message>) => {
        const m = e.data;
        const mine = current();
        if (m.type === 'ask' && mine) channel.postMessage({ type: 'answer', session: mine, usedAt } satisfies Message);
        else if (m.type === 'answer' && !mine && (!best || m.usedAt > best.usedAt)) {
          best = { session: m.session, usedAt: m.usedAt };
          if (settled && Date.now() - askedAt < LATE_MS && new Date(m.session.expiresAt) > new Date()) begin(m.session);
        } else if (m.type === 'ended' && mine?.token === m.token) forget();
      };
    }
    const own = current();
    let timer: ReturnType<typeof setTimeout> | undefined;
    if (own || !channel) {
      if (own) begin(own);
      setReady(true);
    } else {
      askedAt = Date.now();
      channel.postMessage({ type: 'ask' } satisfies Message);
      timer = setTimeout(() => {
        settled = true;
        if (best && new Date(best.session.expiresAt) > new Date()) begin(best.session);
        setReady(true);
      }, ASK_MS);
    }
    return () => {
      clearTimeout(timer);
      window.removeEventListener('focus', touch);
      window.removeEventListener('pointerdown', touch);
      channel?.close();
    };
  }, [begin, forget]);
  // Logging out ends the session on the server first: a copy of the token is worthless from then on; the other tabs
  // of this session are told.
  const end = useCallback(async () => {
    await gql('Logout', {}).catch(() => {});
    const token = session?.token;
    if (token && typeof BroadcastChannel !== 'undefined') {
      const channel = new BroadcastChannel(CHANNEL);
      channel.postMessage({ type: 'ended', token } satisfies Message);
      channel.close();
    }
    forget();
  }, [forget, session]);
  // The session ended elsewhere (logged out everywhere, password changed, account disabled): back to the login page.
  // The login page then says so: the person did not log out, their session was ended (ENDED_KEY, this tab only).
  useEffect(
    () =>
      onSessionEnded(() => {
        sessionStorage.setItem(ENDED_KEY, new Date().toISOString());
        forget();
      }),
    [forget],
  );
  return <SessionContext.Provider value={{ session, ready, begin, end }}>{children}</SessionContext.Provider>;
}

export const useSession = () => useContext(SessionContext);

/** Set when the platform ended this tab's session (not the person's own 退出): the login page says why it is there. */
export const ENDED_KEY = 'yizhan.session-ended';

export const hasRole = (s: Session | null, ...roles: string[]) => !!s && s.user.roles.some((r) => roles.includes(r));

/** Who reads the unit's 收文登记簿 and prints its 收文处理单 (services/documents domain/intake.ts REGISTER_READERS). */
export const REGISTER_READERS = ['CLERK', 'LEADER', 'SUPERVISOR', 'ADMIN'];
