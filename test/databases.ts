/**
 * Test databases: every database test runs on embedded PGlite and on PostgreSQL, each test file in its
 * own PostgreSQL schema so files run in parallel. PostgreSQL missing → a loud skip, except under CI
 * where it is a failure.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle, type DatabaseKind } from '../api/src/db/database.js';
import { migrateToLatest } from '../api/src/db/migrate.js';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

let postgresAvailable: Promise<boolean> | undefined;

/** Whether PostgreSQL answers at TEST_DATABASE_URL (asked once per test file). */
export function postgresIsAvailable(): Promise<boolean> {
  postgresAvailable ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (process.env.CI) throw new Error(`CI is set but PostgreSQL at ${TEST_DATABASE_URL} does not answer: ${reason}`);
      console.warn(`\n!!! PostgreSQL at ${TEST_DATABASE_URL} does not answer (${reason}): SKIPPING the PostgreSQL half of the database tests.\n`);
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return postgresAvailable;
}

export const DATABASE_KINDS: DatabaseKind[] = ['pglite', 'postgres'];

export interface TestDatabase extends DatabaseHandle {
  /** The PostgreSQL schema this test file owns (postgres only). */
  schema?: string;
}

/**
 * A migrated, empty database of the given kind. PostgreSQL: a fresh schema, dropped on close.
 * @example const database = await openTestDatabase('postgres'); … await database.close();
 */
export async function openTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const handle = await openDatabase({ dataDir: 'memory://' });
    await migrateToLatest(handle.db);
    return handle;
  }
  const schema = `test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const handle = await openDatabase({ databaseUrl: TEST_DATABASE_URL, schema, maxConnections: 10 });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    schema,
    async close() {
      await handle.close();
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        await client.query(`drop schema if exists "${schema}" cascade`);
      } finally {
        await client.end();
      }
    },
  };
}
