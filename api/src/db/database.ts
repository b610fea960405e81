/**
 * One Kysely instance over node-postgres: a pg.Pool to PostgreSQL when DATABASE_URL is set, or
 * PGlite's own node-postgres adapter (pool size 1) over an embedded database otherwise, so both
 * kinds share the pg driver, its type parsing, cursors and row counts (STACK.md).
 *
 * On PostgreSQL the connection can die or stall under us (a restart, a failover, pg_terminate_backend,
 * an idle timeout, a frozen host): every client gets an 'error' listener for its whole life (an unheard
 * 'error' ends the process), a dead or stuck client is dropped instead of reused, and with `timeouts`
 * set a connect, a statement and a read each give up in bounded time, so callers can answer 503.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, sql, type PostgresPool } from 'kysely';
import pg from 'pg';
import Cursor from 'pg-cursor';
import type { Database } from './schema.js';

export type DatabaseKind = 'postgres' | 'pglite';

/** A pg client borrowed from the pool; `release` once, with the error if the connection may be unusable. */
export interface BorrowedClient {
  client: pg.PoolClient;
  /** Returns the client to the pool, or with an error closes it instead (a COPY stopped midway leaves it unusable). */
  release(error?: Error): void;
}

export interface DatabaseHandle {
  db: Kysely<Database>;
  /**
   * The same database for work allowed to take long: migrations, seeding, and (through
   * `acquireClient`) the report's and export's COPY streams. On PostgreSQL its own pool, bounded by
   * `timeouts.longRunningMs` instead of `timeouts.statementMs`; on PGlite the same instance as `db`.
   */
  longRunningDb: Kysely<Database>;
  kind: DatabaseKind;
  /**
   * Borrows a raw pg client for what Kysely cannot stream, `COPY … TO STDOUT` (pg-copy-streams).
   * Null on PGlite: its node-postgres adapter has no socket stream to copy from and answers each
   * query in one piece.
   */
  acquireClient: (() => Promise<BorrowedClient>) | null;
  /**
   * Borrows a raw pg client from the request pool (the short statement and connect limits), for the
   * submission's named prepared statements. Null on PGlite.
   */
  acquireRequestClient: (() => Promise<BorrowedClient>) | null;
  /** Closes the pool, the embedded database and its lock. Safe to call twice. */
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL connection string; absent → PGlite. */
  databaseUrl?: string | undefined;
  /** PGlite data directory, or `memory://` for a throwaway in-memory database. */
  dataDir?: string;
  /** PostgreSQL schema to use as search_path (one per test file); created when missing. */
  schema?: string;
  /** Pool size for PostgreSQL. */
  maxConnections?: number;
  /** Called with progress messages while a new embedded database is created (first start is slow). */
  onProgress?: (message: string) => void;
  /** PostgreSQL only; absent → no timeouts (scripts, benches). The server passes the configured ones. */
  timeouts?: DatabaseTimeouts;
  /** Told of each connection PostgreSQL closed or that failed; the client is dropped either way. Default: a line on stderr. */
  onConnectionError?: (error: Error) => void;
}

export interface DatabaseTimeouts {
  /** Longest wait for a connection: opening one, or queueing for a pooled one. */
  connectMs: number;
  /** statement_timeout on the server; the client gives up on a read shortly after, for a host that does not answer at all. */
  statementMs: number;
  /** The same two limits for `longRunningDb` and `acquireClient`. */
  longRunningMs: number;
}

/** How long the client waits past statement_timeout before it stops waiting itself (a frozen server sends no cancel). */
const READ_TIMEOUT_MARGIN_MS = 500;

/** What a client that gets 503 DATABASE_UNAVAILABLE is told to wait, in seconds (Retry-After). */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

export class DatabaseLockedError extends Error {
  constructor(lockPath: string, pid: number) {
    super(
      `The embedded database in ${path.dirname(lockPath)} is in use by another process (pid ${pid}). ` +
        'Stop that process, or set DATA_DIR to another folder, or set DATABASE_URL to use PostgreSQL.',
    );
    this.name = 'DatabaseLockedError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite takes no lock on its data directory and two processes on one directory silently lose data,
 * so we hold an exclusive lock file with our pid and remove a stale one left by a dead process.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'loyalty-lens.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return () => fs.rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(fs.readFileSync(lockPath, 'utf8'), 10);
      if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
        throw new DatabaseLockedError(lockPath, holder);
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${lockPath}; remove it if no Loyalty Lens process is running.`);
}

/**
 * A borrowed client listens for connection errors (the pool only does while the client is idle, and an
 * unheard 'error' would end the process) and hands the first one to the pool on release, which then
 * closes the connection instead of reusing it.
 */
async function borrowClient(pool: pg.Pool): Promise<BorrowedClient> {
  const client = await pool.connect();
  let connectionError: Error | undefined;
  const onError = (error: Error) => {
    connectionError ??= error;
  };
  client.on('error', onError);
  let released = false;
  return {
    client,
    release(error?: Error) {
      if (released) return;
      released = true;
      client.removeListener('error', onError);
      // A client handed back while still inside a query (its read timed out) is closed, not reused.
      const stuck = (client as unknown as { readyForQuery: boolean }).readyForQuery === false;
      client.release(error ?? connectionError ?? (stuck ? new Error('the connection is still inside a query that timed out') : undefined));
    },
  };
}

function poolConfig(options: DatabaseOptions & { databaseUrl: string }, max: number, statementMs: number | undefined): pg.PoolConfig {
  const timeouts = options.timeouts;
  return {
    connectionString: options.databaseUrl,
    max,
    // Names our backends in pg_stat_activity; an application_name in DATABASE_URL wins.
    fallback_application_name: 'loyalty-lens',
    ...(options.schema ? { options: `-c search_path="${options.schema.replaceAll('"', '""')}"` } : {}),
    ...(timeouts && statementMs
      ? { connectionTimeoutMillis: timeouts.connectMs, statement_timeout: statementMs, query_timeout: statementMs + READ_TIMEOUT_MARGIN_MS }
      : {}),
  };
}

function logConnectionError(error: Error): void {
  console.error(`PostgreSQL connection lost, dropping it from the pool: ${error.message}`);
}

/**
 * A pool that survives its connections dying. pg-pool only listens for 'error' on idle clients and
 * re-emits it on the pool, and pg emits 'error' on a checked-out client whose socket closes (after
 * failing its queries): either unheard ends the process. We listen on the pool and on every client.
 */
function resilientPool(config: pg.PoolConfig, onConnectionError: (error: Error) => void): pg.Pool {
  const pool = new pg.Pool(config);
  pool.on('error', () => {
    // Already reported by the client's own listener below; the pool has removed the client.
  });
  pool.on('connect', (client) => client.on('error', onConnectionError));
  return pool;
}

/**
 * Kysely's view of the pool: a client handed back while still inside a query (its read timed out on a
 * server that stopped answering) is closed rather than reused, so the next request gets a fresh
 * connection instead of queueing behind a statement that may never finish.
 */
function dropStuckClients(pool: pg.Pool): PostgresPool {
  const connect = async () => {
    const client = await pool.connect();
    const release = client.release.bind(client);
    client.release = (error?: Error | boolean) => {
      const stuck = (client as unknown as { readyForQuery: boolean }).readyForQuery === false;
      release(error || (stuck ? new Error('the connection is still inside a query that timed out') : undefined));
    };
    return client;
  };
  return { connect, end: () => pool.end() };
}

async function openPostgres(options: DatabaseOptions & { databaseUrl: string }): Promise<DatabaseHandle> {
  if (options.schema) {
    const setup = new pg.Client({
      connectionString: options.databaseUrl,
      ...(options.timeouts ? { connectionTimeoutMillis: options.timeouts.connectMs } : {}),
    });
    await setup.connect();
    try {
      await setup.query(`create schema if not exists "${options.schema.replaceAll('"', '""')}"`);
    } finally {
      await setup.end();
    }
  }
  const onConnectionError = options.onConnectionError ?? logConnectionError;
  const max = options.maxConnections ?? 20;
  const pool = resilientPool(poolConfig(options, max, options.timeouts?.statementMs), onConnectionError);
  // Few long streams at a time, and never on the pool the short statements need.
  const longRunningPool = resilientPool(
    poolConfig(options, Math.max(2, Math.ceil(max / 2)), options.timeouts?.longRunningMs),
    onConnectionError,
  );
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: dropStuckClients(pool), cursor: Cursor }) });
  const longRunningDb = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: dropStuckClients(longRunningPool), cursor: Cursor }),
  });
  let closed = false;
  return {
    db,
    longRunningDb,
    kind: 'postgres',
    acquireClient: () => borrowClient(longRunningPool),
    acquireRequestClient: () => borrowClient(pool),
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([db.destroy(), longRunningDb.destroy()]);
    },
  };
}

async function openPglite(options: DatabaseOptions): Promise<DatabaseHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  const dataDir = options.dataDir ?? 'memory://';
  const inMemory = dataDir.startsWith('memory://');
  const releaseLock = inMemory ? () => {} : acquireDataDirLock(dataDir);
  let pglite: InstanceType<typeof PGlite>;
  try {
    const isNew = !inMemory && !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
    if (isNew) options.onProgress?.(`Creating the embedded database in ${dataDir} (first start takes a few seconds)…`);
    pglite = await PGlite.create(inMemory ? undefined : dataDir);
  } catch (error) {
    releaseLock();
    throw error;
  }
  const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool, cursor: Cursor }) });
  let closed = false;
  return {
    db,
    longRunningDb: db,
    kind: 'pglite',
    acquireClient: null,
    acquireRequestClient: null,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await db.destroy();
        await pglite.close();
      } finally {
        releaseLock();
      }
    },
  };
}

/**
 * Opens the database the options point at.
 * @example const { db, close } = await openDatabase({ dataDir: 'memory://' });
 */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres({ ...options, databaseUrl: options.databaseUrl });
  return openPglite(options);
}

const DISCONNECTED = /^(Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|Postgres connection has been discarded)/;

/**
 * True for an error that says the database is unreachable, stalled, shutting down or out of
 * resources rather than that the request was wrong: socket errors, our timeouts, SQLSTATE class 08
 * (connection exception), 53 (insufficient resources), 57P01–57P03 (admin/crash shutdown, cannot
 * connect now) and 57014 (statement_timeout). The API answers these with 503 DATABASE_UNAVAILABLE.
 * @example isDatabaseUnavailable(Object.assign(new Error('terminating connection'), { code: '57P01' })) // true
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (/^(E(CONNREFUSED|CONNRESET|TIMEDOUT|HOSTUNREACH|NETUNREACH|PIPE|AI_AGAIN))$/.test(code)) return true;
    if (/^(08|53)/.test(code) || /^57P0[123]$/.test(code) || code === '57014') return true;
  }
  if (DISCONNECTED.test(error.message)) return true;
  if (error instanceof AggregateError && error.errors.some(isDatabaseUnavailable)) return true;
  return error.cause !== undefined && error.cause !== error && isDatabaseUnavailable(error.cause);
}

/**
 * True when the database answers a trivial query within `timeoutMs` (the health check must answer
 * even when the pool is stuck waiting on a frozen server).
 */
export async function databaseAnswers(db: Kysely<Database>, timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const answered = sql`select 1`.execute(db).then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([answered, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
