// What expires, read for the operators and the metrics: active certificates ending within a number of days (units',
// people's, seals'), the CA's own certificates and the TSA's (from the authorities' DER), and each suite's CRL with its
// next update (from the CRL's DER, its signature checked against the issuing CA).
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { readCertificate, readCrl, type Suite } from '@yizhan/crypto';
import { SCOPE_SETTING } from '@yizhan/kernel';
import { type ExpiryKind, kindOfAuthority } from '../domain/expiry.ts';
import { withDb } from './sql.ts';

export interface ExpiringRow {
  kind: ExpiryKind;
  /** The certificate's id; null for the CA's and the TSA's own. */
  id: string | null;
  serial: string | null;
  suite: Suite;
  holderName: string;
  subject: string;
  usage: string;
  notAfter: Date;
}

export interface CrlRow {
  suite: Suite;
  number: number;
  thisUpdate: Date;
  nextUpdate: Date | null;
}

const HOLDER_KIND: Record<string, ExpiryKind> = { UNIT: 'UNIT', PERSON: 'PERSON', SEAL: 'SEAL' };

/** Active certificates (and the CA's and TSA's) ending before `until`, soonest first. */
export async function expiringBefore(em: EntityManager, until: Date): Promise<ExpiringRow[]> {
  const issued = await withDb(em, (db) =>
    db
      .selectFrom('certificates.certificates')
      .select(['id', 'serial', 'suite', 'holder_kind', 'holder_name', 'subject', 'usage', 'not_after'])
      .where('status', '=', 'ACTIVE')
      .where('not_after', '<', until.toISOString())
      .orderBy('not_after')
      .limit(1000)
      .execute(),
  );
  const authorities = await withDb(em, (db) => db.selectFrom('certificates.authorities').select(['suite', 'role', 'certificate']).execute());
  const own = authorities.flatMap((a): ExpiringRow[] => {
    const facts = readCertificate(new Uint8Array(a.certificate));
    if (facts.notAfter >= until) return [];
    return [
      {
        kind: kindOfAuthority(a.role),
        id: null,
        serial: null,
        suite: a.suite as Suite,
        holderName: a.role,
        subject: facts.subject,
        usage: a.role,
        notAfter: facts.notAfter,
      },
    ];
  });
  const rows: ExpiringRow[] = issued.map((c) => ({
    kind: HOLDER_KIND[c.holder_kind] ?? 'UNIT',
    id: c.id,
    serial: c.serial,
    suite: c.suite as Suite,
    holderName: c.holder_name,
    subject: c.subject,
    usage: c.usage,
    notAfter: new Date(c.not_after),
  }));
  return [...own, ...rows].sort((a, b) => a.notAfter.getTime() - b.notAfter.getTime());
}

/** Each suite's current CRL with its next update. */
export async function crlsNow(em: EntityManager): Promise<CrlRow[]> {
  const rows = await withDb(em, (db) =>
    db
      .selectFrom('certificates.crls as c')
      .innerJoin('certificates.authorities as a', (j) => j.onRef('a.suite', '=', 'c.suite').on('a.role', '=', 'ISSUING'))
      .select(['c.suite', 'c.number', 'c.der', 'c.this_update', 'a.certificate'])
      .orderBy('c.suite')
      .execute(),
  );
  return rows.map((r) => {
    const read = readCrl(new Uint8Array(r.der), new Uint8Array(r.certificate));
    return { suite: r.suite as Suite, number: r.number, thisUpdate: new Date(r.this_update), nextUpdate: read?.nextUpdate ?? null };
  });
}

/**
 * An entity manager for the service's own reads with no caller (the metrics): certificates are a directory, readable
 * under any scope, so a scope no unit has is enough; nothing is written through it.
 */
export function platformEm(orm: MikroORM): EntityManager {
  const em = orm.em.fork();
  em.setSessionContext({ variables: { [SCOPE_SETTING]: 'platform' } });
  return em;
}
