// 自动催办 (issue 16). Org owns each unit's escalation rules (its own, or inherited from the nearest unit above it) and
// who they reach; it publishes them (`org.escalation-reach`) and documents keeps them, one row per unit
// (onEscalationReach). The job, in every documents replica, finds the deliveries still waiting for 签收 whose steps
// came due (domain/escalation.ts decides which) and records each step once per delivery
// (documents.record_escalation: a unique delivery and step, the delivery locked with SKIP LOCKED) as a 催办 of the
// delivery, as a manual one is — in its history (by 自动催办, the note naming the step), an in-app notice to the unit,
// and an SMS to each person reached with a mobile, through the alert dispatcher. Runs as the relay role, through the
// two functions of migration 0022 only.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger, TypedEvent } from '@yizhan/common';
import type { orgEvents } from '@yizhan/contracts/org';
import { startPeriodicStatementAsOf } from '@yizhan/kernel';
import type pg from 'pg';
import { dueSteps, type EscalationStep, escalationNote, escalationNotice, type Reachable, stepReach } from '../domain/escalation.ts';
import { noticeText } from '../domain/notices.ts';

export const ESCALATION_EVENTS = ['org.escalation-reach'] as const;
type Followed = TypedEvent<(typeof orgEvents)['payloads'], (typeof ESCALATION_EVENTS)[number]>;

/** Runs in the consumer's transaction, scoped to the unit (row-level security: its own row). */
export async function onEscalationReach(e: Followed, em: EntityManager): Promise<void> {
  const p = e.payload;
  await em.execute(
    `insert into documents.escalation_reach (org_id, org_path, steps, source_org_id, source_org_name, contacts, leaders)
     values (?, ?::ltree, ?::jsonb, ?, ?, ?::jsonb, ?::jsonb)
     on conflict (org_id, org_path) do update set steps = excluded.steps, source_org_id = excluded.source_org_id,
       source_org_name = excluded.source_org_name, contacts = excluded.contacts, leaders = excluded.leaders, updated_at = now()`,
    [p.orgId, e.orgPath, JSON.stringify(p.steps), p.sourceOrgId, p.sourceOrgName, JSON.stringify(p.contacts), JSON.stringify(p.leaders)],
  );
}

/** Deliveries looked at per turn (the oldest due first; the rest at the next turn). */
const BATCH = 500;

type Candidate = {
  delivery_id: string;
  due_at: Date;
  sender_name: string;
  title: string;
  doc_number: string;
  steps: EscalationStep[];
  contacts: Reachable[];
  leaders: Reachable[];
  done: number[];
};

/** Takes the steps due at `at` (the database's now when null); answers how many were taken. */
export async function escalateDue(client: pg.ClientBase, when: Date | null): Promise<number> {
  const at = new Date((await client.query('select coalesce($1::timestamptz, now()) as at', [when])).rows[0].at);
  const { rows } = await client.query<Candidate>('select * from documents.escalation_candidates($1, $2)', [at, BATCH]);
  let taken = 0;
  for (const d of rows) {
    for (const i of dueSteps(d.steps, new Date(d.due_at), at, d.done)) {
      const step = d.steps[i] as EscalationStep;
      const reach = stepReach(step, { contacts: d.contacts, leaders: d.leaders });
      const notice = escalationNotice({ senderName: d.sender_name, title: d.title, docNumber: d.doc_number }, step, reach.names);
      const res = await client.query('select documents.record_escalation($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10::jsonb) as ok', [
        d.delivery_id,
        i,
        step.to,
        step.afterMinutes,
        at,
        escalationNote(i, step, reach),
        noticeText(notice),
        JSON.stringify(notice),
        step.channels.includes('IN_APP'),
        JSON.stringify(reach.sms),
      ]);
      if (res.rows[0]?.ok) taken++;
    }
  }
  return taken;
}

/** The job: `tick(at)` takes the steps due at `at` (tests), its timer those due now. */
export const startEscalation = (opts: { relayUrl: string; log: Logger; intervalMs?: number }) =>
  startPeriodicStatementAsOf({ ...opts, name: 'escalation', did: 'automatic 催办 steps taken', run: escalateDue });
