/**
 * Benchmark (issue 19): the analyze CLI against R on the same file in the same run. Writes (once, kept
 * in the temp folder; the same bytes every time) a CSV of 1,002,000 respondents of the full template
 * from the seeded population generator, then times, alternately, `npm run analyze`'s launcher
 * (scripts/analyzeLaunch.mjs: the esbuild bundle, built beforehand) and
 * `Rscript scripts/bench/analyze-vs-r.R` (data.table::fread, segments, NPS and psych::alpha per
 * DESIGN.md), each under /usr/bin/time for wall time, CPU time and peak RSS. Prints both, the ratio, and
 * whether the two agree on segment counts, NPS and alpha. Exit 1 when over budget (slower than R, or
 * more than 250 MB peak RSS). CI does not run it; it installs R with apt-get when R is missing.
 *
 *   npx tsx scripts/bench/analyze-vs-r.ts [--respondents 1002000] [--runs 2] [--cpu-prof DIR]
 *
 * --cpu-prof DIR adds one profiled CLI run (not timed) writing a .cpuprofile to DIR.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeAnswersCsv } from './answersCsv.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SEED = 20261202;
const RSS_BUDGET_MB = 250;

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}
const respondents = Number(option('--respondents') ?? 1_002_000);
const runs = Number(option('--runs') ?? 2);
const profileDir = option('--cpu-prof');

function ensureR(): void {
  const probe = spawnSync('Rscript', ['-e', 'suppressPackageStartupMessages({library(data.table); library(psych)})'], { stdio: 'ignore' });
  if (probe.status === 0) return;
  console.log('R with data.table and psych is missing: apt-get install -y r-base-core r-cran-data.table r-cran-psych');
  execFileSync('apt-get', ['update'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', 'r-base-core', 'r-cran-data.table', 'r-cran-psych'], { stdio: 'inherit' });
}

interface Timed {
  wallS: number;
  cpuS: number;
  peakMb: number;
  stdout: string;
}

/** One run under /usr/bin/time -f: wall seconds, user + system seconds, max RSS in KiB. */
function timed(command: string, args: string[]): Timed {
  const statsFile = join(tmpdir(), `analyze-vs-r-time-${process.pid}.txt`);
  const result = spawnSync('/usr/bin/time', ['-o', statsFile, '-f', '%e %U %S %M', command, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  const [wall, user, system, kib] = readFileSync(statsFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  return { wallS: wall!, cpuS: user! + system!, peakMb: (kib! * 1024) / 1e6, stdout: result.stdout };
}

interface Figures {
  n: number;
  segments: Record<string, number>;
  nps: number;
  alpha: Record<string, number>;
}

function cliFigures(json: string): Figures {
  const report = JSON.parse(json) as {
    n: number;
    segments: { segment: string; share: { successes: number } }[];
    nps: { nps: number };
    reliability: { construct: string; result: { alpha: number } }[];
  };
  return {
    n: report.n,
    segments: Object.fromEntries(report.segments.map((s) => [s.segment, s.share.successes])),
    nps: report.nps.nps,
    alpha: Object.fromEntries(report.reliability.map((r) => [r.construct, r.result.alpha])),
  };
}

function agree(a: Figures, b: Figures): string[] {
  const close = (x: number, y: number) => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
  const problems: string[] = [];
  if (a.n !== b.n) problems.push(`n ${a.n} ≠ ${b.n}`);
  for (const [segment, count] of Object.entries(b.segments)) if (a.segments[segment] !== count) problems.push(`${segment} ${a.segments[segment]} ≠ ${count}`);
  if (!close(a.nps, b.nps)) problems.push(`NPS ${a.nps} ≠ ${b.nps}`);
  for (const [construct, alpha] of Object.entries(b.alpha)) if (!close(a.alpha[construct] ?? Number.NaN, alpha)) problems.push(`alpha ${construct} ${a.alpha[construct]} ≠ ${alpha}`);
  return problems;
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

ensureR();
const file = join(tmpdir(), `analyze-vs-r-${respondents}-${SEED}.csv`);
if (!existsSync(file) || statSync(file).size === 0) {
  const started = Date.now();
  await writeAnswersCsv(file, respondents, SEED);
  console.log(`Wrote ${file} (${respondents.toLocaleString('en')} respondents) in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
const megabytes = statSync(file).size / 1e6;

// Build (or check) the bundle outside the timed runs: a tiny file through the launcher.
const tiny = join(tmpdir(), `analyze-vs-r-tiny-${process.pid}.csv`);
writeFileSync(tiny, 'sat_overall,recommend\n5,10\n');
execFileSync(process.execPath, ['scripts/analyzeLaunch.mjs', '--input', tiny], { cwd: ROOT, stdio: 'ignore' });

const cli: Timed[] = [];
const r: Timed[] = [];
for (let run = 0; run < runs; run++) {
  cli.push(timed(process.execPath, ['scripts/analyzeLaunch.mjs', '--input', file, '--json']));
  r.push(timed('Rscript', ['scripts/bench/analyze-vs-r.R', file]));
}
if (profileDir !== undefined) {
  mkdirSync(profileDir, { recursive: true });
  execFileSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, 'dist/analyze/analyze.js', '--input', file, '--json'], {
    cwd: ROOT,
    stdio: 'ignore',
  });
}

const problems = agree(cliFigures(cli[0]!.stdout), JSON.parse(r[0]!.stdout.trim().split('\n').pop()!) as Figures);
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const cliWall = median(cli.map((t) => t.wallS));
const rWall = median(r.map((t) => t.wallS));
const cliPeak = Math.max(...cli.map((t) => t.peakMb));
const line = (name: string, times: Timed[]) =>
  `| ${name} | ${times.map((t) => t.wallS.toFixed(2)).join(' / ')} | ${times.map((t) => t.cpuS.toFixed(2)).join(' / ')} | ${Math.max(...times.map((t) => t.peakMb)).toFixed(0)} |`;
console.log(`\n${respondents.toLocaleString('en')} respondents, ${megabytes.toFixed(1)} MB; Node ${process.version}; load average ${load} (end)\n`);
console.log('| tool | wall (s), each run | CPU (s), each run | peak RSS (MB) |');
console.log('|---|---:|---:|---:|');
console.log(line('analyze CLI (bundle)', cli));
console.log(line('R (data.table + psych)', r));
console.log(`\nRatio CLI / R (median wall): ${(cliWall / rWall).toFixed(2)}; CPU: ${(median(cli.map((t) => t.cpuS)) / median(r.map((t) => t.cpuS))).toFixed(2)}`);
console.log(problems.length === 0 ? 'Figures agree (segment counts exactly; NPS and alpha to 1e-9).' : `FIGURES DIFFER: ${problems.join('; ')}`);
const over = [cliWall >= rWall ? 'slower than R' : null, cliPeak > RSS_BUDGET_MB ? `peak RSS ${cliPeak.toFixed(0)} MB > ${RSS_BUDGET_MB} MB` : null].filter(Boolean);
console.log(over.length === 0 ? 'Budget: pass (faster than R, ≤ 250 MB).' : `Budget: FAIL (${over.join(', ')})`);
process.exitCode = over.length === 0 && problems.length === 0 ? 0 : 1;
