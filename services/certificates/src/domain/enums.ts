// The certificates vocabulary's enums as plain values (registered as GraphQL enums in resolvers/types.ts).
export const SuiteEnum = { RSA: 'RSA', SM2: 'SM2' } as const;
export const ApplicationUsageEnum = { IDENTITY: 'IDENTITY', SIGNING: 'SIGNING', ENCRYPTION: 'ENCRYPTION' } as const;
export const RevocationReasonEnum = {
  UNSPECIFIED: 'UNSPECIFIED',
  KEY_COMPROMISE: 'KEY_COMPROMISE',
  AFFILIATION_CHANGED: 'AFFILIATION_CHANGED',
  SUPERSEDED: 'SUPERSEDED',
  CESSATION_OF_OPERATION: 'CESSATION_OF_OPERATION',
} as const;
export const RenewReasonEnum = { RENEW: 'RENEW', CHANGE: 'CHANGE' } as const;
/** The digests a time stamp is asked over (GraphQL names; the values are the algorithms' own names). */
export const HashAlgorithmEnum = { SHA256: 'SHA-256', SM3: 'SM3' } as const;
