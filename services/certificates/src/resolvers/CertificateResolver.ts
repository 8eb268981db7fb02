// Certificates (seed 003 ch. 6): a person applies for their own, an administrator for the unit's; the head of the
// unit decides; the CA issues from the holder's request, or makes the key once and hands it over as PKCS#12.
// Holders and administrators suspend, resume and revoke; anyone logged in reads a certificate, its status at a
// moment, the CA's certificates and the CRL, which is what verifying a signature needs.

import { type HashAlgorithm, type Suite } from '@yizhan/crypto';
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { applyForCertificate, applyToCancelCertificate, certificateApplications, renewCertificate } from '../app/apply.ts';
import { caCertificates, crl } from '../app/authority.ts';
import { resumeCertificate, revokeCertificate, suspendCertificate } from '../app/change-status.ts';
import { certificate, certificateStatus, certificates, myCertificates } from '../app/find-certificates.ts';
import { collectCertificateKey, decideCertificateApplication } from '../app/issue.ts';
import { requestTimestamp } from '../app/timestamp.ts';
import { rekeyUnit } from '../app/unit-keys.ts';
import type { CertificatesContext } from '../deps.ts';
import { HashAlgorithmEnum, RenewReasonEnum, RevocationReasonEnum, SuiteEnum } from '../domain/enums.ts';
import { Certificate } from '../entities/Certificate.ts';
import { CertificateApplication } from '../entities/CertificateApplication.ts';
import { AuthorityCertificate, CertificateApplicationInput, CertificateStatus, CollectedKey, Crl, IssuedTimestampResult } from './types.ts';

@Resolver()
export class CertificateResolver {
  @Query(() => [AuthorityCertificate], { description: 'The CA’s certificates of both suites: roots, issuing CAs and the seal maker' })
  async caCertificates(@Ctx() ctx: CertificatesContext): Promise<AuthorityCertificate[]> {
    return caCertificates(ctx);
  }

  @Query(() => Crl, { description: 'The current certificate revocation list of a suite' })
  async crl(@Arg('suite', () => SuiteEnum) suite: Suite, @Ctx() ctx: CertificatesContext): Promise<Crl> {
    return crl(suite, ctx);
  }

  @Query(() => Certificate, { description: 'One certificate, by id, serial or fingerprint' })
  async certificate(
    @Arg('id', () => ID, { nullable: true }) id: string | null,
    @Arg('serial', () => String, { nullable: true }) serial: string | null,
    @Arg('fingerprint', () => String, { nullable: true }) fingerprint: string | null,
    @Ctx() ctx: CertificatesContext,
  ): Promise<Certificate> {
    return certificate(id, serial, fingerprint, ctx);
  }

  @Query(() => [Certificate], { description: 'Your own certificates, newest first' })
  async myCertificates(@Ctx() ctx: CertificatesContext): Promise<Certificate[]> {
    return myCertificates(ctx);
  }

  @Query(() => [Certificate], { description: 'The certificates of a unit (yours or one below it), newest first' })
  async certificates(@Arg('orgId', () => ID) orgId: string, @Ctx() ctx: CertificatesContext): Promise<Certificate[]> {
    return certificates(orgId, ctx);
  }

  @Query(() => CertificateStatus, { description: 'A certificate’s status at a moment (now when not given): what a signature made then relies on' })
  async certificateStatus(
    @Arg('id', () => ID) id: string,
    @Arg('at', () => Date, { nullable: true }) at: Date | null,
    @Ctx() ctx: CertificatesContext,
  ): Promise<CertificateStatus> {
    return certificateStatus(id, at, ctx);
  }

  @Query(() => [CertificateApplication], { description: 'Applications of your unit and the units below it, newest first' })
  async certificateApplications(@Arg('status', () => String, { nullable: true }) status: string | null, @Ctx() ctx: CertificatesContext) {
    return certificateApplications(status, ctx);
  }

  @Mutation(() => CertificateApplication, {
    description: 'Apply for a certificate: for yourself (IDENTITY, SIGNING), or as administrator for your unit (ENCRYPTION)',
  })
  async applyForCertificate(@Arg('input', () => CertificateApplicationInput) input: CertificateApplicationInput, @Ctx() ctx: CertificatesContext) {
    return applyForCertificate(input, ctx);
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
    return renewCertificate(id, reason, csr, serverKey, ctx);
  }

  @Mutation(() => CertificateApplication, {
    description:
      '注销 applied for (seed 003 §25): the holder (or, for a unit’s certificate, its administrator) asks, naming why; once the head of the unit approves, the certificate is revoked with that reason. A compromised key is revoked at once instead (revokeCertificate)',
  })
  async applyToCancelCertificate(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => RevocationReasonEnum, { description: 'AFFILIATION_CHANGED (离岗或调离) or CESSATION_OF_OPERATION (不再使用)' }) reason: string,
    @Ctx() ctx: CertificatesContext,
  ) {
    return applyToCancelCertificate(id, reason, ctx);
  }

  @Mutation(() => CertificateApplication, {
    description: 'The head of the unit approves or rejects an application; an approved request is issued at once, an approved 注销 carried out',
  })
  async decideCertificateApplication(
    @Arg('id', () => ID) id: string,
    @Arg('approve', () => Boolean) approve: boolean,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: CertificatesContext,
  ) {
    return decideCertificateApplication(id, approve, note, ctx);
  }

  @Mutation(() => CollectedKey, {
    description: 'Collect a server-made key after approval: it is made now, handed over once as PKCS#12 under your password, and not kept',
  })
  async collectCertificateKey(
    @Arg('applicationId', () => ID) applicationId: string,
    @Arg('password', () => String) password: string,
    @Ctx() ctx: CertificatesContext,
  ) {
    return collectCertificateKey(applicationId, password, ctx);
  }

  @Mutation(() => Certificate, { description: 'Suspend a certificate (certificateHold): it is listed on the CRL until resumed' })
  async suspendCertificate(@Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: CertificatesContext) {
    return suspendCertificate(id, reason, ctx);
  }

  @Mutation(() => Certificate, { description: 'Resume a suspended certificate' })
  async resumeCertificate(@Arg('id', () => ID) id: string, @Ctx() ctx: CertificatesContext) {
    return resumeCertificate(id, ctx);
  }

  @Mutation(() => Certificate, {
    description:
      'Revoke a certificate for good, with the reason; signatures made before stay valid. One’s own is revoked alone only for KEY_COMPROMISE (CANCEL_NEEDS_APPROVAL otherwise: applyToCancelCertificate)',
  })
  async revokeCertificate(@Arg('id', () => ID) id: string, @Arg('reason', () => RevocationReasonEnum) reason: string, @Ctx() ctx: CertificatesContext) {
    return revokeCertificate(id, reason, ctx);
  }

  @Mutation(() => Certificate, {
    description:
      '更换回执签名密钥: your unit’s administrator replaces the unit’s key that signs its receipts and approvals (after its certificate was revoked, or to rotate it): a new key and certificate; the old certificate revoked as SUPERSEDED unless revoked already. What was signed before stays valid',
  })
  async rekeyUnitSigningKey(@Arg('suite', () => SuiteEnum, { defaultValue: 'SM2' }) suite: Suite, @Ctx() ctx: CertificatesContext) {
    return rekeyUnit(ctx, suite);
  }

  @Mutation(() => IssuedTimestampResult, {
    description:
      'A trusted time stamp (RFC 3161) from the platform’s time-stamping authority: over a digest (SHA-256 or SM3, hex) or for a TimeStampReq (DER, base64, as `openssl ts -query` writes it). Verify it with the CA’s certificates and CRL (caCertificates, crl)',
  })
  async requestTimestamp(
    @Arg('hashAlgorithm', () => HashAlgorithmEnum, { nullable: true }) hashAlgorithm: HashAlgorithm | null,
    @Arg('digest', () => String, { nullable: true }) digest: string | null,
    @Arg('nonce', () => String, { nullable: true, description: 'Hex, 1 to 32 bytes; returned in the token' }) nonce: string | null,
    @Arg('query', () => String, { nullable: true, description: 'An RFC 3161 TimeStampReq, DER, base64, instead of digest and algorithm' })
    query: string | null,
    @Ctx() ctx: CertificatesContext,
  ): Promise<IssuedTimestampResult> {
    // An omitted argument arrives undefined.
    return requestTimestamp({ hashAlgorithm: hashAlgorithm ?? null, digest: digest ?? null, nonce: nonce ?? null, query: query ?? null }, ctx);
  }
}
