// Fields worked out for the one asking: whether they may decide an application (the rule the decision applies, so a
// list never offers a button the decision refuses), and a certificate's status now with its reason and since when.
import { isWithin, requireCaller } from '@yizhan/common';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { statusOf } from '../app/find-certificates.ts';
import type { CertificatesContext } from '../deps.ts';
import { mayDecide } from '../domain/status.ts';
import { Certificate } from '../entities/Certificate.ts';
import { CertificateApplication } from '../entities/CertificateApplication.ts';
import { CertificateStatus } from './types.ts';

@Resolver(() => CertificateApplication)
export class ApplicationFields {
  @FieldResolver(() => Boolean, { description: 'Whether you may decide it now: pending, and you a head who may (domain/status.ts mayDecide)' })
  mayDecide(@Root() app: CertificateApplication, @Ctx() ctx: CertificatesContext): boolean {
    return app.status === 'PENDING' && mayDecide(requireCaller(ctx), app);
  }
}

@Resolver(() => Certificate)
export class CertificateFields {
  @FieldResolver(() => CertificateStatus, {
    description: 'Its status now, with the reason given and since when (a suspension’s, a revocation’s); one read per certificate, for a person’s own few',
  })
  statusNow(@Root() cert: Certificate, @Ctx() ctx: CertificatesContext): Promise<CertificateStatus> {
    return statusOf(ctx, cert, new Date());
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The holder’s account name, for the holder’s unit and the units above it; null to anyone else (a certificate is read across units, an account name is not theirs to know)',
  })
  holderUsername(@Root() cert: Certificate, @Ctx() ctx: CertificatesContext): string | null {
    return isWithin(cert.orgPath, requireCaller(ctx).orgPath) ? cert.holderUsername : null;
  }
}
