// A person is shown by name, never by user name: who applied for, consented to, approved, made, held or used a seal
// is recorded by the caller's 姓名 as the gateway signed it (the token's name claim); without one, the user name.
// Rows written before the caller context carried the name keep what they have.
import type { Caller } from '@yizhan/common';

export const personName = (caller: Pick<Caller, 'username' | 'displayName'>): string => caller.displayName ?? caller.username;
