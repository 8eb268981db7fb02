// Moving a unit, and everything below it, under another superior unit.

import { badInput, forbidden, isWithin, requireCaller } from '@yizhan/common';
import { orgEvents } from '@yizhan/contracts/org';
import { emit } from '@yizhan/kernel';
import { type OrgContext } from '../deps.ts';
import { OrgStatus } from '../domain/enums.ts';
import { canClose, canRegisterUnder, levelProblem } from '../domain/rules.ts';
import { Org } from '../entities/Org.ts';
import { publishEscalationReach } from '../store/escalation.ts';
import { getOrg } from '../store/orgs.ts';
import { withDb } from '../store/sql.ts';

/** Tables that record what happened, with the paths of then: the audit log and the published events. */
const KEPT_AS_RECORDED = ['audit_log', 'outbox'];

export async function moveOrg(id: string, newParentId: string, ctx: OrgContext): Promise<Org> {
  const caller = requireCaller(ctx);
  return ctx.em.transactional(async (em) => {
    const org = await getOrg(em, id);
    const parent = await getOrg(em, newParentId);
    if (isWithin(parent.path, org.path)) throw badInput(`${parent.name} lies within ${org.name}: the move would make a cycle`, 'newParentId');
    if (!canClose(caller, org.path) || !canRegisterUnder(caller, parent.path)) {
      throw forbidden('Only an administrator above both the unit and its new superior may move it');
    }
    if (parent.status !== OrgStatus.ACTIVE) throw badInput(`${parent.name} is closed`, 'newParentId');
    const lp = levelProblem(parent.level, org.level);
    if (lp) throw badInput(lp, 'newParentId');
    if (org.parentId === parent.id) return org;
    const oldPath = org.path;
    const newPath = `${parent.path}.${oldPath.split('.').at(-1)}`;
    // Re-root every path in the subtree, in every org table and every ltree column of it (read from the catalogue, so
    // a new table cannot be forgotten), in this one transaction. The audit log keeps the paths as they were: it
    // records what happened then. Stays raw: one ltree statement per column, whose result is not read.
    const columns = await em.execute<{ table_name: string; column_name: string }[]>(
      `select c.table_name, c.column_name from information_schema.columns c
         join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
        where c.table_schema = 'org' and c.udt_name = 'ltree' and c.table_name not in (${KEPT_AS_RECORDED.map((t) => `'${t}'`).join(', ')})
        order by 1, 2`,
    );
    for (const { table_name: table, column_name: col } of columns) {
      await em.execute(
        `update org."${table}" set "${col}" = case when "${col}" = ?::ltree then ?::ltree else ?::ltree || subpath("${col}", nlevel(?::ltree)) end
           where "${col}" <@ ?::ltree`,
        [oldPath, newPath, newPath, oldPath, oldPath],
      );
    }
    await withDb(em, (db) => db.updateTable('org.orgs').set({ parent_id: parent.id }).where('id', '=', org.id).execute());
    await emit(em, orgEvents.event('org.moved', { orgId: org.id, oldPath, newPath }, { orgPath: newPath }));
    // Under its new superior the unit and those below it may inherit other 自动催办 rules.
    await publishEscalationReach(em, newPath);
    em.clear();
    return getOrg(em, org.id);
  });
}
