// Open WebSocket connections by the session behind them. A connection is authenticated when it opens; when org says a
// session changed (the session-change feed, or the answer that ended it), the connections of that person or unit are
// checked again, and those whose session has ended are closed (4401) — a logged-out or disabled account's open
// subscriptions stop at once instead of delivering until the socket happens to close.
import type { Caller } from '@yizhan/common';

interface LiveSocket {
  close(code: number, reason: string): void;
}

interface Entry {
  caller: Caller;
  authorization: string;
}

/** Who to check again: an account (or API token) by id, a unit by id, or everyone. */
export type Changed = { userId: string } | { orgId: string } | 'everyone';

/** One login: its session, or an API token (which has no session; its id is the caller's). */
const loginOf = (c: Caller) => c.sessionId ?? `token:${c.userId}`;

export class LiveSockets {
  private sockets = new Map<LiveSocket, Entry>();
  private perLogin = new Map<string, number>();

  add(socket: LiveSocket, caller: Caller, authorization: string): void {
    if (this.sockets.has(socket)) return;
    this.sockets.set(socket, { caller, authorization });
    this.perLogin.set(loginOf(caller), this.countFor(caller) + 1);
  }

  remove(socket: LiveSocket): void {
    const e = this.sockets.get(socket);
    if (!e) return;
    this.sockets.delete(socket);
    const n = this.countFor(e.caller) - 1;
    if (n > 0) this.perLogin.set(loginOf(e.caller), n);
    else this.perLogin.delete(loginOf(e.caller));
  }

  /** Connections open now for the caller's login. */
  countFor(caller: Caller): number {
    return this.perLogin.get(loginOf(caller)) ?? 0;
  }

  get size(): number {
    return this.sockets.size;
  }

  /** Checks the concerned connections again with `authenticate` (which asks org) and closes those refused. */
  recheck(changed: Changed, authenticate: (authorization: string) => Promise<unknown>): void {
    for (const [socket, e] of this.sockets) {
      const concerned = changed === 'everyone' || ('userId' in changed ? e.caller.userId === changed.userId : e.caller.orgId === changed.orgId);
      if (!concerned) continue;
      authenticate(e.authorization).catch(() => {
        this.remove(socket);
        socket.close(4401, 'Session ended: log in again');
      });
    }
  }
}
