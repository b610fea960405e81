/**
 * One Kysely instance over node-postgres: a pg.Pool to PostgreSQL when DATABASE_URL is set, or
 * PGlite's own node-postgres adapter (pool size 1) over an embedded database otherwise, so both
 * kinds share the pg driver, its type parsing, cursors and row counts (STACK.md).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
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
  kind: DatabaseKind;
  /**
   * Borrows a raw pg client for what Kysely cannot stream, `COPY … TO STDOUT` (pg-copy-streams).
   * Null on PGlite: its node-postgres adapter has no socket stream to copy from and answers each
   * query in one piece.
   */
  acquireClient: (() => Promise<BorrowedClient>) | null;
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
}

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
      client.release(error ?? connectionError);
    },
  };
}

async function openPostgres(options: DatabaseOptions & { databaseUrl: string }): Promise<DatabaseHandle> {
  if (options.schema) {
    const setup = new pg.Client({ connectionString: options.databaseUrl });
    await setup.connect();
    try {
      await setup.query(`create schema if not exists "${options.schema.replaceAll('"', '""')}"`);
    } finally {
      await setup.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: options.maxConnections ?? 20,
    ...(options.schema ? { options: `-c search_path="${options.schema.replaceAll('"', '""')}"` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool, cursor: Cursor }) });
  let closed = false;
  return {
    db,
    kind: 'postgres',
    acquireClient: () => borrowClient(pool),
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
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
    kind: 'pglite',
    acquireClient: null,
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

/** True when the database answers a trivial query. */
export async function databaseAnswers(db: Kysely<Database>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
