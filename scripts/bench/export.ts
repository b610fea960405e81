/**
 * CSV export benchmark (DESIGN.md "Budgets"): `npx tsx scripts/bench/export.ts`.
 *
 * Fills 1,000,000 short-template responses with one `insert … select … from generate_series`, then
 * alternates the baseline — `COPY (select the same columns, same join and order) TO STDOUT WITH CSV`
 * through psql into /dev/null — with the app — `GET /api/surveys/:id/export.csv` from the real server
 * in a child process, read and thrown away — and reports rows/s of each (best of BENCH_ROUNDS), the
 * ratio (budget ≥ 0.5) and the server's peak RSS (VmHWM; budget ≤ 250 MB).
 *
 * Env: BENCH_ROWS (1000000), BENCH_ROUNDS (2), BENCH_ADMIN_URL, BENCH_DATABASE (ll_bench, recreated).
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import { sql } from 'kysely';
import { SHORT_IDS, shortTemplate } from '../../api/src/model/template.js';
import { benchDatabaseUrl, benchReaderHeaders, createBenchSurvey, freshBenchDatabase, loadLine, machineLine, startServerChild } from './setup.js';

const ROWS = Number(process.env.BENCH_ROWS || 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 2);
const MIB = 2 ** 20;

const database = await freshBenchDatabase();
const { companyId, surveyId, versionId } = await createBenchSurvey(database, shortTemplate(), 'Export');
const headers = await benchReaderHeaders(database, companyId);

console.log(`machine: ${loadLine()} before the run`);
let started = performance.now();
// Stored scores as the submit path writes them (analytics/storedScores.ts for the short template), so
// the server's start-up backfill finds nothing and the export reads scored rows.
await sql`
  insert into response (company_id, survey_id, survey_version_id, client_submission_id, language, customer_ref, answers,
                        score_s, score_e, score_b, discount_dependent, satisfaction_level, scored_version, scored_at, started_at, submitted_at)
  select ${companyId}, ${surveyId}, ${versionId}, gen_random_uuid(), (array['en', 'ru', 'et', 'ka'])[1 + g % 4],
         case when g % 3 = 0 then null else 'customer-' || (g % 50000) end,
         jsonb_build_object(
           'sat_overall', sat, 'recommend', rec, 'repurchase', rep, 'stay_vs_competitor', stay,
           'promo_decided', case when promo then 'yes' else 'no' end, 'full_price_return', fpr),
         (sat - 1) / 4.0, rec / 10.0, (rep + stay - 2) / 8.0, promo and fpr < 3, sat, 1, at,
         at - interval '2 minutes', at
  from (select g, timestamptz '2025-01-01 00:00:00+00' + g * interval '997 milliseconds' as at,
               1 + floor(random() * 5)::int as sat, floor(random() * 11)::int as rec, 1 + floor(random() * 5)::int as rep,
               1 + floor(random() * 5)::int as stay, random() < 0.5 as promo, 1 + floor(random() * 5)::int as fpr
        from generate_series(1, ${ROWS}::int) as g) as generated`.execute(database.db);
await sql`vacuum analyze response`.execute(database.db);
console.log(`filled ${ROWS} responses in ${((performance.now() - started) / 1000).toFixed(1)} s`);

// The app's export query (exports/queries.ts) with the answers pulled out as columns and the stored
// scores as they are (no segment or loyalty-type CASE): the baseline.
const answerColumns = SHORT_IDS.map((id) => `r.answers ->> '${id}'`).join(', ');
const copyStatement =
  `copy (select r.id, r.submitted_at, r.language, v.version, r.customer_ref, ${answerColumns}, ` +
  `r.score_s, r.score_e, r.score_b, r.discount_dependent, r.exchange_type ` +
  `from response r join survey_version v on v.id = r.survey_version_id ` +
  `where r.survey_id = '${surveyId}' order by r.submitted_at, r.id) to stdout with csv header`;

function runCopy(): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const psql = spawn('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', benchDatabaseUrl(), '-c', copyStatement], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    psql.once('error', reject);
    psql.once('exit', (code) => (code === 0 ? resolve((performance.now() - start) / 1000) : reject(new Error(`psql exited with ${code}`))));
  });
}

function runExport(url: string, sampleRss: () => void): Promise<{ seconds: number; rows: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const sampler = setInterval(sampleRss, 50);
    http
      .get(`${url}/api/surveys/${surveyId}/export.csv`, { headers }, (response) => {
        if (response.statusCode !== 200) {
          clearInterval(sampler);
          reject(new Error(`export answered ${response.statusCode}`));
          response.resume();
          return;
        }
        let lines = 0;
        let bytes = 0;
        response.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
        });
        response.once('end', () => {
          clearInterval(sampler);
          resolve({ seconds: (performance.now() - start) / 1000, rows: lines - 1, bytes });
        });
        response.once('error', reject);
      })
      .once('error', reject);
  });
}

const server = await startServerChild();
try {
  let peakSampledRss = 0;
  const sampleRss = () => {
    peakSampledRss = Math.max(peakSampledRss, server.rssMiB());
  };
  const rssAtStart = server.rssMiB();
  const copySeconds: number[] = [];
  const app: { seconds: number; rows: number; bytes: number; serverCpuSeconds: number }[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    copySeconds.push(await runCopy());
    console.log(`round ${round}: COPY ${ROWS} rows in ${copySeconds.at(-1)!.toFixed(2)} s`);
    const cpuBefore = server.cpuSeconds();
    started = performance.now();
    const result = await runExport(server.url, sampleRss);
    app.push({ ...result, serverCpuSeconds: server.cpuSeconds() - cpuBefore });
    console.log(`round ${round}: app ${result.rows} rows, ${(result.bytes / MIB).toFixed(0)} MiB in ${result.seconds.toFixed(2)} s`);
    if (result.rows !== ROWS) throw new Error(`the export has ${result.rows} rows, expected ${ROWS}`);
  }
  const copyRowsPerSecond = ROWS / Math.min(...copySeconds);
  const best = app.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  const appRowsPerSecond = ROWS / best.seconds;
  const ratio = appRowsPerSecond / copyRowsPerSecond;
  const peakRss = server.peakRssMiB();
  const pass = ratio >= 0.5 && peakRss * MIB <= 250e6;
  const report = {
    machine: await machineLine(),
    date: new Date().toISOString(),
    rows: ROWS,
    rounds: ROUNDS,
    copySeconds: copySeconds.map((s) => Number(s.toFixed(2))),
    appSeconds: app.map((a) => Number(a.seconds.toFixed(2))),
    copyRowsPerSecond: Math.round(copyRowsPerSecond),
    appRowsPerSecond: Math.round(appRowsPerSecond),
    ratio: Number(ratio.toFixed(3)),
    csvMiB: Number((best.bytes / MIB).toFixed(1)),
    serverRssMiB: { atStart: Math.round(rssAtStart), peakSampled: Math.round(peakSampledRss), peakVmHWM: Math.round(peakRss) },
    serverCpuSecondsOfBestRound: Number(best.serverCpuSeconds.toFixed(2)),
    load: loadLine(),
  };
  console.log(JSON.stringify(report, null, 2));
  console.log(
    `RATIO ${ratio.toFixed(2)} (app ${appRowsPerSecond.toFixed(0)} rows/s / COPY ${copyRowsPerSecond.toFixed(0)} rows/s; budget ≥ 0.5) · ` +
      `server peak RSS ${peakRss.toFixed(0)} MiB = ${((peakRss * MIB) / 1e6).toFixed(0)} MB (budget ≤ 250 MB) → ${pass ? 'PASS' : 'FAIL'}`,
  );
  process.exitCode = pass ? 0 : 1;
} finally {
  await server.stop();
  await database.close();
}
