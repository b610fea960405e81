/**
 * Dropping stored report states (migrations/0006 report_state, reports/state.ts) when what they were
 * folded from changes in a way the per-day counts cannot see: purchases (retention, B's repeat
 * purchases), an erasure (a deletion the same day as an insert would keep the count). The next report
 * refolds the dropped days. A new published version, a threshold or a change event needs no call:
 * they change the states' basis, and rows of another basis are refolded.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { purchasesLastImported } from './queries.js';
import { DAY_MS } from './state.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Days of a retention window (analytics/retention.ts): a response's window closes this long after it. */
const RETENTION_DAYS = 180;

/**
 * Drops the company's stored report states: of one survey or all, from one UTC day on or all days.
 * @example await invalidateReportStates(trx, companyId, { surveyId, fromDay: '2026-03-01' });
 */
export async function invalidateReportStates(db: Db, companyId: string, options: { surveyId?: string; fromDay?: string } = {}): Promise<number> {
  let query = db.deleteFrom('report_state').where('company_id', '=', companyId);
  if (options.surveyId !== undefined) query = query.where('survey_id', '=', options.surveyId);
  if (options.fromDay !== undefined) query = query.where('day', '>=', options.fromDay);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Drops the states of the days of one customer's responses (their own customer_ref, or given through
 * one of their invites), in every survey of the company: call before an erasure deletes them, in its
 * transaction (api/src/erasures/service.ts).
 * @example await invalidateCustomerDays(trx, companyId, 'CARD-0042');
 */
export async function invalidateCustomerDays(db: Db, companyId: string, customerRef: string): Promise<number> {
  const result = await sql`
    delete from report_state s
    using (select distinct survey_id, (submitted_at at time zone 'UTC')::date as day from response
           where company_id = ${companyId}
             and (customer_ref = ${customerRef}
                  or invite_id in (select id from invite where company_id = ${companyId} and customer_ref = ${customerRef}))) d
    where s.company_id = ${companyId} and s.survey_id = d.survey_id and s.day = d.day`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * The purchase-import reaction (wired into api/src/purchases/changed.ts by the lead): inside the
 * import's transaction, drops the states of
 * - the days of the responses of every customer whose purchases the import wrote, and
 * - the days whose 180-day retention windows the new purchase-history time closes (a response's
 *   outcome becomes known when its window ends before the history was loaded),
 * then marks the remaining states of the company as judged against the new history time, so they stay
 * valid (a state judged against another history time is refolded: reports/state.ts).
 * @example await reportStatesPurchasesChanged(trx, companyId, importId);
 */
export async function reportStatesPurchasesChanged(db: Db, companyId: string, importId: string): Promise<void> {
  await sql`
    delete from report_state s
    using (select distinct r.survey_id, (r.submitted_at at time zone 'UTC')::date as day
           from response r
           where r.company_id = ${companyId}
             and r.customer_ref in (select customer_ref from purchase where company_id = ${companyId} and import_id = ${importId})) d
    where s.company_id = ${companyId} and s.survey_id = d.survey_id and s.day = d.day`.execute(db);
  // The time the report judges retention against (reports/service.ts: the last recorded import).
  const loadedAt = (await purchasesLastImported(db, companyId))?.at ?? null;
  if (loadedAt === null) return;
  // Windows that close by the new time but had not by the old one: responses in (old − 180 d, new − 180 d].
  const closedBefore = new Date(loadedAt.getTime() - RETENTION_DAYS * DAY_MS);
  await sql`
    delete from report_state
    where company_id = ${companyId}
      and day <= (${closedBefore}::timestamptz at time zone 'UTC')::date
      and (observed_until is null or day + 1 > ((observed_until - interval '180 days') at time zone 'UTC')::date)`.execute(db);
  await db.updateTable('report_state').set({ observed_until: loadedAt }).where('company_id', '=', companyId).execute();
}
