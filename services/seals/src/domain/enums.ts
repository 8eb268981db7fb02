// The seals vocabulary's enums as plain values (the GraphQL types register them in resolvers/types.ts).
export const SealSuiteEnum = { RSA: 'RSA', SM2: 'SM2' } as const;
/** Who must be present when a seal is destroyed (seed 003 §20). */
export const DestructionPartyEnum = { GOVERNMENT_OFFICE: 'GOVERNMENT_OFFICE', EGOV_OFFICE: 'EGOV_OFFICE', OWNING_UNIT: 'OWNING_UNIT' } as const;
