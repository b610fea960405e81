/**
 * Load isolation benchmark (DESIGN.md "Budgets": answer submission p99 ≤ 50 ms while 16 clients loop
 * on the report): `npx tsx scripts/bench/report-isolation.ts`.
 *
 * Submissions arrive at a fixed rate (autocannon overallRate, BENCH_SUBMIT_RATE req/s over
 * BENCH_SUBMIT_CONNECTIONS connections) against the real server in a child process. Three phases in one
 * run, each BENCH_SECONDS long:
 *   1. submissions alone — the baseline p99;
 *   2. submissions while 16 clients loop on GET /report of another company's survey (BENCH_REPORT_ROWS
 *      responses), with the default report limits (2 per company, 4 per process);
 *   3. the same with the limits lifted (1000), on a restarted server: what the limits buy.
 * The report rate limit is off in all three (loopback is one address), so the concurrency limit alone is
 * measured. Prints p99 ratios against phase 1 and the load average.
 * Env: BENCH_SECONDS (10), BENCH_SUBMIT_RATE (100), BENCH_SUBMIT_CONNECTIONS (10), BENCH_REPORT_CLIENTS (16),
 * BENCH_REPORT_ROWS (20000), BENCH_DATABASE (ll_bench, dropped and recreated).
 */
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { shortTemplate } from '../../api/src/model/template.js';
import { benchReaderHeaders, createBenchSurvey, freshBenchDatabase, loadLine, machineLine, randomShortAnswers, startServerChild, type ServerChild } from './setup.js';

const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const SUBMIT_RATE = Number(process.env.BENCH_SUBMIT_RATE || 100);
const SUBMIT_CONNECTIONS = Number(process.env.BENCH_SUBMIT_CONNECTIONS || 10);
const REPORT_CLIENTS = Number(process.env.BENCH_REPORT_CLIENTS || 16);
const REPORT_ROWS = Number(process.env.BENCH_REPORT_ROWS || 20_000);

function submissions(url: string, surveyId: string) {
  return autocannon({
    url,
    connections: SUBMIT_CONNECTIONS,
    overallRate: SUBMIT_RATE,
    duration: SECONDS,
    requests: [
      {
        method: 'POST',
        path: `/api/surveys/${surveyId}/responses`,
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify({
            clientSubmissionId: randomUUID(),
            language: 'en',
            answers: randomShortAnswers(),
          }),
        }),
      },
    ],
  });
}

function reportLoop(url: string, surveyId: string) {
  return autocannon({ url, connections: REPORT_CLIENTS, duration: SECONDS, requests: [{ method: 'GET', path: `/api/surveys/${surveyId}/report`, headers: reportHeaders }] });
}

interface Phase {
  name: string;
  submitP50: number;
  submitP99: number;
  submitMax: number;
  submitted: number;
  submitNon2xx: number;
  reports200?: number;
  reports429?: number;
  reportP99?: number;
  load: string;
}

async function phase(name: string, server: ServerChild, submitSurvey: string, reportSurvey?: string): Promise<Phase> {
  const [submit, reports] = await Promise.all([
    submissions(server.url, submitSurvey),
    reportSurvey ? reportLoop(server.url, reportSurvey) : Promise.resolve(undefined),
  ]);
  const statusCounts = (reports as { statusCodeStats?: Record<string, { count: number }> } | undefined)?.statusCodeStats ?? {};
  const result: Phase = {
    name,
    submitP50: submit.latency.p50,
    submitP99: submit.latency.p99,
    submitMax: submit.latency.max,
    submitted: submit['2xx'],
    submitNon2xx: submit.non2xx,
    ...(reports ? { reports200: statusCounts['200']?.count ?? 0, reports429: statusCounts['429']?.count ?? 0, reportP99: reports.latency.p99 } : {}),
    load: loadLine(),
  };
  console.log(JSON.stringify(result));
  return result;
}

const database = await freshBenchDatabase();
const submitSurvey = await createBenchSurvey(database, shortTemplate(), 'Isolation submissions');
const reportSurvey = await createBenchSurvey(database, shortTemplate(), 'Isolation report');
const reportHeaders = await benchReaderHeaders(database, reportSurvey.companyId);
await sql`
  insert into response (company_id, survey_id, survey_version_id, client_submission_id, language, answers, submitted_at)
  select ${reportSurvey.companyId}, ${reportSurvey.surveyId}, ${reportSurvey.versionId}, gen_random_uuid(), 'en', jsonb_build_object(
    'sat_overall', 1 + g % 5, 'recommend', g % 11, 'repurchase', 1 + (g / 7) % 5, 'stay_vs_competitor', 1 + (g / 3) % 5,
    'promo_decided', case when g % 2 = 0 then 'yes' else 'no' end, 'full_price_return', 1 + (g / 5) % 5),
    timestamptz '2025-01-01' + g * interval '1 minute'
  from generate_series(1, ${REPORT_ROWS}) as g`.execute(database.db);
await sql`vacuum analyze response`.execute(database.db);

console.log(`machine: ${await machineLine()}`);
console.log(`${loadLine()} before the run; submissions at ${SUBMIT_RATE} req/s over ${SUBMIT_CONNECTIONS} connections, ` +
  `${REPORT_CLIENTS} report clients on ${REPORT_ROWS} responses, ${SECONDS} s per phase`);

const phases: Phase[] = [];
const common = { REPORT_RATE_LIMIT_PER_MINUTE: '0' };
let server = await startServerChild(common);
try {
  await submissions(server.url, submitSurvey.surveyId); // warm-up: caches, JIT, pool
  phases.push(await phase('submissions alone', server, submitSurvey.surveyId));
  phases.push(await phase('with 16 report clients, default limits (2/company, 4/process)', server, submitSurvey.surveyId, reportSurvey.surveyId));
} finally {
  await server.stop();
}
server = await startServerChild({ ...common, REPORT_CONCURRENCY_PER_COMPANY: '1000', REPORT_CONCURRENCY_PER_PROCESS: '1000' });
try {
  await submissions(server.url, submitSurvey.surveyId);
  phases.push(await phase('with 16 report clients, limits lifted (1000)', server, submitSurvey.surveyId, reportSurvey.surveyId));
} finally {
  await server.stop();
  await database.close();
}

const alone = phases[0]!;
for (const p of phases) {
  console.log(
    `${p.name}: submission p50 ${p.submitP50} ms · p99 ${p.submitP99} ms (× ${(p.submitP99 / alone.submitP99).toFixed(2)} of alone) · ` +
      `non-2xx ${p.submitNon2xx}` +
      (p.reports200 !== undefined ? ` · reports 200: ${p.reports200}, 429: ${p.reports429}, report p99 ${p.reportP99} ms` : '') +
      ` · ${p.load}`,
  );
}
const limited = phases[1]!;
const pass = limited.submitP99 <= 50 && limited.submitNon2xx === 0;
console.log(`BUDGET submission p99 under report load ${limited.submitP99} ms (≤ 50) → ${pass ? 'PASS' : 'FAIL'}`);
process.exitCode = pass ? 0 : 1;
