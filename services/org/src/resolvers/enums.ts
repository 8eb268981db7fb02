// The vocabulary exposed as GraphQL enums.
import { registerEnumType } from 'type-graphql';
import { OrgKind, OrgLevel, OrgStatus, Role, UserStatus } from '../domain/enums.ts';

registerEnumType(OrgLevel, { name: 'OrgLevel', description: 'Administrative level of a unit' });
registerEnumType(OrgKind, { name: 'OrgKind', description: 'What kind of body a unit is' });
registerEnumType(OrgStatus, { name: 'OrgStatus', description: 'ACTIVE, or closed by a merge or dissolution (seed 003 §9)' });
registerEnumType(UserStatus, { name: 'UserStatus' });
registerEnumType(Role, { name: 'Role', description: 'What a person may do for their unit' });
