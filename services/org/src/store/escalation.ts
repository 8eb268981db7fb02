// The SQL of 自动催办规则 (issue 16): a unit's own escalation steps (org.unit_settings.escalation_steps, NULL to
// inherit), the steps in effect for a unit (its own or the nearest unit's above it), and what documents needs to urge
// units by itself (the `org.escalation-reach` event of each unit of a subtree: steps in effect, contacts, leaders).
// Unit settings are readable by every unit (directory); contacts and people only in the caller's subtree.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EscalationStep } from '@yizhan/contracts/org';

export interface RulesInEffect {
  steps: EscalationStep[];
  sourceOrgId: string | null;
  sourceOrgName: string | null;
  sourcePath: string | null;
}

/** The steps in effect for the unit at `path`: its own, or those of the nearest unit above it that has some. */
export async function rulesInEffect(em: EntityManager, path: string): Promise<RulesInEffect> {
  const rows = (await em.execute(
    `select s.org_id, s.org_path::text as org_path, s.escalation_steps, o.name
       from org.unit_settings s join org.orgs o on o.id = s.org_id
      where s.org_path @> ?::ltree and s.escalation_steps is not null
      order by nlevel(s.org_path) desc limit 1`,
    [path],
  )) as { org_id: string; org_path: string; escalation_steps: EscalationStep[]; name: string }[];
  const r = rows[0];
  return r
    ? { steps: r.escalation_steps, sourceOrgId: r.org_id, sourceOrgName: r.name, sourcePath: r.org_path }
    : { steps: [], sourceOrgId: null, sourceOrgName: null, sourcePath: null };
}

/** Sets (null: clears) the unit's own steps, keeping its other settings. */
export async function storeEscalationSteps(em: EntityManager, org: { id: string; path: string }, steps: EscalationStep[] | null): Promise<void> {
  await em.execute(
    `insert into org.unit_settings (org_id, org_path, escalation_steps) values (?, ?::ltree, ?::jsonb)
     on conflict (org_id) do update set escalation_steps = excluded.escalation_steps, updated_at = now()`,
    [org.id, org.path, steps === null ? null : JSON.stringify(steps)],
  );
}

/** Publishes `org.escalation-reach` for every open unit at or below `root` (as the caller sees them; only the unit
 * itself when `subtree` is false): the steps in effect for each, its contacts with a mobile and its active leaders
 * (with their own mobile, else the mobile of a contact of the same name). */
export async function publishEscalationReach(em: EntityManager, root: string, subtree = true): Promise<number> {
  const rows = (await em.execute(
    `with units as (select id, path, name from org.orgs where (path = ?::ltree or (?::boolean and path <@ ?::ltree)) and status = 'ACTIVE')
     insert into org.outbox (type, org_path, other_path, payload)
     select 'org.escalation-reach', u.path, r.org_path,
            jsonb_build_object(
              'orgId', u.id,
              'steps', coalesce(r.escalation_steps, '[]'::jsonb),
              'sourceOrgId', r.org_id,
              'sourceOrgName', r.name,
              'contacts', coalesce((select jsonb_agg(jsonb_build_object('name', c.name, 'mobile', c.mobile) order by c.name)
                                      from org.contacts c where c.org_id = u.id and c.mobile is not null), '[]'::jsonb),
              'leaders', coalesce((select jsonb_agg(jsonb_build_object('name', p.display_name,
                                          'mobile', coalesce(p.mobile, (select c.mobile from org.contacts c
                                                      where c.org_id = u.id and c.name = p.display_name and c.mobile is not null limit 1)))
                                          order by p.display_name)
                                     from org.users p where p.org_id = u.id and p.status = 'ACTIVE' and 'LEADER' = any(p.roles)), '[]'::jsonb))
       from units u
       left join lateral (select s.org_id, s.org_path, s.escalation_steps, o.name
                            from org.unit_settings s join org.orgs o on o.id = s.org_id
                           where s.org_path @> u.path and s.escalation_steps is not null
                           order by nlevel(s.org_path) desc limit 1) r on true
     returning 1`,
    [root, subtree, root],
  )) as unknown[];
  return rows.length;
}
