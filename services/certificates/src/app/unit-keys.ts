// Units' receipt-signing keys (issue 17: signed receipts). A unit signs each receipt of what it received (接收, 签收,
// 退回) with a key of its own: made with its SIGNING certificate on its first receipt, kept here encrypted under the
// CA's key-encryption secret `ca-master` (outside the database; an envelope like the CA's own keys, bound to the unit and suite), and
// used only through this call, only for receipts, only for the caller's own unit. The key never leaves the service.
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, forbidden, hasRole, personName, type Role, requireCaller, requireRole, YizhanError } from '@yizhan/common';
import { CertificatesErrorCode, type certificatesApi } from '@yizhan/contracts/certificates';
import {
  type Approval,
  approvalProblem,
  approvalTimestampDigest,
  generateKeyPair,
  hashAlgorithmOf,
  type Receipt,
  receiptProblem,
  receiptTimestampDigest,
  type Suite,
  signApproval,
  signReceipt,
} from '@yizhan/crypto';
import { loadSecret, openWith, type SubgraphContext, sealWith } from '@yizhan/kernel';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { CertificatesContext } from '../deps.ts';
import type { Certificate } from '../entities/Certificate.ts';
import { changeStatus, findCertificate, issue } from '../store/certificates.ts';
import { withDb } from '../store/sql.ts';
import { issue as issueTimestamp } from './timestamp.ts';

type Ctx = SubgraphContext<unknown>;
type Input<N extends keyof (typeof certificatesApi)['calls']> = z.output<(typeof certificatesApi)['calls'][N]['input']>;

const SECRET = 'ca-master';
const context = (orgId: string, suite: Suite) => `unit-key:${orgId}:${suite}`;
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

interface UnitKey {
  certificateId: string;
  certificate: Uint8Array;
  privateKey: string;
}

const readKey = (em: EntityManager, orgId: string, suite: Suite) =>
  withDb(em, (db) =>
    db
      .selectFrom('certificates.unit_keys as k')
      .innerJoin('certificates.certificates as c', 'c.id', 'k.certificate_id')
      .select(['k.certificate_id', 'k.private_key_enc', 'c.der', 'c.status'])
      .where('k.org_id', '=', orgId)
      .where('k.suite', '=', suite)
      .executeTakeFirst(),
  );

function keyFromRow(row: NonNullable<Awaited<ReturnType<typeof readKey>>>, orgId: string, suite: Suite): UnitKey {
  // A unit whose certificate is suspended or revoked (a dissolved or merged unit's is revoked with it) signs nothing.
  if (row.status !== 'ACTIVE')
    throw new YizhanError(CertificatesErrorCode.CERTIFICATE_NOT_VALID, `The unit's signing certificate is ${row.status.toLowerCase()}: it signs no receipt`);
  return { certificateId: row.certificate_id, certificate: new Uint8Array(row.der), privateKey: opened(row.private_key_enc, context(orgId, suite)) };
}

type UnitRef = { orgId: string; orgPath: string; name: string };

/** One maker at a time per unit and suite (first use, re-keying). */
const lockUnitKey = (em: EntityManager, orgId: string, suite: Suite) =>
  withDb(em, (db) => sql`select pg_advisory_xact_lock(hashtext(${`certificates.unit_key:${orgId}:${suite}`}))`.execute(db));

/** A new key of the unit and its SIGNING certificate; the key sealed for keeping. */
async function newUnitKey(em: EntityManager, unit: UnitRef, suite: Suite): Promise<{ cert: Certificate; enc: string; privateKey: string }> {
  const keys = generateKeyPair(suite);
  const cert = await issue(em, {
    suite,
    usage: 'SIGNING',
    holder: { kind: 'UNIT', name: unit.name, orgId: unit.orgId, orgPath: unit.orgPath, orgName: unit.name },
    publicKey: keys.publicKey,
  });
  await em.flush();
  return { cert, enc: sealWith(loadSecret(SECRET), Buffer.from(keys.privateKey), context(unit.orgId, suite)), privateKey: keys.privateKey };
}

/** The unit's key of the suite, made (with its certificate) on first use; one maker at a time per unit. */
async function unitKey(em: EntityManager, unit: UnitRef, suite: Suite): Promise<UnitKey> {
  let row = await readKey(em, unit.orgId, suite);
  if (!row) {
    await lockUnitKey(em, unit.orgId, suite);
    row = await readKey(em, unit.orgId, suite);
  }
  if (!row) {
    const made = await newUnitKey(em, unit, suite);
    await withDb(em, (db) =>
      db
        .insertInto('certificates.unit_keys')
        .values({ org_id: unit.orgId, suite, org_path: unit.orgPath, certificate_id: made.cert.id, private_key_enc: made.enc })
        .execute(),
    );
    return { certificateId: made.cert.id, certificate: new Uint8Array(made.cert.der), privateKey: made.privateKey };
  }
  return keyFromRow(row, unit.orgId, suite);
}

/**
 * 更换回执签名密钥: the unit's administrator replaces its receipt-signing key of a suite — after its certificate was
 * revoked (a key compromised: the unit signs nothing until it is replaced, and nothing replaces it by itself) or to
 * rotate it. A new key and SIGNING certificate are made and kept as the unit's; the old certificate, unless revoked
 * already, is revoked now as SUPERSEDED. What was signed before stays valid: a receipt or approval names the
 * certificate it was signed with and is checked against it at its time stamp's time.
 */
export async function rekeyUnit(ctx: CertificatesContext, suite: Suite): Promise<Certificate> {
  const caller = requireCaller(ctx);
  requireRole(caller, 'ADMIN');
  // The unit's name for the certificate's subject, asked of org before the transaction.
  const { unit } = await ctx.deps.org.call('whoami', ctx.callerHeader, {});
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const unitRef = { orgId: caller.orgId, orgPath: caller.orgPath, name: unit.name };
    await lockUnitKey(em, caller.orgId, suite);
    const old = await readKey(em, caller.orgId, suite);
    const { cert, enc } = await newUnitKey(em, unitRef, suite);
    if (old && old.status !== 'REVOKED')
      await changeStatus(em, await findCertificate(em, { id: old.certificate_id }), 'REVOKE', 'SUPERSEDED', {
        id: caller.userId,
        name: personName(caller),
      });
    const key = { certificate_id: cert.id, private_key_enc: enc };
    if (old)
      await withDb(em, (db) =>
        db
          .updateTable('certificates.unit_keys')
          .set({ ...key, created_at: new Date() })
          .where('org_id', '=', caller.orgId)
          .where('suite', '=', suite)
          .execute(),
      );
    else
      await withDb(em, (db) =>
        db
          .insertInto('certificates.unit_keys')
          .values({ ...key, org_id: caller.orgId, suite, org_path: caller.orgPath })
          .execute(),
      );
    return cert;
  });
}

/** The unit's key: most calls find it with one read and no transaction; the first makes it in one. */
async function keyOf(em: EntityManager, unit: UnitRef, suite: Suite): Promise<UnitKey> {
  const row = await readKey(em, unit.orgId, suite);
  if (row) return keyFromRow(row, unit.orgId, suite);
  return em.transactional((tx) => unitKey(tx as EntityManager, unit, suite));
}

// The opened keys, by their sealed form (a re-keyed unit's new key is a new entry): as many as a province has units,
// the least recently used dropped first, so that units signing in turn do not push each other out. The certificate's
// status is still read on every call.
const OPENED_KEYS = 25_000;
const openedKeys = new Map<string, string>();
function opened(sealed: string, ctx: string): string {
  const id = `${ctx}\n${sealed}`;
  let key = openedKeys.get(id);
  if (key) openedKeys.delete(id);
  else {
    key = openWith(loadSecret(SECRET), sealed, ctx).toString();
    if (openedKeys.size >= OPENED_KEYS) openedKeys.delete(openedKeys.keys().next().value as string);
  }
  openedKeys.set(id, key);
  return key;
}

/**
 * The internal call: the caller's unit signs the receipts of one action in one call (a 签收 signs for the 接收 it
 * implies and for itself). No time stamp here: documents time-stamps receipts in batches.
 */
export async function unitSignReceipts(ctx: Ctx, b: Input<'unit-sign-receipts'>) {
  const caller = requireCaller(ctx);
  const receipts = b.receipts as Receipt[];
  for (const receipt of receipts) {
    if (receipt.unit.orgId !== caller.orgId) throw forbidden('A unit signs only its own receipts');
    const problem = receiptProblem(receipt);
    if (problem) throw badInput(`Not a receipt: ${problem}`, 'receipts');
  }
  const suite: Suite = b.suite ?? 'SM2';
  const name = (receipts[0] as Receipt).unit.name;
  const key = await keyOf(ctx.em as EntityManager, { orgId: caller.orgId, orgPath: caller.orgPath, name }, suite);
  return {
    signatures: receipts.map((r) => b64(signReceipt(suite, key.privateKey, r))),
    certificate: b64(key.certificate),
    certificateId: key.certificateId,
    suite,
  };
}

/** The internal call: the caller's unit signs a receipt; the TSA time-stamps the signature. */
export async function unitSignReceipt(ctx: Ctx, b: Input<'unit-sign-receipt'>) {
  const caller = requireCaller(ctx);
  const receipt = b.receipt as Receipt;
  if (receipt.unit.orgId !== caller.orgId) throw forbidden('A unit signs only its own receipts');
  const problem = receiptProblem(receipt);
  if (problem) throw badInput(`Not a receipt: ${problem}`, 'receipt');
  const suite: Suite = b.suite ?? 'SM2';
  const key = await keyOf(ctx.em as EntityManager, { orgId: caller.orgId, orgPath: caller.orgPath, name: receipt.unit.name }, suite);
  const signature = signReceipt(suite, key.privateKey, receipt);
  const ts = await issueTimestamp(ctx, { hashAlgorithm: hashAlgorithmOf(suite), digest: receiptTimestampDigest(suite, signature), suite });
  return {
    signature: b64(signature),
    certificate: b64(key.certificate),
    certificateId: key.certificateId,
    suite,
    timestamp: { token: b64(ts.token), genTime: ts.genTime.toISOString() },
  };
}

/**
 * The internal call: the caller signs its own approval of a draft (审批, or the 签发 at the last step) with its unit's
 * key, in a role it holds; the TSA time-stamps the signature in the same call (approvals are few: no batch).
 */
export async function unitSignApproval(ctx: Ctx, b: Input<'unit-sign-approval'>) {
  const caller = requireCaller(ctx);
  const approval = b.approval as Approval;
  if (approval.unit.orgId !== caller.orgId || approval.approver.userId !== caller.userId || (approval.signer && approval.signer.username !== caller.username))
    throw forbidden('A person signs only their own approval, for their own unit');
  if (!hasRole(caller, approval.role as Role)) throw forbidden(`This approval needs a ${approval.role}`);
  const problem = approvalProblem(approval);
  if (problem) throw badInput(`Not an approval: ${problem}`, 'approval');
  const suite: Suite = b.suite ?? 'SM2';
  const key = await keyOf(ctx.em as EntityManager, { orgId: caller.orgId, orgPath: caller.orgPath, name: approval.unit.name }, suite);
  const signature = signApproval(suite, key.privateKey, approval);
  const ts = await issueTimestamp(ctx, { hashAlgorithm: hashAlgorithmOf(suite), digest: approvalTimestampDigest(suite, signature), suite });
  return {
    signature: b64(signature),
    certificate: b64(key.certificate),
    certificateId: key.certificateId,
    suite,
    timestamp: { token: b64(ts.token), genTime: ts.genTime.toISOString() },
  };
}
