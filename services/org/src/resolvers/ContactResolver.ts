// The contact register: names, posts and numbers of the staff who handle transmission, filed by each unit
// (seeds 000 §13, 001 §32, 002 §8) and used for urgent alerts. A unit and its superiors read it.

import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { addContact, contacts, removeContact, updateContact } from '../app/contacts.ts';
import type { OrgContext } from '../deps.ts';
import { Contact } from '../entities/Contact.ts';
import { ContactInput } from './types.ts';

@Resolver(() => Contact)
export class ContactResolver {
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
