// Seals (seeds 001 ch. 3, 003 §17–22, 004 §5): a unit applies in writing with its head's consent; the issuing
// authority above approves and makes the seal (image, key pair, certificate); two seal keepers accept custody with
// their PINs; the seal is suspended, resumed, reported lost and replaced, and destroyed before the three parties.
import type { EntityManager } from '@mikro-orm/postgresql';
import { generateKeyPair, type Suite } from '@yizhan/crypto';
import {
  badInput,
  callInternal,
  canonicalBytes,
  ErrorCode,
  forbidden,
  isUuid,
  loadSecret,
  notFound,
  openWith,
  requireCaller,
  sealWith,
  YizhanError,
} from '@yizhan/kernel';
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { SealsContext } from '../deps.ts';
import { encryptKey, newDataKey, split, wrapWithPin } from '../domain/custody.ts';
import { sealPng, sealSvg, sha256 } from '../domain/image.ts';
import type { SealData, SealRecord } from '../domain/stamp.ts';
import { canManage, DESTRUCTION_PARTIES, isIssuingAuthority, isKeeperOf, isUnitHead } from '../domain/state.ts';
import { Seal } from '../entities/Seal.ts';
import { SealApplication } from '../entities/SealApplication.ts';
import { actorOf, getSeal, logEvent } from '../store.ts';
import { SealApplicationInput, SealLogEntry, WitnessInput } from './types.ts';

const YEAR = 365 * 24 * 3600 * 1000;
const master = () => loadSecret('seal-master');
const shareContext = (sealId: string, which: 'A' | 'B') => `seal:${sealId}:share:${which}`;

async function application(em: EntityManager, id: string): Promise<SealApplication> {
  const app = isUuid(id) ? await em.findOne(SealApplication, { id }) : null;
  if (!app) throw notFound('Seal application', id);
  return app;
}

function expect(app: SealApplication, status: string, what: string) {
  if (app.status !== status)
    throw new YizhanError(ErrorCode.ILLEGAL_TRANSITION, `The application is ${app.status.toLowerCase()}: ${what}`, { status: app.status });
}

/** The seal's certificate follows the seal: suspended, resumed or revoked with it. */
const certificateFollows = (ctx: SealsContext, seal: Seal, action: 'SUSPEND' | 'RESUME' | 'REVOKE', reason: string) =>
  callInternal(ctx.deps.certificatesUrl, 'seal-certificate-status', ctx.callerHeader, { certificateId: seal.certificateId, action, reason });

@Resolver()
export class SealResolver {
  @Query(() => [Seal], { description: 'The seals of a unit (yours or one below it), newest first' })
  async seals(@Arg('orgId', () => ID) orgId: string, @Ctx() ctx: SealsContext): Promise<Seal[]> {
    const caller = requireCaller(ctx);
    if (!isUuid(orgId)) throw notFound('Unit', orgId);
    const ids = (await ctx.em.execute('select id from seals.seals where org_id = ? and org_path <@ ?::ltree', [orgId, caller.orgPath])) as { id: string }[];
    return ids.length ? ctx.em.find(Seal, { id: { $in: ids.map((r) => r.id) } }, { orderBy: { createdAt: 'desc' } }) : [];
  }

  @Query(() => Seal, { description: 'One seal: its public part may be read by anyone verifying a stamp' })
  async seal(@Arg('id', () => ID) id: string, @Ctx() ctx: SealsContext): Promise<Seal> {
    requireCaller(ctx);
    return getSeal(ctx.em, id);
  }

  @Query(() => [SealApplication], { description: 'Seal applications of your unit and the units below it, newest first' })
  async sealApplications(@Arg('status', () => String, { nullable: true }) status: string | null, @Ctx() ctx: SealsContext) {
    requireCaller(ctx);
    return ctx.em.find(SealApplication, status ? { status } : {}, { orderBy: { createdAt: 'desc' }, limit: 200 });
  }

  @Query(() => [SealLogEntry], { description: 'A seal’s register: making, custody, every use and refused use, status changes, destruction' })
  async sealLog(@Arg('sealId', () => ID) sealId: string, @Ctx() ctx: SealsContext): Promise<SealLogEntry[]> {
    const caller = requireCaller(ctx);
    const seal = await getSeal(ctx.em, sealId);
    if (!seal.orgPath.startsWith(`${caller.orgPath}.`) && seal.orgPath !== caller.orgPath)
      throw forbidden('A seal’s register is for its unit and the units above');
    const rows = (await ctx.em.execute('select action, actor_name, detail, at from seals.seal_events where seal_id = ? order by at, id', [seal.id])) as {
      action: string;
      actor_name: string;
      detail: unknown;
      at: Date;
    }[];
    return rows.map((r) => ({ action: r.action, actorName: r.actor_name, detail: JSON.stringify(r.detail), at: new Date(r.at) }));
  }

  @Mutation(() => SealApplication, { description: 'Apply for a seal for your unit in writing (its administrator)' })
  async applyForSeal(@Arg('input', () => SealApplicationInput) input: SealApplicationInput, @Ctx() ctx: SealsContext) {
    const caller = requireCaller(ctx);
    if (!caller.roles.includes('ADMIN')) throw forbidden('A unit applies for its seal through its administrator');
    const statement = input.statement.trim();
    if (!statement || statement.length > 2000) throw badInput('The written application must be 1–2000 characters', 'statement');
    if (input.suite !== 'RSA' && input.suite !== 'SM2') throw badInput('suite must be RSA or SM2', 'suite');
    const below = input.belowText?.trim() || null;
    if (below && below.length > 12) throw badInput('The text under the star is at most 12 characters', 'belowText');
    if (input.kind && !['REPLACEMENT', 'CHANGE'].includes(input.kind)) throw badInput('kind is REPLACEMENT or CHANGE', 'kind');
    if (input.kind && !input.replacesSealId) throw badInput('A replacement or change names the seal it replaces', 'replacesSealId');
    const unit = await callInternal<{ id: string; path: string; name: string }>(ctx.deps.orgUrl, 'unit', ctx.callerHeader);
    return ctx.em.transactional(async (em) => {
      if (input.replacesSealId) {
        const old = await getSeal(em as EntityManager, input.replacesSealId);
        if (old.orgId !== unit.id) throw forbidden('A unit replaces only its own seal');
      }
      const app = em.create(SealApplication, {
        id: crypto.randomUUID(),
        orgId: unit.id,
        orgPath: unit.path,
        orgName: unit.name,
        suite: input.suite,
        kind: input.replacesSealId ? (input.kind ?? 'REPLACEMENT') : 'NEW',
        replacesSealId: input.replacesSealId ?? null,
        statement,
        belowText: below,
        applicantId: caller.userId,
        applicantName: caller.username,
      });
      await em.flush();
      await logEvent(em as EntityManager, { applicationId: app.id, orgPath: unit.path, action: 'APPLIED', actor: actorOf(caller), detail: { statement } });
      return app;
    });
  }

  @Mutation(() => SealApplication, { description: 'The head of the unit consents to its seal application (负责人审核同意并签字)' })
  async consentToSealApplication(@Arg('id', () => ID) id: string, @Ctx() ctx: SealsContext) {
    const caller = requireCaller(ctx);
    return ctx.em.transactional(async (tx) => {
      const em = tx as EntityManager;
      const app = await application(em, id);
      if (!isUnitHead(caller, app.orgPath)) throw forbidden('The head (LEADER) of the applying unit consents');
      expect(app, 'SUBMITTED', 'only a submitted application awaits consent');
      Object.assign(app, { status: 'CONSENTED', consentBy: caller.userId, consentByName: caller.username, consentAt: new Date() });
      await em.flush();
      await logEvent(em, { applicationId: app.id, orgPath: app.orgPath, action: 'CONSENTED', actor: actorOf(caller) });
      return app;
    });
  }

  @Mutation(() => SealApplication, { description: 'The issuing authority above the unit approves or rejects (with the reason)' })
  async decideSealApplication(
    @Arg('id', () => ID) id: string,
    @Arg('approve', () => Boolean) approve: boolean,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: SealsContext,
  ) {
    const caller = requireCaller(ctx);
    return ctx.em.transactional(async (tx) => {
      const em = tx as EntityManager;
      const app = await application(em, id);
      if (!isIssuingAuthority(caller, app.orgPath)) throw forbidden('Seals are approved by the issuing authority above the unit');
      expect(app, 'CONSENTED', 'the unit’s head must consent first');
      if (!approve && !note?.trim()) throw badInput('Give the reason for a rejection', 'note');
      Object.assign(app, {
        status: approve ? 'APPROVED' : 'REJECTED',
        approvedBy: caller.userId,
        approvedByName: caller.username,
        approvedAt: new Date(),
        decisionNote: note?.trim() || null,
      });
      await em.flush();
      await logEvent(em, { applicationId: app.id, orgPath: app.orgPath, action: approve ? 'APPROVED' : 'REJECTED', actor: actorOf(caller), detail: { note } });
      return app;
    });
  }

  @Mutation(() => Seal, {
    description: 'Make an approved seal: image, key pair and certificate, with two of the unit’s seal keepers as custodians',
  })
  async makeSeal(@Arg('applicationId', () => ID) applicationId: string, @Arg('custodianIds', () => [ID]) custodianIds: string[], @Ctx() ctx: SealsContext) {
    const caller = requireCaller(ctx);
    const app = await application(ctx.em, applicationId);
    if (!isIssuingAuthority(caller, app.orgPath)) throw forbidden('Seals are made by the issuing authority above the unit');
    expect(app, 'APPROVED', 'only an approved application is made into a seal');
    const [a, b] = custodianIds;
    if (custodianIds.length !== 2 || !a || !b || a === b) throw badInput('Name two different custodians (seed 004 §5: two people, separately)', 'custodianIds');
    const keepers = await callInternal<{ id: string; username: string; displayName: string }[]>(ctx.deps.orgUrl, 'keepers', ctx.callerHeader, {
      orgId: app.orgId,
    });
    const ka = keepers.find((k) => k.id === a);
    const kb = keepers.find((k) => k.id === b);
    if (!ka || !kb) throw badInput('Both custodians must be active seal keepers (SEAL_KEEPER) of the unit', 'custodianIds');

    // A replacement supersedes the seal it replaces: that one stops at once, with its certificate.
    const replaced = app.replacesSealId ? await getSeal(ctx.em, app.replacesSealId) : null;
    if (replaced && ['ACTIVE', 'SUSPENDED', 'PENDING_CUSTODY'].includes(replaced.status)) await certificateFollows(ctx, replaced, 'REVOKE', 'SUPERSEDED');

    const suite = app.suite as Suite;
    const sealId = crypto.randomUUID();
    const keys = generateKeyPair(suite);
    const cert = await callInternal<{ certificateId: string; der: string; fingerprint: string; notBefore: string; notAfter: string }>(
      ctx.deps.certificatesUrl,
      'issue-seal-certificate',
      ctx.callerHeader,
      { sealId, orgId: app.orgId, orgPath: app.orgPath, orgName: app.orgName, suite, publicKey: keys.publicKey },
    );
    try {
      const svg = sealSvg(app.orgName, app.belowText ?? '');
      const png = sealPng(svg);
      const now = new Date();
      const data: SealData = {
        version: 1,
        sealId,
        orgId: app.orgId,
        orgName: app.orgName,
        suite,
        imageSha256: sha256(png),
        certificates: [cert.fingerprint],
        validFrom: now.toISOString(),
        validTo: new Date(Math.min(now.getTime() + 5 * YEAR, new Date(cert.notAfter).getTime())).toISOString(),
        madeAt: now.toISOString(),
      };
      const signed = await callInternal<{ signature: string; certificate: string }>(ctx.deps.certificatesUrl, 'seal-maker-sign', ctx.callerHeader, {
        suite,
        data: Buffer.from(canonicalBytes(data)).toString('base64'),
      });
      const record: SealRecord = { data, signature: signed.signature, makerCertificate: signed.certificate };
      const dataKey = newDataKey();
      const [shareA, shareB] = split(dataKey);
      return await ctx.em.transactional(async (tx) => {
        const em = tx as EntityManager;
        const seal = em.create(Seal, {
          id: sealId,
          orgId: app.orgId,
          orgPath: app.orgPath,
          orgName: app.orgName,
          suite,
          imageSvg: svg,
          imagePng: png,
          imageSha256: data.imageSha256,
          certificateId: cert.certificateId,
          certificateDer: Buffer.from(cert.der, 'base64'),
          sealRecord: record as unknown as Record<string, unknown>,
          validFrom: new Date(data.validFrom),
          validTo: new Date(data.validTo),
          custodianA: ka.id,
          custodianAName: ka.displayName,
          custodianB: kb.id,
          custodianBName: kb.displayName,
          madeBy: caller.userId,
          madeByName: caller.username,
          applicationId: app.id,
        });
        await em.flush();
        // Until each custodian accepts custody with their PIN, their share waits under the service's secret.
        await em.execute('insert into seals.seal_keys (seal_id, org_path, private_key_enc, share_a, share_b) values (?, ?::ltree, ?, ?, ?)', [
          sealId,
          app.orgPath,
          encryptKey(dataKey, keys.privateKey, `seal:${sealId}:key`),
          sealWith(master(), shareA, shareContext(sealId, 'A')),
          sealWith(master(), shareB, shareContext(sealId, 'B')),
        ]);
        const fresh = await application(em, app.id);
        fresh.status = 'MADE';
        fresh.sealId = sealId;
        if (replaced) {
          const old = await getSeal(em, replaced.id);
          old.replacedBy = sealId;
          if (old.status !== 'REVOKED' && old.status !== 'DESTROYED') {
            old.status = 'REVOKED';
            old.statusReason = 'replaced';
            await em.execute('delete from seals.seal_keys where seal_id = ?', [old.id]);
            await logEvent(em, { sealId: old.id, orgPath: old.orgPath, action: 'REPLACED', actor: actorOf(caller), detail: { by: sealId } });
          }
        }
        await em.flush();
        await logEvent(em, {
          sealId,
          applicationId: app.id,
          orgPath: app.orgPath,
          action: 'MADE',
          actor: actorOf(caller),
          detail: { custodians: [ka.username, kb.username], certificate: cert.fingerprint },
        });
        return seal;
      });
    } catch (e) {
      // Nothing half made: a certificate issued for a seal that was not stored is revoked.
      await callInternal(ctx.deps.certificatesUrl, 'seal-certificate-status', ctx.callerHeader, {
        certificateId: cert.certificateId,
        action: 'REVOKE',
        reason: 'CESSATION_OF_OPERATION',
      }).catch(() => {});
      throw e;
    }
  }

  @Mutation(() => Seal, { description: 'A custodian takes custody of their share with a PIN of their own; the seal is in use once both have' })
  async acceptSealCustody(@Arg('sealId', () => ID) sealId: string, @Arg('pin', () => String) pin: string, @Ctx() ctx: SealsContext) {
    const caller = requireCaller(ctx);
    return ctx.em.transactional(async (tx) => {
      const em = tx as EntityManager;
      const seal = await getSeal(em, sealId);
      const which = seal.custodianA === caller.userId ? 'A' : seal.custodianB === caller.userId ? 'B' : null;
      if (!which || !isKeeperOf(caller, seal.orgPath)) throw forbidden('Only the seal’s named custodians take custody');
      if (seal.status !== 'PENDING_CUSTODY') throw new YizhanError(ErrorCode.ILLEGAL_TRANSITION, `The seal is ${seal.status.toLowerCase()}`);
      const col = which === 'A' ? 'share_a' : 'share_b';
      const [row] = (await em.execute(`select ${col} as share, ${col}_held as held from seals.seal_keys where seal_id = ? for update`, [seal.id])) as {
        share: string;
        held: boolean;
      }[];
      if (!row) throw notFound('Seal key', seal.id);
      if (row.held) throw new YizhanError(ErrorCode.ILLEGAL_TRANSITION, 'You have already taken custody of this seal');
      const share = openWith(master(), row.share, shareContext(seal.id, which));
      await em.execute(`update seals.seal_keys set ${col} = ?, ${col}_held = true where seal_id = ?`, [
        wrapWithPin(share, pin, shareContext(seal.id, which)),
        seal.id,
      ]);
      await logEvent(em, { sealId: seal.id, orgPath: seal.orgPath, action: 'CUSTODY_ACCEPTED', actor: actorOf(caller), detail: { share: which } });
      const [both] = (await em.execute('select share_a_held and share_b_held as done from seals.seal_keys where seal_id = ?', [seal.id])) as {
        done: boolean;
      }[];
      if (both?.done) {
        seal.status = 'ACTIVE';
        await em.flush();
        await logEvent(em, { sealId: seal.id, orgPath: seal.orgPath, action: 'ACTIVATED', actor: actorOf(caller) });
      }
      return seal;
    });
  }

  @Mutation(() => Seal, { description: 'Suspend a seal (and its certificate): it cannot stamp until resumed' })
  async suspendSeal(@Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: SealsContext) {
    const caller = requireCaller(ctx);
    if (!reason.trim()) throw badInput('Give the reason for the suspension', 'reason');
    return this.changeState(ctx, id, caller, ['ACTIVE'], 'SUSPENDED', 'SUSPENDED', reason.trim(), 'SUSPEND');
  }

  @Mutation(() => Seal, { description: 'Resume a suspended seal' })
  async resumeSeal(@Arg('id', () => ID) id: string, @Ctx() ctx: SealsContext) {
    const caller = requireCaller(ctx);
    return this.changeState(ctx, id, caller, ['SUSPENDED'], 'ACTIVE', 'RESUMED', null, 'RESUME');
  }

  @Mutation(() => Seal, {
    description: 'Report a seal lost or damaged (seed 003 §22): it is revoked at once, with its certificate; apply for a replacement',
  })
  async reportSealLost(@Arg('id', () => ID) id: string, @Arg('note', () => String) note: string, @Ctx() ctx: SealsContext) {
    const caller = requireCaller(ctx);
    if (!note.trim()) throw badInput('Say what happened', 'note');
    const seal = await getSeal(ctx.em, id);
    const custodian = seal.custodianA === caller.userId || seal.custodianB === caller.userId;
    if (!custodian && !canManage(caller, seal.orgPath)) throw forbidden('A custodian or an administrator reports a seal lost');
    return this.changeState(ctx, id, caller, ['ACTIVE', 'SUSPENDED', 'PENDING_CUSTODY'], 'REVOKED', 'LOST', note.trim(), 'REVOKE', true);
  }

  @Mutation(() => Seal, {
    description: 'Destroy a seal (seed 003 §20): the government office, the e-government office and the owning unit must be present',
  })
  async destroySeal(@Arg('id', () => ID) id: string, @Arg('witnesses', () => [WitnessInput]) witnesses: WitnessInput[], @Ctx() ctx: SealsContext) {
    const caller = requireCaller(ctx);
    const seal = await getSeal(ctx.em, id);
    if (!isIssuingAuthority(caller, seal.orgPath)) throw forbidden('Seals are destroyed by the issuing authority above the unit');
    const present = new Set(witnesses.filter((w) => w.name.trim() && w.post.trim()).map((w) => w.party));
    const missing = DESTRUCTION_PARTIES.filter((p) => !present.has(p));
    if (missing.length)
      throw new YizhanError(ErrorCode.WITNESSES_REQUIRED, `Destruction needs these parties present, by name and post: ${missing.join(', ')}`, { missing });
    return this.changeState(ctx, id, caller, ['ACTIVE', 'SUSPENDED', 'PENDING_CUSTODY', 'REVOKED'], 'DESTROYED', 'DESTROYED', null, 'REVOKE', true, witnesses);
  }

  private async changeState(
    ctx: SealsContext,
    id: string,
    caller: NonNullable<SealsContext['caller']>,
    from: string[],
    to: string,
    action: string,
    reason: string | null,
    certificate: 'SUSPEND' | 'RESUME' | 'REVOKE',
    wipeKey = false,
    witnesses: WitnessInput[] = [],
  ) {
    const seal = await getSeal(ctx.em, id);
    const custodian = seal.custodianA === caller.userId || seal.custodianB === caller.userId;
    if (!canManage(caller, seal.orgPath) && !(action === 'LOST' && custodian))
      throw forbidden('Only an administrator of the unit or the issuing authority changes a seal');
    if (!from.includes(seal.status))
      throw new YizhanError(ErrorCode.ILLEGAL_TRANSITION, `A ${seal.status.toLowerCase()} seal cannot be ${action.toLowerCase()}`, { status: seal.status });
    if (seal.status !== 'REVOKED' || certificate !== 'REVOKE') {
      await certificateFollows(
        ctx,
        seal,
        certificate,
        action === 'LOST' ? 'KEY_COMPROMISE' : action === 'DESTROYED' ? 'CESSATION_OF_OPERATION' : (reason ?? 'seal suspended'),
      );
    }
    return ctx.em.transactional(async (tx) => {
      const em = tx as EntityManager;
      const fresh = await getSeal(em, id);
      fresh.status = to;
      fresh.statusReason = reason ?? (action === 'DESTROYED' ? 'destroyed' : null);
      await em.flush();
      // A lost or destroyed seal's key is gone for good: its encrypted copy and shares are erased.
      if (wipeKey) await em.execute('delete from seals.seal_keys where seal_id = ?', [fresh.id]);
      await logEvent(em, { sealId: fresh.id, orgPath: fresh.orgPath, action, actor: actorOf(caller), detail: { reason, witnesses } });
      return fresh;
    });
  }
}
