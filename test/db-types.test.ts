// Each service's Kysely database type (services/<svc>/src/store/db.ts) is what its migrations make of the tables:
// a migration that changes a table without `npm run db-types` fails here, not in a query at run time.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withDatabase } from '@yizhan/kernel';
import { writeDatabaseTypes } from '../scripts/lib/db-types.ts';
import { adminUrl, TEMPLATE_DB } from './support/harness.ts';

test('the checked-in database types are what the migrated schemas generate', async () => {
  const stale = await writeDatabaseTypes(withDatabase(adminUrl(), TEMPLATE_DB), ['org', 'documents', 'certificates', 'seals', 'archive'], true);
  assert.deepEqual(stale, [], `stale: run npm run db-types (${stale.join(', ')})`);
});
