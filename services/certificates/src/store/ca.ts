// The internal CA of each suite: a root, an issuing CA under it, the seal maker (制章者) whose signature every
// seal carries, and the time-stamping authority (RFC 3161, its certificate for timeStamping only). Made at first start, kept in the database with their keys encrypted under the `ca-master` secret,
// which lives outside it. Also the CRL of each suite, signed by its issuing CA and renewed on every status change.
import type { EntityManager } from '@mikro-orm/postgresql';
import { buildCrl, type CrlEntry, generateKeyPair, issueCertificate, type RevocationReason, SUITES, type Suite } from '@yizhan/crypto';
import { loadSecret, openWith, sealWith } from '@yizhan/kernel';
import { sql } from 'kysely';
import { withDb } from './sql.ts';

export type AuthorityRole = 'ROOT' | 'ISSUING' | 'SEAL_MAKER' | 'TSA';
export const AUTHORITY_ROLES: AuthorityRole[] = ['ROOT', 'ISSUING', 'SEAL_MAKER', 'TSA'];
export interface Authority {
  suite: Suite;
  role: AuthorityRole;
  certificate: Uint8Array;
  privateKey: string;
}

const YEAR = 365 * 24 * 3600 * 1000;
const context = (suite: Suite, role: AuthorityRole) => `ca:${suite}:${role}`;

/** Creates what is missing of each suite's hierarchy; a lock keeps two replicas starting together from both making one. */
export async function ensureAuthorities(em: EntityManager): Promise<void> {
  await em.transactional(async (tx) => {
    await tx.execute("select pg_advisory_xact_lock(hashtext('yizhan.certificates.authorities'))");
    for (const suite of SUITES) {
      const roles = await withDb(tx as EntityManager, (db) => db.selectFrom('certificates.authorities').select('role').where('suite', '=', suite).execute());
      const have = new Set(roles.map((r) => r.role));
      if (AUTHORITY_ROLES.every((r) => have.has(r))) continue;
      const now = new Date();
      // A hierarchy made before the TSA existed keeps its keys and gains a TSA under its issuing CA.
      if (['ROOT', 'ISSUING', 'SEAL_MAKER'].every((r) => have.has(r))) {
        const issuing = await loadAuthority(tx as EntityManager, suite, 'ISSUING');
        await storeAuthority(tx as EntityManager, suite, 'TSA', ...makeTsa(suite, issuing, now));
        continue;
      }
      const rootKey = generateKeyPair(suite);
      const root = issueCertificate({
        suite,
        subject: { commonName: `驿站根证书 ${suite}`, organization: '驿站电子公文传输平台' },
        subjectPublicKey: rootKey.publicKey,
        profile: 'ROOT_CA',
        notBefore: now,
        notAfter: new Date(now.getTime() + 20 * YEAR),
        selfKey: rootKey,
      });
      const issuingKey = generateKeyPair(suite);
      const issuing = issueCertificate({
        suite,
        subject: { commonName: `驿站签发证书 ${suite}`, organization: '驿站电子公文传输平台' },
        subjectPublicKey: issuingKey.publicKey,
        profile: 'ISSUING_CA',
        notBefore: now,
        notAfter: new Date(now.getTime() + 10 * YEAR),
        issuer: { certificate: root, privateKey: rootKey.privateKey },
      });
      const makerKey = generateKeyPair(suite);
      const maker = issueCertificate({
        suite,
        subject: { commonName: `驿站制章者 ${suite}`, organization: '驿站电子公文传输平台' },
        subjectPublicKey: makerKey.publicKey,
        profile: 'SEAL_MAKER',
        notBefore: now,
        notAfter: new Date(now.getTime() + 10 * YEAR),
        issuer: { certificate: issuing, privateKey: issuingKey.privateKey },
      });
      await withDb(tx as EntityManager, (db) => db.deleteFrom('certificates.authorities').where('suite', '=', suite).execute());
      for (const [role, cert, key] of [
        ['ROOT', root, rootKey.privateKey],
        ['ISSUING', issuing, issuingKey.privateKey],
        ['SEAL_MAKER', maker, makerKey.privateKey],
        ['TSA', ...makeTsa(suite, { certificate: issuing, privateKey: issuingKey.privateKey }, now)],
      ] as const) {
        await storeAuthority(tx as EntityManager, suite, role, cert, key);
      }
      await publishCrl(tx as EntityManager, suite);
    }
  });
}

/** The TSA's key and certificate (extended key usage timeStamping, critical), issued by the issuing CA. */
function makeTsa(suite: Suite, issuing: { certificate: Uint8Array; privateKey: string }, now: Date): [Uint8Array, string] {
  const key = generateKeyPair(suite);
  const cert = issueCertificate({
    suite,
    subject: { commonName: `驿站时间戳服务 ${suite}`, organization: '驿站电子公文传输平台' },
    subjectPublicKey: key.publicKey,
    profile: 'TIME_STAMPING',
    notBefore: now,
    notAfter: new Date(now.getTime() + 10 * YEAR),
    issuer: issuing,
  });
  return [cert, key.privateKey];
}

async function storeAuthority(em: EntityManager, suite: Suite, role: AuthorityRole, cert: Uint8Array, key: string) {
  await withDb(em, (db) =>
    db
      .insertInto('certificates.authorities')
      .values({ suite, role, certificate: Buffer.from(cert), private_key_enc: sealWith(loadSecret('ca-master'), Buffer.from(key), context(suite, role)) })
      .execute(),
  );
}

// Opened once per database: two deployments in one process (a test of the exchange between them) each keep their own
// CA, as they do in their own processes.
const cache = new Map<string, Authority>();

export async function loadAuthority(em: EntityManager, suite: Suite, role: AuthorityRole): Promise<Authority> {
  const key = `${em.config.get('clientUrl')}\n${suite}:${role}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const row = await withDb(em, (db) =>
    db.selectFrom('certificates.authorities').select(['certificate', 'private_key_enc']).where('suite', '=', suite).where('role', '=', role).executeTakeFirst(),
  );
  if (!row) throw new Error(`The ${suite} ${role} authority is missing: the certificates service makes it at start`);
  const authority = {
    suite,
    role,
    certificate: new Uint8Array(row.certificate),
    privateKey: openWith(loadSecret('ca-master'), row.private_key_enc, context(suite, role)).toString(),
  };
  cache.set(key, authority);
  return authority;
}

/** Signs a new CRL of the suite: every revoked certificate, and every one on hold now. */
export async function publishCrl(em: EntityManager, suite: Suite): Promise<void> {
  const issuing = await loadAuthority(em, suite, 'ISSUING');
  await withDb(em, async (db) => {
    const rows = await db
      .selectFrom('certificates.certificates as c')
      .leftJoinLateral(
        (eb) =>
          eb
            .selectFrom('certificates.status_changes as s')
            .select('s.at')
            .whereRef('s.certificate_id', '=', 'c.id')
            .where('s.action', '=', 'SUSPEND')
            .orderBy('s.at', 'desc')
            .limit(1)
            .as('h'),
        (join) => join.onTrue(),
      )
      .select((eb) => [
        'c.serial',
        'c.status',
        eb.fn.coalesce('c.revoked_at', 'h.at').as('at'),
        eb.fn.coalesce('c.revocation_reason', sql.lit('CERTIFICATE_HOLD')).as('reason'),
      ])
      .where('c.suite', '=', suite)
      .where('c.status', 'in', ['REVOKED', 'SUSPENDED'])
      .execute();
    // `at` is never null (a revoked certificate has its time, a suspended one its SUSPEND change); `?? 0` is what
    // new Date(null) would give.
    const entries: CrlEntry[] = rows.map((r) => ({ serial: r.serial, revokedAt: new Date(r.at ?? 0), reason: r.reason as RevocationReason }));
    const current = await db.selectFrom('certificates.crls').select('number').where('suite', '=', suite).forUpdate().executeTakeFirst();
    const number = (current?.number ?? 0) + 1;
    const now = new Date();
    const der = buildCrl({ suite, issuer: issuing, number, thisUpdate: now, nextUpdate: new Date(now.getTime() + 24 * 3600 * 1000), entries });
    await db
      .insertInto('certificates.crls')
      .values({ suite, number, der: Buffer.from(der), this_update: now })
      .onConflict((oc) =>
        oc
          .column('suite')
          .doUpdateSet((eb) => ({ number: eb.ref('excluded.number'), der: eb.ref('excluded.der'), this_update: eb.ref('excluded.this_update') })),
      )
      .execute();
  });
}
