// What every wrong-tenant case checks, as a user would: the operation, run through the real gateway as a caller of
// the wrong unit (or the wrong role), is refused with the right code, or answered with nothing of the other unit; a
// mutation leaves the other unit's object as it was, read back by its owner; a subscription delivers no event of
// the other unit.
import assert from 'node:assert/strict';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { GqlResult, Platform } from '../support/harness.ts';

export type RootType = 'Query' | 'Mutation' | 'Subscription';
/** `Query.org`, `Mutation.login` …: a root field of the composed schema. */
export type RootField = `${RootType}.${string}`;

export interface WrongTenantCase {
  /** For a field open to anyone (or to every signed-in user for their own account): why that is safe. */
  public?: string;
  run(w: World): Promise<void>;
}
export type Cases = Record<RootField, WrongTenantCase>;

/** The demo units the cases use (services/org/src/seed/demo.ts). */
export type Unit = 'province' | 'office' | 'xian' | 'xincheng' | 'beilin' | 'baoji';

/** The objects test/wrong-tenant/world.ts makes: `xc…` 新城区's, `xa…` 西安市's, `office…` 省政府办公厅's. */
export type ObjectName =
  | 'xcContact'
  | 'xcList'
  | 'xcRule'
  | 'xcApiToken'
  | 'xcClerk'
  | 'xcDrafter'
  | 'xcMail'
  | 'xcMailAttachment'
  | 'xcTopic'
  | 'xcDraft'
  | 'xcInApproval'
  | 'xcDelivery'
  | 'xcNotification'
  | 'xcCertificate'
  | 'xcCertificateApplication'
  | 'xcSealApplication'
  | 'xaDoc'
  | 'xaBulletin'
  | 'xaAssessment'
  | 'xaRecord'
  | 'xaRecordFile'
  | 'xaAccess'
  | 'xaDisposal'
  | 'officeSeal'
  | 'officeDoc'
  | 'officeStampRequest';

export interface World {
  p: Platform;
  /** Unit ids by name. */
  unit: Record<Unit, string>;
  /** Ids of the objects the world made, by name. */
  id: Record<ObjectName, string>;
  /** Every private id and marker of a unit's objects: none may appear in an answer to another unit. */
  privateOf: Record<Unit, string[]>;
  gql(user: string, query: string, variables?: Record<string, unknown>): Promise<GqlResult>;
  token(user: string): Promise<string>;
}

/** The foreign strings found in an answer; an id the caller sent itself may come back (`… ${id} does not exist`). */
const leaked = (answer: unknown, foreign: string[], sent: unknown = {}) => {
  const text = JSON.stringify(answer);
  const asked = JSON.stringify(sent);
  return foreign.filter((f) => f && text.includes(f) && !asked.includes(f));
};

const REFUSALS = ['FORBIDDEN', 'NOT_FOUND'];

/** Refused with one of `codes` (FORBIDDEN or NOT_FOUND by default), no data, and nothing foreign in the message. */
export async function refused(
  w: World,
  user: string,
  query: string,
  variables: Record<string, unknown>,
  opts: { codes?: string[]; foreign?: string[] } = {},
): Promise<GqlResult> {
  const r = await w.gql(user, query, variables);
  const codes = opts.codes ?? REFUSALS;
  assert.ok(r.status < 500, `never a 5xx: ${r.status}`);
  assert.ok(r.errors?.length, `${user} is refused, not answered: ${JSON.stringify(r.data).slice(0, 300)}`);
  const code = r.errors?.[0]?.extensions?.code as string;
  assert.ok(codes.includes(code), `${user}: ${codes.join(' or ')}, not ${code}: ${r.errors?.[0]?.message}`);
  const data = r.data && Object.values(r.data).filter((v) => v !== null);
  assert.ok(!data?.length, `no data beside the refusal: ${JSON.stringify(r.data)}`);
  assert.deepEqual(leaked(r, opts.foreign ?? [], variables), [], 'the refusal names nothing of the other unit');
  return r;
}

/** Refused, or answered with nothing of the other unit (`foreign`: its private ids and markers). */
export async function nothingForeign(
  w: World,
  user: string,
  query: string,
  variables: Record<string, unknown>,
  foreign: string[],
  codes: string[] = REFUSALS,
): Promise<GqlResult> {
  assert.ok(foreign.length > 0, 'the case names what must not be seen');
  const r = await w.gql(user, query, variables);
  assert.ok(r.status < 500, `never a 5xx: ${r.status}`);
  if (r.errors?.length) {
    const code = r.errors[0]?.extensions?.code as string;
    assert.ok(codes.includes(code), `${user}: refused with ${codes.join(' or ')}, or answered; not ${code}: ${r.errors[0]?.message}`);
  }
  assert.deepEqual(leaked(r, foreign, variables), [], `${user} sees nothing of the other unit`);
  return r;
}

/** A read of the other unit's object by its owner, before and after: a refused mutation changed nothing. */
export interface ReadBack {
  as: string;
  query: string;
  variables?: Record<string, unknown>;
}

export async function unchanged(w: World, back: ReadBack, act: () => Promise<unknown>): Promise<void> {
  const read = async () => {
    const r = await w.gql(back.as, back.query, back.variables ?? {});
    assert.equal(r.errors, undefined, `the owner reads it back: ${JSON.stringify(r.errors)}`);
    return r.data;
  };
  const before = await read();
  await act();
  assert.deepEqual(await read(), before, 'nothing of the other unit changed');
}

/** A mutation on another unit's object: refused, and the owner reads it back unchanged. */
export async function refusedUnchanged(
  w: World,
  user: string,
  query: string,
  variables: Record<string, unknown>,
  back: ReadBack,
  opts: { codes?: string[]; foreign?: string[] } = {},
): Promise<void> {
  await unchanged(w, back, () => refused(w, user, query, variables, opts));
}

export interface Subscription {
  events: Record<string, any>[];
  errors: unknown[];
  close(): Promise<void>;
  /** Waits until `n` events or an error arrived, at most `ms`. */
  waitFor(n: number, ms?: number): Promise<void>;
}

/** A subscription through the gateway over graphql-ws (as services/documents/test/live.test.ts subscribes). */
export async function subscribe(w: World, user: string, query: string, variables: Record<string, unknown> = {}): Promise<Subscription> {
  const client: Client = createClient({
    url: w.p.gatewayUrl.replace('http', 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${await w.token(user)}` },
    retryAttempts: 0,
    lazy: false,
  });
  const events: Record<string, any>[] = [];
  const errors: unknown[] = [];
  let wake = () => {};
  client.subscribe(
    { query, variables },
    {
      next: (r) => {
        if ((r as GqlResult).errors?.length) errors.push(r);
        else events.push(r as Record<string, any>);
        wake();
      },
      error: (e) => {
        errors.push(e);
        wake();
      },
      complete: () => {},
    },
  );
  return {
    events,
    errors,
    close: () => client.dispose() as Promise<void>,
    async waitFor(n, ms = 5000) {
      const end = Date.now() + ms;
      while (events.length < n && !errors.length && Date.now() < end) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, Math.min(100, end - Date.now()));
        });
      }
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A subscription as the wrong unit: it is refused, or it delivers no event of the other unit. The owner's own
 * subscription to the same events is the control: `cause` makes an event in the other unit, the owner receives it,
 * and the wrong unit, given the same time and more, has received nothing of it.
 */
export async function noForeignEvents(
  w: World,
  wrong: { user: string; query: string; variables?: Record<string, unknown> },
  owner: { user: string; query: string; variables?: Record<string, unknown> },
  cause: () => Promise<string[]>,
): Promise<void> {
  const theirs = await subscribe(w, owner.user, owner.query, owner.variables);
  const mine = await subscribe(w, wrong.user, wrong.query, wrong.variables);
  try {
    await sleep(300); // both subscriptions are open upstream before the event
    const foreign = await cause();
    await theirs.waitFor(1);
    assert.ok(theirs.events.length >= 1, `the control: the owner receives the event (${JSON.stringify(theirs.errors)})`);
    await sleep(700);
    const refusedWith = mine.errors.map((e) => JSON.stringify(e));
    for (const e of refusedWith) assert.match(e, /FORBIDDEN|NOT_FOUND|4403|Forbidden/, `a refusal, not a fault: ${e}`);
    assert.deepEqual(leaked(mine.events, foreign), [], 'no event of the other unit');
    assert.equal(mine.events.length, 0, `0 foreign events: ${JSON.stringify(mine.events).slice(0, 300)}`);
  } finally {
    await theirs.close();
    await mine.close();
  }
}
