/**
 * Runs the migrations in migrations/ to the latest version. Kysely's Migrator returns its error
 * instead of throwing; we throw it, so a failed migration never looks like success.
 */
import { Migrator, sql, type Kysely, type MigrationProvider } from 'kysely';
import { MIGRATIONS } from '../../../migrations/index.js';

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/**
 * @example const applied = await migrateToLatest(db); // ['0001_init'] on a new database
 */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  // Kysely looks for its bookkeeping tables in every schema unless told which one: with another
  // schema's kysely_migration in the same database (test files run side by side, one schema each) it
  // would skip creating ours. Pin it to the schema the migrations themselves land in.
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const migrationTableSchema = rows[0]?.schema;
  const migrator = new Migrator({ db, provider, ...(migrationTableSchema ? { migrationTableSchema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    const cause = error instanceof Error ? error.message : String(error ?? 'unknown error');
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${cause}`, { cause: error });
  }
  const applied = (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
  // Re-made keys and indexes start without planner statistics; PGlite has no autovacuum to gather them.
  if (applied.length > 0) await sql`analyze survey, survey_version, response, purchase, invite`.execute(db);
  return applied;
}
