// GraphQL inputs and results of the org subgraph that are not entities.
import { PageInfo } from '@yizhan/kernel';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { OrgKind, OrgLevel, Role } from '../domain/enums.ts';
import { Org } from '../entities/Org.ts';
import { User } from '../entities/User.ts';
import './enums.ts';

@InputType({ description: 'A new unit as the directory names it: its code, names, level and kind' })
export class NewUnitInput {
  @Field(() => String)
  code!: string;
  @Field(() => String)
  name!: string;
  @Field(() => String)
  shortName!: string;
  @Field(() => OrgLevel)
  level!: OrgLevel;
  @Field(() => OrgKind)
  kind!: OrgKind;
}

@InputType({ description: 'A unit to register under an existing one' })
export class RegisterOrgInput extends NewUnitInput {
  @Field(() => ID, { description: 'The superior unit' })
  parentId!: string;
}

@InputType({ description: 'Merge units (seed 003 §9(3)): keep one name, or register a new unit; the others are closed' })
export class MergeOrgsInput {
  @Field(() => [ID], { description: 'Units merged away; each is closed and its accounts disabled' })
  absorbedIds!: string[];
  @Field(() => ID, { nullable: true, description: 'The unit whose name the merged unit keeps' })
  survivorId?: string;
  @Field(() => RegisterOrgInput, { nullable: true, description: 'Or: the new unit the merged units become' })
  newOrg?: RegisterOrgInput;
  @Field(() => String)
  reason!: string;
}

@ObjectType()
export class OrgConnection {
  @Field(() => [Org])
  nodes!: Org[];
  @Field(() => Int)
  totalCount!: number;
  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType()
export class LoginResult {
  @Field(() => String, { description: 'Bearer token for the gateway' })
  token!: string;
  @Field(() => Date)
  expiresAt!: Date;
  @Field(() => User)
  user!: User;
}

@InputType()
export class CreateUserInput {
  @Field(() => ID)
  orgId!: string;
  @Field(() => String, { description: 'Lower-case letters, digits, dot, dash, underscore; 3–64 characters' })
  username!: string;
  @Field(() => String)
  displayName!: string;
  @Field(() => [Role])
  roles!: Role[];
  @Field(() => String, { nullable: true, description: '培训考核: the day they passed (YYYY-MM-DD); required where the unit requires training (seed 004)' })
  trainedOn?: string | null;
  @Field(() => String, { nullable: true, description: 'What the training was (at most 100 characters)' })
  trainingNote?: string | null;
  @Field(() => String, { nullable: true, description: '职务 (市长, 办公厅主任; at most 30 characters): printed beside the person’s name on a 命令 they sign' })
  post?: string | null;
}

@ObjectType({ description: 'An account with the one-time password to hand to its owner; it is shown only once' })
export class UserWithPassword {
  @Field(() => User)
  user!: User;
  @Field(() => String)
  oneTimePassword!: string;
}

@InputType()
export class ContactInput {
  @Field(() => String)
  name!: string;
  @Field(() => String)
  post!: string;
  @Field(() => String)
  phone!: string;
  @Field(() => String, { nullable: true })
  mobile?: string;
  @Field(() => Boolean, { defaultValue: true })
  urgentAlerts!: boolean;
}

@InputType({ description: '对端平台: another deployment of the platform this one takes documents from (the national platform for a province)' })
export class RegisterPeerPlatformInput {
  @Field(() => String, { description: 'The peer platform’s name, e.g. 国家电子公文传输平台' })
  platform!: string;
  @Field(() => ID, { description: 'The unit here that receives its documents; the stand-in is registered under it' })
  receivingOrgId!: string;
  @Field(() => NewUnitInput, { description: 'The unit standing in here for it: its code here (the peer unit’s own, e.g. 100000 for 国务院办公厅) and names' })
  standIn!: NewUnitInput;
  @Field(() => [String], { description: 'The peer’s CA root certificates (PEM, or base64 of the DER): what arrives from it is verified against these alone' })
  rootCertificates!: string[];
}

@ObjectType({ description: '对端平台: a peer platform this one takes documents from, through its stand-in unit' })
export class PeerPlatform {
  @Field(() => String)
  platform!: string;
  @Field(() => Org, { description: 'The unit standing in for it: the sender of what arrives from it; its API token is the exchange’s' })
  standIn!: Org;
  @Field(() => Org, { description: 'The unit its documents are delivered to' })
  receivingOrg!: Org;
  @Field(() => [String], { description: 'SHA-256 fingerprints of its pinned CA roots' })
  rootFingerprints!: string[];
  @Field(() => Date)
  createdAt!: Date;
}
