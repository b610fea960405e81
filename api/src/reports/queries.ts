/**
 * Report queries: aggregates computed in SQL, so the server never loads every response to count them.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DatabaseHandle } from '../db/database.js';
import { streamLines } from '../db/stream.js';
import type { Database } from '../db/schema.js';
import type { TenantScope } from '../db/tenant.js';
import type { Answers } from '../model/definition.js';

/** What a stream needs: the database, and a raw client for COPY where there is one (PostgreSQL). */
export type StreamDatabase = { db: Kysely<Database> } & Pick<DatabaseHandle, 'acquireClient'>;

/** The question a version asks "how likely to recommend" by (its `recommend` role). */
export interface VersionRecommendQuestion {
  versionId: string;
  questionId: string;
}

/**
 * How many responses gave each recommend answer (`recommendCounts[a]` answered a, 0..10), each read
 * from its own version's recommend question, plus the total response count and how many responses
 * hold a recommend answer that is not a whole number from 0 to 10 (`damaged`, a damaged row: left out).
 * `condition` (reports/filter.ts filterSql over the table `response`) restricts the responses counted.
 * @example const { total, recommendCounts, damaged } = await recommendDistribution(db, surveyId, [{ versionId, questionId: 'q7' }]);
 */
export async function recommendDistribution(
  scope: TenantScope,
  surveyId: string,
  questions: readonly VersionRecommendQuestion[],
  condition: RawBuilder<boolean> = sql<boolean>`true`,
) {
  const answer =
    questions.length === 0
      ? sql<unknown>`null::jsonb`
      : sql<unknown>`case survey_version_id ${sql.join(
          questions.map(({ versionId, questionId }) => sql`when ${versionId} then answers -> ${questionId}`),
          sql` `,
        )} end`;
  const rows = await scope.db
    .selectFrom('response')
    .select([answer.as('answer'), sql<string>`count(*)`.as('n')])
    .where('company_id', '=', scope.companyId)
    .where('survey_id', '=', surveyId)
    .where(condition)
    .groupBy(sql`1`)
    .execute();
  let total = 0;
  let damaged = 0;
  const recommendCounts = new Float64Array(11);
  for (const row of rows) {
    const n = Number(row.n);
    total += n;
    const value = row.answer;
    if (value === null || value === undefined) continue;
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 10) recommendCounts[value] = n;
    else damaged += n;
  }
  return { total, recommendCounts, damaged };
}

/** When purchases were last imported, and what says so (docs/API.md "Purchases last imported"). */
export interface PurchasesImported {
  at: Date;
  /**
   * `import`: the newest applied purchase import's finished_at (migrations/0005 purchase_import);
   * `purchase_rows`: no import is recorded (data loaded before imports existed, e.g. the demo seed),
   * so the newest purchase row's created_at stands in.
   */
  source: 'import' | 'purchase_rows';
}

/**
 * When the company's purchases were last imported (null when it has neither an applied import nor a
 * purchase): purchases after this moment are unknown, so retention windows that end later are not
 * yet observed.
 * @example const imported = await purchasesLastImported(db, companyId); imported?.source // => 'import'
 */
export async function purchasesLastImported(db: Kysely<Database>, companyId: string): Promise<PurchasesImported | null> {
  const recorded = await db
    .selectFrom('purchase_import')
    .select((eb) => eb.fn.max('finished_at').as('at'))
    .where('company_id', '=', companyId)
    .where('status', '=', 'applied')
    .executeTakeFirst();
  if (recorded?.at) return { at: new Date(recorded.at), source: 'import' };
  const row = await db
    .selectFrom('purchase')
    .select((eb) => eb.fn.max('created_at').as('loadedAt'))
    .where('company_id', '=', companyId)
    .executeTakeFirst();
  return row?.loadedAt ? { at: new Date(row.loadedAt), source: 'purchase_rows' } : null;
}

/** The change events a survey's report can compare around: the survey's own and its company's, newest first. */
export async function surveyChangeEvents(db: Kysely<Database>, companyId: string, surveyId: string) {
  return db
    .selectFrom('change_event')
    .select(['id', 'occurred_at as occurredAt', 'title', 'survey_id as surveyId'])
    .where('company_id', '=', companyId)
    .where((eb) => eb.or([eb('survey_id', '=', surveyId), eb('survey_id', 'is', null)]))
    .orderBy('occurred_at', 'desc')
    .orderBy('id')
    .execute();
}

/**
 * One line per response of the survey, made by PostgreSQL as a JSON array so that Node parses a whole
 * batch of lines with one JSON.parse: `[<submitted_at ms>, [<purchase ms>, …] | null, <answers>, <version>]`.
 * - submitted_at and purchase times are epoch milliseconds as `Date.getTime()` gives them (floored);
 * - the purchases are the customer's, of this company, aggregated once per customer and hash-joined
 *   (not a subquery per response); null when the response has no customer_ref (or an empty one),
 *   `[]` when the customer bought nothing;
 * - the answers are the stored jsonb as text, whole: picking out only the answers the report reads
 *   (`answers -> id` per question, or jsonb_to_record) measured 2.7–3× slower in PostgreSQL than
 *   printing the object;
 * - the version is the number of the survey version the response answered, from the ids given (a
 *   CASE over a handful of versions, no join); 0 for a version id that is not among them.
 * - `bought` holds only the customers of the responses read: a report's live read of one day joined
 *   the aggregate of every purchase of the company (1.1–1.3 s of a 2.3 s warm report at 1 M responses
 *   and 1.4 M purchases; with the restriction the day reads its few thousand customers' purchases);
 * - `bought` is MATERIALIZED: aggregated once whatever the planner believes. Without statistics
 *   (PGlite gathers none by itself) it was inlined into a nested loop that re-aggregated every purchase
 *   of the company for each response: 43 s instead of 0.3 s for 2,000 responses and 33,000 purchases.
 * COPY takes no bind parameters, so the ids are inlined with `literal`, and `condition` (the report
 * filter over the alias `r`) comes as text with its values inlined already (reports/filterText.ts).
 * The report states (reports/state.ts) pass a range of submission times the same way.
 * @example respondentLinesQuery(surveyId, companyId, [{ id: versionId, version: 1 }], pg.escapeLiteral, inlineCondition(db, filterSql(filter, context, 'r')))
 */
export function respondentLinesQuery(
  surveyId: string,
  companyId: string,
  versions: readonly { id: string; version: number }[],
  literal: (value: string) => string,
  condition = 'true',
): string {
  const epochMs = (column: string) => `floor(extract(epoch from ${column}) * 1000)::bigint`;
  const version = versions.length === 0
    ? `'0'`
    : `case r.survey_version_id ${versions.map((v) => `when ${literal(v.id)} then '${Math.trunc(v.version)}'`).join(' ')} else '0' end`;
  const responses = `r.company_id = ${literal(companyId)} and r.survey_id = ${literal(surveyId)} and ${condition}`;
  return `with bought as materialized (
      select customer_ref, string_agg(${epochMs('purchased_at')}::text, ',') as times
      from purchase
      where company_id = ${literal(companyId)}
        and customer_ref in (select r.customer_ref from response r where ${responses} and r.customer_ref is not null)
      group by customer_ref)
    select '[' || ${epochMs('r.submitted_at')} || ',' ||
           case when r.customer_ref is null or r.customer_ref = '' then 'null' else '[' || coalesce(b.times, '') || ']' end || ',' ||
           r.answers::text || ',' || ${version} || ']' as line
    from response r left join bought b on b.customer_ref = r.customer_ref
    where ${responses}`;
}

/** Memory for the purchase hash join on PostgreSQL: 254,000 customers with 1.4 M purchases took 33 MB. */
const JOIN_WORK_MEM = '64MB';

/** A parsed respondent line: submitted_at in ms, the customer's purchase times in ms (null: no customer), answers, version number. */
export type RespondentRow = [surveyedAt: number, purchasedAt: number[] | null, answers: Answers, version: number];

/**
 * The respondent rows of `respondentLinesQuery`, batch by batch, through the database's stream
 * (db/stream.ts: COPY on PostgreSQL, a cursor on PGlite). Lines joined by commas are one JSON array
 * of rows, parsed with one JSON.parse per batch. The per-customer purchase table is hashed for the
 * join; at PostgreSQL's default 4 MB work_mem a few hundred thousand customers spill it, and every
 * response row with it, to temporary files.
 * @example for await (const rows of respondentRows(database, statement)) …
 */
export async function* respondentRows(database: StreamDatabase, statement: string): AsyncGenerator<RespondentRow[]> {
  for await (const batch of streamLines(database, statement, ',', { workMem: JOIN_WORK_MEM, label: 'the segment report' })) {
    yield JSON.parse(`[${batch}]`) as RespondentRow[];
  }
}
