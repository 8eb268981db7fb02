// Large synthetic hierarchies for benchmarks: N provinces, each with cities, counties and departments, up to a
// total number of units. Deterministic for given arguments. Province codes skip 61, the demo province.
import type { MikroORM } from '@mikro-orm/postgresql';
import { asUnit } from '@yizhan/kernel';
import { insertOrgs, type OrgRow, orgRow, syntheticUscc } from './build.ts';

export function syntheticTree(provinces: number, totalOrgs: number): OrgRow[][] {
  const perProvince = Math.max(1, Math.floor(totalOrgs / provinces));
  const trees: OrgRow[][] = [];
  const provinceCodes = Array.from({ length: 70 }, (_, i) => 11 + i).filter((c) => c !== 61);
  if (provinces > provinceCodes.length) throw new Error(`At most ${provinceCodes.length} synthetic provinces`);
  for (let p = 0; p < provinces; p++) {
    const pc = String(provinceCodes[p]);
    const rows: OrgRow[] = [];
    const gov = orgRow(null, `${pc}0000`, `合成${pc}省人民政府`, `合成${pc}省`, 'PROVINCE', 'GOVERNMENT');
    rows.push(gov);
    // 14 cities × 12 counties × departments per county fill the budget, as in a large real province.
    const governments: OrgRow[] = [];
    for (let c = 1; c <= 14 && rows.length < perProvince; c++) {
      const cc = `${pc}${String(c).padStart(2, '0')}`;
      const city = orgRow(gov, `${cc}00`, `合成${cc}市人民政府`, `合成${cc}市`, 'CITY', 'GOVERNMENT');
      rows.push(city);
      governments.push(city);
      for (let k = 1; k <= 12 && rows.length < perProvince; k++) {
        const code = `${cc}${String(k).padStart(2, '0')}`;
        const county = orgRow(city, code, `合成${code}县人民政府`, `合成${code}县`, 'COUNTY', 'GOVERNMENT');
        rows.push(county);
        governments.push(county);
      }
    }
    let seq = 1;
    for (let i = 0; rows.length < perProvince; i++) {
      const g = governments[i % governments.length] as OrgRow;
      rows.push(orgRow(g, syntheticUscc(g.code, seq++), `${g.shortName}第${seq}部门`, `部门${seq}`, g.level, 'DEPARTMENT'));
    }
    trees.push(rows);
  }
  return trees;
}

/** Inserts the synthetic provinces; each in its own transaction, scoped to that province. */
export async function seedSynthetic(orm: MikroORM, provinces: number, totalOrgs: number): Promise<number> {
  let count = 0;
  for (const rows of syntheticTree(provinces, totalOrgs)) {
    const root = rows[0] as OrgRow;
    await asUnit(orm, root.path, (em) => insertOrgs(em, rows));
    count += rows.length;
  }
  return count;
}
