/**
 * The staging table of one purchase import: the checked rows go into a temporary table as they are
 * read (COPY FROM STDIN on PostgreSQL, multi-row inserts on PGlite), are checked against each other and
 * the stored purchases there, and are applied from there in one transaction. A temporary table lives in
 * one database session, so on PostgreSQL the whole import holds one borrowed connection and its
 * transaction runs on it; PGlite has a single session anyway.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { Kysely, PostgresDialect, sql, type PostgresPool } from 'kysely';
import { from as copyFrom } from 'pg-copy-streams';
import type { BorrowedClient } from '../db/database.js';
import type { Database } from '../db/schema.js';
import type { PurchaseFields } from './fields.js';

/** A checked row and the line (or item index) it came from. */
export type StagedPurchase = PurchaseFields & { line: number };

export interface Staging {
  /** The stage's table name (a fresh one per import). */
  table: string;
  /** The database the stage is visible on: its checks and the applying transaction run here. */
  db: Kysely<Database>;
  /** Adds checked rows (in the caller's batches). */
  add(rows: readonly StagedPurchase[]): Promise<void>;
  /** Ends loading; after it the stage is indexed and may be queried. */
  loaded(): Promise<void>;
  /** Drops the stage and hands the connection back. */
  close(failure?: Error): Promise<void>;
}

const COLUMNS = 'line, customer_ref, order_ref, purchased_at, amount_cents, currency, channel';

async function createStage(db: Kysely<Database>, table: string): Promise<void> {
  await sql`create temporary table ${sql.table(table)} (
    line integer not null, customer_ref text not null, order_ref text not null, purchased_at timestamptz not null,
    amount_cents bigint not null, currency text, channel text)`.execute(db);
}

async function indexStage(db: Kysely<Database>, table: string): Promise<void> {
  await sql`create index on ${sql.table(table)} (order_ref, line)`.execute(db);
  await sql`analyze ${sql.table(table)}`.execute(db);
}

/** COPY's text format: backslash, tab and line breaks escaped; \N is null. */
function copyText(value: string | null): string {
  if (value === null) return '\\N';
  return value.replace(/[\\\t\n\r]/g, (character) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[character]!);
}

function copyLine(row: StagedPurchase): string {
  return `${row.line}\t${copyText(row.customerRef)}\t${copyText(row.orderRef)}\t${row.purchasedAt.toISOString()}\t${row.amountCents}\t${copyText(row.currency)}\t${copyText(row.channel)}\n`;
}

/** A Kysely instance over one borrowed client (the stage's session), never closing it itself. */
function kyselyOverClient(borrowed: BorrowedClient): Kysely<Database> {
  const client = borrowed.client;
  const pool: PostgresPool = {
    connect: async () => ({ query: ((...args: unknown[]) => (client.query as (...a: unknown[]) => unknown)(...args)) as typeof client.query, release: () => {} }),
    end: async () => {},
  };
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * A stage on a borrowed PostgreSQL connection, loaded with COPY FROM STDIN.
 * @example const stage = await postgresStaging(acquireClient); await stage.add(rows); await stage.loaded();
 */
export async function postgresStaging(acquireClient: () => Promise<BorrowedClient>): Promise<Staging> {
  const borrowed = await acquireClient();
  const db = kyselyOverClient(borrowed);
  const table = `purchase_stage_${randomBytes(6).toString('hex')}`;
  try {
    await createStage(db, table);
  } catch (error) {
    borrowed.release(error as Error);
    throw error;
  }
  const copy = borrowed.client.query(copyFrom(`copy ${table} (${COLUMNS}) from stdin`));
  let copyError: Error | undefined;
  copy.on('error', (error: Error) => {
    copyError ??= error;
  });
  let ended = false;
  return {
    table,
    db,
    async add(rows) {
      if (copyError) throw copyError;
      if (rows.length === 0) return;
      if (!copy.write(rows.map(copyLine).join(''))) await Promise.race([once(copy, 'drain'), once(copy, 'error')]);
      if (copyError) throw copyError;
    },
    async loaded() {
      ended = true;
      copy.end();
      await finished(copy);
      await indexStage(db, table);
    },
    async close(failure) {
      let error = failure;
      if (!ended) error ??= new Error('the purchase import stopped inside its COPY');
      if (!error) {
        try {
          await sql`drop table if exists ${sql.table(table)}`.execute(db);
        } catch (dropError) {
          error = dropError as Error;
        }
      }
      await db.destroy();
      // A connection handed back with an error is closed, which drops its temporary table too.
      borrowed.release(error);
    },
  };
}

/** Rows per insert: each column goes as one array parameter, so a batch is one short statement. */
const INSERT_BATCH = 5000;

/**
 * A stage in PGlite's one session, loaded with multi-row inserts.
 * @example const stage = await pgliteStaging(db);
 */
export async function pgliteStaging(db: Kysely<Database>): Promise<Staging> {
  const table = `purchase_stage_${randomBytes(6).toString('hex')}`;
  await createStage(db, table);
  return {
    table,
    db,
    async add(rows) {
      for (let start = 0; start < rows.length; start += INSERT_BATCH) {
        const batch = rows.slice(start, start + INSERT_BATCH);
        const column = <T>(pick: (row: StagedPurchase) => T) => batch.map(pick);
        await sql`insert into ${sql.table(table)} (${sql.raw(COLUMNS)})
          select * from unnest(${column((row) => row.line)}::integer[], ${column((row) => row.customerRef)}::text[], ${column((row) => row.orderRef)}::text[],
            ${column((row) => row.purchasedAt.toISOString())}::timestamptz[], ${column((row) => row.amountCents)}::bigint[],
            ${column((row) => row.currency)}::text[], ${column((row) => row.channel)}::text[])`.execute(db);
      }
    },
    async loaded() {
      await indexStage(db, table);
    },
    async close() {
      await sql`drop table if exists ${sql.table(table)}`.execute(db);
    },
  };
}
