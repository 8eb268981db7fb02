// Certificates (seed 003 ch. 6): a person applies for their own, an administrator for the unit's; the head of the
// unit decides; the CA issues from the holder's request, or makes the key once and hands it over as PKCS#12.
// Holders and administrators suspend, resume and revoke; anyone logged in reads a certificate, its status at a
// moment, the CA's certificates and the CRL, which is what verifying a signature needs.
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, type Caller, ErrorCode, forbidden, notFound, requireCaller, unauthenticated, YizhanError } from '@yizhan/common';
import { generateKeyPair, readCertificate, readCsr, type Suite, toPem, toPkcs12 } from '@yizhan/crypto';
import { isUuid } from '@yizhan/kernel';
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { loadAuthority } from '../ca.ts';
import { CertificatesErrorCode } from '../contract.ts';
import type { CertificatesContext } from '../deps.ts';
import { mayChangeStatus, mayDecide, statusAt } from '../domain/status.ts';
import { Certificate } from '../entities/Certificate.ts';
import { CertificateApplication } from '../entities/CertificateApplication.ts';
import { changeStatus, changesOf, findCertificate, type Holder, issue, type Usage } from '../store.ts';
import {
  AuthorityCertificate,
  CertificateApplicationInput,
  CertificateStatus,
  CollectedKey,
  Crl,
  RenewReasonEnum,
  RevocationReasonEnum,
  SuiteEnum,
} from './types.ts';

/** The caller as a person with their unit, as the org service knows them. */
async function who(ctx: CertificatesContext) {
  const { user, unit } = await ctx.deps.org.call('whoami', ctx.callerHeader, {});
  if (!user) throw unauthenticated('This account no longer exists');
  return { user, unit };
}

function checkedKey(input: { suite: string; csr?: string | null; serverKey: boolean }): string | null {
  if (input.serverKey) {
    if (input.csr) throw badInput('Send a request or ask for a server-made key, not both', 'csr');
    if (input.suite !== 'RSA') throw badInput('SM2 keys are made by the holder: send a certification request', 'serverKey');
    return null;
  }
  if (!input.csr?.trim()) throw badInput('Send a certification request (PKCS#10, PEM), or ask for a server-made key', 'csr');
  const read = readCsr(input.csr);
  if ('problem' in read) {
    const why = {
      NOT_A_CSR: 'is not a PKCS#10 certification request in PEM',
      UNSUPPORTED_KEY: 'holds neither an RSA nor an SM2 key',
      BAD_SIGNATURE: 'is not signed by the key it carries',
    }[read.problem];
    throw new YizhanError(CertificatesErrorCode.INVALID_CSR, `The certification request ${why}`, { problem: read.problem });
  }
  if (read.suite !== input.suite)
    throw new YizhanError(CertificatesErrorCode.INVALID_CSR, `The request holds an ${read.suite} key but ${input.suite} was asked for`, {
      problem: 'SUITE_MISMATCH',
    });
  return read.publicKey;
}

async function application(em: EntityManager, id: string): Promise<CertificateApplication> {
  const app = isUuid(id) ? await em.findOne(CertificateApplication, { id }) : null;
  if (!app) throw notFound('Certificate application', id);
  return app;
}

const holderOf = (app: CertificateApplication): Holder => ({
  kind: app.holderKind as Holder['kind'],
  userId: app.holderUserId,
  username: app.holderUsername,
  name: app.holderName,
  orgId: app.orgId,
  orgPath: app.orgPath,
  orgName: app.orgName,
});

/** Issues for an approved application; a renewal or change supersedes the certificate it replaces. */
async function issueFor(em: EntityManager, app: CertificateApplication, publicKey: string, caller: Caller): Promise<Certificate> {
  const cert = await issue(em, { suite: app.suite as Suite, usage: app.usage as Usage, holder: holderOf(app), publicKey, applicationId: app.id });
  app.status = 'ISSUED';
  app.certificateId = cert.id;
  await em.flush();
  if (app.replacesId) {
    const old = await em.findOne(Certificate, { id: app.replacesId });
    if (old && old.status !== 'REVOKED') await changeStatus(em, old, 'REVOKE', 'SUPERSEDED', { id: caller.userId, name: caller.username });
  }
  return cert;
}

@Resolver()
export class CertificateResolver {
  @Query(() => [AuthorityCertificate], { description: 'The CA’s certificates of both suites: roots, issuing CAs and the seal maker' })
  async caCertificates(@Ctx() ctx: CertificatesContext): Promise<AuthorityCertificate[]> {
    requireCaller(ctx);
    const out: AuthorityCertificate[] = [];
    for (const suite of ['RSA', 'SM2'] as Suite[]) {
      for (const role of ['ROOT', 'ISSUING', 'SEAL_MAKER'] as const) {
        const a = await loadAuthority(ctx.em, suite, role);
        const facts = readCertificate(a.certificate);
        out.push({ suite, role, subject: facts.subject, notAfter: facts.notAfter, pem: toPem(a.certificate, 'CERTIFICATE') });
      }
    }
    return out;
  }

  @Query(() => Crl, { description: 'The current certificate revocation list of a suite' })
  async crl(@Arg('suite', () => SuiteEnum) suite: Suite, @Ctx() ctx: CertificatesContext): Promise<Crl> {
    requireCaller(ctx);
    const [row] = (await ctx.em.execute('select number, der, this_update from certificates.crls where suite = ?', [suite])) as {
      number: number;
      der: Buffer;
      this_update: Date;
    }[];
    if (!row) throw notFound('CRL', suite);
    return { suite, number: row.number, thisUpdate: new Date(row.this_update), pem: toPem(new Uint8Array(row.der), 'X509 CRL') };
  }

  @Query(() => Certificate, { description: 'One certificate, by id, serial or fingerprint' })
  async certificate(
    @Arg('id', () => ID, { nullable: true }) id: string | null,
    @Arg('serial', () => String, { nullable: true }) serial: string | null,
    @Arg('fingerprint', () => String, { nullable: true }) fingerprint: string | null,
    @Ctx() ctx: CertificatesContext,
  ): Promise<Certificate> {
    requireCaller(ctx);
    if (id && !isUuid(id)) throw notFound('Certificate', id);
    return findCertificate(ctx.em, { id: id ?? undefined, serial: serial ?? undefined, fingerprint: fingerprint ?? undefined });
  }

  @Query(() => [Certificate], { description: 'Your own certificates, newest first' })
  async myCertificates(@Ctx() ctx: CertificatesContext): Promise<Certificate[]> {
    const caller = requireCaller(ctx);
    return ctx.em.find(Certificate, { holderUserId: caller.userId }, { orderBy: { createdAt: 'desc' } });
  }

  @Query(() => [Certificate], { description: 'The certificates of a unit (yours or one below it), newest first' })
  async certificates(@Arg('orgId', () => ID) orgId: string, @Ctx() ctx: CertificatesContext): Promise<Certificate[]> {
    const caller = requireCaller(ctx);
    if (!isUuid(orgId)) throw notFound('Unit', orgId);
    // The directory lets anyone read a certificate by reference; a unit's list is for the unit and those above it.
    const rows = (await ctx.em.execute('select id from certificates.certificates where org_id = ? and org_path <@ ?::ltree order by created_at desc', [
      orgId,
      caller.orgPath,
    ])) as { id: string }[];
    return rows.length ? ctx.em.find(Certificate, { id: { $in: rows.map((r) => r.id) } }, { orderBy: { createdAt: 'desc' } }) : [];
  }

  @Query(() => CertificateStatus, { description: 'A certificate’s status at a moment (now when not given): what a signature made then relies on' })
  async certificateStatus(
    @Arg('id', () => ID) id: string,
    @Arg('at', () => Date, { nullable: true }) at: Date | null,
    @Ctx() ctx: CertificatesContext,
  ): Promise<CertificateStatus> {
    requireCaller(ctx);
    if (!isUuid(id)) throw notFound('Certificate', id);
    const cert = await findCertificate(ctx.em, { id });
    const when = at ?? new Date();
    return { at: when, ...statusAt(cert, await changesOf(ctx.em, cert.id), when) };
  }

  @Query(() => [CertificateApplication], { description: 'Applications of your unit and the units below it, newest first' })
  async certificateApplications(@Arg('status', () => String, { nullable: true }) status: string | null, @Ctx() ctx: CertificatesContext) {
    requireCaller(ctx);
    return ctx.em.find(CertificateApplication, status ? { status } : {}, { orderBy: { createdAt: 'desc' }, limit: 200 });
  }

  @Mutation(() => CertificateApplication, {
    description: 'Apply for a certificate: for yourself (IDENTITY, SIGNING), or as administrator for your unit (ENCRYPTION)',
  })
  async applyForCertificate(@Arg('input', () => CertificateApplicationInput) input: CertificateApplicationInput, @Ctx() ctx: CertificatesContext) {
    const caller = requireCaller(ctx);
    const forUnit = input.usage === 'ENCRYPTION';
    if (forUnit && !caller.roles.includes('ADMIN')) throw forbidden('A unit’s encryption certificate is applied for by its administrator');
    checkedKey(input);
    const me = await who(ctx);
    return ctx.em.transactional(async (em) =>
      em.create(CertificateApplication, {
        id: crypto.randomUUID(),
        orgId: me.unit.id,
        orgPath: me.unit.path,
        orgName: me.unit.name,
        applicantId: caller.userId,
        applicantName: me.user.displayName,
        holderKind: forUnit ? 'UNIT' : 'PERSON',
        holderUserId: forUnit ? null : caller.userId,
        holderUsername: forUnit ? null : caller.username,
        holderName: forUnit ? me.unit.name : me.user.displayName,
        usage: input.usage,
        suite: input.suite,
        csr: input.csr?.trim() || null,
        serverKey: input.serverKey,
      }),
    );
  }

  @Mutation(() => CertificateApplication, {
    description: 'Renew a certificate, or change it after the holder’s details changed (变更): a new application; once issued it supersedes the old one',
  })
  async renewCertificate(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => RenewReasonEnum, { defaultValue: 'RENEW' }) reason: keyof typeof RenewReasonEnum,
    @Arg('csr', () => String, { nullable: true }) csr: string | null,
    @Arg('serverKey', () => Boolean, { defaultValue: false }) serverKey: boolean,
    @Ctx() ctx: CertificatesContext,
  ) {
    const caller = requireCaller(ctx);
    if (!isUuid(id)) throw notFound('Certificate', id);
    const old = await findCertificate(ctx.em, { id });
    if (old.holderKind === 'SEAL') throw forbidden('A seal’s certificate changes with the seal');
    if (!mayChangeStatus(caller, old)) throw forbidden('Only the holder or an administrator of the unit renews a certificate');
    if (old.status === 'REVOKED')
      throw new YizhanError(CertificatesErrorCode.CERTIFICATE_NOT_VALID, 'A revoked certificate is not renewed: apply for a new one');
    checkedKey({ suite: old.suite, csr, serverKey });
    const me = await who(ctx);
    return ctx.em.transactional(async (em) =>
      em.create(CertificateApplication, {
        id: crypto.randomUUID(),
        orgId: old.orgId,
        orgPath: old.orgPath,
        orgName: old.holderKind === 'UNIT' ? old.holderName : me.unit.name,
        applicantId: caller.userId,
        applicantName: me.user.displayName,
        holderKind: old.holderKind,
        holderUserId: old.holderUserId,
        holderUsername: old.holderUsername,
        holderName: old.holderUserId === caller.userId ? me.user.displayName : old.holderName,
        usage: old.usage,
        suite: old.suite,
        csr: csr?.trim() || null,
        serverKey,
        reason,
        replacesId: old.id,
      }),
    );
  }

  @Mutation(() => CertificateApplication, {
    description: 'The head of the unit approves or rejects an application; an approved request is issued at once',
  })
  async decideCertificateApplication(
    @Arg('id', () => ID) id: string,
    @Arg('approve', () => Boolean) approve: boolean,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: CertificatesContext,
  ) {
    const caller = requireCaller(ctx);
    return ctx.em.transactional(async (em) => {
      const app = await application(em as EntityManager, id);
      if (!mayDecide(caller, app)) throw forbidden('The head (LEADER) of the holder’s unit decides, and never on their own application');
      if (app.status !== 'PENDING') throw new YizhanError(ErrorCode.ILLEGAL_TRANSITION, `The application is already ${app.status.toLowerCase()}`);
      if (!approve && !note?.trim()) throw badInput('Give the reason for a rejection', 'note');
      Object.assign(app, { decidedBy: caller.userId, decidedByName: caller.username, decidedAt: new Date(), decisionNote: note?.trim() || null });
      if (!approve) {
        app.status = 'REJECTED';
        return app;
      }
      app.status = 'APPROVED';
      if (app.csr) await issueFor(em as EntityManager, app, checkedKey({ suite: app.suite, csr: app.csr, serverKey: false }) as string, caller);
      return app;
    });
  }

  @Mutation(() => CollectedKey, {
    description: 'Collect a server-made key after approval: it is made now, handed over once as PKCS#12 under your password, and not kept',
  })
  async collectCertificateKey(
    @Arg('applicationId', () => ID) applicationId: string,
    @Arg('password', () => String) password: string,
    @Ctx() ctx: CertificatesContext,
  ) {
    const caller = requireCaller(ctx);
    if (password.length < 8) throw badInput('The PKCS#12 password needs at least 8 characters', 'password');
    return ctx.em.transactional(async (tx) => {
      const em = tx as EntityManager;
      const app = await application(em, applicationId);
      const holder = app.holderKind === 'PERSON' ? app.holderUserId === caller.userId : caller.roles.includes('ADMIN') && app.orgPath === caller.orgPath;
      if (!holder) throw forbidden('Only the holder collects the key');
      if (app.status !== 'APPROVED' || !app.serverKey)
        throw new YizhanError(ErrorCode.ILLEGAL_TRANSITION, 'There is no approved server-made key to collect here');
      const keys = generateKeyPair(app.suite as Suite);
      const cert = await issueFor(em, app, keys.publicKey, caller);
      const issuing = await loadAuthority(em, app.suite as Suite, 'ISSUING');
      const root = await loadAuthority(em, app.suite as Suite, 'ROOT');
      const p12 = toPkcs12({
        privateKey: keys.privateKey,
        certificate: new Uint8Array(cert.der),
        chain: [issuing.certificate, root.certificate],
        password,
        friendlyName: app.holderName,
      });
      return { certificateId: cert.id, pkcs12: Buffer.from(p12).toString('base64') };
    });
  }

  @Mutation(() => Certificate, { description: 'Suspend a certificate (certificateHold): it is listed on the CRL until resumed' })
  async suspendCertificate(@Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: CertificatesContext) {
    return this.change(ctx, id, 'SUSPEND', reason.trim() || null);
  }

  @Mutation(() => Certificate, { description: 'Resume a suspended certificate' })
  async resumeCertificate(@Arg('id', () => ID) id: string, @Ctx() ctx: CertificatesContext) {
    return this.change(ctx, id, 'RESUME', null);
  }

  @Mutation(() => Certificate, { description: 'Revoke a certificate for good, with the reason; signatures made before stay valid' })
  async revokeCertificate(@Arg('id', () => ID) id: string, @Arg('reason', () => RevocationReasonEnum) reason: string, @Ctx() ctx: CertificatesContext) {
    return this.change(ctx, id, 'REVOKE', reason);
  }

  private async change(ctx: CertificatesContext, id: string, action: 'SUSPEND' | 'RESUME' | 'REVOKE', reason: string | null) {
    const caller = requireCaller(ctx);
    if (!isUuid(id)) throw notFound('Certificate', id);
    return ctx.em.transactional(async (em) => {
      const cert = await findCertificate(em as EntityManager, { id });
      if (cert.holderKind === 'SEAL') throw forbidden('A seal’s certificate changes with the seal (suspend, replace or destroy the seal)');
      if (!mayChangeStatus(caller, cert)) throw forbidden('Only the holder or an administrator of the unit changes a certificate’s status');
      if (action === 'SUSPEND' && !reason) throw badInput('Give the reason for the suspension', 'reason');
      return changeStatus(em as EntityManager, cert, action, reason, { id: caller.userId, name: caller.username });
    });
  }
}
