// Typed SQL for the certificates service: a Kysely typed by its tables (store/db.ts, generated from the migrations), in
// the caller's transaction and row-level-security scope. Results are typed by the query, never cast by hand.
import type { EntityManager } from '@mikro-orm/postgresql';
import { withSql } from '@yizhan/kernel';
import type { Kysely } from 'kysely';
import type { DB } from './db.ts';

export const withDb = <T>(em: EntityManager, fn: (db: Kysely<DB>) => Promise<T>): Promise<T> => withSql<DB, T>(em, fn);
