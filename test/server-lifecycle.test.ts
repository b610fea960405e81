import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle, type DatabaseKind } from '../api/src/db/database.js';
import { migrateToLatest } from '../api/src/db/migrate.js';
import { shortTemplate } from '../api/src/model/template.js';
import { DEMO_COMPANY_ID, DEMO_SURVEY_ID } from '../scripts/demo/seed.js';
import { createApiKey } from '../api/src/accounts/apiKeys.js';
import { DATABASE_KINDS, TEST_DATABASE_URL, postgresIsAvailable } from './databases.js';
import {
  acknowledgedButNotStoredOnce,
  freePort,
  runRetryingClients,
  startServerProcess,
  storedSubmissionCounts,
  type ClientRun,
  type ServerProcess,
} from './db-chaos.js';
import { createSurvey } from './helper.js';

const postgresUp = await postgresIsAvailable();

const ROOT = path.resolve(import.meta.dirname, '..');

/** Starts `npm run seed` or the server as a real process on a PGlite folder. */
function run(script: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', WEB_BUILD_DIR: path.join(os.tmpdir(), 'll-no-web'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function output(child: ChildProcess): { text: () => string } {
  let text = '';
  child.stdout?.on('data', (chunk) => (text += chunk));
  child.stderr?.on('data', (chunk) => (text += chunk));
  return { text: () => text };
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function listening(child: ChildProcess, log: { text: () => string }): Promise<string> {
  for (let waited = 0; waited < 60_000; waited += 100) {
    const match = /Loyalty Lens API on (http:\/\/\S+)/.exec(log.text());
    if (match) return match[1]!;
    if (child.exitCode !== null) throw new Error(`server exited early:\n${log.text()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server did not start:\n${log.text()}`);
}

describe('the server process on the embedded database', () => {
  let dataDir: string;
  /** An API key of the demo company, to read its summary (made before any server holds the folder). */
  let authorization: string;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'll-lifecycle-'));
    const seed = run('scripts/seed.ts', { DATA_DIR: dataDir });
    const log = output(seed);
    expect(await exited(seed), log.text()).toBe(0);
    const database = await openDatabase({ dataDir });
    try {
      const { key } = await createApiKey(database.db, DEMO_COMPANY_ID, { name: 'lifecycle test', scopes: ['reports:read'], createdBy: null });
      authorization = `Bearer ${key}`;
    } finally {
      await database.close();
    }
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('keeps an acknowledged response across SIGTERM and a restart, and refuses a second process meanwhile', async () => {
    const server = run('api/src/server.ts', { DATA_DIR: dataDir, PORT: '0' });
    const log = output(server);
    const url = await listening(server, log);

    const second = run('api/src/server.ts', { DATA_DIR: dataDir, PORT: '0' });
    const secondLog = output(second);
    expect(await exited(second)).toBe(1);
    expect(secondLog.text()).toContain('is in use by another process');

    const clientSubmissionId = randomUUID();
    const answers = { sat_overall: 5, recommend: 10, repurchase: 5, stay_vs_competitor: 5, promo_decided: 'no', full_price_return: 5 };
    const posted = await fetch(`${url}/api/surveys/${DEMO_SURVEY_ID}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientSubmissionId, language: 'en', answers }),
    });
    expect(posted.status).toBe(201);
    const { id } = (await posted.json()) as { id: string };

    server.kill('SIGTERM');
    expect(await exited(server), log.text()).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'loyalty-lens.lock'))).toBe(false);

    const restarted = run('api/src/server.ts', { DATA_DIR: dataDir, PORT: '0' });
    const restartedLog = output(restarted);
    const url2 = await listening(restarted, restartedLog);
    const retry = await fetch(`${url2}/api/surveys/${DEMO_SURVEY_ID}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientSubmissionId, language: 'en', answers }),
    });
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual({ id, duplicate: true });
    const summary = (await (await fetch(`${url2}/api/surveys/${DEMO_SURVEY_ID}/summary`, { headers: { authorization } })).json()) as { responseCount: number };
    expect(summary.responseCount).toBe(2001);
    restarted.kill('SIGINT');
    expect(await exited(restarted)).toBe(0);
    // Three PGlite server starts: near 60 s on a loaded 2-CPU machine.
  }, 120_000);

  it('keeps an acknowledged response when the process is killed outright, and takes over its stale lock', async () => {
    const server = run('api/src/server.ts', { DATA_DIR: dataDir, PORT: '0' });
    const url = await listening(server, output(server));
    const clientSubmissionId = randomUUID();
    const answers = { sat_overall: 2, recommend: 3, repurchase: 2, stay_vs_competitor: 1, promo_decided: 'yes', full_price_return: 1 };
    const posted = await fetch(`${url}/api/surveys/${DEMO_SURVEY_ID}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientSubmissionId, language: 'ru', answers }),
    });
    expect(posted.status).toBe(201);
    const { id } = (await posted.json()) as { id: string };

    server.kill('SIGKILL');
    await exited(server);
    expect(fs.existsSync(path.join(dataDir, 'loyalty-lens.lock'))).toBe(true);

    const restarted = run('api/src/server.ts', { DATA_DIR: dataDir, PORT: '0' });
    const url2 = await listening(restarted, output(restarted));
    const retry = await fetch(`${url2}/api/surveys/${DEMO_SURVEY_ID}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientSubmissionId, language: 'ru', answers }),
    });
    expect(await retry.json()).toEqual({ id, duplicate: true });
    restarted.kill('SIGTERM');
    expect(await exited(restarted)).toBe(0);
  });
});

/**
 * Where the killed server keeps its data, opened by the test around the server's life (never while it
 * runs on PGlite: one process per data directory).
 */
interface KilledServerStore {
  env: Record<string, string>;
  open(): Promise<DatabaseHandle>;
  storedSubmissions(): Promise<Map<string, { id: string; count: number }>>;
  cleanUp(): Promise<void>;
}

async function killedServerStore(kind: DatabaseKind): Promise<KilledServerStore> {
  if (kind === 'pglite') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'll-kill9-'));
    const open = () => openDatabase({ dataDir });
    return {
      env: { DATA_DIR: dataDir },
      open,
      async storedSubmissions() {
        const database = await open();
        try {
          return await storedSubmissionCounts(database.db);
        } finally {
          await database.close();
        }
      },
      async cleanUp() {
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const schema = `test_kill9_${Date.now().toString(36)}_${randomUUID().slice(0, 8)}`;
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('application_name', schema);
  url.searchParams.set('options', `-c search_path="${schema}"`);
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  return {
    env: { DATABASE_URL: url.toString() },
    open: () => openDatabase({ databaseUrl: TEST_DATABASE_URL, schema, maxConnections: 2 }),
    async storedSubmissions() {
      const database = await openDatabase({ databaseUrl: TEST_DATABASE_URL, schema, maxConnections: 1 });
      try {
        return await storedSubmissionCounts(database.db);
      } finally {
        await database.close();
      }
    },
    async cleanUp() {
      await admin.query(`drop schema if exists "${schema}" cascade`);
      await admin.end();
    },
  };
}

for (const kind of DATABASE_KINDS) {
  describe.skipIf(kind === 'postgres' && !postgresUp)(`kill -9 of the server under retrying clients [${kind}]`, () => {
    let store: KilledServerStore;
    let surveyId: string;
    let server: ServerProcess | undefined;
    let clients: ClientRun | undefined;

    beforeAll(async () => {
      store = await killedServerStore(kind);
      const setup = await store.open();
      try {
        await migrateToLatest(setup.db);
        surveyId = (await createSurvey(setup, shortTemplate())).surveyId;
      } finally {
        await setup.close();
      }
    });
    afterAll(async () => {
      clients?.abandon();
      server?.child.kill('SIGKILL');
      await server?.exited;
      await store?.cleanUp();
    });

    it('keeps every acknowledged submission exactly once across a kill and a restart', async () => {
      const port = String(await freePort());
      server = await startServerProcess({ ...store.env, PORT: port });
      const baseUrl = server.url;
      const load = (clients = runRetryingClients({ clients: 6, baseUrl: () => baseUrl, surveyId, retryDelayMs: 50 }));
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const acknowledgedBefore = load.acknowledged.size;
      server.child.kill('SIGKILL');
      await server.exited;
      server = await startServerProcess({ ...store.env, PORT: port });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(load.acknowledged.size).toBeGreaterThan(acknowledgedBefore);
      await load.stop();
      server.child.kill('SIGTERM');
      expect(await server.exited, server.log()).toBe(0);
      server = undefined;

      // 200 is a retry of a submission stored just before the kill, whose answer never arrived.
      const failures = load.attempts.filter((attempt) => attempt.status !== 201 && attempt.status !== 200);
      expect(failures.length).toBeGreaterThan(0);
      expect(failures.filter((attempt) => attempt.status !== 'network' && attempt.status !== 503)).toEqual([]);
      const stored = await store.storedSubmissions();
      expect(acknowledgedButNotStoredOnce(load.acknowledged, stored)).toEqual([]);
      expect(stored.size).toBe(load.acknowledged.size);
      // Two server starts: PGlite reopening after a kill takes tens of seconds on a loaded 2-CPU machine.
    }, 90_000);
  });
}
