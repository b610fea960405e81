/**
 * Submissions that arrive while earlier ones are being inserted go to PostgreSQL together, as one
 * multi-row INSERT (one statement, one commit), instead of one statement and one commit each.
 *
 * Nothing waits on a timer: a submission that finds fewer than `maxInFlight` inserts running is sent
 * at once, alone, through the same single-row prepared statement as before; only while that many are
 * running do newcomers queue, and each finished insert sends everything queued (up to `maxBatch`) as
 * the next one. At low load nothing changes; under load the work per submission falls (measured in
 * docs/BENCHMARKS.md, "Response ingest"). Every caller is answered after its row's transaction has
 * committed, so an acknowledged submission is as durable as before.
 *
 * A batch PostgreSQL refuses for a reason other than the connection (a row breaking a constraint the
 * validation did not foresee) is retried row by row, so one bad row fails only its own submission;
 * a database that does not answer fails every submission of the batch (503 to each, none stored).
 */
import pg from 'pg';
import type { BorrowedClient } from '../db/database.js';
import { isDatabaseUnavailable } from '../db/database.js';
import { ApiError } from '../errors.js';
import { insertResponseOnce, insertResponsesOnce, preparedOn, submissionKey, type ResponseRow } from './queries.js';

interface Pending {
  row: ResponseRow;
  resolve: (id: string | undefined) => void;
  reject: (error: unknown) => void;
}

export interface InsertBatcherOptions {
  /** Inserts running at once (each on its own pooled connection). */
  maxInFlight?: number;
  /** Rows in one INSERT at most. */
  maxBatch?: number;
}

export class InsertBatcher {
  private readonly queue: Pending[] = [];
  private inFlight = 0;
  private readonly maxInFlight: number;
  private readonly maxBatch: number;
  /** What was sent so far: statements, rows in them, the largest batch. */
  readonly sent = { statements: 0, rows: 0, largest: 0 };

  constructor(
    private readonly acquireClient: () => Promise<BorrowedClient>,
    options: InsertBatcherOptions = {},
  ) {
    this.maxInFlight = options.maxInFlight ?? 4;
    this.maxBatch = options.maxBatch ?? 200;
  }

  /**
   * Inserts the row unless its (company, client submission id) is stored already — by an earlier
   * submission or by another row of the same batch.
   * @returns the new id, or undefined when that submission id existed (a retry)
   */
  insert(row: ResponseRow): Promise<string | undefined> {
    return new Promise((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight += 1;
      void this.send(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private async send(batch: Pending[]): Promise<void> {
    let borrowed: BorrowedClient;
    try {
      borrowed = await this.acquireClient();
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    const run = preparedOn(borrowed.client);
    this.sent.statements += 1;
    this.sent.rows += batch.length;
    this.sent.largest = Math.max(this.sent.largest, batch.length);
    try {
      if (batch.length === 1) {
        const [only] = batch as [Pending];
        only.resolve(await insertResponseOnce(run, only.row));
      } else {
        const inserted = await insertResponsesOnce(run, batch.map((pending) => pending.row));
        for (const pending of batch) {
          const key = submissionKey(pending.row.company_id, pending.row.client_submission_id);
          const id = inserted.get(key);
          // A second row of the batch with the same submission id is a retry of the first: it finds the stored one.
          inserted.delete(key);
          pending.resolve(id);
        }
      }
      borrowed.release();
    } catch (error) {
      const reported = error instanceof pg.DatabaseError || error instanceof ApiError;
      borrowed.release(reported ? undefined : (error as Error));
      if (batch.length === 1 || isDatabaseUnavailable(error) || !reported) {
        for (const pending of batch) pending.reject(error);
        return;
      }
      // One row PostgreSQL refused takes only its own submission down: the rest go again one by one.
      for (const pending of batch) await this.send([pending]);
    }
  }
}
