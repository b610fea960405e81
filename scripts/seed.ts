/**
 * `npm run seed`: migrates and seeds the demo company into the configured database (idempotent).
 */
import { openDatabase } from '../api/src/db/database.js';
import { migrateToLatest } from '../api/src/db/migrate.js';
import { configOrExit } from '../api/src/server.js';
import { seedDemo } from './demo/seed.js';

const config = configOrExit();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, onProgress: console.log });
try {
  await migrateToLatest(database.db);
  const seeded = await seedDemo(database.db);
  console.log(seeded.created ? `Seeded "Demo Coffee" with ${seeded.responses} responses.` : 'Demo data already present; nothing added.');
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.close();
}
