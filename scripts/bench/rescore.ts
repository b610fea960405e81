/**
 * Stored-score benchmark (issue 17): `npx tsx scripts/bench/rescore.ts` on PostgreSQL.
 *
 * 1. Backfill: BENCH_RESPONSES (250,000) short-template responses bulk-loaded without their scores,
 *    one per customer, then scored by responses/scores.ts scoreUnscoredResponses.
 * 2. Purchase import: BENCH_PURCHASES (1,000,000) purchases over those customers written by one
 *    purchase_import, then rescoreAfterPurchaseImport in one transaction (as the import runs it).
 * Prints the times, rows/s and the peak RSS of this process. Env: BENCH_ADMIN_URL, BENCH_DATABASE.
 */
import { sql } from 'kysely';
import { rescoreAfterPurchaseImport, scoreUnscoredResponses } from '../../api/src/responses/scores.js';
import { shortTemplate } from '../../api/src/model/template.js';
import { createBenchSurvey, freshBenchDatabase, loadLine } from './setup.js';

const RESPONSES = Number(process.env.BENCH_RESPONSES || 250_000);
const PURCHASES = Number(process.env.BENCH_PURCHASES || 1_000_000);

const database = await freshBenchDatabase();
const { db } = database;
try {
  const survey = await createBenchSurvey(database, shortTemplate(), 'rescore');
  await sql`
    insert into response (company_id, survey_id, survey_version_id, customer_ref, client_submission_id, language, answers, submitted_at)
    select ${survey.companyId}, ${survey.surveyId}, ${survey.versionId}, 'C-' || g, gen_random_uuid(), 'en',
      jsonb_build_object('sat_overall', 1 + g % 5, 'recommend', g % 11, 'repurchase', 1 + (g / 5) % 5, 'stay_vs_competitor', 1 + (g / 7) % 5,
        'promo_decided', case when g % 2 = 0 then 'yes' else 'no' end, 'full_price_return', 1 + (g / 3) % 5),
      timestamptz '2025-01-01' + (g % 365) * interval '1 day'
    from generate_series(1, ${RESPONSES}) as g`.execute(db);
  await sql`analyze response`.execute(db);
  console.log(`loaded ${RESPONSES} responses · ${loadLine()}`);

  let started = performance.now();
  const scored = await scoreUnscoredResponses(db);
  const backfillSeconds = (performance.now() - started) / 1000;
  console.log(`BACKFILL ${scored} rows in ${backfillSeconds.toFixed(1)} s · ${Math.round(scored / backfillSeconds)} rows/s`);

  const { id: importId } = await db.insertInto('purchase_import').values({ company_id: survey.companyId, source: 'api' }).returning('id').executeTakeFirstOrThrow();
  // An earlier seeded purchase, so this is not the company's first history (which rescores everyone anyway).
  await db.insertInto('purchase').values({ company_id: survey.companyId, customer_ref: 'C-seed', purchased_at: new Date('2024-01-01'), amount_cents: 1 }).execute();
  await sql`
    insert into purchase (company_id, customer_ref, external_id, purchased_at, amount_cents, import_id)
    select ${survey.companyId}, 'C-' || (1 + g % ${RESPONSES}), 'O-' || g, timestamptz '2024-06-01' + (g % 900) * interval '1 day', 1000, ${importId}
    from generate_series(1, ${PURCHASES}) as g`.execute(db);
  await sql`analyze purchase`.execute(db);
  console.log(`loaded ${PURCHASES} purchases of ${Math.min(RESPONSES, PURCHASES)} customers · ${loadLine()}`);

  started = performance.now();
  await db.transaction().execute((trx) => rescoreAfterPurchaseImport(trx, survey.companyId, importId));
  const rescoreSeconds = (performance.now() - started) / 1000;
  const { rows } = await sql<{ b: string; retained: string }>`
    select count(*) filter (where score_b is not null)::text as b, count(*) filter (where retained is not null)::text as retained from response`.execute(db);
  console.log(`RESCORE ${RESPONSES} responses of the import's customers in ${rescoreSeconds.toFixed(1)} s · ${Math.round(RESPONSES / rescoreSeconds)} rows/s · B ${rows[0]!.b} · retained told ${rows[0]!.retained}`);
  console.log(`peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB · ${loadLine()}`);
} finally {
  await database.close();
}
