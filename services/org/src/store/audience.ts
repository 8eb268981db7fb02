// Whether a publication's audience (a 信息's, a 论坛 topic's) takes in the reader, as SQL over its row (alias `x`): the
// rule of domain/information.ts audienceAdmits, for a query that pages over what the reader may see.
import { type RawBuilder, type SqlBool, sql } from 'kysely';

export const audienceAdmitsSql = (alias: string, reader: { userId: string; orgPath: string }): RawBuilder<SqlBool> => {
  const x = sql.ref(alias);
  return sql<SqlBool>`(
    (${x}.audience = 'SUBTREE' and ${reader.orgPath}::ltree <@ ${x}.org_path)
    or (${x}.audience = 'UNIT' and ${x}.org_path = ${reader.orgPath}::ltree)
    or (${x}.audience = 'PEOPLE' and ${x}.org_path = ${reader.orgPath}::ltree and ${reader.userId}::uuid = any (${x}.viewer_ids)))`;
};
