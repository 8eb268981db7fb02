// The audit log and its reports, for a unit's administrators and those of the units above it (seed 003 §42).
import { AUDIT_CATEGORIES, type AuditCategory } from '@yizhan/common';
import { PageInfo } from '@yizhan/kernel';
import { Arg, Ctx, Field, ID, Int, Mutation, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { auditLog, auditLogCsv, recordExport, suspiciousActivity, unusedAccountsReport } from '../app/audit.ts';
import type { OrgContext } from '../deps.ts';
import type { AuditRow, SuspiciousPattern as Pattern } from '../store/audit.ts';

const AuditCategoryEnum = Object.fromEntries(AUDIT_CATEGORIES.map((c) => [c, c])) as { [K in AuditCategory]: K };
registerEnumType(AuditCategoryEnum, {
  name: 'AuditCategory',
  description: 'LOGIN 登录, SESSION 会话, ADMIN 管理操作, DOCUMENT 公文操作, DOWNLOAD 下载, EXPORT 导出',
});
const AuditOutcome = { OK: 'OK', REFUSED: 'REFUSED' } as const;
registerEnumType(AuditOutcome, { name: 'AuditOutcome' });
const SuspiciousKind = {
  FAILED_LOGINS: 'FAILED_LOGINS',
  ADDRESS_TRYING_MANY_ACCOUNTS: 'ADDRESS_TRYING_MANY_ACCOUNTS',
  MANY_ADDRESSES: 'MANY_ADDRESSES',
} as const;
registerEnumType(SuspiciousKind, {
  name: 'SuspiciousKind',
  description:
    'FAILED_LOGINS: an account with many failed logins; ADDRESS_TRYING_MANY_ACCOUNTS: one address failing on several accounts; MANY_ADDRESSES: one account logged in from several addresses',
});

@ObjectType({ description: 'One entry of the audit log: who did what, from where, with what outcome' })
export class AuditLogEntry {
  @Field(() => ID)
  id!: string;
  @Field(() => Date)
  at!: Date;
  @Field(() => String, { description: 'The service that recorded it' })
  source!: string;
  @Field(() => AuditCategoryEnum)
  category!: AuditCategory;
  @Field(() => String, { description: 'A mutation’s field, login, download, export …' })
  action!: string;
  @Field(() => AuditOutcome)
  outcome!: 'OK' | 'REFUSED';
  @Field(() => ID, { nullable: true })
  actorId!: string | null;
  @Field(() => String, { nullable: true, description: 'The person’s name as it is now' })
  actorName!: string | null;
  @Field(() => String, { nullable: true, description: 'The user name used (for a failed login, the name tried)' })
  actorUsername!: string | null;
  @Field(() => String, { nullable: true, description: 'The acting person’s unit' })
  unitName!: string | null;
  @Field(() => String, { nullable: true })
  targetType!: string | null;
  @Field(() => String, { nullable: true })
  targetId!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'What it was about, as it stood then: a person’s name, a certificate’s holder and serial, a record’s 档号, a file’s name',
  })
  targetName!: string | null;
  @Field(() => String, { nullable: true })
  clientAddress!: string | null;
  @Field(() => String, { description: 'Arguments and refusal code, as JSON (secrets removed)' })
  detail!: string;
}

@ObjectType()
export class AuditLogPage {
  @Field(() => [AuditLogEntry])
  nodes!: AuditLogEntry[];
  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType({ description: 'An active account not used for a long time (seed 003 §42(三))' })
export class UnusedAccount {
  @Field(() => ID)
  id!: string;
  @Field(() => String)
  displayName!: string;
  @Field(() => String)
  username!: string;
  @Field(() => String)
  unitName!: string;
  @Field(() => Date, { nullable: true, description: 'Null: never logged in' })
  lastLoginAt!: Date | null;
  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType({ description: 'A pattern worth a look: password guessing, an account used by others (seed 003 §42(一)(五))' })
export class SuspiciousPattern {
  @Field(() => SuspiciousKind)
  kind!: Pattern['kind'];
  @Field(() => ID, { nullable: true })
  actorId!: string | null;
  @Field(() => String, { nullable: true })
  actorName!: string | null;
  @Field(() => String, { nullable: true })
  clientAddress!: string | null;
  @Field(() => Int, { description: 'Failures, accounts or addresses, by kind' })
  count!: number;
  @Field(() => Date)
  firstAt!: Date;
  @Field(() => Date)
  lastAt!: Date;
}

const entry = (r: AuditRow): AuditLogEntry => ({ ...r, at: new Date(r.at), detail: JSON.stringify(r.detail) });

@Resolver()
export class AuditResolver {
  @Query(() => AuditLogPage, { description: 'A unit’s audit log, newest first: what its people did and what was done to it (its administrators, or above)' })
  async auditLog(
    @Arg('orgId', () => ID) orgId: string,
    @Arg('from', () => Date, { nullable: true }) from: Date | null,
    @Arg('to', () => Date, { nullable: true }) to: Date | null,
    @Arg('category', () => AuditCategoryEnum, { nullable: true }) category: AuditCategory | null,
    @Arg('outcome', () => AuditOutcome, { nullable: true }) outcome: 'OK' | 'REFUSED' | null,
    @Arg('actorId', () => ID, { nullable: true }) actorId: string | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: OrgContext,
  ): Promise<AuditLogPage> {
    const page = await auditLog({ orgId, from, to, category, outcome, actorId, first, after }, ctx);
    return { nodes: page.nodes.map(entry), pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage } };
  }

  @Query(() => String, { description: 'The same as CSV (UTF-8 with BOM), at most 50,000 entries; the export is itself recorded' })
  async auditLogCsv(
    @Arg('orgId', () => ID) orgId: string,
    @Arg('from', () => Date, { nullable: true }) from: Date | null,
    @Arg('to', () => Date, { nullable: true }) to: Date | null,
    @Arg('category', () => AuditCategoryEnum, { nullable: true }) category: AuditCategory | null,
    @Arg('outcome', () => AuditOutcome, { nullable: true }) outcome: 'OK' | 'REFUSED' | null,
    @Ctx() ctx: OrgContext,
  ): Promise<string> {
    return auditLogCsv({ orgId, from, to, category, outcome }, ctx);
  }

  @Mutation(() => Boolean, {
    description:
      'Records in your unit’s audit log an export the dashboard made in the browser from what it shows, which the server does not see otherwise: what (a table’s label and its format: statistics.csv, assessment.xlsx …) and how many rows. Changes nothing else; BAD_INPUT (field what) for a table not known',
  })
  recordExport(@Arg('what', () => String) what: string, @Arg('rows', () => Int) rows: number, @Ctx() ctx: OrgContext): boolean {
    return recordExport(what, rows, ctx);
  }

  @Query(() => [UnusedAccount], { description: 'Active accounts of the unit and below not logged in for `days` days' })
  async unusedAccounts(@Arg('orgId', () => ID) orgId: string, @Arg('days', () => Int, { defaultValue: 90 }) days: number, @Ctx() ctx: OrgContext) {
    return (await unusedAccountsReport(orgId, days, ctx)).map((a) => ({
      ...a,
      lastLoginAt: a.lastLoginAt ? new Date(a.lastLoginAt) : null,
      createdAt: new Date(a.createdAt),
    }));
  }

  @Query(() => [SuspiciousPattern], { description: 'Login patterns of the last `days` days worth a look (the unit and below)' })
  async suspiciousActivity(@Arg('orgId', () => ID) orgId: string, @Arg('days', () => Int, { defaultValue: 7 }) days: number, @Ctx() ctx: OrgContext) {
    return (await suspiciousActivity(orgId, days, ctx)).map((p) => ({ ...p, firstAt: new Date(p.firstAt), lastAt: new Date(p.lastAt) }));
  }
}
