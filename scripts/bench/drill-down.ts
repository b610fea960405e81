/**
 * Drill-down benchmark (issue 17 budget: the first page in ≤ 100 ms at 1 M responses):
 * `BENCH_DATABASE=ll_bench_drill npx tsx scripts/bench/drill-down.ts`.
 *
 * Fills BENCH_ROWS responses with stored scores (one `insert … select … from generate_series`, scores
 * uniform on 0..1, 5% missing, dates over a year) and times, best of BENCH_ROUNDS, the first page
 * (50 rows) of `listRespondents` for: newest first; a segment cell; S descending; a month. Each beside
 * the raw baseline `select id from response where … order by submitted_at desc limit 50` in the same run.
 *
 * The score sorts read the expression indexes of migrations/0007_drill_sort_indexes.ts.
 *
 * Env: BENCH_ROWS (1000000), BENCH_ROUNDS (5), BENCH_DATABASE (ll_bench: set another name when other
 * benches run), BENCH_ADMIN_URL.
 */
import { sql } from 'kysely';
import { fullTemplate } from '../../api/src/model/template.js';
import { listRespondents } from '../../api/src/reports/drillDown.js';
import { createBenchSurvey, freshBenchDatabase, loadLine, machineLine } from './setup.js';

const ROWS = Number(process.env.BENCH_ROWS || 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 5);

const database = await freshBenchDatabase();
try {
  const { companyId, surveyId, versionId } = await createBenchSurvey(database, fullTemplate(), 'drill-down');
  const filled = performance.now();
  const score = (salt: number) => sql.raw(`case when random() < 0.05 then null else round(random()::numeric, 12)::float8 end /* ${salt} */`);
  await sql`
    insert into response (company_id, survey_id, survey_version_id, client_submission_id, language, answers, submitted_at,
                          score_s, score_e, score_b, discount_dependent, satisfaction_level, scored_version)
    select ${companyId}, ${surveyId}, ${versionId}, gen_random_uuid(), (array['en','ru','et','ka'])[1 + g % 4], '{"comment":"ok"}'::jsonb,
           timestamptz '2025-01-01' + (random() * 365 * 86400) * interval '1 second',
           ${score(1)}, ${score(2)}, ${score(3)}, random() < 0.1, 1 + (g % 5), 1
    from generate_series(1, ${ROWS}) g`.execute(database.db);
  await sql`analyze response`.execute(database.db);
  console.log(`filled ${ROWS} responses in ${((performance.now() - filled) / 1000).toFixed(1)} s`);
  const scope = { db: database.db, companyId };
  const best = async (run: () => Promise<unknown>) => {
    let fastest = Infinity;
    for (let i = 0; i < ROUNDS; i++) {
      const start = performance.now();
      await run();
      fastest = Math.min(fastest, performance.now() - start);
    }
    return fastest;
  };
  const baseline = await best(() =>
    sql`select id from response where company_id = ${companyId} and survey_id = ${surveyId} order by submitted_at desc limit 50`.execute(database.db),
  );
  console.log(await machineLine());
  console.log(loadLine());
  console.log(`baseline (raw newest 50): ${baseline.toFixed(1)} ms`);
  const cases: [string, () => Promise<unknown>][] = [
    ['newest first', () => listRespondents(scope, surveyId, {}, {}, 'submittedAt', 'desc', { limit: 50 })],
    ['segment=loyal, newest first', () => listRespondents(scope, surveyId, { segment: 'loyal' }, {}, 'submittedAt', 'desc', { limit: 50 })],
    ['S descending', () => listRespondents(scope, surveyId, {}, {}, 'S', 'desc', { limit: 50 })],
    ['one month, S ascending', () => listRespondents(scope, surveyId, { from: '2025-03-01', to: '2025-03-31' }, {}, 'S', 'asc', { limit: 50 })],
  ];
  for (const [name, run] of cases) {
    const ms = await best(run);
    console.log(`${name}: ${ms.toFixed(1)} ms (${(ms / baseline).toFixed(1)}× baseline; budget 100 ms)`);
  }
} finally {
  await database.close();
}
