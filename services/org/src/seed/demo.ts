// The demo province: 陕西省 with its government, general office and departments, every prefecture-level city
// with its government, office and some departments, and every county-level division; demo accounts for every
// role (listed in the README) and a clerk account for every government unit. Deterministic: same ids every time.
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { beijingDate } from '@yizhan/common';
import { asUnit, pgArray } from '@yizhan/kernel';
import type { OrgKind, Role } from '../domain/enums.ts';
import { DEFAULT_ESCALATION } from '../domain/escalation.ts';
import { hashPassword } from '../domain/password.ts';
import { publishEscalationReach, storeEscalationSteps } from '../store/escalation.ts';
import { insertOrgs, type OrgRow, orgRow, stableId, syntheticUscc } from './build.ts';
import { demoPersonName } from './names.ts';
import { SEED_RULES } from './routing.ts';
import { SECOND_BATCH, SECOND_BATCH_LIST_NAME, shortNameOf } from './second-batch.ts';
import { CITIES, CITY_DEPARTMENTS, PROVINCE, PROVINCE_DEPARTMENTS } from './shaanxi.ts';

export const DEMO_PASSWORD = 'Yizhan@2026';

/** [username, the person's name, unit code, roles]: the accounts the README lists. */
export const DEMO_ACCOUNTS: [string, string, string, Role[]][] = [
  ['sx.admin', '赵建国', '610000', ['ADMIN', 'SUPERVISOR']],
  ['sxb.clerk', '李静', 'OFFICE:610000', ['CLERK']],
  ['sxb.drafter', '张伟', 'OFFICE:610000', ['DRAFTER']],
  ['sxb.approver', '刘洋', 'OFFICE:610000', ['APPROVER']],
  ['sxb.leader', '陈志刚', 'OFFICE:610000', ['LEADER']],
  ['sxb.seal', '杨丽', 'OFFICE:610000', ['SEAL_KEEPER']],
  ['sxb.seal2', '黄海燕', 'OFFICE:610000', ['SEAL_KEEPER']],
  ['sxb.supervisor', '周敏', 'OFFICE:610000', ['SUPERVISOR']],
  ['sxb.archivist', '吴秀英', 'OFFICE:610000', ['ARCHIVIST']],
  ['sxb.admin', '徐磊', 'OFFICE:610000', ['ADMIN']],
  ['xa.admin', '孙涛', '610100', ['ADMIN', 'SUPERVISOR']],
  ['xa.clerk', '马晓燕', '610100', ['CLERK']],
  ['xa.drafter', '朱俊', '610100', ['DRAFTER']],
  ['xa.leader', '胡建华', '610100', ['APPROVER', 'LEADER']],
  ['xa.archivist', '郭丽娟', '610100', ['ARCHIVIST']],
  ['xab.clerk', '何静', 'OFFICE:610100', ['CLERK']],
  ['xc.admin', '高鹏', '610102', ['ADMIN']],
  ['xc.clerk', '王秀兰', '610102', ['CLERK']],
  ['xc.drafter', '林强', '610102', ['DRAFTER']],
  ['xc.leader', '罗文彬', '610102', ['APPROVER', 'LEADER']],
  ['bl.admin', '梁超', '610103', ['ADMIN']],
  ['bl.clerk', '宋佳', '610103', ['CLERK']],
  ['bj.admin', '郑斌', '610300', ['ADMIN', 'SUPERVISOR']],
  ['bj.clerk', '谢婷', '610300', ['CLERK']],
];

/** The demo leaders' 职务, printed beside their names on an order they sign (西安市人民政府令, 新城区人民政府令). */
const DEMO_POSTS: [string, string][] = [
  ['sxb.leader', '办公厅主任'],
  ['xa.leader', '市长'],
  ['xc.leader', '区长'],
];

/** Every unit of the demo province, parents before children. */
export function demoOrgs(): OrgRow[] {
  const orgs: OrgRow[] = [];
  const gov = orgRow(null, PROVINCE.code, PROVINCE.name, PROVINCE.shortName, 'PROVINCE', 'GOVERNMENT');
  orgs.push(gov);
  orgs.push(orgRow(gov, syntheticUscc('610000', 1), '陕西省人民政府办公厅', '省政府办公厅', 'PROVINCE', 'OFFICE'));
  PROVINCE_DEPARTMENTS.forEach(([name, short], i) => {
    orgs.push(orgRow(gov, syntheticUscc('610000', 100 + i), name, short, 'PROVINCE', 'DEPARTMENT'));
  });
  orgs.push(...secondBatchOrgs(gov));
  for (const [cityCode, cityShort, counties] of CITIES) {
    const city = orgRow(gov, cityCode, `${cityShort}人民政府`, cityShort, 'CITY', 'GOVERNMENT');
    orgs.push(city);
    orgs.push(orgRow(city, syntheticUscc(cityCode, 1), `${cityShort}人民政府办公室`, `${cityShort}政府办`, 'CITY', 'OFFICE'));
    CITY_DEPARTMENTS.forEach(([name, short], i) => {
      orgs.push(orgRow(city, syntheticUscc(cityCode, 100 + i), `${cityShort}${name}`, `${cityShort}${short}`, 'CITY', 'DEPARTMENT'));
    });
    for (const [countyCode, countyShort] of counties) {
      orgs.push(orgRow(city, countyCode, `${cityShort}${countyShort}人民政府`, countyShort, 'COUNTY', 'GOVERNMENT'));
    }
  }
  return orgs;
}

const CATEGORY: Record<OrgKind, string> = { GOVERNMENT: '11', OFFICE: '11', DEPARTMENT: '11', CENTRAL_AGENCY: '11', INSTITUTION: '12', ENTERPRISE: '91' };

/** The 48 units of seed 002's second deployment batch, as provincial-level units under the provincial government. */
export function secondBatchOrgs(gov: OrgRow): OrgRow[] {
  return SECOND_BATCH.flatMap(
    ([, kind], g) =>
      SECOND_BATCH[g]?.[2].map((name, i) =>
        orgRow(gov, syntheticUscc('610000', 200 + g * 50 + i, CATEGORY[kind]), name, shortNameOf(name), 'PROVINCE', kind),
      ) ?? [],
  );
}

const unitOf = (orgs: OrgRow[], ref: string): OrgRow => {
  const office = ref.startsWith('OFFICE:');
  const code = ref.replace('OFFICE:', '');
  const found = office ? orgs.find((o) => o.kind === 'OFFICE' && o.code === syntheticUscc(code, 1)) : orgs.find((o) => o.code === code);
  if (!found) throw new Error(`demo seed: no unit ${ref}`);
  return found;
};

/** Seeds the demo province, step by step: each step runs only if its part is missing, so a database seeded by an
 * earlier version gains what was added since. Returns whether anything was seeded. */
export async function seedDemo(orm: MikroORM): Promise<boolean> {
  const rootPath = 'p61';
  return asUnit(orm, rootPath, async (em) => {
    const did = [
      await seedUnitsAndPeople(em),
      await seedRules(em),
      await seedLists(em),
      await seedSettings(em),
      await seedBriefingTitles(em),
      await seedSections(em),
      await seedEscalation(em),
      await seedInspection(em),
    ];
    return did.some(Boolean);
  });
}

async function seedRules(em: EntityManager): Promise<boolean> {
  const [{ n }] = (await em.execute('select count(*)::int as n from org.routing_rules')) as [{ n: number }];
  if (n > 0) return false;
  const orgs = demoOrgs();
  for (const r of SEED_RULES) {
    const { attachedTo, ...rule } = r;
    const org = attachedTo.startsWith('DEPT:') ? orgs.find((o) => o.name === attachedTo.slice(5)) : orgs.find((o) => o.code === attachedTo);
    if (!org) throw new Error(`demo seed: no unit ${attachedTo}`);
    await em.execute(
      `insert into org.routing_rules (id, org_id, org_path, name, side, direction, effect, sender_levels, sender_kinds, receiver_levels, receiver_kinds, doc_types, max_depth)
       values (?, ?, ?::ltree, ?, ?, ?, ?, ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?)`,
      [
        stableId(`rule:${rule.name}`),
        org.id,
        org.path,
        rule.name,
        rule.side,
        rule.direction,
        rule.effect,
        pgArray(rule.senderLevels),
        pgArray(rule.senderKinds),
        pgArray(rule.receiverLevels),
        pgArray(rule.receiverKinds),
        pgArray(rule.docTypes),
        rule.maxDepth,
      ],
    );
  }
  return true;
}

/** 机关代字 of the demo units, as their real counterparts number documents (e.g. 陕政办发〔2008〕27号, seed 002). */
export const DEMO_PREFIXES: [string, string[]][] = [
  ['610000', ['陕政发', '陕政字', '陕政发明电']],
  ['OFFICE:610000', ['陕政办发', '陕政办函', '陕政办发明电']],
  ['610100', ['市政发', '市政函']],
  ['OFFICE:610100', ['市政办发']],
  ['610102', ['新政发', '新政函']],
  ['610103', ['碑政发', '碑政函']],
  ['610300', ['宝政发', '宝政函']],
];

/** 简报刊名 of the demo units: the office's 内部刊物 as seed 002 三 names them, a city's and a county's 政务信息. */
export const DEMO_BRIEFINGS: [string, string[]][] = [
  ['OFFICE:610000', ['陕政通报', '要情通报']],
  ['610100', ['西安政务信息']],
  ['610102', ['新城政务信息']],
];

async function seedBriefingTitles(em: EntityManager): Promise<boolean> {
  const [{ n }] = (await em.execute("select count(*)::int as n from org.unit_settings where briefing_titles <> '{}'")) as [{ n: number }];
  if (n > 0) return false;
  const orgs = demoOrgs();
  for (const [ref, titles] of DEMO_BRIEFINGS) {
    const org = unitOf(orgs, ref);
    await em.execute(
      `insert into org.unit_settings (org_id, org_path, briefing_titles) values (?, ?::ltree, ?::text[])
       on conflict (org_id) do update set briefing_titles = excluded.briefing_titles`,
      [org.id, org.path, pgArray(titles)],
    );
  }
  return true;
}

async function seedSettings(em: EntityManager): Promise<boolean> {
  const [{ n }] = (await em.execute('select count(*)::int as n from org.unit_settings')) as [{ n: number }];
  if (n > 0) return false;
  const orgs = demoOrgs();
  for (const [ref, prefixes] of DEMO_PREFIXES) {
    const org = unitOf(orgs, ref);
    await em.execute('insert into org.unit_settings (org_id, org_path, doc_prefixes) values (?, ?::ltree, ?::text[])', [org.id, org.path, pgArray(prefixes)]);
  }
  return true;
}

/** 自动催办规则 of the demo province (issue 16): at the due time its units' contacts, two hours later their leaders.
 * Seeded once, while no unit has rules of its own; documents learns them for every unit (org.escalation-reach). */
async function seedEscalation(em: EntityManager): Promise<boolean> {
  const [{ n }] = (await em.execute('select count(*)::int as n from org.unit_settings where escalation_steps is not null')) as [{ n: number }];
  if (n > 0) return false;
  const province = unitOf(demoOrgs(), '610000');
  await storeEscalationSteps(em, province, DEFAULT_ESCALATION);
  await publishEscalationReach(em, province.path);
  return true;
}

/** 内设机构 of the demo's city and county, with the demo accounts that work in them (the unit's handling assigns to them). */
export const DEMO_SECTIONS: [string, string, string[]][] = [
  ['610100', '办公室', ['xa.clerk']],
  ['610100', '综合科', ['xa.drafter']],
  ['610102', '办公室', ['xc.clerk']],
  ['610102', '综合科', ['xc.drafter']],
];

async function seedSections(em: EntityManager): Promise<boolean> {
  const [{ n }] = (await em.execute('select count(*)::int as n from org.sections')) as [{ n: number }];
  if (n > 0) return false;
  const orgs = demoOrgs();
  for (const [ref, name, members] of DEMO_SECTIONS) {
    const org = unitOf(orgs, ref);
    const id = stableId(`section:${ref}:${name}`);
    await em.execute('insert into org.sections (id, org_id, org_path, name) values (?, ?, ?::ltree, ?)', [id, org.id, org.path, name]);
    for (const username of members) {
      await em.execute('insert into org.section_members (user_id, section_id, org_id, org_path) values (?, ?, ?, ?::ltree)', [
        stableId(`user:${username}`),
        id,
        org.id,
        org.path,
      ]);
    }
  }
  return true;
}

/** 检查与限期整改 (seed 000 §23): 西安市's inspection of 新城区 three weeks before the demo began — three items that
 * conform, one (人员培训) still due, one (防病毒) reported as put right and awaiting 西安市's acceptance. */
async function seedInspection(em: EntityManager): Promise<boolean> {
  const [{ n }] = (await em.execute('select count(*)::int as n from org.inspections')) as [{ n: number }];
  if (n > 0) return false;
  const orgs = demoOrgs();
  const [xian, xincheng] = [unitOf(orgs, '610100'), unitOf(orgs, '610102')];
  const day = (n: number) => beijingDate(Date.now() + n * 86_400_000);
  const id = stableId('inspection:610102:demo');
  await em.execute(
    `insert into org.inspections (id, org_id, org_path, inspector_org_id, inspected_on, inspectors, summary, recorded_by, recorded_by_name, recorded_at)
     values (?, ?, ?::ltree, ?, ?, ?, ?, ?, ?, now() - interval '21 days')`,
    [
      id,
      xincheng.id,
      xincheng.path,
      xian.id,
      day(-21),
      '孙涛、马晓燕',
      '新城区电子公文传输工作制度健全、运行正常；人员培训考核和终端安全两项需限期整改。',
      stableId('user:xa.admin'),
      '孙涛',
    ],
  );
  const findings: [string, string, string | null, string | null][] = [
    ['SYSTEMS', '已制定电子公文收发管理制度，收文登记、签收和归档环节责任到人。', null, null],
    ['EQUIPMENT', '配备专用收发文终端两台、激光打印机一台，运行正常。', null, null],
    ['STAFF', '收文员王秀兰、拟稿员林强尚未登记培训考核即上岗。', day(9), null],
    ['SECURITY', '收发文终端防病毒软件未及时更新。', day(-7), '已升级防病毒软件并设为每日自动更新，终端已全面查杀。'],
    ['RECEIVING', '近三个月上级来文均在规定时限内签收，无漏收、迟收。', null, null],
  ];
  for (const [i, [item, finding, rectifyBy, rectification]] of findings.entries()) {
    const reportedAt = new Date(Date.now() - 9 * 86_400_000);
    const [row] = await em.execute<{ id: string }[]>(
      `insert into org.inspection_findings (inspection_id, org_path, position, item, finding, status, rectify_by, rectification, reported_at, reported_by_name)
       values (?, ?::ltree, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
      [
        id,
        xincheng.path,
        i + 1,
        item,
        finding,
        rectifyBy ? (rectification ? 'REPORTED' : 'DUE') : 'CONFORMS',
        rectifyBy,
        rectification,
        rectification ? reportedAt : null,
        rectification ? '高鹏' : null,
      ],
    );
    // The report is the item's first round (org.inspection_finding_steps), as reportRectification records it.
    if (rectification && row)
      await em.execute(
        `insert into org.inspection_finding_steps (finding_id, org_path, action, words, by_name, at) values (?, ?::ltree, 'REPORT', ?, '高鹏', ?)`,
        [row.id, xincheng.path, rectification, reportedAt],
      );
  }
  return true;
}

async function seedLists(em: EntityManager): Promise<boolean> {
  const orgs = demoOrgs();
  const office = unitOf(orgs, 'OFFICE:610000');
  const [{ n }] = (await em.execute('select count(*)::int as n from org.distribution_lists where org_id = ?', [office.id])) as [{ n: number }];
  if (n > 0) return false;
  const gov = orgs[0] as OrgRow;
  const members = secondBatchOrgs(gov).map((o) => o.id);
  await em.execute('insert into org.distribution_lists (id, org_id, org_path, name, member_ids) values (?, ?, ?::ltree, ?, ?::uuid[])', [
    stableId(`list:${SECOND_BATCH_LIST_NAME}`),
    office.id,
    office.path,
    SECOND_BATCH_LIST_NAME,
    pgArray(members),
  ]);
  return true;
}

async function seedUnitsAndPeople(em: EntityManager): Promise<boolean> {
  const rootPath = 'p61';
  {
    const [{ n }] = (await em.execute('select count(*)::int as n from org.orgs where path <@ ?::ltree', [rootPath])) as [{ n: number }];
    if (n > 0) return false;
    const orgs = demoOrgs();
    await insertOrgs(em, orgs);

    // Demo accounts share one password; hashing it once keeps seeding fast (each hash costs ~40 ms by design).
    const hash = await hashPassword(DEMO_PASSWORD);
    const users: { org: OrgRow; username: string; displayName: string; roles: Role[] }[] = DEMO_ACCOUNTS.map(([username, displayName, ref, roles]) => ({
      org: unitOf(orgs, ref),
      username,
      displayName,
      roles,
    }));
    // Every government unit gets a clerk account, so a broadcast to all counties has someone to sign for it.
    for (const o of orgs.filter((o) => o.kind === 'GOVERNMENT' || o.kind === 'OFFICE' || o.kind === 'DEPARTMENT')) {
      users.push({ org: o, username: `${o.code.toLowerCase()}.clerk`, displayName: demoPersonName(o.code), roles: ['CLERK'] });
    }
    for (let i = 0; i < users.length; i += 500) {
      const chunk = users.slice(i, i + 500);
      await em.execute(
        `insert into org.users (id, org_id, org_path, username, display_name, roles, password_hash, must_change_password, password_changed_at)
         values ${chunk.map(() => '(?, ?, ?::ltree, ?, ?, ?::text[], ?, false, now())').join(', ')}`,
        chunk.flatMap((u) => [stableId(`user:${u.username}`), u.org.id, u.org.path, u.username, u.displayName, `{${u.roles.join(',')}}`, hash]),
      );
    }

    await em.execute(
      `update org.users u set post = v.post from (values ${DEMO_POSTS.map(() => '(?, ?)').join(', ')}) v(username, post) where u.username = v.username`,
      DEMO_POSTS.flat(),
    );

    // Each government unit files the contact who handles transmission (seeds 000 §13, 002 §8): a person, by name
    // (seed 001 §32) — its clerk, the demo account's where the unit has one.
    const governments = orgs.filter((o) => o.kind === 'GOVERNMENT' || o.kind === 'OFFICE');
    const clerkOf = new Map<string, string>();
    for (const u of users) if (u.roles.includes('CLERK') && !clerkOf.has(u.org.id)) clerkOf.set(u.org.id, u.displayName);
    await em.execute(
      `insert into org.contacts (id, org_id, org_path, name, post, phone, mobile, urgent_alerts)
       values ${governments.map(() => '(?, ?, ?::ltree, ?, ?, ?, ?, true)').join(', ')}`,
      governments.flatMap((o, i) => [
        stableId(`contact:${o.code}`),
        o.id,
        o.path,
        clerkOf.get(o.id) ?? demoPersonName(o.code),
        '办公室文电科',
        `029-8${String(1000000 + i * 7919).slice(-7)}`,
        `139${String(10000000 + i * 104729).slice(-8)}`,
      ]),
    );
    return true;
  }
}
