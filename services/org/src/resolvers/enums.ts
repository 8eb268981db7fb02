// The vocabulary exposed as GraphQL enums.
import { registerEnumType } from 'type-graphql';
import { LoginMethod, OrgKind, OrgLevel, OrgStatus, Role, SessionEndReason, UserStatus } from '../domain/enums.ts';

registerEnumType(OrgLevel, { name: 'OrgLevel', description: 'Administrative level of a unit' });
registerEnumType(OrgKind, { name: 'OrgKind', description: 'What kind of body a unit is' });
registerEnumType(OrgStatus, { name: 'OrgStatus', description: 'ACTIVE, or closed by a merge or dissolution (seed 003 §9)' });
registerEnumType(UserStatus, { name: 'UserStatus' });
registerEnumType(Role, { name: 'Role', description: 'What a person may do for their unit' });
registerEnumType(LoginMethod, { name: 'LoginMethod', description: 'How a session began: password or identity certificate' });
registerEnumType(SessionEndReason, { name: 'SessionEndReason', description: 'Why a session ended before its token expired' });
