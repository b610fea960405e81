/**
 * Reads the config, opens and migrates the database, builds the app and listens. The only file that
 * calls listen(). SIGTERM/SIGINT: stop accepting, finish in-flight requests, close the pool.
 */
import { buildApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { openDatabase, type DatabaseHandle } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';

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
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onProgress: (message) => console.log(message),
  });
  try {
    const applied = await migrateToLatest(database.db);
    if (applied.length > 0) console.log(`Migrated the ${database.kind} database: ${applied.join(', ')}`);
    await hooks.beforeListen?.(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  const app = await buildApp(config, { database });
  app.addHook('onClose', async () => database.close());
  await app.listen({ port: config.port, host: config.host });
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
