'use client';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { gql, liveState, type OperationName, onReconnect, type PlatformError, type Result, subscribe, type Variables } from './client';

/** Runs a query now and whenever `refetch` is called; keeps the last data while a refetch is in flight. */
export function useQuery<N extends OperationName>(name: N, variables: Variables<N> | null) {
  const [data, setData] = useState<Result<N> | null>(null);
  const [error, setError] = useState<PlatformError | null>(null);
  const [loading, setLoading] = useState(true);
  const key = JSON.stringify(variables);
  // The variables the data shown was read for: after they change, the last answer stays until the next comes (no
  // flicker), and `fresh` says whether it answers the present ones (a page that must not show one unit's figures
  // under another's name waits for it).
  const [dataKey, setDataKey] = useState<string | null>(null);
  const seq = useRef(0);
  const refetch = useCallback(async () => {
    if (key === 'null') return;
    const mine = ++seq.current;
    setLoading(true);
    try {
      const d = await gql(name, JSON.parse(key));
      if (mine === seq.current) {
        setData(d);
        setDataKey(key);
        setError(null);
      }
    } catch (e) {
      if (mine === seq.current) setError(e as PlatformError);
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, [name, key]);
  useEffect(() => {
    void refetch();
  }, [refetch]);
  // After the live connection comes back, what is shown is fetched again: nothing missed meanwhile stays missing.
  useEffect(() => onReconnect(() => void refetch()), [refetch]);
  return { data, error, loading, refetch, setData, fresh: dataKey === key };
}

/** A live subscription for as long as the component is shown. */
export function useSubscription<N extends OperationName>(name: N, variables: Variables<N> | null, onData: (d: Result<N>) => void) {
  const handler = useRef(onData);
  handler.current = onData;
  const key = JSON.stringify(variables);
  useEffect(() => {
    if (key === 'null') return;
    return subscribe(name, JSON.parse(key), (d) => handler.current(d));
  }, [name, key]);
}

/** Calls `fn` at most once per `ms`, after the last call (many events, one refetch). */
export function useDebounced(fn: () => void, ms = 300) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(fn);
  latest.current = fn;
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return useCallback(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      latest.current();
    }, ms);
  }, [ms]);
}

export function useLive() {
  useEffect(() => liveState.connect(), []);
  return useSyncExternalStore(liveState.subscribe, liveState.get, () => 'connecting' as const);
}

/** Runs a mutation with a busy flag and the last error, for buttons. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<PlatformError | null>(null);
  // One action at a time, whatever the page has drawn: a double click lands twice before `busy` disables the button
  // (React draws it after the first click's handler), and would save a request, a report or a draft twice.
  const running = useRef(false);
  const run = useCallback(async <T>(fn: () => Promise<T>): Promise<T | undefined> => {
    if (running.current) return undefined;
    running.current = true;
    setBusy(true);
    setError(null);
    try {
      return await fn();
    } catch (e) {
      setError(e as PlatformError);
      return undefined;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  return { busy, error, run, setError };
}
