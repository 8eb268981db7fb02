// A person is shown by name, never by user name: what documents records of who did something (received, signed
// for, printed, drafted, approved …) is the caller's 姓名 as the gateway signed it (the token's name claim). A unit's
// OA system acting through its API token shows as that token's name, marked 接口. Rows written before the caller
// context carried the name keep what they have.
import type { Caller } from '@yizhan/common';

export function personName(caller: Pick<Caller, 'username' | 'displayName'>): string {
  if (caller.username.startsWith('api:')) return `${caller.displayName ?? caller.username.slice(4)}（接口）`;
  return caller.displayName ?? caller.username;
}
