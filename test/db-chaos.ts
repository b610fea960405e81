/**
 * What the chaos tests share: the real server as a child process, clients that submit and retry
 * until acknowledged (as the survey page does), a private PostgreSQL cluster a test may stop and
 * freeze, and the stored submission ids to check "every acknowledged submission exactly once".
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../api/src/db/schema.js';

const ROOT = path.resolve(import.meta.dirname, '..');

export const SHORT_ANSWERS = { sat_overall: 4, recommend: 9, repurchase: 4, stay_vs_competitor: 4, promo_decided: 'no', full_price_return: 4 };

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  log(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/** A free loopback port (so a restarted server can take the same one and clients keep their URL). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts api/src/server.ts with `env` and waits until it listens. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/src/server.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      RATE_LIMIT_PER_MINUTE: '0',
      WEB_BUILD_DIR: path.join(os.tmpdir(), 'll-no-web'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk) => (text += chunk));
  child.stderr?.on('data', (chunk) => (text += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  for (let waited = 0; waited < 60_000; waited += 50) {
    const match = /Loyalty Lens API on (http:\/\/\S+)/.exec(text);
    if (match) return { child, url: match[1]!.replace('localhost', '127.0.0.1'), log: () => text, exited };
    if (child.exitCode !== null) throw new Error(`the server exited early:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`the server did not start within 60 s:\n${text}`);
}

export interface Attempt {
  status: number | 'network';
  ms: number;
  /** When the attempt was sent (Date.now()). */
  startedAt: number;
}

export interface ClientRun {
  /** Submission ids the server acknowledged with 2xx, with the response id it gave. */
  acknowledged: Map<string, string>;
  attempts: Attempt[];
  /** Asks the clients to stop after their current submission is acknowledged; resolves when all have. */
  stop(): Promise<void>;
  /** Stops them at once, acknowledged or not (a failed test's clean-up). */
  abandon(): void;
}

/**
 * `clients` loops, each submitting a fresh response and retrying the same clientSubmissionId after
 * any failure (a 5xx, a refused or reset connection) until it is acknowledged. `baseUrl()` is read
 * per attempt, so the server may move. Gives up on one submission after `giveUpMs`.
 */
export function runRetryingClients(options: {
  clients: number;
  baseUrl: () => string;
  surveyId: string;
  retryDelayMs?: number;
  attemptTimeoutMs?: number;
  giveUpMs?: number;
}): ClientRun {
  const acknowledged = new Map<string, string>();
  const attempts: Attempt[] = [];
  let stopping = false;
  let abandoned = false;
  const retryDelayMs = options.retryDelayMs ?? 100;

  async function submitUntilAcknowledged(): Promise<void> {
    const clientSubmissionId = randomUUID();
    const started = Date.now();
    while (!abandoned) {
      const attemptStart = Date.now();
      let status: number | 'network' = 'network';
      let body: { id?: string } | undefined;
      try {
        const response = await fetch(`${options.baseUrl()}/api/surveys/${options.surveyId}/responses`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ clientSubmissionId, language: 'en', answers: SHORT_ANSWERS }),
          signal: AbortSignal.timeout(options.attemptTimeoutMs ?? 30_000),
        });
        status = response.status;
        body = (await response.json()) as { id?: string };
      } catch {
        status = 'network';
      }
      attempts.push({ status, ms: Date.now() - attemptStart, startedAt: attemptStart });
      if (typeof status === 'number' && status >= 200 && status < 300 && body?.id) {
        const earlier = acknowledged.get(clientSubmissionId);
        if (earlier && earlier !== body.id) throw new Error(`${clientSubmissionId} acknowledged as ${earlier} and as ${body.id}`);
        acknowledged.set(clientSubmissionId, body.id);
        return;
      }
      if (typeof status === 'number' && status < 500) throw new Error(`submission refused with ${status}: ${JSON.stringify(body)}`);
      if (Date.now() - started > (options.giveUpMs ?? 45_000)) throw new Error(`${clientSubmissionId} not acknowledged after ${options.giveUpMs ?? 45_000} ms`);
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
    }
  }

  const loops = Array.from({ length: options.clients }, async () => {
    while (!stopping) await submitUntilAcknowledged();
  });
  return {
    acknowledged,
    attempts,
    async stop() {
      stopping = true;
      await Promise.all(loops);
    },
    abandon() {
      stopping = true;
      abandoned = true;
    },
  };
}

/** Every stored client submission id with how many rows carry it and the smallest response id. */
export async function storedSubmissionCounts(db: Kysely<Database>): Promise<Map<string, { id: string; count: number }>> {
  const { rows } = await sql<{ client_submission_id: string; id: string; count: string }>`
    select client_submission_id, min(id::text) as id, count(*) as count from response group by client_submission_id
  `.execute(db);
  return new Map(rows.map((row) => [row.client_submission_id, { id: row.id, count: Number(row.count) }]));
}

/** The problems with "every acknowledged submission stored exactly once, under the id it was acknowledged with". */
export function acknowledgedButNotStoredOnce(
  acknowledged: Map<string, string>,
  stored: Map<string, { id: string; count: number }>,
): string[] {
  const problems: string[] = [];
  for (const [submissionId, responseId] of acknowledged) {
    const row = stored.get(submissionId);
    if (!row) problems.push(`${submissionId} acknowledged but not stored`);
    else if (row.count !== 1) problems.push(`${submissionId} stored ${row.count} times`);
    else if (row.id !== responseId) problems.push(`${submissionId} acknowledged as ${responseId} but stored as ${row.id}`);
  }
  return problems;
}

const PG_BIN = '/usr/lib/postgresql/15/bin';

/** Why a private cluster cannot be started here, or undefined when it can. */
export function privateClusterUnavailable(): string | undefined {
  if (!fs.existsSync(path.join(PG_BIN, 'initdb'))) return `${PG_BIN}/initdb is missing (install postgresql-15)`;
  if (process.getuid?.() === 0 && spawnSync('id', ['-u', 'postgres']).status !== 0) {
    return 'running as root and there is no postgres OS user to run initdb as';
  }
  return undefined;
}

export interface PrivateCluster {
  url: string;
  port: number;
  /** SIGSTOP (or SIGCONT) the postmaster and every backend: a host that stops answering but keeps its sockets open. */
  signal(signal: 'SIGSTOP' | 'SIGCONT'): void;
  /** `pg_ctl stop -m immediate`: a crash, every connection closed. */
  stopImmediately(): void;
  start(): void;
  /** Stops the cluster (continuing it first if frozen) and removes its directory. Safe to call twice. */
  destroy(): void;
}

/**
 * A throwaway PostgreSQL 15 cluster on a free loopback port, in a temp directory, never the shared
 * one. As root, initdb and pg_ctl run as the postgres OS user (initdb refuses root).
 */
export async function startPrivateCluster(): Promise<PrivateCluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'll-private-pg-'));
  const dataDir = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) spawnSync('chown', ['postgres', dir]);
  const run = (command: string, args: string[]) => {
    const result = asRoot
      ? spawnSync('runuser', ['-u', 'postgres', '--', path.join(PG_BIN, command), ...args], { encoding: 'utf8' })
      : spawnSync(path.join(PG_BIN, command), args, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}${result.stdout}`);
  };
  const port = await freePort();
  let frozen = false;
  let running = false;
  const postmasterPid = () => Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const cluster: PrivateCluster = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    signal(signal) {
      const pid = postmasterPid();
      const children = spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
        .stdout.split('\n')
        .map((line) => Number(line.trim()))
        .filter((child) => child > 0);
      for (const target of [pid, ...children]) {
        try {
          process.kill(target, signal);
        } catch {
          // A backend that exited between ps and kill needs no signal.
        }
      }
      frozen = signal === 'SIGSTOP';
    },
    stopImmediately() {
      run('pg_ctl', ['-D', dataDir, 'stop', '-m', 'immediate', '-w']);
      running = false;
    },
    start() {
      // fsync=off: `stop -m immediate` crashes PostgreSQL, not the OS, so committed WAL survives in the page cache.
      run('pg_ctl', [
        '-D', dataDir, '-l', path.join(dir, 'server.log'), '-w', '-t', '30',
        '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`,
        'start',
      ]);
      running = true;
    },
    destroy() {
      try {
        if (frozen) cluster.signal('SIGCONT');
        if (running) cluster.stopImmediately();
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  try {
    run('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync']);
    cluster.start();
  } catch (error) {
    cluster.destroy();
    throw error;
  }
  return cluster;
}

/** The largest of a list of durations (0 for none). */
export function maxOf(values: number[]): number {
  return values.reduce((max, value) => Math.max(max, value), 0);
}
