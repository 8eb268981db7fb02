// A person is shown by name, never by user name: who archived, consulted, corrected, checked, exported or decided on a
// record is recorded (in its access register, its chain and its decisions) by the caller's 姓名 as the gateway signed
// it (the token's name claim); without one, the user name. Rows written before keep what they have.
import type { Caller } from '@yizhan/common';

export const personName = (caller: Pick<Caller, 'username' | 'displayName'>): string => caller.displayName ?? caller.username;
