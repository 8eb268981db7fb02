// Moving a unit, and everything below it, under another superior unit.

import { badInput, forbidden, isWithin, requireCaller } from '@yizhan/common';
import { orgEvents } from '@yizhan/contracts/org';
import { emit } from '@yizhan/kernel';
import { type OrgContext } from '../deps.ts';
import { OrgStatus } from '../domain/enums.ts';
import { canClose, canRegisterUnder, levelProblem } from '../domain/rules.ts';
import { Org } from '../entities/Org.ts';
import { getOrg } from '../store/orgs.ts';
import { withDb } from '../store/sql.ts';

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
    // Re-root every path in the subtree, in every org table, in this one transaction. Stays raw: one ltree statement
    // over a list of tables and their path columns, whose result is not read.
    for (const [table, col] of [
      ['orgs', 'path'],
      ['org_names', 'org_path'],
      ['users', 'org_path'],
      ['contacts', 'org_path'],
      ['api_tokens', 'org_path'],
      ['sessions', 'org_path'],
      ['distribution_lists', 'org_path'],
      ['routing_rules', 'org_path'],
      ['routing_rule_audit', 'org_path'],
      ['unit_settings', 'org_path'],
      ['sections', 'org_path'],
      ['section_members', 'org_path'],
    ]) {
      await em.execute(
        `update org.${table} set ${col} = case when ${col} = ?::ltree then ?::ltree else ?::ltree || subpath(${col}, nlevel(?::ltree)) end
           where ${col} <@ ?::ltree`,
        [oldPath, newPath, newPath, oldPath, oldPath],
      );
    }
    await withDb(em, (db) => db.updateTable('org.orgs').set({ parent_id: parent.id }).where('id', '=', org.id).execute());
    await emit(em, orgEvents.event('org.moved', { orgId: org.id, oldPath, newPath }, { orgPath: newPath }));
    em.clear();
    return getOrg(em, org.id);
  });
}
