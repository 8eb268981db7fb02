// Process entry of the migrations, run to completion before a new version starts (the Kubernetes Job in
// k8s/base/migrate.yaml; `tsx scripts/migrate.ts` from source). With the superuser URL in DATABASE_URL it creates
// what is missing (the database, the ltree extension, the roles with the passwords it is given, one schema per
// service), applies every service's pending migrations as the migrator and grants the application and relay roles
// their rights: the same steps as `npm start` (scripts/lib/stack.ts prepareDatabase), without demo data and without
// an embedded server. Every step is idempotent: a Job that runs again with nothing new changes nothing.
import { loadConfig } from '@yizhan/common';
import { migrateService, provisionDatabase } from '@yizhan/kernel';
import { services } from './lib/services.ts';

const log = (msg: string, extra: Record<string, unknown> = {}) => console.log(JSON.stringify({ msg, ...extra }));

const config = loadConfig();
if (!config.adminDatabaseUrl) {
  console.error('DATABASE_URL is not set: the migrations need a PostgreSQL superuser URL');
  process.exit(2);
}
try {
  const all = await services();
  const urls = await provisionDatabase(
    config.adminDatabaseUrl,
    config,
    all.map((s) => s.database.schema),
  );
  for (const svc of all) {
    const applied = await migrateService(urls.migratorUrl, config, svc.database);
    log(applied.length ? `${svc.name}: applied migrations` : `${svc.name}: up to date`, { service: svc.name, applied });
  }
  log('migrations done');
  process.exit(0);
} catch (e) {
  console.error(JSON.stringify({ msg: 'migrations failed', error: (e as Error).message }));
  process.exit(1);
}
