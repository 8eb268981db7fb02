// Backups that restore (issue 20): a platform with a stamped, sent, received and archived document is backed up while
// it runs, restored into a PostgreSQL of its own with empty file stores, and started there: every document, delivery,
// file, seal, certificate and archive record is found through the gateway, the stamp still verifies, the archive's
// evidence chain is whole, and the counters carry on without a gap. A damaged backup and a restore over a platform in
// use are refused, changing nothing.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '@yizhan/common';
import { startEmbeddedPostgres, withDatabase } from '@yizhan/kernel';
import pg from 'pg';
import { BackupRefused, backup, restore, storesOf } from '../scripts/lib/backup.ts';
import { adminUrl, eventually, ok, type Platform, startPlatform } from './support/harness.ts';
import { approvedOfficeDocument, makeOfficeSeal, OFFICE_PINS } from './support/seals.ts';

let p: Platform;
const tokens: Record<string, string> = {};
const gql = async (user: string, query: string, variables: Record<string, unknown> = {}, on: Platform = p) => {
  const key = `${on.gatewayUrl} ${user}`;
  tokens[key] ??= await on.login(user);
  return on.gql(query, variables, tokens[key]);
};
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-backup-test-'));
fs.chmodSync(work, 0o755);

const COUNTED = [
  'documents.documents',
  'documents.deliveries',
  'seals.seals',
  'certificates.certificates',
  'archive.records',
  'archive.chain',
  'org.users',
  'org.audit_log',
];
/** Rows of the tables a person would miss, read underneath the application (superuser URL of a database). */
async function counts(superUrl: string): Promise<Record<string, number>> {
  const c = new pg.Client({ connectionString: superUrl });
  await c.connect();
  try {
    const out: Record<string, number> = {};
    for (const t of COUNTED) out[t] = Number((await c.query(`select count(*) n from ${t}`)).rows[0]?.n);
    return out;
  } finally {
    await c.end();
  }
}

let doc: string;
let sha: string;
before(async () => {
  p = await startPlatform();
  const local = (user: string, q: string, v: Record<string, unknown> = {}) => gql(user, q, v);
  await makeOfficeSeal(local);
  doc = await approvedOfficeDocument(p, local, tokens, '关于备份恢复演练的通知', Buffer.from('附件：演练安排'));
  const req = ok(await gql('sxb.drafter', 'mutation($d: ID!) { requestStamp(documentId: $d) { id } }', { d: doc }), 'requestStamp');
  for (const [user, pin] of Object.entries(OFFICE_PINS))
    ok(await gql(user, 'mutation($r: ID!, $p: String!) { presentSealPin(requestId: $r, pin: $p) { id } }', { r: req.id, p: pin }), 'presentSealPin');
  ok(await gql('sxb.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { status } }', { id: doc, k: randomUUID() }), 'sendDocument');
  const inbox = ok(await gql('xa.clerk', '{ inbox(filter: {search: "备份恢复演练"}) { nodes { id document { attachments { sha256 } } } } }'), 'inbox');
  sha = inbox.nodes[0].document.attachments[0].sha256;
  await eventually(
    async () => ok<{ documentId: string }[]>(await gql('sxb.archivist', '{ archivalQueue { documentId } }'), 'archivalQueue'),
    (q) => q.some((x) => x.documentId === doc),
    p.drainArchiveEvents,
  );
  ok(await gql('sxb.archivist', 'mutation($d: ID!) { archiveDocument(documentId: $d) { id } }', { d: doc }), 'archiveDocument');
});
after(async () => {
  await p?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('backup and restore', () => {
  test('backed up while running, restored into a new PostgreSQL and empty stores, the platform is all there', async () => {
    const config = loadConfig();
    const to = path.join(work, 'backup');
    const manifest = await backup({ adminUrl: adminUrl(), database: p.db.name, stores: storesOf(config), to });
    assert.ok(
      manifest.stores.blobs.some((b) => b.file.endsWith(sha.slice(2))),
      'the attachment is in the backup',
    );
    assert.ok(manifest.stores.keys.length > 0, 'and the keys');
    // The snapshot holds what the platform held; the audit log and the archive's chain may still grow after it (their
    // followers work on), so those are compared with the manifest only.
    const now = await counts(p.db.superUrl);
    const before = Object.fromEntries(COUNTED.map((t) => [t, manifest.tables.find((x) => `${x.schema}.${x.table}` === t)?.rows]));
    for (const t of COUNTED.filter((t) => !['org.audit_log', 'archive.chain'].includes(t))) assert.equal(before[t], now[t], t);
    assert.ok((before['org.audit_log'] ?? 0) > 0 && (before['archive.chain'] ?? 0) > 0);

    // A PostgreSQL and stores of their own, as on another machine.
    const server = await startEmbeddedPostgres(path.join(work, 'postgres'), { persistent: false });
    const stores = { blobDir: path.join(work, 'blobs'), archiveDir: path.join(work, 'archive'), keysDir: path.join(work, 'keys') };
    const target = { ...config, databaseName: 'yizhan_restored' };
    const saved = { blob: process.env.YIZHAN_BLOB_DIR, archive: process.env.YIZHAN_ARCHIVE_DIR };
    let q: Platform | undefined;
    try {
      await restore({ from: to, adminUrl: server.adminUrl, config: target, stores });
      assert.deepEqual(await counts(withDatabase(server.adminUrl, 'yizhan_restored')), before, 'every row is back');
      assert.equal(fs.readFileSync(path.join(stores.blobDir, sha.slice(0, 2), sha.slice(2)), 'utf8'), '附件：演练安排');
      for (const k of manifest.stores.keys)
        assert.deepEqual(
          fs.readFileSync(path.join(stores.keysDir, path.relative('keys', k.file))),
          fs.readFileSync(path.join(storesOf(config).keysDir, path.relative('keys', k.file))),
        );

      // Restoring again over it is refused: the database holds data now.
      await assert.rejects(
        restore({ from: to, adminUrl: server.adminUrl, config: target, stores }),
        (e: unknown) => e instanceof BackupRefused && e.code === 'DATABASE_NOT_EMPTY',
      );

      process.env.YIZHAN_BLOB_DIR = stores.blobDir;
      process.env.YIZHAN_ARCHIVE_DIR = stores.archiveDir;
      q = await startPlatform({ adminUrl: server.adminUrl, database: 'yizhan_restored' });

      // Through the gateway, as the people would look.
      const inbox = ok(await gql('xa.clerk', '{ inbox(filter: {search: "备份恢复演练"}) { nodes { id status document { id title } } } }', {}, q), 'inbox');
      assert.equal(inbox.nodes[0]?.document.id, doc);
      const dl = await fetch(`${q.gatewayUrl.replace('/graphql', '/blobs')}/${sha}?delivery=${inbox.nodes[0].id}`, {
        headers: { authorization: `Bearer ${tokens[`${q.gatewayUrl} xa.clerk`]}` },
      });
      assert.equal(dl.status, 200);
      assert.equal(Buffer.from(await dl.arrayBuffer()).toString(), '附件：演练安排', 'the file is there');
      const seal = ok(
        await gql('xa.clerk', 'query($id: ID!) { documentSeal(documentId: $id) { stamped valid checks { check ok reason } } }', { id: doc }, q),
        'documentSeal',
      );
      assert.deepEqual([seal.stamped, seal.valid], [true, true], JSON.stringify(seal.checks.filter((c: { ok: boolean }) => !c.ok)));
      const chain = ok(await gql('sxb.archivist', '{ archiveEvidenceChain { length whole } }', {}, q), 'archiveEvidenceChain');
      assert.equal(chain.whole, true, 'the archive’s evidence chain is intact');
      assert.ok(chain.length > 0);
      const records = ok<{ documentId: string; status: string }[]>(
        await gql('sxb.archivist', '{ archiveRecords { documentId status } }', {}, q),
        'archiveRecords',
      );
      assert.ok(
        records.some((r) => r.documentId === doc && r.status === 'ARCHIVED'),
        'the archive record is there',
      );

      // The counters carry on: the next document of the office takes the next number, not one it already used.
      const numbers = async (on: Platform) =>
        (await on.superQuery<{ doc_number: string }>("select doc_number from documents.documents where doc_number like '陕政办发%'")).map((r) => r.doc_number);
      const used = await numbers(q);
      const next = await approvedOfficeDocument(q, (u, qq, v) => gql(u, qq, v, q), {}, '关于恢复后发文的通知');
      // Stamped with the restored seal: its custodians' key shares open with the restored keys.
      const again = ok(await gql('sxb.drafter', 'mutation($d: ID!) { requestStamp(documentId: $d) { id } }', { d: next }, q), 'requestStamp');
      for (const [user, pin] of Object.entries(OFFICE_PINS))
        ok(await gql(user, 'mutation($r: ID!, $p: String!) { presentSealPin(requestId: $r, pin: $p) { id } }', { r: again.id, p: pin }, q), 'presentSealPin');
      ok(
        await gql('sxb.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { status } }', { id: next, k: randomUUID() }, q),
        'sendDocument',
      );
      const [{ doc_number } = { doc_number: '' }] = await q.superQuery<{ doc_number: string }>('select doc_number from documents.documents where id = $1', [
        next,
      ]);
      assert.ok(doc_number && !used.includes(doc_number), `a new number: ${doc_number}`);
    } finally {
      process.env.YIZHAN_BLOB_DIR = saved.blob;
      process.env.YIZHAN_ARCHIVE_DIR = saved.archive;
      if (saved.blob === undefined) delete process.env.YIZHAN_BLOB_DIR;
      if (saved.archive === undefined) delete process.env.YIZHAN_ARCHIVE_DIR;
      await q?.close();
      await server.stop();
    }
  });

  test('a damaged backup is refused before anything is written, naming the file', async () => {
    const to = path.join(work, 'damaged');
    const manifest = await backup({ adminUrl: adminUrl(), database: p.db.name, stores: storesOf(loadConfig()), to });
    const victim = manifest.tables.find((t) => t.table === 'deliveries');
    assert.ok(victim);
    fs.appendFileSync(path.join(to, victim.file), 'x');
    const stores = { blobDir: path.join(work, 'd-blobs'), archiveDir: path.join(work, 'd-archive'), keysDir: path.join(work, 'd-keys') };
    const name = `yz_never_${randomUUID().slice(0, 8)}`;
    await assert.rejects(
      restore({ from: to, adminUrl: adminUrl(), config: { ...loadConfig(), databaseName: name }, stores }),
      (e: unknown) => e instanceof BackupRefused && e.code === 'BACKUP_DAMAGED' && e.message.includes(victim.file),
    );
    assert.equal(fs.existsSync(stores.blobDir), false, 'no file was written');
    const c = new pg.Client({ connectionString: adminUrl() });
    await c.connect();
    const made = (await c.query('select 1 from pg_database where datname = $1', [name])).rowCount;
    await c.end();
    assert.equal(made, 0, 'no database was made');
  });
});
