/**
 * Reads the config, opens and migrates the database, builds the app and listens. The only file that
 * calls listen(). SIGTERM/SIGINT: stop accepting, finish in-flight requests, close the pool.
 * Migrations and the beforeListen hook run on the database's long-running pool, without the
 * per-statement timeout that keeps requests fast.
 */
import { buildApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { openDatabase, type DatabaseHandle } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { scoreUnscoredResponses } from './responses/scores.js';

export interface StartedServer {
  url: string;
  close(): Promise<void>;
}

/**
 * @example const { url } = await startServer(loadConfig(), { beforeListen: seedDemo });
 */
export async function startServer(
  config: Config,
  hooks: { beforeListen?: (database: DatabaseHandle) => Promise<void> } = {},
): Promise<StartedServer> {
  // The app's logger exists only once the app is built; connection errors before that go to stderr.
  let logConnectionError = (error: Error) => console.error(`PostgreSQL connection lost: ${error.message}`);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    timeouts: config.databaseTimeouts,
    onProgress: (message) => console.log(message),
    onConnectionError: (error) => logConnectionError(error),
  });
  try {
    const applied = await migrateToLatest(database.longRunningDb);
    if (applied.length > 0) console.log(`Migrated the ${database.kind} database: ${applied.join(', ')}`);
    await hooks.beforeListen?.(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  const app = await buildApp(config, { database });
  logConnectionError = (error) => app.log.warn({ err: error }, 'PostgreSQL closed or lost a pooled connection; dropped it, the next query opens a new one');
  // Responses stored before their scores were (migration 0005, bulk loads) are scored in the
  // background after listening, in batches; the report scores from the answers meanwhile
  // (docs/API.md "Stored scores"). Closing stops it between batches, then closes the database.
  const stopBackfill = new AbortController();
  let backfill: Promise<void> = Promise.resolve();
  app.addHook('onClose', async () => {
    stopBackfill.abort();
    await backfill;
    await database.close();
  });
  await app.listen({ port: config.port, host: config.host });
  backfill = scoreUnscoredResponses(database.longRunningDb, { signal: stopBackfill.signal }).then(
    (scored) => {
      if (scored > 0) app.log.info(`Scored ${scored} responses stored without their scores`);
    },
    (error: unknown) => app.log.error({ err: error }, 'scoring the responses stored without their scores stopped; it resumes at the next start'),
  );
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://localhost:${port}`;

  let closing: Promise<void> | undefined;
  const close = () => (closing ??= app.close());
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      app.log.info(`${signal} received: finishing in-flight requests, then closing the database`);
      close().then(
        () => process.exit(0),
        (error: unknown) => {
          app.log.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
  return { url, close };
}

export function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const config = configOrExit();
  startServer(config).then(
    ({ url }) => console.log(`Loyalty Lens API on ${url}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
