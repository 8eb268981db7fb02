// The org service's vocabulary (DESIGN §1), as plain values usable without GraphQL.
export const OrgLevel = { PROVINCE: 'PROVINCE', CITY: 'CITY', COUNTY: 'COUNTY' } as const;
export type OrgLevel = (typeof OrgLevel)[keyof typeof OrgLevel];
/** Rank of a level: a unit may only sit under a unit of the same or a higher level. */
export const LEVEL_RANK: Record<OrgLevel, number> = { PROVINCE: 1, CITY: 2, COUNTY: 3 };

export const OrgKind = {
  GOVERNMENT: 'GOVERNMENT',
  OFFICE: 'OFFICE',
  DEPARTMENT: 'DEPARTMENT',
  INSTITUTION: 'INSTITUTION',
  ENTERPRISE: 'ENTERPRISE',
  CENTRAL_AGENCY: 'CENTRAL_AGENCY',
} as const;
export type OrgKind = (typeof OrgKind)[keyof typeof OrgKind];

export const OrgStatus = { ACTIVE: 'ACTIVE', MERGED: 'MERGED', DISSOLVED: 'DISSOLVED' } as const;
export type OrgStatus = (typeof OrgStatus)[keyof typeof OrgStatus];

export const UserStatus = { ACTIVE: 'ACTIVE', DISABLED: 'DISABLED' } as const;
export type UserStatus = (typeof UserStatus)[keyof typeof UserStatus];

export const Role = {
  CLERK: 'CLERK',
  DRAFTER: 'DRAFTER',
  APPROVER: 'APPROVER',
  LEADER: 'LEADER',
  SEAL_KEEPER: 'SEAL_KEEPER',
  ADMIN: 'ADMIN',
  SUPERVISOR: 'SUPERVISOR',
  ARCHIVIST: 'ARCHIVIST',
} as const;
export type Role = (typeof Role)[keyof typeof Role];

/** Routing vocabulary (registered as GraphQL enums in resolvers/routing-enums.ts). */
export const DirectionEnum = { DOWN: 'DOWN', UP: 'UP', LATERAL: 'LATERAL' } as const;
export const EffectEnum = { ALLOW: 'ALLOW', DENY: 'DENY' } as const;
export const SideEnum = { SENDER: 'SENDER', RECEIVER: 'RECEIVER' } as const;
export const RecipientRole = { MAIN: 'MAIN', CC: 'CC' } as const;
export type RecipientRole = (typeof RecipientRole)[keyof typeof RecipientRole];

/** How a session began: a password, or an identity certificate (seed 003 §15). */
export const LoginMethod = { PASSWORD: 'PASSWORD', CERTIFICATE: 'CERTIFICATE' } as const;
export type LoginMethod = (typeof LoginMethod)[keyof typeof LoginMethod];

/** Why a session ended before its token expired (the values of org.sessions.end_reason). */
export const SessionEndReason = {
  LOGOUT: 'LOGOUT',
  LOGOUT_EVERYWHERE: 'LOGOUT_EVERYWHERE',
  PASSWORD_CHANGED: 'PASSWORD_CHANGED',
  PASSWORD_RESET: 'PASSWORD_RESET',
  DISABLED: 'DISABLED',
  ROLES_CHANGED: 'ROLES_CHANGED',
  UNIT_CLOSED: 'UNIT_CLOSED',
  ENDED_BY_ADMIN: 'ENDED_BY_ADMIN',
} as const;
export type SessionEndReason = (typeof SessionEndReason)[keyof typeof SessionEndReason];
