// Whether the session behind a token still stands is org's to say; the gateway remembers each answer until org says
// something changed. Org tells every gateway on its session-change feed (logout, password change or reset, disabled,
// new roles, a revoked API token, a unit closed or moved) and tells the gateway that carried the change in the answer
// itself, so an ended session is refused on its very next request, on every replica. While the feed is broken an
// answer is trusted only briefly; on reconnection the feed resumes where it broke, or everything is asked again.
import { type Caller, ErrorCode, type EventFeed, type FeedEvent, followEventFeed, isWithin } from '@yizhan/common';
import { GraphQLError } from 'graphql';
import type { Authenticated } from './auth.ts';

export interface SessionAnswer {
  valid: boolean;
  why?: string;
  /** Where the caller's unit stands now (it may have moved since the token was issued). */
  orgPath?: string;
}

export interface SessionCacheOptions {
  /** Asks org (its contract's `sessions`, in batches, and `api-token` calls). */
  ask: (auth: Authenticated) => Promise<SessionAnswer>;
  /** How long an answer is trusted while the feed is followed: a safety net, the feed is what ends sessions. */
  followingTtlMs: number;
  /** …and while it is not. */
  brokenTtlMs: number;
  /** Whether the feed is followed now. */
  following: () => boolean;
  /** Told what was forgotten (open connections of those sessions are checked again). */
  onForget?: (changed: { userId: string } | { orgId: string } | 'everyone') => void;
}

interface Entry {
  answer: SessionAnswer;
  until: number;
  userId: string;
  orgId: string;
  orgPath: string;
}

const unauthenticated = (message: string) => new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });

const MAX_ENTRIES = 100_000;

export class SessionCache {
  private entries = new Map<string, Entry>();
  private byUser = new Map<string, Set<string>>();
  /** Counts the changes announced: an answer that overlapped one is not trusted for long. */
  private epoch = 0;

  constructor(private readonly opts: SessionCacheOptions) {}

  private keyOf(auth: Authenticated): string {
    const c = auth.caller;
    return auth.apiToken ? `api:${c.userId}` : `session:${c.sessionId ?? '-'}:${c.userId}:${[...c.roles].sort().join(',')}`;
  }

  /** The caller, as org says it stands now; an UNAUTHENTICATED error when its session has ended. */
  async check(auth: Authenticated | null): Promise<Caller | null> {
    if (!auth) return null;
    const c = auth.caller;
    const key = this.keyOf(auth);
    let entry = this.entries.get(key);
    if (!entry || entry.until < Date.now()) {
      // A change announced while org was answering may postdate the answer: then it is trusted only briefly.
      const epoch = this.epoch;
      const startedFollowing = this.opts.following();
      const answer = await this.opts.ask(auth);
      if (this.entries.size >= MAX_ENTRIES) this.clear();
      const ttl = startedFollowing && this.opts.following() && epoch === this.epoch ? this.opts.followingTtlMs : this.opts.brokenTtlMs;
      entry = { answer, until: Date.now() + ttl, userId: c.userId, orgId: c.orgId, orgPath: answer.orgPath ?? c.orgPath };
      if (ttl > 0) this.remember(key, entry);
    }
    if (!entry.answer.valid)
      throw unauthenticated(
        entry.answer.why ?? (auth.apiToken ? 'This API token has been revoked or has expired' : 'This session is no longer valid: log in again'),
      );
    return entry.orgPath === c.orgPath ? c : { ...c, orgPath: entry.orgPath };
  }

  private remember(key: string, entry: Entry): void {
    this.entries.set(key, entry);
    const keys = this.byUser.get(entry.userId) ?? new Set<string>();
    keys.add(key);
    this.byUser.set(entry.userId, keys);
  }

  private forgetKey(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    const keys = this.byUser.get(entry.userId);
    keys?.delete(key);
    if (keys && !keys.size) this.byUser.delete(entry.userId);
  }

  /** Everything known of an account (or an API token, by its id): asked again on its next request. */
  forgetUser(userId: string): void {
    this.epoch++;
    for (const key of [...(this.byUser.get(userId) ?? [])]) this.forgetKey(key);
    this.opts.onForget?.({ userId });
  }

  /** Everything known of the people of a unit, or of a subtree when `subtreePath` is given. */
  forgetUnit(orgId: string, subtreePath?: string): void {
    this.epoch++;
    for (const [key, e] of this.entries) if (e.orgId === orgId || (subtreePath && isWithin(e.orgPath, subtreePath))) this.forgetKey(key);
    this.opts.onForget?.(subtreePath ? 'everyone' : { orgId });
  }

  clear(): void {
    this.epoch++;
    this.entries.clear();
    this.byUser.clear();
  }

  /** Everything forgotten because changes may have been missed (the feed could not resume): every connection is checked. */
  forgetAll(): void {
    this.clear();
    this.opts.onForget?.('everyone');
  }

  get size(): number {
    return this.entries.size;
  }

  /** Applies one event of org's session-change feed. */
  apply(e: Pick<FeedEvent, 'type' | 'payload'>): void {
    const p = e.payload;
    const str = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : undefined);
    if (e.type === 'account.sessions-ended') {
      const userId = str('userId');
      if (userId) this.forgetUser(userId);
    } else if (e.type === 'org.moved') {
      const orgId = str('orgId');
      if (orgId) this.forgetUnit(orgId, str('oldPath'));
    } else if (e.type === 'org.merged' || e.type === 'org.dissolved') {
      const orgId = str('orgId');
      if (orgId) this.forgetUnit(orgId);
    }
  }

  /** Applies org's SESSIONS_ENDED_HEADER: `user:<id>` and `org:<id>`, comma-separated. */
  applyHeader(value: string | null): void {
    for (const item of (value ?? '').split(',')) {
      const [kind, id] = item.trim().split(':');
      if (!id) continue;
      if (kind === 'user') this.forgetUser(id);
      else if (kind === 'org') this.forgetUnit(id);
    }
  }
}

/** Follows org's session-change feed into the cache; a feed that could not resume clears it. */
export function followSessionChanges(
  cache: SessionCache,
  feed: { url: string; headers: () => Promise<Record<string, string>>; onError?: (e: unknown) => void },
): EventFeed {
  return followEventFeed({
    url: feed.url,
    headers: feed.headers,
    onEvent: (e) => cache.apply(e),
    onState: (following, fresh) => {
      if (following && fresh) cache.forgetAll();
    },
    ...(feed.onError ? { onError: feed.onError } : {}),
  });
}
