/**
 * Purchase imports (docs/PURCHASES.md): rows from a CSV upload or a JSON batch are checked one at a
 * time as they arrive and staged (purchases/staging.ts); the checks that need every row (an order_ref
 * repeated with other content, in the file or against the stored purchases) run over the stage; then
 * the stage is applied in one transaction or not at all. Each import is recorded in purchase_import
 * with its progress (committed as it goes, so a poll sees it), counts and listed problems.
 */
import type { Transaction } from 'kysely';
import type { BorrowedClient, DatabaseKind } from '../db/database.js';
import type { Database } from '../db/schema.js';
import type { TenantScope } from '../db/tenant.js';
import { ApiError, type FieldProblem } from '../errors.js';
import { purchasesChanged } from './changed.js';
import { checkPurchaseFields, type PurchaseColumn, type PurchaseFieldsInput } from './fields.js';
import { applyStage, changedStoredOrders, differingRepeats, findImport, findImportPage, finishImport, insertImport, updateImportProgress, type PurchaseImportRow, type StoredProblem } from './queries.js';
import type { PurchaseImport } from './schemas.js';
import { pgliteStaging, postgresStaging, type StagedPurchase, type Staging } from './staging.js';

/** The tenant scope, the database kind and a raw client for COPY where there is one (PostgreSQL). */
export type PurchaseDatabase = TenantScope & { kind: DatabaseKind; acquireClient: (() => Promise<BorrowedClient>) | null };

/** Problems listed in an import's record and its 422 answer; the count says how many there were in all. */
export const MAX_LISTED_PROBLEMS = 100;
/** The import's record shows its progress every this many rows. */
export const PROGRESS_EVERY = 10_000;
const STAGE_BATCH = 5000;

/** One row as it arrives: its cells, or why it could not be read. `line` is the CSV line or the batch index. */
export type ImportItem = { line: number; input: PurchaseFieldsInput; problem?: undefined } | { line: number; input?: undefined; problem: FieldProblem };

export interface ImportOptions {
  id?: string | undefined;
  source: 'csv' | 'api';
  fileName: string | null;
  createdBy: string | null;
  /** Where a problem of a row's column points: `/lines/12/amount` or `/purchases/11/amount`. */
  pathOf: (line: number, column?: PurchaseColumn) => string;
  audit: (trx: Transaction<Database>, details: Record<string, unknown>) => Promise<void>;
}

type Problem = StoredProblem & { line: number };

export function importJson(row: PurchaseImportRow): PurchaseImport {
  return {
    id: row.id,
    source: row.source,
    fileName: row.file_name,
    status: row.status,
    rowsTotal: row.rows_total,
    rowsProcessed: row.rows_processed,
    rowsInserted: row.rows_inserted,
    rowsUnchanged: row.rows_unchanged,
    errorCount: row.error_count,
    errors: row.errors as unknown as PurchaseImport['errors'],
    startedAt: row.started_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
    createdBy: row.created_by,
  };
}

function refusal(source: 'csv' | 'api', problems: Problem[], errorCount: number): ApiError {
  const first = problems[0]!;
  const listed = errorCount > problems.length ? `; the first ${problems.length} are listed` : '';
  const what = source === 'csv' ? 'The file was not imported' : 'The purchases were not imported';
  const fields = problems.map(({ path, message, code, line }) => ({ path, message, code, params: { line } }));
  return new ApiError(
    source === 'csv' ? 'INVALID_IMPORT' : 'VALIDATION_FAILED',
    `${what} (nothing was stored): ${errorCount === 1 ? 'one problem' : `${errorCount} problems`}, the first: ${first.path} ${first.message}${listed}.`,
    fields,
  );
}

/**
 * Imports purchases: every row checked and staged, then applied in one transaction, idempotent on
 * order_ref; `purchasesChanged` runs inside that transaction after the rows are in.
 * @example const record = await importPurchases(database, rows, { source: 'csv', fileName: 'june.csv', createdBy, pathOf, audit });
 * @throws ApiError INVALID_IMPORT (CSV) or VALIDATION_FAILED (JSON) listing the problems (the record says failed)
 */
export async function importPurchases(database: PurchaseDatabase, items: AsyncIterable<ImportItem>, options: ImportOptions): Promise<PurchaseImportRow> {
  const scope: TenantScope = { db: database.db, companyId: database.companyId };
  const opened = await insertImport(scope, options);
  if (!opened) throw new ApiError('VALIDATION_FAILED', 'This import id is already used; leave it out or choose a new UUID.', [{ path: '/query/id', message: 'is already used by an import' }]);
  const importId = opened.id;
  const problems: Problem[] = [];
  let errorCount = 0;
  let rowsTotal = 0;
  const note = (line: number, path: string, message: string, code: string) => {
    errorCount++;
    if (problems.length < MAX_LISTED_PROBLEMS) problems.push({ line, path, message, code });
  };
  const now = Date.now();
  let staging: Staging | undefined;
  let failure: Error | undefined;
  let finished = false;
  try {
    staging = database.kind === 'postgres' && database.acquireClient ? await postgresStaging(database.acquireClient) : await pgliteStaging(database.db);
    let batch: StagedPurchase[] = [];
    for await (const item of items) {
      rowsTotal++;
      if (item.problem) {
        note(item.line, item.problem.path, item.problem.message, item.problem.code ?? 'INVALID_ROW');
      } else {
        const checked = checkPurchaseFields(item.input, now);
        if (checked.fields) batch.push({ ...checked.fields, line: item.line });
        for (const problem of checked.problems) note(item.line, options.pathOf(item.line, problem.column), problem.message, problem.code);
      }
      if (batch.length >= STAGE_BATCH) {
        await staging.add(batch);
        batch = [];
      }
      if (rowsTotal % PROGRESS_EVERY === 0) await updateImportProgress(scope, importId, rowsTotal);
    }
    await staging.add(batch);
    await staging.loaded();
    if (rowsTotal === 0) note(options.source === 'csv' ? 2 : 0, options.pathOf(options.source === 'csv' ? 2 : 0), 'there are no purchases to import', 'NO_ROWS');

    const repeats = await differingRepeats(staging.db, staging.table, MAX_LISTED_PROBLEMS);
    for (const { line, order_ref, first_line } of repeats.rows) {
      note(line, options.pathOf(line, 'order_ref'), `repeats the order_ref ${order_ref} of ${options.source === 'csv' ? 'line' : 'item'} ${first_line} with other content; one order is one purchase`, 'DUPLICATE_ORDER_REF');
    }
    errorCount += repeats.total - repeats.rows.length;
    const changed = await changedStoredOrders(staging.db, staging.table, database.companyId, MAX_LISTED_PROBLEMS);
    for (const { line, order_ref } of changed.rows) {
      note(line, options.pathOf(line, 'order_ref'), `is stored already (order ${order_ref}) with another customer, date, amount, currency or channel; an import adds purchases and never changes one`, 'ORDER_REF_CHANGED');
    }
    errorCount += changed.total - changed.rows.length;

    if (errorCount > 0) {
      problems.sort((a, b) => a.line - b.line);
      await finishImport(database.db, database.companyId, importId, { status: 'failed', rowsTotal, rowsInserted: 0, rowsUnchanged: 0, errorCount, errors: problems });
      finished = true;
      throw refusal(options.source, problems, errorCount);
    }

    const stage = staging;
    const applied = await stage.db.transaction().execute(async (trx) => {
      const rowsInserted = await applyStage(trx, stage.table, database.companyId, importId);
      const record = await finishImport(trx, database.companyId, importId, { status: 'applied', rowsTotal, rowsInserted, rowsUnchanged: rowsTotal - rowsInserted, errorCount: 0, errors: [] });
      // After the record is applied (finished_at set): what follows judges retention against this import's time.
      await purchasesChanged(trx, database.companyId, importId);
      await options.audit(trx, { importId, source: options.source, fileName: options.fileName, rowsTotal, rowsInserted, rowsUnchanged: rowsTotal - rowsInserted });
      return record;
    });
    finished = true;
    return applied;
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
    if (!finished) {
      const thrown = error instanceof ApiError ? error.fields.map((field) => ({ line: 1, path: field.path, message: field.message, code: field.code ?? error.code })) : [];
      const listed = [...problems, ...thrown].slice(0, MAX_LISTED_PROBLEMS);
      const reason = thrown.length > 0 || problems.length > 0 ? listed : [{ line: 0, path: '/', message: 'the import stopped on a server error; nothing was stored, try again', code: 'IMPORT_STOPPED' }];
      await finishImport(database.db, database.companyId, importId, { status: 'failed', rowsTotal, rowsInserted: 0, rowsUnchanged: 0, errorCount: Math.max(errorCount + thrown.length, 1), errors: reason }).catch(() => {
        // The database is gone; the first error is the one to answer with.
      });
    }
    throw error;
  } finally {
    await staging?.close(failure instanceof ApiError ? undefined : failure);
  }
}

/** One import of the company. @throws ApiError IMPORT_NOT_FOUND */
export async function getImport(scope: TenantScope, importId: string): Promise<PurchaseImportRow> {
  const row = await findImport(scope, importId);
  if (!row) throw new ApiError('IMPORT_NOT_FOUND', `The company has no purchase import with the id ${importId}.`);
  return row;
}

/** The company's imports, newest first. */
export async function listImports(scope: TenantScope, page: { offset: number; limit: number }) {
  const { rows, total } = await findImportPage(scope, page);
  return { imports: rows.map(importJson), total };
}
