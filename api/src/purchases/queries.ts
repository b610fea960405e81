/**
 * Purchase import queries: the company's import records (purchase_import) and, over an import's
 * staging table (purchases/staging.ts), the checks that need every row at once and the apply.
 */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Database, PurchaseImportTable } from '../db/schema.js';
import type { TenantScope } from '../db/tenant.js';

type Db = Kysely<Database> | Transaction<Database>;
export type PurchaseImportRow = Selectable<PurchaseImportTable>;

/** One problem as stored in purchase_import.errors (and listed by the API). */
export interface StoredProblem {
  path: string;
  message: string;
  code: string;
}

/**
 * Opens an import's record, status processing.
 * @returns the row, or undefined when `id` is already an import of the company
 */
export async function insertImport(
  scope: TenantScope,
  values: { id?: string | undefined; source: 'csv' | 'api'; fileName: string | null; createdBy: string | null },
): Promise<PurchaseImportRow | undefined> {
  return scope.db
    .insertInto('purchase_import')
    .values({ ...(values.id ? { id: values.id } : {}), company_id: scope.companyId, source: values.source, file_name: values.fileName, created_by: values.createdBy })
    .onConflict((conflict) => conflict.columns(['company_id', 'id']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** Records progress (committed at once, outside any applying transaction, so a poll sees it). */
export async function updateImportProgress(scope: TenantScope, importId: string, rowsProcessed: number): Promise<void> {
  await scope.db.updateTable('purchase_import').set({ rows_processed: rowsProcessed }).where('company_id', '=', scope.companyId).where('id', '=', importId).execute();
}

/** Closes an import's record as applied or failed, with its counts and listed problems. */
export async function finishImport(
  db: Db,
  companyId: string,
  importId: string,
  outcome: { status: 'applied' | 'failed'; rowsTotal: number; rowsInserted: number; rowsUnchanged: number; errorCount: number; errors: StoredProblem[] },
): Promise<PurchaseImportRow> {
  return db
    .updateTable('purchase_import')
    .set({
      status: outcome.status,
      rows_total: outcome.rowsTotal,
      rows_processed: outcome.rowsTotal,
      rows_inserted: outcome.rowsInserted,
      rows_unchanged: outcome.rowsUnchanged,
      error_count: outcome.errorCount,
      errors: JSON.stringify(outcome.errors),
      finished_at: sql<Date>`now()`,
    })
    .where('company_id', '=', companyId)
    .where('id', '=', importId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findImport(scope: TenantScope, importId: string): Promise<PurchaseImportRow | undefined> {
  return scope.db.selectFrom('purchase_import').selectAll().where('company_id', '=', scope.companyId).where('id', '=', importId).executeTakeFirst();
}

/** The company's imports, newest first. */
export async function findImportPage(scope: TenantScope, page: { offset: number; limit: number }) {
  const ofCompany = scope.db.selectFrom('purchase_import').where('company_id', '=', scope.companyId);
  const [rows, count] = await Promise.all([
    ofCompany.selectAll().orderBy('started_at', 'desc').orderBy('id').offset(page.offset).limit(page.limit).execute(),
    ofCompany.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** The stage's first row of each order_ref: the one that is applied. */
const firstOfEachOrder = (table: string) => sql`(select distinct on (order_ref) * from ${sql.table(table)} order by order_ref, line)`;

/**
 * Lines that repeat an earlier line's order_ref with different content, the first `limit` of them
 * and how many in all. Exact repeats are no problem: they are one purchase.
 */
export async function differingRepeats(db: Db, table: string, limit: number): Promise<{ rows: { line: number; order_ref: string; first_line: number }[]; total: number }> {
  const result = await sql<{ line: number; order_ref: string; first_line: number; total: string }>`
    select s.line, s.order_ref, f.line as first_line, count(*) over () as total
    from ${sql.table(table)} s join ${firstOfEachOrder(table)} f on f.order_ref = s.order_ref
    where s.line <> f.line
      and (s.customer_ref, s.purchased_at, s.amount_cents, s.currency, s.channel) is distinct from (f.customer_ref, f.purchased_at, f.amount_cents, f.currency, f.channel)
    order by s.line
    limit ${limit}`.execute(db);
  return { rows: result.rows, total: Number(result.rows[0]?.total ?? 0) };
}

/** Rows whose order_ref the company already has with different content, the first `limit` and how many in all. */
export async function changedStoredOrders(db: Db, table: string, companyId: string, limit: number): Promise<{ rows: { line: number; order_ref: string }[]; total: number }> {
  const result = await sql<{ line: number; order_ref: string; total: string }>`
    select s.line, s.order_ref, count(*) over () as total
    from ${firstOfEachOrder(table)} s join purchase p on p.company_id = ${companyId} and p.external_id = s.order_ref
    where (p.customer_ref, p.purchased_at, p.amount_cents, p.currency, p.channel) is distinct from (s.customer_ref, s.purchased_at, s.amount_cents::bigint, s.currency, s.channel)
    order by s.line
    limit ${limit}`.execute(db);
  return { rows: result.rows, total: Number(result.rows[0]?.total ?? 0) };
}

/**
 * Inserts the stage's purchases the company does not have yet (one per order_ref), in the caller's transaction.
 * @returns how many were new
 */
export async function applyStage(trx: Transaction<Database>, table: string, companyId: string, importId: string): Promise<number> {
  const result = await sql`
    insert into purchase (company_id, customer_ref, external_id, purchased_at, amount_cents, currency, channel, import_id)
    select ${companyId}::uuid, s.customer_ref, s.order_ref, s.purchased_at, s.amount_cents, s.currency, s.channel, ${importId}::uuid
    from ${firstOfEachOrder(table)} s
    on conflict (company_id, external_id) do nothing`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}
