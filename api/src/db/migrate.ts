/**
 * Runs the migrations in migrations/ to the latest version. Kysely's Migrator returns its error
 * instead of throwing; we throw it, so a failed migration never looks like success.
 */
import { Migrator, type Kysely, type MigrationProvider } from 'kysely';
import { MIGRATIONS } from '../../../migrations/index.js';

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/**
 * @example const applied = await migrateToLatest(db); // ['0001_init'] on a new database
 */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    const cause = error instanceof Error ? error.message : String(error ?? 'unknown error');
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${cause}`, { cause: error });
  }
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}
