// Certificate and CRL expiry for the platform's operators (issue 20): the use case is app/expiry.ts.
import { Arg, Ctx, Field, Float, ID, Int, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { certificateExpiry } from '../app/expiry.ts';
import type { CertificatesContext } from '../deps.ts';
import { CrlState, ExpiryKind, ExpiryState } from '../domain/expiry.ts';

registerEnumType(ExpiryKind, { name: 'ExpiryKind', description: 'Whose certificate: a unit’s, a person’s, a seal’s, the TSA’s, or one of the CA’s own' });
registerEnumType(ExpiryState, { name: 'ExpiryState', description: 'OK, WARNING (within 30 days), URGENT (within 7), EXPIRED (ended, still active)' });
registerEnumType(CrlState, { name: 'CrlState', description: 'OK, DUE (within hours of its next update), OVERDUE (past it)' });

@ObjectType({ description: 'A certificate that ends soon' })
export class ExpiringCertificate {
  @Field(() => ExpiryKind)
  kind!: ExpiryKind;
  @Field(() => ID, { nullable: true, description: 'None for the CA’s and the TSA’s own' })
  id!: string | null;
  @Field(() => String, { nullable: true })
  serial!: string | null;
  @Field(() => String)
  suite!: string;
  @Field(() => String, { description: 'The holder by name (a unit, person or seal), or the CA’s role' })
  holderName!: string;
  @Field(() => String)
  subject!: string;
  @Field(() => String)
  usage!: string;
  @Field(() => Date)
  notAfter!: Date;
  @Field(() => Float, { description: 'Days left; negative once ended' })
  daysLeft!: number;
  @Field(() => ExpiryState)
  state!: ExpiryState;
}

@ObjectType({ description: 'A suite’s current CRL against its next update' })
export class CrlExpiry {
  @Field(() => String)
  suite!: string;
  @Field(() => Int)
  number!: number;
  @Field(() => Date)
  thisUpdate!: Date;
  @Field(() => Date, { nullable: true })
  nextUpdate!: Date | null;
  @Field(() => Float, { description: 'Hours to the next update; negative once past' })
  hoursLeft!: number;
  @Field(() => CrlState)
  state!: CrlState;
}

@ObjectType({ description: 'Certificate and CRL expiry, for the platform’s operators' })
export class CertificateExpiry {
  @Field(() => Date)
  at!: Date;
  @Field(() => Int)
  withinDays!: number;
  @Field(() => Int, { description: 'A certificate warns this many days before its end' })
  warningDays!: number;
  @Field(() => Int, { description: '… and is urgent this many days before' })
  urgentDays!: number;
  @Field(() => Int, { description: 'A CRL is due this many hours before its next update' })
  crlWarningHours!: number;
  @Field(() => [ExpiringCertificate], { description: 'Soonest first' })
  certificates!: ExpiringCertificate[];
  @Field(() => [CrlExpiry])
  crls!: CrlExpiry[];
}

@Resolver()
export class ExpiryResolver {
  @Query(() => CertificateExpiry, {
    description:
      'Certificates (units’, people’s, seals’, the TSA’s, the CA’s) ending within withinDays, ended ones still active included, and each suite’s CRL against its next update. For the platform’s operators (administrators of the top unit)',
  })
  async certificateExpiry(@Arg('withinDays', () => Int, { defaultValue: 30 }) withinDays: number, @Ctx() ctx: CertificatesContext) {
    return certificateExpiry(ctx, withinDays);
  }
}
