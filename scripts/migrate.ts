/**
 * `npm run migrate`: brings the configured database (DATABASE_URL, or PGlite in DATA_DIR) to the
 * latest migration. Exits 1 when a migration fails, so a failure never looks like success.
 */
import { configOrExit } from '../api/src/server.js';
import { openDatabase } from '../api/src/db/database.js';
import { migrateToLatest } from '../api/src/db/migrate.js';

const config = configOrExit();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, onProgress: console.log });
try {
  const applied = await migrateToLatest(database.db);
  console.log(applied.length > 0 ? `Applied: ${applied.join(', ')}` : `The ${database.kind} database is up to date.`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.close();
}
