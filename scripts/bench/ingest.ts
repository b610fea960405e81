/**
 * Response ingest benchmark (DESIGN.md "Budgets"): `npx tsx scripts/bench/ingest.ts`.
 *
 * Two limits, measured in the same run: pgbench, single-row INSERT transactions/s into a copy of the
 * `response` table (same columns, defaults, checks and indexes) at 50 clients; and a bare Fastify route
 * that parses and validates the same body and answers without a database (scripts/bench/bareSubmitServer.ts),
 * under the same autocannon load. App: the real server in a child process, `POST /api/surveys/:id/responses`
 * at 50 connections with autocannon, each request a fresh clientSubmissionId and valid short-template
 * answers. Budget: app ≥ 0.5 × the lower limit, p99 ≤ 50 ms, no non-2xx, and exactly one stored row per 2xx.
 *
 * The server runs with its own pool (api/src/db/database.ts: 20 connections).
 * Env: BENCH_SECONDS (10), BENCH_CONNECTIONS (50), BENCH_ADMIN_URL, BENCH_DATABASE (ll_bench, dropped and recreated each run).
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { shortTemplate } from '../../api/src/model/template.js';
import { benchDatabaseUrl, createBenchSurvey, freshBenchDatabase, loadLine, machineLine, postgresCpuSeconds, randomShortAnswers, startServerChild } from './setup.js';

const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 50);
const PGBENCH = process.env.PGBENCH || '/usr/bin/pgbench';

/** pgbench at CONNECTIONS clients, one INSERT per transaction, answers built in SQL like the app's. */
function runPgbench(companyId: string, surveyId: string, versionId: string): { tps: number; latencyMs: number; output: string } {
  const script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'll-bench-')), 'insert.sql');
  fs.writeFileSync(
    script,
    `insert into bench_response (company_id, survey_id, survey_version_id, client_submission_id, language, answers, started_at)
values ('${companyId}', '${surveyId}', '${versionId}', gen_random_uuid(), 'en', jsonb_build_object(
  'sat_overall', 1 + floor(random() * 5)::int, 'recommend', floor(random() * 11)::int,
  'repurchase', 1 + floor(random() * 5)::int, 'stay_vs_competitor', 1 + floor(random() * 5)::int,
  'promo_decided', case when random() < 0.5 then 'yes' else 'no' end, 'full_price_return', 1 + floor(random() * 5)::int),
  now() - interval '2 minutes') returning id;
`,
  );
  const url = new URL(benchDatabaseUrl());
  const output = execFileSync(
    PGBENCH,
    ['-n', '-c', String(CONNECTIONS), '-j', String(os.cpus().length), '-T', String(SECONDS), '-f', script,
      '-h', url.hostname, '-p', url.port || '5432', '-U', decodeURIComponent(url.username), url.pathname.slice(1)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const tps = /tps = ([\d.]+)/.exec(output);
  const latency = /latency average = ([\d.]+) ms/.exec(output);
  if (!tps?.[1]) throw new Error(`could not read tps from pgbench:\n${output}`);
  return { tps: Number(tps[1]), latencyMs: Number(latency?.[1] ?? NaN), output };
}

function postResponses(url: string, surveyId: string, options: { duration?: number; amount?: number }) {
  return autocannon({
    url,
    connections: CONNECTIONS,
    ...(options.amount ? { amount: options.amount } : { duration: options.duration ?? SECONDS }),
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
            startedAt: new Date(Date.now() - 120_000).toISOString(),
          }),
        }),
      },
    ],
  });
}

const database = await freshBenchDatabase();
const warmup = await createBenchSurvey(database, shortTemplate(), 'Ingest warm-up');
const measured = await createBenchSurvey(database, shortTemplate(), 'Ingest');
await sql`create table bench_response (like response including all)`.execute(database.db);

console.log(`machine: ${loadLine()} before the run`);
console.log(`pgbench: ${CONNECTIONS} clients, ${SECONDS} s, one INSERT … RETURNING id per transaction`);
const baseline = runPgbench(measured.companyId, measured.surveyId, measured.versionId);
console.log(`  ${baseline.tps.toFixed(0)} tps, latency average ${baseline.latencyMs} ms`);

// The bare route runs alone (the app server is not started yet), as pgbench did.
const bare = await startServerChild({}, { script: 'scripts/bench/bareSubmitServer.ts', listening: /bare submit route on (http:\/\/\S+)/ });
let bareRequestsPerSecond: number;
let bareP99: number;
try {
  await postResponses(bare.url, warmup.surveyId, { duration: 3 });
  const bareResult = await postResponses(bare.url, measured.surveyId, { duration: SECONDS });
  bareRequestsPerSecond = bareResult['2xx'] / bareResult.duration;
  bareP99 = bareResult.latency.p99;
  console.log(`bare Fastify route (parse + validate, no database): ${bareRequestsPerSecond.toFixed(0)} req/s, p99 ${bareP99} ms`);
} finally {
  await bare.stop();
}
const lowerLimit = Math.min(baseline.tps, bareRequestsPerSecond);

const server = await startServerChild();
try {
  // Warm-up on another survey sizes the measured run: a fixed request count lets every request finish,
  // so the stored row count can be compared with the 2xx count exactly.
  const warm = await postResponses(server.url, warmup.surveyId, { duration: 3 });
  const amount = Math.max(1000, Math.round(warm.requests.average * SECONDS));
  console.log(`app warm-up: ${warm.requests.average.toFixed(0)} req/s; measured run: ${amount} requests at ${CONNECTIONS} connections`);
  const cpuBefore = { server: server.cpuSeconds(), postgres: postgresCpuSeconds(), bench: process.cpuUsage() };
  const result = await postResponses(server.url, measured.surveyId, { amount });
  const benchCpu = process.cpuUsage(cpuBefore.bench);
  const cpuMsPerRequest = {
    server: ((server.cpuSeconds() - cpuBefore.server) * 1000) / result.requests.total,
    postgres: ((postgresCpuSeconds() - cpuBefore.postgres) * 1000) / result.requests.total,
    autocannon: (benchCpu.user + benchCpu.system) / 1000 / result.requests.total,
  };
  const ok = result['2xx'];
  const { rows } = await sql<{ n: string }>`select count(*) as n from response where survey_id = ${measured.surveyId}`.execute(database.db);
  const stored = Number(rows[0]?.n ?? 0);
  const requestsPerSecond = ok / result.duration;
  const ratio = requestsPerSecond / lowerLimit;
  const pass = ratio >= 0.5 && result.latency.p99 <= 50 && result.non2xx === 0 && result.errors === 0 && stored === ok;

  const report = {
    machine: await machineLine(),
    date: new Date().toISOString(),
    connections: CONNECTIONS,
    serverPool: 20,
    pgbenchTps: Math.round(baseline.tps),
    pgbenchLatencyAverageMs: baseline.latencyMs,
    bareRouteRequestsPerSecond: Math.round(bareRequestsPerSecond),
    bareRouteP99Ms: bareP99,
    lowerLimit: baseline.tps <= bareRequestsPerSecond ? 'pgbench' : 'bare route',
    appRequestsPerSecond: Math.round(requestsPerSecond),
    ratio: Number(ratio.toFixed(3)),
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    requests: result.requests.total,
    ok2xx: ok,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    storedRows: stored,
    durationSeconds: result.duration,
    serverPeakRssMiB: Math.round(server.peakRssMiB()),
    cpuMsPerRequest: Object.fromEntries(Object.entries(cpuMsPerRequest).map(([k, v]) => [k, Number(v.toFixed(3))])),
    load: loadLine(),
  };
  console.log(JSON.stringify(report, null, 2));
  console.log(
    `LIMITS pgbench ${baseline.tps.toFixed(0)} tps · bare route ${bareRequestsPerSecond.toFixed(0)} req/s\n` +
      `RATIO ${ratio.toFixed(2)} (app ${requestsPerSecond.toFixed(0)} req/s / lower limit ${lowerLimit.toFixed(0)}; budget ≥ 0.5) · ` +
      `p50 ${result.latency.p50} ms · p99 ${result.latency.p99} ms (budget ≤ 50) · non-2xx ${result.non2xx} · ` +
      `errors ${result.errors} · stored ${stored} of ${ok} 2xx → ${pass ? 'PASS' : 'FAIL'}`,
  );
  process.exitCode = pass ? 0 : 1;
} finally {
  await server.stop();
  await database.close();
}
