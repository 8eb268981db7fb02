'use client';
// The logged-in person, kept for this browser tab only (sessionStorage): closing the tab ends the session, and two
// tabs may be two people, as at a shared office desk.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import type { LoginMutation } from '../generated/operations';
import { gql, onSessionEnded, setToken } from './client';

/** A login's answer (its user is the SessionUser fragment), as kept for the tab. */
export type Session = LoginMutation['login'];

const KEY = 'yizhan.session';
const SessionContext = createContext<{ session: Session | null; ready: boolean; begin: (s: Session) => void; end: () => Promise<void> }>({
  session: null,
  ready: false,
  begin: () => {},
  end: async () => {},
});

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const stored = sessionStorage.getItem(KEY);
    const parsed = stored ? (JSON.parse(stored) as Session) : null;
    if (parsed && new Date(parsed.expiresAt) > new Date()) {
      setToken(parsed.token);
      setSession(parsed);
    }
    setReady(true);
  }, []);
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
  // Logging out ends the session on the server first: a copy of the token is worthless from then on.
  const end = useCallback(async () => {
    await gql('Logout', {}).catch(() => {});
    forget();
  }, [forget]);
  // The session ended elsewhere (logged out everywhere, password changed, account disabled): back to the login page.
  useEffect(() => onSessionEnded(() => forget()), [forget]);
  return <SessionContext.Provider value={{ session, ready, begin, end }}>{children}</SessionContext.Provider>;
}

export const useSession = () => useContext(SessionContext);

export const hasRole = (s: Session | null, ...roles: string[]) => !!s && s.user.roles.some((r) => roles.includes(r));
