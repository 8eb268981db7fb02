// Who decides a request to read an archived record (调阅): the unit's archivists, or its head (LEADER) — never the
// one who asked. A unit with one archivist has its archivist's own requests decided by the head, so every request
// can be decided by someone.

export interface Decider {
  userId: string;
  roles: readonly string[];
}

/** The roles that decide the unit's access requests (and so see all of them, not only their own). */
export const ACCESS_DECIDERS = ['ARCHIVIST', 'LEADER'] as const;

export const decidesAccess = (caller: Decider) => ACCESS_DECIDERS.some((r) => caller.roles.includes(r));

/** Whether the caller may decide this request of their unit: a decider, and not the requester. */
export const mayDecideAccess = (caller: Decider, request: { requesterId: string }) => decidesAccess(caller) && request.requesterId !== caller.userId;
