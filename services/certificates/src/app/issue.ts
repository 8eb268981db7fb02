// Issuing: the unit's administrator or the authority above decides an application, the certificate is issued, and
// a server-made key is collected once by its holder.
import { type EntityManager } from '@mikro-orm/postgresql';
import { badInput, type Caller, ErrorCode, forbidden, isBelow, notFound, personName, requireCaller, YizhanError } from '@yizhan/common';
import { certificatesApi } from '@yizhan/contracts/certificates';
import { generateKeyPair, type Suite, toPkcs12 } from '@yizhan/crypto';
import { isUuid, type SubgraphContext } from '@yizhan/kernel';
import { type z } from 'zod';
import { type CertificatesContext } from '../deps.ts';
import { mayDecide } from '../domain/status.ts';
import { Certificate } from '../entities/Certificate.ts';
import { CertificateApplication } from '../entities/CertificateApplication.ts';
import { loadAuthority } from '../store/ca.ts';
import { changeStatus, type Holder, issue, type Usage } from '../store/certificates.ts';
import { checkedKey } from './apply.ts';

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
    if (old && old.status !== 'REVOKED') await changeStatus(em, old, 'REVOKE', 'SUPERSEDED', { id: caller.userId, name: personName(caller) });
  }
  return cert;
}

export async function decideCertificateApplication(id: string, approve: boolean, note: string | null, ctx: CertificatesContext) {
  const caller = requireCaller(ctx);
  return ctx.em.transactional(async (em) => {
    const app = await application(em as EntityManager, id);
    if (!mayDecide(caller, app)) throw forbidden('The head (LEADER) of the holder’s unit decides, and never on their own application');
    if (app.status !== 'PENDING') throw new YizhanError(ErrorCode.ILLEGAL_TRANSITION, `The application is already ${app.status.toLowerCase()}`);
    if (!approve && !note?.trim()) throw badInput('Give the reason for a rejection', 'note', { required: true });
    Object.assign(app, { decidedBy: caller.userId, decidedByName: personName(caller), decidedAt: new Date(), decisionNote: note?.trim() || null });
    if (!approve) {
      app.status = 'REJECTED';
      return app;
    }
    if (app.reason === 'CANCEL') {
      // 注销 approved: the certificate is revoked now, with the reason the holder gave (unless revoked meanwhile).
      const old = await em.findOne(Certificate, { id: app.replacesId as string });
      if (old && old.status !== 'REVOKED')
        await changeStatus(em as EntityManager, old, 'REVOKE', app.revocationReason, { id: caller.userId, name: personName(caller) });
      app.status = 'DONE';
      app.certificateId = app.replacesId;
      return app;
    }
    app.status = 'APPROVED';
    if (app.csr) await issueFor(em as EntityManager, app, checkedKey({ suite: app.suite, csr: app.csr, serverKey: false }) as string, caller);
    return app;
  });
}

export async function collectCertificateKey(applicationId: string, password: string, ctx: CertificatesContext) {
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

const b64 = (b: Uint8Array | Buffer) => Buffer.from(b).toString('base64');
type Ctx = SubgraphContext<unknown>;
type Input<N extends keyof (typeof certificatesApi)['calls']> = z.output<(typeof certificatesApi)['calls'][N]['input']>;

export async function issueSealCertificate(ctx: Ctx, b: Input<'issue-seal-certificate'>) {
  const caller = requireCaller(ctx);
  // Seals are made by the issuing authority: an administrator of a unit above the seal's unit (or of the top unit).
  const above = isBelow(b.orgPath, caller.orgPath) || (b.orgPath === caller.orgPath && !caller.orgPath.includes('.'));
  if (!caller.roles.includes('ADMIN') || !above) throw forbidden('Seal certificates are issued for the issuing authority above the unit');
  const cert = await (ctx.em as EntityManager).transactional((em) =>
    issue(em as EntityManager, {
      suite: b.suite,
      usage: 'SEAL',
      holder: {
        kind: 'SEAL',
        name: `${b.orgName}电子印章`,
        orgId: b.orgId,
        orgPath: b.orgPath,
        orgName: b.orgName,
        sealId: b.sealId,
      },
      publicKey: b.publicKey,
    }),
  );
  return { certificateId: cert.id, serial: cert.serial, fingerprint: cert.fingerprint, der: b64(cert.der), notBefore: cert.notBefore, notAfter: cert.notAfter };
}
