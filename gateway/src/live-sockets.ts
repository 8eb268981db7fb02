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

export class LiveSockets {
  private sockets = new Map<LiveSocket, Entry>();

  add(socket: LiveSocket, caller: Caller, authorization: string): void {
    this.sockets.set(socket, { caller, authorization });
  }

  remove(socket: LiveSocket): void {
    this.sockets.delete(socket);
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
        this.sockets.delete(socket);
        socket.close(4401, 'Session ended: log in again');
      });
    }
  }
}
