/**
 * PostgreSQL closes the server's connections under it (a restart, a failover, an idle timeout,
 * pg_terminate_backend): the process stays up, the next requests succeed, the requests whose
 * statement was cut off answer 503, and nothing acknowledged is lost. PostgreSQL only: PGlite lives
 * inside the process and has no backends to terminate. Only this test's backends are terminated,
 * found by the application_name its server connects with.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../api/src/db/database.js';
import { migrateToLatest } from '../api/src/db/migrate.js';
import { shortTemplate } from '../api/src/model/template.js';
import { TEST_DATABASE_URL, postgresIsAvailable } from './databases.js';
import { SHORT_ANSWERS, acknowledgedButNotStoredOnce, startServerProcess, storedSubmissionCounts, type ServerProcess } from './db-chaos.js';
import { createSurvey } from './helper.js';

const postgresUp = await postgresIsAvailable();
const STATEMENT_TIMEOUT_MS = 2000;

describe.skipIf(!postgresUp)('the server when PostgreSQL terminates its backends [postgres]', () => {
  const suffix = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const schema = `test_terminate_${suffix}`;
  const applicationName = `ll_terminate_${suffix}`;
  let admin: pg.Client;
  let server: ServerProcess | undefined;
  let surveyId: string;
  const acknowledged = new Map<string, string>();

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: TEST_DATABASE_URL, application_name: `${applicationName}_admin` });
    await admin.connect();
    await admin.query(`set search_path = "${schema}"`);
    const setup = await openDatabase({ databaseUrl: TEST_DATABASE_URL, schema, maxConnections: 2 });
    try {
      await migrateToLatest(setup.db);
      surveyId = (await createSurvey(setup, shortTemplate())).surveyId;
    } finally {
      await setup.close();
    }
    const url = new URL(TEST_DATABASE_URL);
    url.searchParams.set('application_name', applicationName);
    url.searchParams.set('options', `-c search_path="${schema}"`);
    server = await startServerProcess({
      DATABASE_URL: url.toString(),
      PORT: '0',
      DATABASE_CONNECT_TIMEOUT_MS: '2000',
      DATABASE_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
    });
  });

  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await server?.exited;
    await admin?.query(`drop schema if exists "${schema}" cascade`);
    await admin?.end();
  });

  async function submit(clientSubmissionId = randomUUID()) {
    const started = Date.now();
    const response = await fetch(`${server!.url}/api/surveys/${surveyId}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientSubmissionId, language: 'en', answers: SHORT_ANSWERS }),
    });
    const body = (await response.json()) as { id?: string; error?: { code: string } };
    if (response.ok && body.id) acknowledged.set(clientSubmissionId, body.id);
    return { clientSubmissionId, status: response.status, body, retryAfter: response.headers.get('retry-after'), ms: Date.now() - started };
  }

  async function serverBackends(where = 'true'): Promise<number[]> {
    const { rows } = await admin.query<{ pid: number }>(
      `select pid from pg_stat_activity where application_name = $1 and ${where}`,
      [applicationName],
    );
    return rows.map((row) => row.pid);
  }

  async function terminate(pids: number[]): Promise<void> {
    await admin.query('select pg_terminate_backend(pid) from unnest($1::int[]) as pid', [pids]);
    // Wait until PostgreSQL has closed them, so the pool has had the chance to hear of it.
    for (let waited = 0; waited < 5000; waited += 50) {
      const { rows } = await admin.query('select 1 from pg_stat_activity where pid = any($1::int[])', [pids]);
      if (rows.length === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`backends ${pids.join(', ')} still there 5 s after pg_terminate_backend`);
  }

  it('stays up and answers the next requests after its idle pooled connections are terminated', async () => {
    const warmUp = await Promise.all(Array.from({ length: 8 }, () => submit()));
    expect(warmUp.map((result) => result.status)).toEqual(Array(8).fill(201));
    const idle = await serverBackends("state = 'idle'");
    expect(idle.length).toBeGreaterThan(1);

    await terminate(idle);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server!.child.exitCode).toBeNull();

    const after = await Promise.all(Array.from({ length: 8 }, () => submit()));
    expect(after.map((result) => result.status)).toEqual(Array(8).fill(201));
    expect((await fetch(`${server!.url}/api/health`)).status).toBe(200);
    expect(server!.log()).toContain('dropped it');
  });

  it('answers 503 with Retry-After to requests whose statement is cut off, then stores their retries once', async () => {
    // An exclusive lock on the response table holds every submission inside its INSERT, so the
    // server's backends are active (waiting on the lock) when they are terminated.
    const blocker = new pg.Client({ connectionString: TEST_DATABASE_URL, application_name: `${applicationName}_lock` });
    await blocker.connect();
    try {
      await blocker.query(`set search_path = "${schema}"`);
      await blocker.query('begin');
      await blocker.query('lock table response in exclusive mode');
      const inFlight = Array.from({ length: 6 }, () => submit());
      // Submissions that arrive together share INSERTs (responses/insertBatch.ts), so fewer than six
      // backends may be waiting at once: every backend found waiting is terminated until all six have
      // answered, a batch queued behind a terminated one being sent (and terminated) next.
      let answered = false;
      const all = Promise.all(inFlight).finally(() => {
        answered = true;
      });
      let terminated = 0;
      for (let waited = 0; waited < 15_000 && !answered; waited += 50) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const waiting = await serverBackends("state = 'active' and wait_event_type = 'Lock'");
        if (waiting.length > 0 && !answered) {
          await terminate(waiting);
          terminated += waiting.length;
        }
      }
      const results = await all;
      expect(terminated).toBeGreaterThan(0);
      await blocker.query('rollback');

      expect(server!.child.exitCode).toBeNull();
      for (const result of results) {
        expect(result.status).toBe(503);
        expect(result.body.error?.code).toBe('DATABASE_UNAVAILABLE');
        expect(result.retryAfter).toMatch(/^\d+$/);
      }
      const retried = await Promise.all(results.map((result) => submit(result.clientSubmissionId)));
      expect(retried.map((result) => result.status)).toEqual(Array(6).fill(201));
    } finally {
      await blocker.end();
    }
    const again = await Promise.all(Array.from({ length: 4 }, () => submit()));
    expect(again.map((result) => result.status)).toEqual(Array(4).fill(201));
  });

  it('loses nothing it acknowledged and stores each submission once', async () => {
    const check = await openDatabase({ databaseUrl: TEST_DATABASE_URL, schema, maxConnections: 1 });
    const stored = await storedSubmissionCounts(check.db).finally(() => check.close());
    expect(acknowledgedButNotStoredOnce(acknowledged, stored)).toEqual([]);
    expect(stored.size).toBe(acknowledged.size);
  });
});
