// A demo account's signed caller context, as the gateway would send it to a service's internal API: for tests that
// call an internal API as a person of a unit (what one unit's people are told, and another's are not).
import { loadSigner, signCallerContext } from '@yizhan/common';
import { type GqlResult, ok } from './harness.ts';

type Gql = (user: string, query: string) => Promise<GqlResult>;

/** The header naming `username` (its unit, its roles), signed with the platform's caller-context key for a minute. */
export async function callerContextOf(gql: Gql, username: string): Promise<string> {
  const me = ok<{ id: string; orgId: string; org: { path: string }; roles: string[] }>(await gql(username, '{ me { id orgId org { path } roles } }'), 'me');
  return signCallerContext(
    { caller: { userId: me.id, username, orgId: me.orgId, orgPath: me.org.path, roles: me.roles as never, displayName: username } },
    await loadSigner('caller-context'),
    60,
  );
}
