/**
 * What both benchmarks share: a fresh PostgreSQL database per run, a published short-template survey
 * created through the api's own queries, the real server in a child process, and its memory.
 */
import { randomInt } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createApiKey } from '../../api/src/accounts/apiKeys.js';
import { insertCompany } from '../../api/src/companies/queries.js';
import { openDatabase, type DatabaseHandle } from '../../api/src/db/database.js';
import { migrateToLatest } from '../../api/src/db/migrate.js';
import type { SurveyDefinition } from '../../api/src/model/definition.js';
import { insertSurvey } from '../../api/src/surveys/queries.js';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
export const ADMIN_URL = process.env.BENCH_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
export const BENCH_DATABASE = process.env.BENCH_DATABASE || 'll_bench';

/** The connection string of the bench database on the admin URL's server. */
export function benchDatabaseUrl(): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${BENCH_DATABASE}`;
  return url.toString();
}

/** Drops and recreates the bench database, migrates it and opens it. */
export async function freshBenchDatabase(): Promise<DatabaseHandle> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${BENCH_DATABASE}" with (force)`);
    await admin.query(`create database "${BENCH_DATABASE}"`);
  } finally {
    await admin.end();
  }
  const database = await openDatabase({ databaseUrl: benchDatabaseUrl(), maxConnections: 4 });
  await migrateToLatest(database.db);
  return database;
}

/** A company with one published survey, as test/helper.ts createSurvey makes it. */
export async function createBenchSurvey(database: DatabaseHandle, definition: SurveyDefinition, name: string) {
  return database.db.transaction().execute(async (trx) => {
    const companyId = await insertCompany(trx, { name: `Bench ${name}` });
    return { companyId, ...(await insertSurvey(trx, { companyId, name, definition, publish: true })) };
  });
}

/** Headers with a new API key of the company that may read its reports and exports (the benches' GETs). */
export async function benchReaderHeaders(database: DatabaseHandle, companyId: string): Promise<{ authorization: string }> {
  const { key } = await createApiKey(database.db, companyId, { name: 'bench reader', scopes: ['reports:read', 'exports:read'], createdBy: null });
  return { authorization: `Bearer ${key}` };
}

export interface ServerChild {
  url: string;
  pid: number;
  /** Peak resident set size so far (VmHWM), in MiB. */
  peakRssMiB(): number;
  /** Current resident set size (VmRSS), in MiB. */
  rssMiB(): number;
  /** CPU seconds (user + system) the server has used so far. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

function statusField(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!match) throw new Error(`/proc/${pid}/status has no ${field}`);
  return Number(match[1]) / 1024;
}

const CLOCK_TICKS_PER_SECOND = 100;

/** utime + stime of a process from /proc/<pid>/stat, in seconds. */
function processCpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

/**
 * CPU seconds used so far by every PostgreSQL server process (backends come and go, so compare two
 * readings only across a run whose connections stay open). Needs the processes to be readable.
 */
export function postgresCpuSeconds(): number {
  let total = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') total += processCpuSeconds(Number(entry));
    } catch (error) {
      // A process that ended between readdir and read has no CPU to add.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && (error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  }
  return total;
}

/** The 1-minute load average and the CPU count: how busy the machine was besides the bench. */
/** Valid short-template answers with random values, as the benches submit them. */
export function randomShortAnswers() {
  return {
    sat_overall: randomInt(1, 6),
    recommend: randomInt(0, 11),
    repurchase: randomInt(1, 6),
    stay_vs_competitor: randomInt(1, 6),
    promo_decided: randomInt(2) ? 'yes' : 'no',
    full_price_return: randomInt(1, 6),
  };
}

export function loadLine(): string {
  return `load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} CPUs`;
}

/**
 * Starts `node --import tsx api/src/server.ts` on a free port against the bench database and waits
 * for its "listening" line. No web build, so the bench measures the API alone.
 * Env BENCH_NODE_ARGS: extra node flags for the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
 */
export async function startServerChild(
  env: Record<string, string> = {},
  /** Another server script (relative to the repo) and the stdout line that says where it listens. */
  options: { script?: string; listening?: RegExp } = {},
): Promise<ServerChild> {
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const script = path.join(REPO_ROOT, options.script ?? 'api/src/server.ts');
  const listening = options.listening ?? /Loyalty Lens API on (http:\/\/\S+)/;
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: benchDatabaseUrl(),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      // The bench measures ingest, not the per-address limiter (every request comes from loopback).
      RATE_LIMIT_PER_MINUTE: '0',
      WEB_BUILD_DIR: path.join(os.tmpdir(), 'loyalty-lens-bench-no-web-build'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('the server child did not start');
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (stderr.length > 20_000) stderr = stderr.slice(-10_000);
  });
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start within 30 s:\n${stdout}\n${stderr}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = listening.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1].replace('localhost', '127.0.0.1'));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code} before listening:\n${stdout}\n${stderr}`));
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    pid,
    peakRssMiB: () => statusField(pid, 'VmHWM'),
    rssMiB: () => statusField(pid, 'VmRSS'),
    cpuSeconds: () => processCpuSeconds(pid),
    async stop() {
      if (stderr.trim()) console.log(`server stderr (last part):\n${stderr.slice(-2000)}`);
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** One line describing the machine, for docs/BENCHMARKS.md. */
export async function machineLine(): Promise<string> {
  const cpus = os.cpus();
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ server_version: string }>('show server_version');
    return (
      `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ` +
      `${os.type()} ${os.release()}, Node ${process.version}, PostgreSQL ${rows[0]?.server_version ?? '?'} on the same machine`
    );
  } finally {
    await admin.end();
  }
}
