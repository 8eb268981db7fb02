// Stamping: asking for the unit's seal on an approved document, the two custodians presenting their PINs, the stamp
// made when both have, withdrawing a request; and the stamp on record for a document as it is now.

import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import {
  badInput,
  ErrorCode,
  forbidden,
  hasRole,
  notFound,
  oneOfOrNull,
  personName,
  requireCaller,
  requiredText,
  requireRole,
  YizhanError,
} from '@yizhan/common';
import { DocumentsErrorCode } from '@yizhan/contracts/documents';
import { SealsErrorCode, sealsApi } from '@yizhan/contracts/seals';
import { digest, makeSesSignature, readSesSignature, type Suite, withTimeStamp } from '@yizhan/crypto';
import { isUuid, loadSecret, openWith, sealWith } from '@yizhan/kernel';
import { sql } from 'kysely';
import { type z } from 'zod';
import { type SealsContext } from '../deps.ts';
import { combine, decryptKey, PIN_PATTERN } from '../domain/custody.ts';
import { makeStamp, type SealRecord, type Stamp } from '../domain/stamp.ts';
import { shareOf } from '../domain/state.ts';
import { Seal } from '../entities/Seal.ts';
import { StampRequest } from '../entities/StampRequest.ts';
import { actorOf, getSeal, logEvent } from '../store/seals.ts';
import { withDb } from '../store/sql.ts';
import { touchTerminal } from '../store/terminals.ts';
import { openShareWithPin } from './custody-pin.ts';
import { documentForSeal } from './peers.ts';
import { terminalOfPin } from './terminals.ts';

const REQUEST_TTL_MS = 24 * 3600 * 1000;

/**
 * 原文数据的属性 of a stamp (TBS_Sign.propertyInfo, ASCII): the document, the scope of the signature (its canonical
 * content: the GB/T 9704 elements and the SHA-256 of the body and each attachment) and the digest algorithm.
 */
export const stampPropertyInfo = (documentId: string, suite: Suite) =>
  `yizhan:document:${documentId};scope=canonical-content;digest=${suite === 'SM2' ? 'SM3' : 'SHA-256'}`;

const waitingContext = (requestId: string) => `stamp-request:${requestId}`;

/** The unit's seal in use: the newest active one. */
export async function activeSealOf(em: EntityManager, orgId: string): Promise<Seal | null> {
  return em.findOne(Seal, { orgId, status: 'ACTIVE' }, { orderBy: { createdAt: 'desc' } });
}

/**
 * The stamp of seal `sealId` on record for a document whose canonical content is `canonical` (base64), if any. By
 * seal: a joint document carries a stamp of each issuing unit, and a unit above a co-issuer sees the co-issuer's too.
 */
export async function stampFor(em: EntityManager, documentId: string, canonical: string, suite: 'RSA' | 'SM2', sealId: string): Promise<Stamp | null> {
  const contentDigest = digest(suite, new Uint8Array(Buffer.from(canonical, 'base64')));
  const row = await withDb(em, (db) =>
    db
      .selectFrom('seals.stamps')
      .select('stamp')
      .where('document_id', '=', documentId)
      .where('seal_id', '=', sealId)
      .where('content_digest', '=', contentDigest)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
  );
  // A jsonb column: the stamp as presentSealPin wrote it.
  return (row?.stamp as Stamp | undefined) ?? null;
}

export async function stampRequests(status: string | null, ctx: SealsContext) {
  const caller = requireCaller(ctx);
  const only = oneOfOrNull(status, ['PENDING', 'COMPLETED', 'CANCELLED'], 'status');
  const rows = await withDb(ctx.em, (db) => {
    let q = db.selectFrom('seals.stamp_requests').select('id').where(sql<boolean>`org_path = ${caller.orgPath}::ltree`);
    if (only) q = q.where('status', '=', only);
    return q.orderBy('created_at', 'desc').limit(100).execute();
  });
  return rows.length ? ctx.em.find(StampRequest, { id: { $in: rows.map((r) => r.id) } }, { orderBy: { createdAt: 'desc' } }) : [];
}

/** Who asks for the seal: those who prepare a document for sending (its drafter, the unit's clerk), the seal's keepers
 * (who stamp what their unit co-issues) and the administrator; not every member of the unit. */
const ASKS_FOR_STAMPS = ['DRAFTER', 'CLERK', 'SEAL_KEEPER', 'ADMIN'] as const;

export async function requestStamp(documentId: string, ctx: SealsContext) {
  const caller = requireCaller(ctx);
  requireRole(caller, ...ASKS_FOR_STAMPS);
  if (!isUuid(documentId)) throw notFound('Document', documentId);
  const doc = await documentForSeal(ctx, documentId);
  // 联合行文: each co-issuing unit stamps the joint document with its own seal (GB/T 9704 §7.3.5.1).
  if (doc.orgId !== caller.orgId && !doc.coIssuerIds.includes(caller.orgId)) throw forbidden('A unit stamps only its own documents and those it co-issues');
  if (doc.status !== 'APPROVED')
    throw new YizhanError(DocumentsErrorCode.NOT_APPROVED, 'Only an approved document, not yet sent, is stamped', { status: doc.status });
  if (!(await activeSealOf(ctx.em, caller.orgId))) throw new YizhanError(SealsErrorCode.SEAL_NOT_ACTIVE, 'Your unit has no seal in use');
  // 登记 before 用印: the lead unit's document takes its 发文字号 now (documents keeps it, the send uses it), so that the
  // OFD the seal signs at the second PIN shows the number it is sent with. A co-issuer's stamp takes none: its seal
  // signs the joint document's OFD with the lead's number, which documents answers (NOT_NUMBERED while there is none).
  await ctx.deps.documents.call('reserve-number', ctx.callerHeader, { documentId });
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    // One request of a document asked at a time: ten asked at once queue here, each cancelling the one before it, so
    // one stays pending (without it each cancelled what it saw, none of the others' uncommitted ones).
    await withDb(em, (db) => sql`SELECT pg_advisory_xact_lock(hashtextextended(${`stamp-request:${documentId}`}, 0))`.execute(db));
    const seal = await activeSealOf(em, caller.orgId);
    if (!seal) throw new YizhanError(SealsErrorCode.SEAL_NOT_ACTIVE, 'Your unit has no seal in use');
    await withDb(em, (db) =>
      db
        .updateTable('seals.stamp_requests')
        // A custodian's share waiting on the earlier request goes with it.
        .set({ status: 'CANCELLED', status_reason: 'asked again', first_share: null })
        .where('document_id', '=', documentId)
        .where('status', '=', 'PENDING')
        .execute(),
    );
    return em.create(StampRequest, {
      id: crypto.randomUUID(),
      sealId: seal.id,
      orgPath: seal.orgPath,
      documentId,
      documentTitle: doc.title,
      canonical: doc.canonical,
      requestedBy: caller.userId,
      requestedByName: personName(caller),
      expiresAt: new Date(Date.now() + REQUEST_TTL_MS),
    });
  });
}

export async function presentSealPin(requestId: string, pin: string, ctx: SealsContext, proof?: { terminalId: string; signature: string } | null) {
  const caller = requireCaller(ctx);
  // Not a PIN at all (empty, letters, a megabyte): the client's mistake, refused before it counts as a wrong guess.
  if (!PIN_PATTERN.test(pin)) throw badInput('A custody PIN is 6 to 12 digits', 'pin');
  const req = isUuid(requestId) ? await ctx.em.findOne(StampRequest, { id: requestId }) : null;
  if (!req) throw notFound('Stamp request', requestId);
  if (req.status !== 'PENDING') throw new YizhanError(ErrorCode.ILLEGAL_TRANSITION, `The request is ${req.status.toLowerCase()}`);
  if (req.expiresAt < new Date()) {
    Object.assign(req, { status: 'CANCELLED', statusReason: 'expired', firstShare: null });
    await ctx.em.flush();
    throw new YizhanError(ErrorCode.ILLEGAL_TRANSITION, 'The request has expired: ask again');
  }
  const seal = await getSeal(ctx.em, req.sealId);
  const which = shareOf(seal, caller.userId);
  if (!which) throw forbidden('Only the seal’s two custodians present PINs');
  if (seal.status !== 'ACTIVE') throw new YizhanError(SealsErrorCode.SEAL_NOT_ACTIVE, `The seal is ${seal.status.toLowerCase()}`);
  if (req.firstCustodian === caller.userId)
    throw new YizhanError(SealsErrorCode.CUSTODY_INCOMPLETE, 'You have presented your PIN: the other custodian must present theirs');
  // A seal kept to its unit's terminals: this PIN only from one of them, checked before the PIN (a PIN from elsewhere
  // is refused as such, not counted as a wrong guess).
  const terminal = await terminalOfPin(ctx, seal, req.id, proof);

  // The document must still be what was approved: its canonical content now against the request's.
  const doc = await documentForSeal(ctx, req.documentId);
  if (doc.canonical !== req.canonical || doc.status !== 'APPROVED') {
    Object.assign(req, { status: 'CANCELLED', statusReason: 'the document changed after the request', firstShare: null });
    await ctx.em.flush();
    throw new YizhanError(ErrorCode.ILLEGAL_TRANSITION, 'The document changed after the stamp was asked for: ask again');
  }

  const em = ctx.em;
  const keyRow = await withDb(em, (db) =>
    db.selectFrom('seals.seal_keys').select(['private_key_enc', 'share_a', 'share_b']).where('seal_id', '=', seal.id).executeTakeFirst(),
  );
  if (!keyRow) throw new YizhanError(SealsErrorCode.SEAL_NOT_ACTIVE, 'The seal’s key is gone');
  const mine = await openShareWithPin(em, seal, caller, which, which === 'A' ? keyRow.share_a : keyRow.share_b, pin, {
    documentId: req.documentId,
    why: 'wrong PIN',
  });

  // The second custodian: what the seal signs of the document's OFD (laid out by documents with the number the
  // document took when the stamp was asked for), asked before the key is opened; signed with the stamp, at its time.
  const at = new Date();
  const seseal = seal.sesealDer ? new Uint8Array(seal.sesealDer) : null;
  const ofdToSign =
    seseal && req.firstCustodian && req.firstCustodian !== caller.userId
      ? await ctx.deps.documents.call('ofd-to-sign', ctx.callerHeader, { documentId: req.documentId, suite: seal.suite as Suite, signedAt: at })
      : null;

  return em.transactional(async (tx) => {
    const t = tx as EntityManager;
    // Waits for the other custodian's transaction (FOR UPDATE), never skips past it: MikroORM's 4 is SKIP LOCKED.
    const fresh = await t.findOneOrFail(StampRequest, { id: req.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (fresh.status !== 'PENDING') throw new YizhanError(ErrorCode.ILLEGAL_TRANSITION, `The request is ${fresh.status.toLowerCase()}`);
    if (!fresh.firstCustodian) {
      // The first of the two: the share waits with the request, under the service's secret, never in the clear.
      Object.assign(fresh, {
        firstCustodian: caller.userId,
        firstCustodianName: personName(caller),
        firstAt: new Date(),
        firstShare: sealWith(loadSecret('seal-master'), mine, waitingContext(fresh.id)),
      });
      await logEvent(t, {
        sealId: seal.id,
        orgPath: seal.orgPath,
        action: 'PIN_PRESENTED',
        actor: actorOf(caller),
        detail: { documentId: fresh.documentId, ...(terminal ? { terminal: terminal.name } : {}) },
      });
      if (terminal) await touchTerminal(t, terminal.id);
      return fresh;
    }
    if (fresh.firstCustodian === caller.userId) throw new YizhanError(SealsErrorCode.CUSTODY_INCOMPLETE, 'The other custodian must present their PIN');
    // Both custodians at the same moment: this one read the request before the other's PIN was in, so the OFD to sign
    // was not asked for. A stamp without it would send an OFD the seal never signed; this PIN is asked for again.
    if (seseal && !ofdToSign)
      throw new YizhanError(ErrorCode.CONFLICT, 'The other custodian presented their PIN at the same moment: present yours again', { retry: true });
    const other = openWith(loadSecret('seal-master'), fresh.firstShare as string, waitingContext(fresh.id));
    const dataKey = which === 'A' ? combine(mine, other) : combine(other, mine);
    const privateKey = decryptKey(dataKey, keyRow.private_key_enc, `seal:${seal.id}:key`);
    const stamp: Stamp = makeStamp({
      id: crypto.randomUUID(),
      seal: seal.sealRecord as unknown as SealRecord,
      privateKey,
      certificate: new Uint8Array(seal.certificateDer),
      documentId: fresh.documentId,
      canonical: new Uint8Array(Buffer.from(fresh.canonical, 'base64')),
      at,
    });
    // The stamp in GB/T 38540's encoding when the seal has one, and its signature time-stamped by the platform's TSA.
    if (seseal) {
      const suite = seal.suite as Suite;
      const signed = makeSesSignature(
        {
          seal: seseal,
          timeInfo: new Date(stamp.data.signedAt),
          dataHash: stamp.data.contentDigest,
          propertyInfo: stampPropertyInfo(fresh.documentId, suite),
        },
        { suite, certificate: new Uint8Array(seal.certificateDer), privateKey },
      );
      const ts = await ctx.deps.certificates.call('timestamp', ctx.callerHeader, {
        hashAlgorithm: suite === 'SM2' ? 'SM3' : 'SHA-256',
        digest: digest(suite, readSesSignature(signed).signature),
        suite,
      });
      stamp.der = Buffer.from(withTimeStamp(signed, new Uint8Array(Buffer.from(ts.token, 'base64')))).toString('base64');
      // The OFD's signature (GB/T 33190 §18): an SES_Signature over the digest of its Signature.xml, whose propertyInfo
      // names that file; the send puts both in the package (SignedValue.dat, Signature.xml).
      if (ofdToSign) {
        const signedOfd = makeSesSignature(
          { seal: seseal, timeInfo: at, dataHash: ofdToSign.dataHash, propertyInfo: ofdToSign.propertyInfo },
          { suite, certificate: new Uint8Array(seal.certificateDer), privateKey },
        );
        // Its own time stamp (GB/T 38540 SES_Signature.timeStamp): the TSA's token over this signature's value.
        const ofdTs = await ctx.deps.certificates.call('timestamp', ctx.callerHeader, {
          hashAlgorithm: suite === 'SM2' ? 'SM3' : 'SHA-256',
          digest: digest(suite, readSesSignature(signedOfd).signature),
          suite,
        });
        stamp.ofd = {
          docNumber: ofdToSign.docNumber,
          signatureXml: ofdToSign.signatureXml,
          signedValue: Buffer.from(withTimeStamp(signedOfd, new Uint8Array(Buffer.from(ofdTs.token, 'base64')))).toString('base64'),
        };
      }
    }
    await withDb(t, (db) =>
      db
        .insertInto('seals.stamps')
        .values({
          id: stamp.id,
          seal_id: seal.id,
          org_path: sql<string>`${seal.orgPath}::ltree`,
          document_id: fresh.documentId,
          content_digest: stamp.data.contentDigest,
          stamp: JSON.stringify(stamp),
          ses_signature: stamp.der ? Buffer.from(stamp.der, 'base64') : null,
        })
        .execute(),
    );
    Object.assign(fresh, { status: 'COMPLETED', stampId: stamp.id, firstShare: null });
    await logEvent(t, {
      sealId: seal.id,
      orgPath: seal.orgPath,
      action: 'USED',
      actor: actorOf(caller),
      detail: {
        documentId: fresh.documentId,
        title: fresh.documentTitle,
        custodians: [fresh.firstCustodianName, personName(caller)],
        stampId: stamp.id,
        ...(terminal ? { terminal: terminal.name } : {}),
      },
    });
    if (terminal) await touchTerminal(t, terminal.id);
    return fresh;
  });
}

export async function cancelStampRequest(id: string, reason: string, ctx: SealsContext) {
  const caller = requireCaller(ctx);
  const why = requiredText(reason, 'reason', { max: 500 });
  return ctx.em.transactional(async (em) => {
    const req = isUuid(id) ? await em.findOne(StampRequest, { id }) : null;
    if (!req || req.orgPath !== caller.orgPath) throw notFound('Stamp request', id);
    // The one who asked, the seal's keepers, or the administrator: not any member of the unit.
    if (req.requestedBy !== caller.userId && !hasRole(caller, 'SEAL_KEEPER', 'ADMIN'))
      throw forbidden('A stamp request is withdrawn by whoever asked for it, a seal keeper or the administrator');
    if (req.status !== 'PENDING') throw new YizhanError(ErrorCode.ILLEGAL_TRANSITION, `The request is ${req.status.toLowerCase()}`);
    Object.assign(req, { status: 'CANCELLED', statusReason: why, firstShare: null });
    return req;
  });
}

type Input<N extends keyof (typeof sealsApi)['calls']> = z.output<(typeof sealsApi)['calls'][N]['input']>;

export async function stampForSend(ctx: SealsContext, { documentId, canonical, step }: Input<'stamp-for-send'>) {
  const caller = requireCaller(ctx);
  const seal = await activeSealOf(ctx.em as EntityManager, caller.orgId);
  if (!seal) return { required: false, stamp: null };
  const stamp = await stampFor(ctx.em as EntityManager, documentId, canonical, seal.suite as 'RSA' | 'SM2', seal.id);
  if (!stamp) {
    throw new YizhanError(
      SealsErrorCode.SEAL_REQUIRED,
      `Your unit has a seal in use: both custodians must stamp this document (as it is now) before ${step === 'COUNTERSIGN' ? 'your unit countersigns it' : 'it is sent'}`,
      {
        sealId: seal.id,
      },
    );
  }
  return { required: true, stamp };
}
