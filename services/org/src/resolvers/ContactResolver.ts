// The contact register: names, posts and numbers of the staff who handle transmission, filed by each unit
// (seeds 000 §13, 001 §32, 002 §8) and used for urgent alerts. A unit and its superiors read it.

import { PageInfo } from '@yizhan/kernel';
import { Arg, Ctx, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { addContact, contactRoster, contacts, removeContact, updateContact } from '../app/contacts.ts';
import type { OrgContext } from '../deps.ts';
import { Contact } from '../entities/Contact.ts';
import { ContactInput } from './types.ts';

@ObjectType({ description: '人员名单备案: a unit of the roster, with its registered transmission contacts' })
export class RosterUnit {
  @Field(() => ID)
  orgId!: string;
  @Field(() => String)
  name!: string;
  @Field(() => String, { description: 'PROVINCE, CITY or COUNTY' })
  level!: string;
  @Field(() => Boolean, { description: 'It has filed a contact reachable by mobile (who is alerted for urgent documents)' })
  filed!: boolean;
  @Field(() => Date, { nullable: true, description: 'When its list last changed (null: never filed)' })
  changedAt!: Date | null;
  @Field(() => [Contact])
  contacts!: Contact[];
}

@ObjectType()
export class ContactRosterPage {
  @Field(() => [RosterUnit])
  nodes!: RosterUnit[];
  @Field(() => Int, { description: 'Active units of the subtree (the filter aside)' })
  totalCount!: number;
  @Field(() => Int, { description: 'Of them, those that filed a contact with a mobile' })
  filedCount!: number;
  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@Resolver(() => Contact)
export class ContactResolver {
  @Query(() => ContactRosterPage, {
    description:
      '人员名单备案 (seed 001 §32): every active unit of a subtree you supervise (administrators and supervisors), in hierarchy order, with its transmission contacts, whether it filed one with a mobile, and when its list last changed; notFiledOnly for those that have not',
  })
  async contactRoster(
    @Arg('rootId', () => ID) rootId: string,
    @Arg('notFiledOnly', () => Boolean, { defaultValue: false }) notFiledOnly: boolean,
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: OrgContext,
  ) {
    return contactRoster(ctx, rootId, { notFiledOnly, first, after });
  }

  @Query(() => [Contact], { description: "A unit's transmission contacts" })
  async contacts(@Arg('orgId', () => ID) orgId: string, @Ctx() ctx: OrgContext): Promise<Contact[]> {
    return contacts(orgId, ctx);
  }

  @Mutation(() => Contact)
  async addContact(@Arg('orgId', () => ID) orgId: string, @Arg('input', () => ContactInput) input: ContactInput, @Ctx() ctx: OrgContext): Promise<Contact> {
    return addContact(orgId, input, ctx);
  }

  @Mutation(() => Contact)
  async updateContact(@Arg('id', () => ID) id: string, @Arg('input', () => ContactInput) input: ContactInput, @Ctx() ctx: OrgContext): Promise<Contact> {
    return updateContact(id, input, ctx);
  }

  @Mutation(() => Boolean)
  async removeContact(@Arg('id', () => ID) id: string, @Ctx() ctx: OrgContext): Promise<boolean> {
    return removeContact(id, ctx);
  }
}
