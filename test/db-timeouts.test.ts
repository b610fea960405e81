/**
 * The PostgreSQL limits in isolation: a slow statement is cut at statement_timeout on the request
 * pool but not on the long-running one, and a database that refuses connections or accepts them and
 * never answers gets 503 DATABASE_UNAVAILABLE with Retry-After, within the connect timeout, from
 * submissions and the health check alike.
 */
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../api/src/app.js';
import { loadConfig } from '../api/src/config.js';
import { isDatabaseUnavailable, openDatabase, type DatabaseHandle } from '../api/src/db/database.js';
import { TEST_DATABASE_URL, postgresIsAvailable } from './databases.js';
import { SHORT_ANSWERS, freePort } from './db-chaos.js';

const postgresUp = await postgresIsAvailable();

describe.skipIf(!postgresUp)('statement timeouts [postgres]', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openDatabase({
      databaseUrl: TEST_DATABASE_URL,
      maxConnections: 2,
      timeouts: { connectMs: 2000, statementMs: 300, longRunningMs: 5000 },
    });
  });
  afterAll(async () => database?.close());

  it('cuts a slow request statement at statement_timeout with an error the API answers 503 for', async () => {
    const started = Date.now();
    const error = await sql`select pg_sleep(2)`.execute(database.db).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect((error as { code?: string }).code).toBe('57014');
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(Date.now() - started).toBeLessThan(1500);
    expect((await sql`select 1 as one`.execute(database.db)).rows).toEqual([{ one: 1 }]);
  });

  it('lets the long-running pool (reports, exports, migrations) take longer', async () => {
    await sql`select pg_sleep(0.6)`.execute(database.longRunningDb);
    const { rows } = await sql<{ statement_timeout: string }>`show statement_timeout`.execute(database.longRunningDb);
    expect(rows[0]?.statement_timeout).toBe('5s');
  });
});

describe('a PostgreSQL that refuses or never answers', () => {
  const CONNECT_TIMEOUT_MS = 500;
  let silent: net.Server;
  const silentSockets = new Set<net.Socket>();
  let silentPort: number;

  beforeAll(async () => {
    // Accepts connections and never answers the startup message: a frozen or black-holed server.
    silent = net.createServer((socket) => {
      silentSockets.add(socket);
      socket.on('close', () => silentSockets.delete(socket));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentPort = (silent.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    for (const socket of silentSockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it.each([
    ['refuses connections', async () => freePort()],
    ['accepts and never answers', async () => silentPort],
  ])('answers 503 with Retry-After within the connect timeout when it %s', async (_what, port) => {
    const config = loadConfig({
      DATABASE_URL: `postgres://postgres@127.0.0.1:${await port()}/test`,
      DATABASE_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
      DATABASE_HEALTH_TIMEOUT_MS: '300',
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_MINUTE: '0',
      WEB_BUILD_DIR: path.join(os.tmpdir(), 'loyalty-lens-no-web-build'),
    });
    const app = await buildApp(config);
    try {
      // Plugins load on the first request; that start-up cost (about a second on a busy machine) is not
      // the time the database took to be given up on, so the clock starts after it.
      await app.ready();
      let started = Date.now();
      const submit = await app.inject({
        method: 'POST',
        url: `/api/surveys/${randomUUID()}/responses`,
        payload: { clientSubmissionId: randomUUID(), language: 'en', answers: SHORT_ANSWERS },
      });
      expect(Date.now() - started).toBeLessThan(CONNECT_TIMEOUT_MS + 1500);
      expect(submit.statusCode).toBe(503);
      expect(submit.json().error.code).toBe('DATABASE_UNAVAILABLE');
      expect(submit.headers['retry-after']).toBe('2');

      started = Date.now();
      const health = await app.inject({ url: '/api/health' });
      expect(Date.now() - started).toBeLessThan(CONNECT_TIMEOUT_MS + 1500);
      expect(health.statusCode).toBe(503);
      expect(health.json().error.code).toBe('DATABASE_UNAVAILABLE');
      expect(health.headers['retry-after']).toBe('2');
    } finally {
      await app.close();
    }
  });
});
