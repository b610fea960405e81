/**
 * Stored per-respondent scores in the database (migrations/0005; analytics/storedScores.ts computes
 * them): the invite path's purchase history at submission, the backfill of unscored rows, and the
 * recomputation after a purchase import.
 *
 * Purchase history (as the report joins it, reports/service.ts): a response has history when it has
 * a customer_ref and its company has any purchase; then B gets the repeat-purchase item (two or more
 * purchases in the 365 days before) and retained is told once its 180-day window is observed.
 * Observed until: the newest applied purchase_import's finished_at, else max(purchase.created_at)
 * (seeded data, imported before imports were recorded).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Answers, SurveyDefinition } from '../model/definition.js';
import type { PurchaseHistory } from '../analytics/scoring.js';
import { scoringModels, storedScores, type StoredScores } from '../analytics/storedScores.js';

type Db = Kysely<Database> | Transaction<Database>;

const HOURS_365_DAYS = 365 * 24;
const HOURS_180_DAYS = 180 * 24;
/** Rows scored and written per statement by the backfill and the rescoring. */
export const SCORE_BATCH = 2000;

const epochMs = (column: string) => sql<string>`floor(extract(epoch from ${sql.ref(column)}) * 1000)::bigint::text`;
const parseTimes = (times: string | null): number[] => (times ? times.split(',').map(Number) : []);

/**
 * The customer's purchases at an invite submission, as of the transaction's now() (which is the
 * row's submitted_at default): one statement over the (company_id, customer_ref, purchased_at) index.
 * Purchases later than now() are unknown, so the history is observed until now().
 * @example const { surveyedAt, purchases } = await invitePurchaseHistory(trx, companyId, 'C-1');
 */
export async function invitePurchaseHistory(trx: Db, companyId: string, customerRef: string | null): Promise<{ surveyedAt: number; purchases?: PurchaseHistory }> {
  const ref = customerRef ?? '';
  const { rows } = await sql<{ now_ms: string; has_history: boolean; times: string | null }>`
    select floor(extract(epoch from now()) * 1000)::bigint::text as now_ms,
      exists (select 1 from purchase where company_id = ${companyId}) as has_history,
      (select string_agg(floor(extract(epoch from purchased_at) * 1000)::bigint::text, ',') from purchase
        where company_id = ${companyId} and customer_ref = ${ref} and purchased_at >= now() - make_interval(hours => ${HOURS_365_DAYS})) as times`.execute(trx);
  const row = rows[0]!;
  const surveyedAt = Number(row.now_ms);
  if (ref === '' || !row.has_history) return { surveyedAt };
  return { surveyedAt, purchases: { purchasedAt: parseTimes(row.times), observedUntil: surveyedAt } };
}

/**
 * When the company's purchase history was last complete, in ms; undefined without history.
 * `importId`: an import being applied in this transaction counts as applied now (or at its finished_at).
 */
export async function purchasesObservedUntil(db: Db, companyId: string, importId?: string): Promise<number | undefined> {
  const { rows } = await sql<{ until: string | null }>`
    select floor(extract(epoch from greatest(
      coalesce((select max(finished_at) from purchase_import where company_id = ${companyId} and status = 'applied'),
               (select max(created_at) from purchase where company_id = ${companyId})),
      ${importId === undefined ? sql`null` : sql`(select coalesce(finished_at, now()) from purchase_import where company_id = ${companyId} and id = ${importId})`}
    )) * 1000)::bigint::text as until`.execute(db);
  const until = rows[0]?.until;
  return until === null || until === undefined ? undefined : Number(until);
}

/** A response row as the scoring reads it. */
interface ScoreRow {
  id: string;
  company_id: string;
  survey_version_id: string;
  customer_ref: string | null;
  answers: Answers | string;
  submitted_ms: string;
  /** The customer's purchase times in ms, comma-separated; null when none. */
  times: string | null;
}

/** Score rows (definitions read once per version and cached) and write their columns in one statement. */
async function scoreAndWrite(db: Db, rows: readonly ScoreRow[], observedUntil: (companyId: string) => Promise<number | undefined>): Promise<void> {
  if (rows.length === 0) return;
  const versionIds = [...new Set(rows.map((row) => row.survey_version_id))];
  const companyIds = [...new Set(rows.map((row) => row.company_id))];
  const versions = await db
    .selectFrom('survey_version')
    .select(['id', 'version', 'definition'])
    .where('company_id', 'in', companyIds)
    .where('id', 'in', versionIds)
    .execute();
  const versionOf = new Map(versions.map((v) => [v.id, v]));
  const written: (StoredScores & { id: string; company_id: string })[] = [];
  for (const row of rows) {
    const version = versionOf.get(row.survey_version_id)!;
    const model = scoringModels.model(version.id, version.definition as SurveyDefinition);
    const answers = (typeof row.answers === 'string' ? JSON.parse(row.answers) : row.answers) as Answers;
    const until = row.customer_ref ? await observedUntil(row.company_id) : undefined;
    const surveyedAt = Number(row.submitted_ms);
    const scores = until === undefined
      ? storedScores(model, { version: version.version, answers })
      : storedScores(model, { version: version.version, answers, surveyedAt, purchases: { purchasedAt: parseTimes(row.times), observedUntil: until } });
    written.push({ id: row.id, company_id: row.company_id, ...scores });
  }
  await sql`
    update response set score_s = v.score_s, score_e = v.score_e, score_b = v.score_b,
      discount_dependent = v.discount_dependent, exchange_type = v.exchange_type, satisfaction_level = v.satisfaction_level,
      retained = v.retained, recovery_group = v.recovery_group, scored_version = v.scored_version, scored_at = now()
    from jsonb_to_recordset(${JSON.stringify(written)}::jsonb) as v(id uuid, company_id uuid, score_s double precision,
      score_e double precision, score_b double precision, discount_dependent boolean, exchange_type text,
      satisfaction_level smallint, retained boolean, recovery_group text, scored_version integer)
    where response.company_id = v.company_id and response.id = v.id`.execute(db);
}

/** Memoised observed-until per company for one run. */
function observedUntilMemo(db: Db, importId?: { companyId: string; id: string }) {
  const memo = new Map<string, Promise<number | undefined>>();
  return (companyId: string) => {
    let until = memo.get(companyId);
    if (!until) {
      until = purchasesObservedUntil(db, companyId, importId?.companyId === companyId ? importId.id : undefined);
      memo.set(companyId, until);
    }
    return until;
  };
}

/** The select of rows to score, with the customer's purchase times (an indexed subquery per row). */
function scoreRows(db: Db) {
  return db
    .selectFrom('response as r')
    .select([
      'r.id',
      'r.company_id',
      'r.survey_version_id',
      'r.customer_ref',
      sql<string>`r.answers::text`.as('answers'),
      epochMs('r.submitted_at').as('submitted_ms'),
      sql<string | null>`(select string_agg(${epochMs('p.purchased_at')}, ',') from purchase p
        where p.company_id = r.company_id and p.customer_ref = r.customer_ref)`.as('times'),
    ]);
}

/**
 * Scores every response with scored_version null (rows from before migration 0005, the demo seed,
 * bulk loads), `batch` rows per statement in primary-key order, each in its own statement so a long
 * backfill holds no long transaction. Safe to run while responses arrive (new ones are scored when
 * stored) and twice at once (a row is written with the same values). `signal` stops it between batches.
 * @returns how many rows were scored
 * @example await scoreUnscoredResponses(db); // after migrateToLatest
 */
export async function scoreUnscoredResponses(db: Db, options: { batch?: number; onBatch?: (scored: number) => void; signal?: AbortSignal } = {}): Promise<number> {
  const batch = options.batch ?? SCORE_BATCH;
  const observedUntil = observedUntilMemo(db);
  let after: { company_id: string; id: string } | undefined;
  let scored = 0;
  for (;;) {
    if (options.signal?.aborted) return scored;
    let query = scoreRows(db).where('r.scored_version', 'is', null).orderBy('r.company_id').orderBy('r.id').limit(batch);
    if (after) query = query.where(sql<boolean>`(r.company_id, r.id) > (${after.company_id}::uuid, ${after.id}::uuid)`);
    const rows = (await query.execute()) as ScoreRow[];
    if (rows.length === 0) return scored;
    await scoreAndWrite(db, rows, observedUntil);
    scored += rows.length;
    options.onBatch?.(scored);
    const last = rows.at(-1)!;
    after = { company_id: last.company_id, id: last.id };
  }
}

/**
 * After a purchase import's rows are in (purchases/changed.ts, in the import's transaction): rescores
 * the responses of every customer whose purchases the import wrote (B's repeat-purchase item and
 * retention), and tells retention for the responses whose 180-day window the import's time now closes.
 * A company's first purchase history gives every response with a customer_ref history (B then has the
 * repeat item, 0 or 1), so then all of them are rescored. Customers in batches of SCORE_BATCH.
 * @example await rescoreAfterPurchaseImport(trx, companyId, importId);
 */
export async function rescoreAfterPurchaseImport(db: Db, companyId: string, importId: string): Promise<void> {
  const earlier = await db
    .selectFrom('purchase')
    .select('id')
    .where('company_id', '=', companyId)
    .where((eb) => eb.or([eb('import_id', 'is', null), eb('import_id', '!=', importId)]))
    .limit(1)
    .executeTakeFirst();
  const customers = earlier
    ? await db.selectFrom('purchase').select('customer_ref').distinct().where('company_id', '=', companyId).where('import_id', '=', importId).execute()
    : await db.selectFrom('response').select('customer_ref').distinct().where('company_id', '=', companyId).where('customer_ref', 'is not', null).where('customer_ref', '!=', '').execute();
  const refs = customers.map((row) => row.customer_ref!);
  const observedUntil = observedUntilMemo(db, { companyId, id: importId });
  for (let start = 0; start < refs.length; start += SCORE_BATCH) {
    const chunk = refs.slice(start, start + SCORE_BATCH);
    const rows = (await scoreRows(db).where('r.company_id', '=', companyId).where('r.customer_ref', 'in', chunk).execute()) as ScoreRow[];
    for (let i = 0; i < rows.length; i += SCORE_BATCH) await scoreAndWrite(db, rows.slice(i, i + SCORE_BATCH), observedUntil);
  }
  const until = await observedUntil(companyId);
  if (until === undefined) return;
  // Windows the import's time closes: no purchase in them → not retained (one with one is true already).
  await sql`
    update response r set retained = exists (select 1 from purchase p where p.company_id = r.company_id and p.customer_ref = r.customer_ref
        and p.purchased_at > r.submitted_at and p.purchased_at <= r.submitted_at + make_interval(hours => ${HOURS_180_DAYS})),
      scored_at = now()
    where r.company_id = ${companyId} and r.retained is null and r.scored_version is not null
      and r.customer_ref is not null and r.customer_ref <> ''
      and r.submitted_at + make_interval(hours => ${HOURS_180_DAYS}) <= ${new Date(until)}`.execute(db);
}
