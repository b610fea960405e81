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
