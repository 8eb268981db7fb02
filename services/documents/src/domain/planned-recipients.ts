// Before the send: who a draft's recipients name, as the drafter reopening it and its approvers see it. Org answers
// the routing decision in columns (one array per field, for a broadcast's 10,000 units); this keeps the counts of all
// and the rows of the first few, the refused first (what someone must act on), then in the order of the org tree.

/** The columns of org's `recipients` answer that this reads. */
export interface RoutedColumns {
  orgIds: string[];
  paths: string[];
  names: string[];
  roles: ('MAIN' | 'CC')[];
  printQuotas: number[];
  allowed: boolean[];
  refusals: { orgId: string; rule: string | null }[];
}

export interface PlannedRecipientRow {
  orgId: string;
  name: string;
  role: 'MAIN' | 'CC';
  printQuota: number;
  refused: boolean;
  /** The rule that refuses it, by name (null: none allows it, or it is allowed). */
  refusalRule: string | null;
}

/** Rows shown of a draft's recipients; the counts cover all of them. */
export const PLANNED_ROWS = 200;

export function plannedRecipients(r: RoutedColumns, rows = PLANNED_ROWS) {
  const rules = new Map(r.refusals.map((x) => [x.orgId, x.rule]));
  const order = r.orgIds.map((_, i) => i);
  order.sort((a, b) => Number(r.allowed[a]) - Number(r.allowed[b]) || ((r.paths[a] ?? '') < (r.paths[b] ?? '') ? -1 : 1));
  const units: PlannedRecipientRow[] = order.slice(0, rows).map((i) => ({
    orgId: r.orgIds[i] as string,
    name: r.names[i] as string,
    role: r.roles[i] as 'MAIN' | 'CC',
    printQuota: r.printQuotas[i] as number,
    refused: !r.allowed[i],
    refusalRule: r.allowed[i] ? null : (rules.get(r.orgIds[i] as string) ?? null),
  }));
  return {
    count: r.orgIds.length,
    mainCount: r.roles.filter((x) => x === 'MAIN').length,
    ccCount: r.roles.filter((x) => x === 'CC').length,
    refusedCount: r.allowed.filter((ok) => !ok).length,
    units,
  };
}
