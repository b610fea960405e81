/**
 * Purchase import benchmark (docs/BENCHMARKS.md "Purchase import"): `npx tsx scripts/bench/purchases-import.ts`.
 *
 * Streams a generated CSV of BENCH_ROWS purchases (never held in memory, here or in the server) to
 * `POST /api/purchase-imports` of the real server in a child process on PostgreSQL, then the same file
 * again (the idempotent re-import), and as the raw baseline the same rows through
 * `COPY … FROM STDIN` into a plain table on one pg connection. Prints rows/s of each, the ratios and
 * the server's peak RSS (VmHWM) before and after: flat memory means the peak does not grow with the file.
 *
 * Env: BENCH_ROWS (1000000), BENCH_ADMIN_URL, BENCH_DATABASE (ll_bench_purchases, recreated).
 */
import http from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

process.env.BENCH_DATABASE ||= 'll_bench_purchases';
const { createApiKey } = await import('../../api/src/accounts/apiKeys.js');
const { insertCompany } = await import('../../api/src/companies/queries.js');
const { benchDatabaseUrl, freshBenchDatabase, loadLine, machineLine, startServerChild } = await import('./setup.js');

const ROWS = Number(process.env.BENCH_ROWS || 1_000_000);
const LINES_PER_CHUNK = 2000;

/** The file, line by line as a spreadsheet export would have it, `LINES_PER_CHUNK` lines per chunk. */
function* csvChunks(header: boolean): Generator<string> {
  if (header) yield 'customer_ref,order_ref,purchased_at,amount,currency,channel\n';
  for (let start = 0; start < ROWS; start += LINES_PER_CHUNK) {
    let chunk = '';
    for (let i = start; i < Math.min(ROWS, start + LINES_PER_CHUNK); i++) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      chunk += `CARD-${i % 200_000},R-${i},2025-${String(1 + (i % 12)).padStart(2, '0')}-${day}T${String(i % 24).padStart(2, '0')}:15:00Z,${i % 500}.${String(i % 100).padStart(2, '0')},EUR,${i % 3 === 0 ? 'web' : 'store'}\n`;
    }
    yield chunk;
  }
}

function postFile(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${url}/api/purchase-imports?fileName=bench.csv`, { method: 'POST', headers: { ...headers, 'content-type': 'text/csv' } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    pipeline(Readable.from(csvChunks(true)), request).catch(reject);
  });
}

async function baselineCopySeconds(): Promise<number> {
  const client = new pg.Client({ connectionString: benchDatabaseUrl() });
  await client.connect();
  try {
    await client.query('create table bench_copy (customer_ref text, order_ref text, purchased_at timestamptz, amount numeric, currency text, channel text)');
    const started = performance.now();
    await pipeline(Readable.from(csvChunks(false)), client.query(copyFrom('copy bench_copy from stdin with (format csv)')));
    return (performance.now() - started) / 1000;
  } finally {
    await client.query('drop table if exists bench_copy');
    await client.end();
  }
}

const database = await freshBenchDatabase();
const companyId = await insertCompany(database.db, { name: 'Bench purchases' });
const { key } = await createApiKey(database.db, companyId, { name: 'bench importer', scopes: ['purchases:write'], createdBy: null });
await database.close();
const headers = { authorization: `Bearer ${key}` };

console.log(`machine: ${await machineLine()}`);
console.log(`${loadLine()} before the run; ${ROWS.toLocaleString('en')} rows`);
const server = await startServerChild();
try {
  const idleRss = server.peakRssMiB();
  const rate = (seconds: number) => `${Math.round(ROWS / seconds).toLocaleString('en')} rows/s`;

  const baseline = await baselineCopySeconds();
  console.log(`baseline COPY FROM STDIN (csv, plain table): ${baseline.toFixed(1)} s, ${rate(baseline)}`);

  let started = performance.now();
  const first = await postFile(server.url, headers);
  const firstSeconds = (performance.now() - started) / 1000;
  if (first.status !== 201) throw new Error(`the import answered ${first.status}: ${first.body.slice(0, 500)}`);
  const firstRecord = JSON.parse(first.body).import;
  const peakAfterFirst = server.peakRssMiB();
  console.log(`import: ${firstSeconds.toFixed(1)} s, ${rate(firstSeconds)} (${(firstSeconds / baseline).toFixed(2)}× the baseline); inserted ${firstRecord.rowsInserted}, unchanged ${firstRecord.rowsUnchanged}`);

  started = performance.now();
  const second = await postFile(server.url, headers);
  const secondSeconds = (performance.now() - started) / 1000;
  if (second.status !== 201) throw new Error(`the re-import answered ${second.status}: ${second.body.slice(0, 500)}`);
  const secondRecord = JSON.parse(second.body).import;
  console.log(`re-import of the same file: ${secondSeconds.toFixed(1)} s, ${rate(secondSeconds)}; inserted ${secondRecord.rowsInserted}, unchanged ${secondRecord.rowsUnchanged}`);
  console.log(`server peak RSS: ${idleRss.toFixed(0)} MiB idle, ${peakAfterFirst.toFixed(0)} MiB after the import, ${server.peakRssMiB().toFixed(0)} MiB after the re-import`);
  console.log(`${loadLine()} after the run`);
} finally {
  await server.stop();
}
