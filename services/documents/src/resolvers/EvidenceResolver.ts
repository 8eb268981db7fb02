// The evidence of delivery events (issue 17): the unit's hash chain with its verdict, and its links about a
// document. The use cases are in app/delivery-evidence.ts; here they meet GraphQL.
import { GraphQLJSON } from 'graphql-scalars';
import { Arg, Ctx, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { deliveryEvidenceChain, documentEvidence } from '../app/delivery-evidence.ts';
import { exportEvidencePackage } from '../app/evidence-package.ts';
import type { DocumentsContext } from '../deps.ts';

@ObjectType({ description: 'One link of the unit’s evidence chain: a delivery event, hash-linked to the one before' })
export class EvidenceLinkView {
  @Field(() => Int, { description: 'Its place in the unit’s chain, from 1' })
  seq!: number;
  @Field(() => ID, { description: 'The unit whose chain it is (the unit that acted)' })
  unit!: string;
  @Field(() => String, {
    description: 'The event: document.sent, delivery.delivered, delivery.received, delivery.signed, delivery.print, delivery.return, handling.changed …',
  })
  kind!: string;
  @Field(() => ID, { nullable: true })
  documentId!: string | null;
  @Field(() => ID, { nullable: true })
  deliveryId!: string | null;
  @Field(() => String, { description: 'SHA-256 (hex) of the event’s canonical JSON' })
  digest!: string;
  @Field(() => String, { description: 'When it was recorded (ISO 8601, UTC, milliseconds), as hashed' })
  at!: string;
  @Field(() => String, { description: 'The hash of the link before (64 zeros for the first)' })
  prev!: string;
  @Field(() => String, { description: 'SHA-256 (hex) of prev, a newline and the canonical JSON of the link without its hash and event' })
  hash!: string;
  @Field(() => GraphQLJSON, { description: 'The event recorded: its type and payload' })
  event!: unknown;
}

@ObjectType({ description: 'The unit’s evidence chain of delivery events and whether it holds' })
export class EvidenceChain {
  @Field(() => Int)
  length!: number;
  @Field(() => Boolean, { description: 'Every link follows the one before, with its own hash and its event’s digest' })
  whole!: boolean;
  @Field(() => String, { description: 'The hash of the last link' })
  head!: string;
  @Field(() => Int, { nullable: true, description: 'The first link that does not hold' })
  brokenAt!: number | null;
  @Field(() => String, { nullable: true, description: 'MISSING, NOT_LINKED, HASH or DIGEST' })
  reason!: string | null;
  @Field(() => String, { nullable: true })
  explanation!: string | null;
  @Field(() => [EvidenceLinkView], { description: 'The links (the last ones only when asked)' })
  links!: EvidenceLinkView[];
}

@ObjectType({ description: 'An evidence package (证据包): a self-describing zip that `npx yizhan-verify` checks offline' })
export class EvidencePackageFile {
  @Field(() => String)
  filename!: string;
  @Field(() => String)
  contentType!: string;
  @Field(() => String, { description: 'SHA-256 of the zip, hex' })
  sha256!: string;
  @Field(() => Int)
  size!: number;
  @Field(() => String, { description: 'The zip, base64' })
  base64!: string;
}

@Resolver()
export class EvidenceResolver {
  @Mutation(() => EvidencePackageFile, {
    description:
      'The evidence package of a document your unit sent or received (docs/evidence-package.md): its content and files, stamp, the signed receipts your unit may see, your unit’s evidence chain from the document’s first link to its last with a time stamp over its head, and the CA’s certificates and CRLs. For clerks and administrators; registered as an export',
  })
  async exportEvidencePackage(@Arg('documentId', () => ID) documentId: string, @Ctx() ctx: DocumentsContext) {
    return exportEvidencePackage(ctx, documentId);
  }

  @Query(() => EvidenceChain, {
    description:
      'Your unit’s evidence chain of delivery events (sent, delivered, received, signed for, printed, returned, resend requested, resent, recalled, supplemented, closed, the handling steps), verified link by link: the first broken link is named. For its clerks and administrators',
  })
  async deliveryEvidenceChain(@Arg('last', () => Int, { nullable: true }) last: number | undefined, @Ctx() ctx: DocumentsContext) {
    return deliveryEvidenceChain(ctx, last ?? null);
  }

  @Query(() => [EvidenceLinkView], { description: 'Your unit’s links of the evidence chain about one document, in order. For its clerks and administrators' })
  async documentEvidence(@Arg('documentId', () => ID) documentId: string, @Ctx() ctx: DocumentsContext) {
    return documentEvidence(ctx, documentId);
  }
}
