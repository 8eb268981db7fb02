// The internal CA of each suite: a root, an issuing CA under it, and the seal maker (制章者) whose signature every
// seal carries. Made at first start, kept in the database with their keys encrypted under the `ca-master` secret,
// which lives outside it. Also the CRL of each suite, signed by its issuing CA and renewed on every status change.
import type { EntityManager } from '@mikro-orm/postgresql';
import { buildCrl, type CrlEntry, generateKeyPair, issueCertificate, type RevocationReason, SUITES, type Suite } from '@yizhan/crypto';
import { loadSecret, openWith, sealWith } from '@yizhan/kernel';

export type AuthorityRole = 'ROOT' | 'ISSUING' | 'SEAL_MAKER';
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
      const have = new Set(((await tx.execute('select role from certificates.authorities where suite = ?', [suite])) as { role: string }[]).map((r) => r.role));
      if (have.size === 3) continue;
      const now = new Date();
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
      await tx.execute('delete from certificates.authorities where suite = ?', [suite]);
      for (const [role, cert, key] of [
        ['ROOT', root, rootKey.privateKey],
        ['ISSUING', issuing, issuingKey.privateKey],
        ['SEAL_MAKER', maker, makerKey.privateKey],
      ] as const) {
        await tx.execute('insert into certificates.authorities (suite, role, certificate, private_key_enc) values (?, ?, ?, ?)', [
          suite,
          role,
          Buffer.from(cert),
          sealWith(loadSecret('ca-master'), Buffer.from(key), context(suite, role)),
        ]);
      }
      await publishCrl(tx as EntityManager, suite);
    }
  });
}

const cache = new Map<string, Authority>();

export async function loadAuthority(em: EntityManager, suite: Suite, role: AuthorityRole): Promise<Authority> {
  const key = `${suite}:${role}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const [row] = (await em.execute('select certificate, private_key_enc from certificates.authorities where suite = ? and role = ?', [suite, role])) as {
    certificate: Buffer;
    private_key_enc: string;
  }[];
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
  const rows = (await em.execute(
    `select c.serial, c.status, coalesce(c.revoked_at, h.at) as at, coalesce(c.revocation_reason, 'CERTIFICATE_HOLD') as reason
       from certificates.certificates c
       left join lateral (select at from certificates.status_changes s where s.certificate_id = c.id and s.action = 'SUSPEND' order by at desc limit 1) h on true
      where c.suite = ? and c.status in ('REVOKED', 'SUSPENDED')`,
    [suite],
  )) as { serial: string; at: Date; reason: string }[];
  const entries: CrlEntry[] = rows.map((r) => ({ serial: r.serial, revokedAt: new Date(r.at), reason: r.reason as RevocationReason }));
  const [current] = (await em.execute('select number from certificates.crls where suite = ? for update', [suite])) as { number: number }[];
  const number = (current?.number ?? 0) + 1;
  const now = new Date();
  const der = buildCrl({ suite, issuer: issuing, number, thisUpdate: now, nextUpdate: new Date(now.getTime() + 24 * 3600 * 1000), entries });
  await em.execute(
    `insert into certificates.crls (suite, number, der, this_update) values (?, ?, ?, ?)
     on conflict (suite) do update set number = excluded.number, der = excluded.der, this_update = excluded.this_update`,
    [suite, number, Buffer.from(der), now],
  );
}
