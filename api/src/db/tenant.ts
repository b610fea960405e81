/**
 * The tenant scope every company query takes first: the database and the one company the request
 * acts for, resolved once per request from its session or API key (accounts/plugin.ts). A query
 * that finds nothing in this company answers as if the object did not exist (404, never 403).
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export interface TenantScope {
  db: Kysely<Database>;
  companyId: string;
}
