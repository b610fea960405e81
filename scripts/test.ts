/**
 * `npm test`: builds the web app if stale (the browser test serves it), runs every vitest project
 * (api, scripts, test/ on PGlite and PostgreSQL, browser, web), and ends with one line
 * `N passed, N failed[, N skipped]` read from vitest's JSON report. Extra arguments go to vitest.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureWebBuild } from './webBuild.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const REPORT = path.join(ROOT, 'test-results', 'vitest.json');

interface VitestJsonReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { name: string; status: string; assertionResults: { status: string }[]; message?: string }[];
}

try {
  ensureWebBuild();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

fs.rmSync(REPORT, { force: true });
const vitest = spawnSync(
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${REPORT}`, ...process.argv.slice(2)],
  { cwd: ROOT, stdio: 'inherit' },
);

if (!fs.existsSync(REPORT)) {
  console.error(`vitest wrote no report (exit ${vitest.status ?? vitest.signal}).`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const report = JSON.parse(fs.readFileSync(REPORT, 'utf8')) as VitestJsonReport;
// A test file that fails outside its tests — an import error, or a beforeAll hook that throws (vitest then
// reports the file's tests as skipped, not failed) — has no failed assertion: count it as one failure.
const brokenFiles = report.testResults.filter((file) => file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed'));
for (const file of brokenFiles) console.error(`FAILED OUTSIDE ITS TESTS (import or hook): ${path.relative(ROOT, file.name)}\n${file.message ?? ''}`);
const failed = report.numFailedTests + brokenFiles.length;
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`${report.numPassedTests} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || vitest.status !== 0 ? 1 : 0);
