// Base class for a service's migrations: plain SQL statements, applied in order as the migrator.
export { Migration } from '@mikro-orm/migrations';
