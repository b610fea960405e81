/**
 * Report queries: aggregates computed in SQL, so the server never loads every response to count them.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/**
 * How many responses gave each recommend answer (0..10), plus the total response count.
 * @example const { total, recommendCounts } = await recommendDistribution(db, surveyId);
 */
export async function recommendDistribution(db: Kysely<Database>, surveyId: string) {
  const rows = await db
    .selectFrom('response')
    .select([sql<number | null>`(answers->>'recommend')::int`.as('recommend'), sql<string>`count(*)`.as('n')])
    .where('survey_id', '=', surveyId)
    .groupBy(sql`1`)
    .execute();
  let total = 0;
  const recommendCounts = new Map<number, number>();
  for (const row of rows) {
    const n = Number(row.n);
    total += n;
    if (row.recommend !== null) recommendCounts.set(row.recommend, n);
  }
  return { total, recommendCounts };
}

/**
 * When the company's purchase history was last loaded (null when it has none): purchases after this
 * moment are unknown, so retention windows that end later are not yet observed.
 */
export async function purchaseHistoryLoadedAt(db: Kysely<Database>, companyId: string): Promise<Date | null> {
  const row = await db
    .selectFrom('purchase')
    .select((eb) => eb.fn.max('created_at').as('loadedAt'))
    .where('company_id', '=', companyId)
    .executeTakeFirst();
  return row?.loadedAt ?? null;
}

/** The latest annotated change event of the survey or its company, if any. */
export async function latestChangeEvent(db: Kysely<Database>, companyId: string, surveyId: string) {
  return db
    .selectFrom('change_event')
    .select(['occurred_at as occurredAt', 'title'])
    .where('company_id', '=', companyId)
    .where((eb) => eb.or([eb('survey_id', '=', surveyId), eb('survey_id', 'is', null)]))
    .orderBy('occurred_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Every response of the survey with its customer's purchase times, streamed through a cursor.
 * @example for await (const row of streamRespondents(db, surveyId, companyId)) report.add(…)
 */
export function streamRespondents(db: Kysely<Database>, surveyId: string, companyId: string, chunkSize = 2000) {
  return db
    .selectFrom('response')
    .select((eb) => [
      'response.answers',
      'response.submitted_at as submittedAt',
      'response.customer_ref as customerRef',
      eb
        .selectFrom('purchase')
        .select(sql<Date[] | null>`array_agg(purchase.purchased_at)`.as('times'))
        .where('purchase.company_id', '=', companyId)
        .whereRef('purchase.customer_ref', '=', 'response.customer_ref')
        .as('purchaseTimes'),
    ])
    .where('response.survey_id', '=', surveyId)
    .stream(chunkSize);
}
