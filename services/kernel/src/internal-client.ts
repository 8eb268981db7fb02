// Calls another service's internal API on behalf of the current caller, forwarding the gateway-signed context
// (valid for a minute: long enough for one request). Errors come back as the same typed errors.
import { CALLER_HEADER } from './caller.ts';
import { ErrorCode, YizhanError } from './errors.ts';

export async function callInternal<T>(baseUrl: string, name: string, callerHeader: string | null, body: unknown = {}): Promise<T> {
  if (!callerHeader) throw new YizhanError(ErrorCode.UNAUTHENTICATED, 'You must log in first');
  let res: Response;
  try {
    res = await fetch(`${baseUrl.replace(/\/graphql$/, '').replace(/\/$/, '')}/internal/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CALLER_HEADER]: callerHeader },
      body: JSON.stringify(body),
    });
  } catch (e) {
    throw new YizhanError(ErrorCode.INTERNAL, `A service this operation needs is unreachable (${name}): ${(e as Error).message}`);
  }
  const json = (await res.json()) as { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  const err = json.errors?.[0];
  if (err) {
    const { code, ...rest } = err.extensions ?? {};
    throw new YizhanError((code as ErrorCode) ?? ErrorCode.INTERNAL, err.message, rest);
  }
  return json.data as T;
}
