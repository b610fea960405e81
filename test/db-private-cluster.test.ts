/**
 * A private PostgreSQL cluster (initdb in a temp dir, its own port; never the shared one) frozen with
 * SIGSTOP and stopped outright while clients keep submitting: every submit answers within the
 * timeouts (503, never a hang), health says unhealthy, the service resumes by itself when the
 * database returns, and every 2xx-acknowledged submission is stored exactly once. PostgreSQL only:
 * PGlite runs inside the server process and cannot stop or freeze on its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../api/src/db/database.js';
import { migrateToLatest } from '../api/src/db/migrate.js';
import { shortTemplate } from '../api/src/model/template.js';
import {
  acknowledgedButNotStoredOnce,
  maxOf,
  privateClusterUnavailable,
  runRetryingClients,
  startPrivateCluster,
  startServerProcess,
  storedSubmissionCounts,
  type Attempt,
  type ClientRun,
  type PrivateCluster,
  type ServerProcess,
} from './db-chaos.js';
import { createSurvey } from './helper.js';

const CONNECT_TIMEOUT_MS = 1000;
const STATEMENT_TIMEOUT_MS = 1500;
const HEALTH_TIMEOUT_MS = 500;
/** Borrowing a connection, then one statement whose read times out (+500 ms margin in database.ts). */
const LONGEST_ANSWER_MS = CONNECT_TIMEOUT_MS + STATEMENT_TIMEOUT_MS + 500;
/** What a machine shared with other test runs may add on top. */
const SLACK_MS = 2000;

const unavailable = privateClusterUnavailable();
if (unavailable) {
  if (process.env.CI) throw new Error(`CI is set but a private PostgreSQL cluster cannot be started: ${unavailable}`);
  console.warn(`\n!!! ${unavailable}: SKIPPING the private-cluster stop and freeze test.\n`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(unavailable !== undefined)('the server on a PostgreSQL that freezes and stops under load [postgres]', () => {
  let cluster: PrivateCluster | undefined;
  let server: ServerProcess | undefined;
  let surveyId: string;
  let clients: ClientRun | undefined;

  beforeAll(async () => {
    cluster = await startPrivateCluster();
    const setup = await openDatabase({ databaseUrl: cluster.url, maxConnections: 2 });
    try {
      await migrateToLatest(setup.db);
      surveyId = (await createSurvey(setup, shortTemplate())).surveyId;
    } finally {
      await setup.close();
    }
    server = await startServerProcess({
      DATABASE_URL: cluster.url,
      PORT: '0',
      DATABASE_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
      DATABASE_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
      DATABASE_HEALTH_TIMEOUT_MS: String(HEALTH_TIMEOUT_MS),
    });
  });

  afterAll(async () => {
    clients?.abandon();
    server?.child.kill('SIGKILL');
    await server?.exited;
    cluster?.destroy();
  });

  async function health(): Promise<{ status: number; ms: number }> {
    const started = Date.now();
    const response = await fetch(`${server!.url}/api/health`, { signal: AbortSignal.timeout(30_000) });
    await response.arrayBuffer();
    return { status: response.status, ms: Date.now() - started };
  }

  async function healthyAgainWithin(ms: number): Promise<number> {
    const started = Date.now();
    while (Date.now() - started < ms) {
      if ((await health()).status === 200) return Date.now() - started;
      await sleep(100);
    }
    throw new Error(`not healthy again ${ms} ms after the database came back`);
  }

  it('answers every submit within the timeouts, says unhealthy, resumes by itself, and stores each acknowledged submission once', async () => {
    const load = (clients = runRetryingClients({ clients: 6, baseUrl: () => server!.url, surveyId, retryDelayMs: 100 }));
    // Attempts sent while the database was down; read once they have all answered (a loaded machine
    // may answer one sent just before SIGCONT only after it).
    const sentBetween = (from: number, to: number): Attempt[] => load.attempts.filter((a) => a.startedAt >= from && a.startedAt < to);
    await sleep(1500);
    expect(load.acknowledged.size).toBeGreaterThan(0);

    // Frozen: the sockets stay open and nothing answers; only the timeouts end a request.
    const frozenFrom = Date.now();
    cluster!.signal('SIGSTOP');
    await sleep(500);
    const frozenHealth = await health();
    await sleep(LONGEST_ANSWER_MS + 1000);
    const frozenUntil = Date.now();
    cluster!.signal('SIGCONT');
    const afterFreeze = await healthyAgainWithin(15_000);
    await sleep(1000);

    // Stopped: connections closed, new ones refused until it starts again on the same port.
    const stoppedFrom = Date.now();
    cluster!.stopImmediately();
    await sleep(300);
    const stoppedHealth = await health();
    await sleep(1500);
    const stoppedUntil = Date.now();
    cluster!.start();
    const afterStop = await healthyAgainWithin(15_000);
    await sleep(1000);

    const acknowledgedBeforeStop = load.acknowledged.size;
    await load.stop();
    const frozenAttempts = sentBetween(frozenFrom, frozenUntil);
    const stoppedAttempts = sentBetween(stoppedFrom, stoppedUntil);
    expect(load.acknowledged.size).toBeGreaterThan(acknowledgedBeforeStop);
    expect(server!.child.exitCode).toBeNull();

    const statuses = new Set(load.attempts.map((attempt) => attempt.status));
    expect([...statuses].sort()).toEqual(expect.arrayContaining([201]));
    // 200 is a retry of a submission stored before its first answer was cut off (duplicate: true, the
    // same id): the idempotent acknowledgement, not a second row.
    expect([...statuses].filter((status) => status !== 200 && status !== 201 && status !== 503)).toEqual([]);
    expect(frozenAttempts.some((attempt) => attempt.status === 503)).toBe(true);
    expect(stoppedAttempts.some((attempt) => attempt.status === 503)).toBe(true);
    expect(frozenHealth.status).toBe(503);
    expect(frozenHealth.ms).toBeLessThan(HEALTH_TIMEOUT_MS + SLACK_MS);
    expect(stoppedHealth.status).toBe(503);
    const longest = maxOf(load.attempts.map((attempt) => attempt.ms));
    console.log(
      `private cluster: ${load.attempts.length} attempts, ${load.acknowledged.size} acknowledged; ` +
        `longest answer ${longest} ms (bound ${LONGEST_ANSWER_MS} ms + ${SLACK_MS} ms slack), ` +
        `longest while frozen ${maxOf(frozenAttempts.map((a) => a.ms))} ms; health 503 in ${frozenHealth.ms} ms frozen, ` +
        `${stoppedHealth.ms} ms stopped; healthy again ${afterFreeze} ms after SIGCONT, ${afterStop} ms after restart`,
    );
    expect(longest).toBeLessThan(LONGEST_ANSWER_MS + SLACK_MS);

    const check = await openDatabase({ databaseUrl: cluster!.url, maxConnections: 1 });
    const stored = await storedSubmissionCounts(check.db).finally(() => check.close());
    expect(acknowledgedButNotStoredOnce(load.acknowledged, stored)).toEqual([]);
    // Every client retried until acknowledged, so nothing is stored that was not acknowledged either.
    expect(stored.size).toBe(load.acknowledged.size);
  });
});
