/**
 * Benchmark (issue 5): time to score and segment 1,000,000 respondents, and to build the full segment
 * report over them, each as a ratio to a raw baseline measured in the same run — a plain loop that
 * reads and sums the same answers — plus peak RSS. Respondents are generated in memory first with a
 * seeded generator (mulberry32), so every run sees the same data; generation is not timed.
 *
 *   npx tsx scripts/bench/analytics.ts [--respondents 1000000] [--write]
 *
 * --write replaces the "## Analytics (issue 5)" section of docs/BENCHMARKS.md (other sections stay).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Answers } from '../../api/src/model/definition.js';
import { fullTemplate } from '../../api/src/model/template.js';
import { compileScoring, scoreRespondent, type Respondent } from '../../api/src/analytics/scoring.js';
import { loyaltyType, primarySegment, SEGMENTS } from '../../api/src/analytics/segments.js';
import { createSegmentReport } from '../../api/src/analytics/segmentReport.js';
import { mulberry32 } from '../../api/src/analytics/seededRandom.js';

const DAY = 86_400_000;
const HEADING = '## Analytics (issue 5)';
const RUNS = 5;

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}
const count = Number(option('--respondents') ?? 1_000_000);
const write = process.argv.includes('--write');

let peakRss = process.memoryUsage().rss;
const sampleRss = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};

function generate(n: number, seed: number): Respondent[] {
  const random = mulberry32(seed);
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const near = (centre: number, low: number, high: number) => Math.min(high, Math.max(low, centre + between(-1, 1)));
  const exchanges = ['not_delivered', 'partly', 'as_expected', 'exceeded'];
  const resolutions = ['resolved', 'partly', 'not_resolved'];
  const respondents: Respondent[] = new Array(n);
  const start = Date.UTC(2025, 0, 1);
  for (let i = 0; i < n; i++) {
    const attitude = between(1, 5);
    const hadProblem = random() < 0.2;
    const answers: Answers = {
      sat_overall: attitude,
      sat_product: near(attitude, 1, 5),
      sat_service: near(attitude, 1, 5),
      sat_price: between(1, 5),
      expectation: exchanges[Math.min(3, Math.max(0, attitude - 2))]!,
      recommend: near(attitude * 2, 0, 10),
      feel_loss: near(attitude, 1, 5),
      speak_positively: near(attitude, 1, 5),
      repurchase: near(attitude, 1, 5),
      share_of_wallet: between(1, 5),
      stay_vs_competitor: between(1, 5),
      promo_decided: random() < 0.3 ? 'yes' : 'no',
      full_price_return: between(1, 5),
      had_problem: hadProblem ? 'yes' : 'no',
      told_positive: between(0, 3) * attitude,
      told_negative: between(0, 3) * (6 - attitude),
      exp_fidelity: between(1, 5),
      exp_ownership: between(1, 5),
      exp_stability: near(attitude, 1, 5),
      exp_consistency: near(attitude, 1, 5),
    };
    if (hadProblem) {
      answers.problem_resolved = resolutions[between(0, 2)]!;
      answers.gesture_received = random() < 0.5 ? 'yes' : 'no';
    }
    const surveyedAt = start + between(0, 180) * DAY;
    respondents[i] =
      i % 2 === 0
        ? { answers, surveyedAt, purchases: { purchasedAt: [surveyedAt - between(1, 400) * DAY, surveyedAt + between(1, 300) * DAY] } }
        : { answers, surveyedAt };
  }
  return respondents;
}

/** Wall time and this process's CPU time (user + system), which other load on the machine disturbs less. */
function time<T>(work: () => T): { ms: number; cpuMs: number; result: T } {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const result = work();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const used = process.cpuUsage(cpu);
  sampleRss();
  return { ms, cpuMs: (used.user + used.system) / 1000, result };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const definition = fullTemplate();
const questionIds = definition.questions.map((q) => q.id);
const respondents = generate(count, 20250105);
sampleRss();
const rssAfterData = process.memoryUsage().rss;

/** Raw baseline: read every answer of every respondent and sum the numbers. */
function baseline(): number {
  let sum = 0;
  for (const respondent of respondents) {
    const answers = respondent.answers;
    for (const id of questionIds) {
      const answer = answers[id];
      if (typeof answer === 'number') sum += answer;
    }
  }
  return sum;
}

/** Score and segment every respondent (scoring.ts, segments.ts), counting segments. */
function scoreAndSegmentAll(): number[] {
  const model = compileScoring(definition);
  const buffer = new Float64Array(model.items.length);
  const counts = new Array<number>(SEGMENTS.length).fill(0);
  for (const respondent of respondents) {
    const scores = scoreRespondent(model, respondent, buffer);
    const segment = primarySegment(scores, definition.thresholds);
    loyaltyType(scores, definition.thresholds);
    counts[SEGMENTS.indexOf(segment)]!++;
  }
  return counts;
}

let finishMs = 0;
/** The full segment report (segmentReport.ts), 1000 bootstrap resamples; `finishMs` times finish() alone. */
function fullReport(): number {
  const report = createSegmentReport(definition, { changeEvent: { at: Date.UTC(2025, 2, 1) } });
  for (const respondent of respondents) report.add(respondent);
  const started = process.hrtime.bigint();
  const n = report.finish().n;
  finishMs = Number(process.hrtime.bigint() - started) / 1e6;
  return n;
}

const baselineMs: number[] = [];
const scoringMs: number[] = [];
const reportMs: number[] = [];
const finishOnlyMs: number[] = [];
const baselineCpu: number[] = [];
const scoringCpu: number[] = [];
const reportCpu: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const base = time(baseline);
  baselineMs.push(base.ms);
  baselineCpu.push(base.cpuMs);
  const scoring = time(scoreAndSegmentAll);
  scoringMs.push(scoring.ms);
  scoringCpu.push(scoring.cpuMs);
  const report = time(fullReport);
  reportMs.push(report.ms);
  reportCpu.push(report.cpuMs);
  finishOnlyMs.push(finishMs);
}
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const rows = [
  ['raw baseline (read and sum every answer)', median(baselineMs), 1, median(baselineCpu)],
  ['score and segment', median(scoringMs), median(scoringMs) / median(baselineMs), median(scoringCpu)],
  ['full segment report (incl. 1000-resample bootstrap)', median(reportMs), median(reportMs) / median(baselineMs), median(reportCpu)],
  ['… of which finish() (NPS, CSAT, alpha, drivers, bootstrap)', median(finishOnlyMs), median(finishOnlyMs) / median(baselineMs), null],
] as const;
const load = (await import('node:os')).loadavg()[0]!.toFixed(1);
const cpus = (await import('node:os')).availableParallelism();

const section = [
  HEADING,
  '',
  `\`npx tsx scripts/bench/analytics.ts --respondents ${count} --write\` — ${count.toLocaleString('en')} respondents of the full template generated in memory (seeded), median of ${RUNS} runs, Node ${process.version}, ${cpus} CPUs, 1-minute load average ${load} at the end (other work on the machine slows wall time; CPU time is this process's own), ${new Date().toISOString().slice(0, 10)}.`,
  '',
  '| step | wall (ms) | × baseline | CPU (ms) |',
  '|---|---:|---:|---:|',
  ...rows.map(([name, ms, ratio, cpuMs]) => `| ${name} | ${ms.toFixed(0)} | ${ratio.toFixed(2)} | ${cpuMs === null ? '' : cpuMs.toFixed(0)} |`),
  '',
  `Peak RSS ${mb(peakRss)} MiB, of which ${mb(rssAfterData)} MiB is the generated respondents themselves (RSS after generation); the report keeps counters and sufficient statistics only (see the memory model in api/src/analytics/segmentReport.ts). Budget (DESIGN.md): full segment report on 1,000,000 responses ≤ 1.5 s. The baseline is a plain JavaScript loop, not the budget's SQL aggregate (that needs the database; see the ingest/export benches).`,
  '',
].join('\n');
process.stdout.write(`${section}\n`);

if (write) {
  const path = fileURLToPath(new URL('../../docs/BENCHMARKS.md', import.meta.url));
  const existing = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n\n';
  const start = existing.indexOf(HEADING);
  let next: string;
  if (start < 0) {
    next = `${existing.trimEnd()}\n\n${section}`;
  } else {
    const after = existing.indexOf('\n## ', start + HEADING.length);
    next = `${existing.slice(0, start)}${section}${after < 0 ? '' : existing.slice(after + 1)}`;
  }
  writeFileSync(path, next);
}
