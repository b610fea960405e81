/**
 * Benchmark (issue 17): the saved segment-report states (api/src/analytics/segmentReportState.ts).
 * A year of synthetic respondents (scripts/population, seeded), ~3,000 a day, one state per day for
 * the full and the short template: the JSON size of a day's state, the time to parse and merge 365
 * of them and to finish() the merged report, against feeding the same respondents to one report.
 *
 *   npx tsx scripts/bench/report-state.ts [--per-day 3000] [--days 365] [--write]
 *
 * --write replaces the "## Segment report states (issue 17)" section of docs/BENCHMARKS.md.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Respondent } from '../../api/src/analytics/scoring.js';
import { createSegmentReport, type SegmentReportAccumulator } from '../../api/src/analytics/segmentReport.js';
import { headlineOfState } from '../../api/src/analytics/segmentReportState.js';
import { fullTemplate, shortTemplate } from '../../api/src/model/template.js';
import { generatePopulation } from '../population/index.js';

const HEADING = '## Segment report states (issue 17)';
const DAY_MS = 86_400_000;
const option = (name: string) => {
  const index = process.argv.indexOf(name);
  return index >= 0 ? Number(process.argv[index + 1]) : undefined;
};
const perDay = option('--per-day') ?? 3000;
const days = option('--days') ?? 365;
const start = new Date('2025-01-01T00:00:00Z');

const ms = (work: () => void) => {
  const started = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - started) / 1e6;
};
/** This process's CPU time (user + system), which other load on the machine disturbs less than wall time. */
const cpuMs = (work: () => void) => {
  const started = process.cpuUsage();
  work();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
};
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const kib = (bytes: number) => (bytes / 1024).toFixed(1);
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);

function measure(name: 'full' | 'short') {
  const definition = name === 'full' ? fullTemplate() : shortTemplate();
  const options = { changeEvent: undefined };
  const dayReports: SegmentReportAccumulator[] = Array.from({ length: days }, () => createSegmentReport(definition, options));
  const whole = createSegmentReport(definition, options);
  const population = generatePopulation({ n: perDay * days, seed: 20261202, questions: name, start, end: new Date(start.getTime() + days * DAY_MS) });
  let feedMs = 0;
  for (const synthetic of population) {
    const surveyedAt = synthetic.submittedAt.getTime();
    const respondent: Respondent = { answers: synthetic.answers, surveyedAt, purchases: { purchasedAt: synthetic.purchases.map((p) => p.purchasedAt.getTime()) } };
    const day = Math.min(days - 1, Math.floor((surveyedAt - start.getTime()) / DAY_MS));
    dayReports[day]!.add(respondent);
    const started = process.hrtime.bigint();
    whole.add(respondent);
    feedMs += Number(process.hrtime.bigint() - started) / 1e6;
  }
  const texts = dayReports.map((report) => JSON.stringify(report.state()));
  const sizes = texts.map((text) => Buffer.byteLength(text));
  const heapBefore = process.memoryUsage().heapUsed;
  const parseMs: number[] = [];
  const mergeMs: number[] = [];
  const mergeCpuMs: number[] = [];
  const finishMs: number[] = [];
  const headlineMs: number[] = [];
  let merged = createSegmentReport(definition, options);
  for (let run = 0; run < 5; run++) {
    let states: unknown[] = [];
    parseMs.push(ms(() => (states = texts.map((text) => JSON.parse(text) as unknown))));
    merged = createSegmentReport(definition, options);
    mergeMs.push(ms(() => states.forEach((state) => merged.merge(state as never))));
    const check = createSegmentReport(definition, options);
    mergeCpuMs.push(cpuMs(() => states.forEach((state) => check.merge(state as never))));
    finishMs.push(ms(() => merged.finish()));
    headlineMs.push(ms(() => states.forEach((state) => headlineOfState(state as never))));
  }
  const heapAfter = process.memoryUsage().heapUsed;
  const wholeFinishMs = ms(() => whole.finish());
  const mergedReport = merged.finish();
  if (mergedReport.n !== whole.finish().n) throw new Error('The merged report counts another n than the whole.');
  return {
    name,
    respondents: mergedReport.n,
    dayBytes: median(sizes),
    maxDayBytes: Math.max(...sizes),
    mergedBytes: Buffer.byteLength(JSON.stringify(merged.state())),
    parseMs: median(parseMs),
    mergeMs: median(mergeMs),
    mergeCpuMs: median(mergeCpuMs),
    finishMs: median(finishMs),
    headlineMs: median(headlineMs),
    feedMs,
    wholeFinishMs,
    heapDelta: Math.max(0, heapAfter - heapBefore),
  };
}

const results = [measure('full'), measure('short')];
const rss = process.memoryUsage().rss;
const section = [
  HEADING,
  '',
  `\`npx tsx scripts/bench/report-state.ts --per-day ${perDay} --days ${days} --write\` — ${days} day states of about ${perDay.toLocaleString('en')} synthetic respondents each (scripts/population, seeded, with purchases), median of 5 runs, Node ${process.version}, ${availableParallelism()} CPUs, 1-minute load average ${loadavg()[0]!.toFixed(1)} at the end, ${new Date().toISOString().slice(0, 10)}.`,
  '',
  '| template | respondents | day state (JSON, median / max) | merged state | JSON.parse all | merge all | finish() | headlineOfState all | instead: add() every respondent | its finish() |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...results.map(
    (r) =>
      `| ${r.name} | ${r.respondents.toLocaleString('en')} | ${kib(r.dayBytes)} / ${kib(r.maxDayBytes)} KiB | ${kib(r.mergedBytes)} KiB | ${r.parseMs.toFixed(0)} ms | ${r.mergeMs.toFixed(0)} ms (CPU ${r.mergeCpuMs.toFixed(0)} ms) | ${r.finishMs.toFixed(0)} ms | ${r.headlineMs.toFixed(1)} ms | ${r.feedMs.toFixed(0)} ms | ${r.wholeFinishMs.toFixed(0)} ms |`,
  ),
  '',
  `Peak RSS of the whole run ${mib(rss)} MiB (it holds ${days} live day reports per template while generating); the merged report itself is the size of one accumulator. finish() runs the 1000-resample word-of-mouth bootstrap over the distinct (level, positive, negative) counters, so it grows with their number, not with n. The last two columns feed the same respondents, already in memory, to one report — what a request costs without states before reading a single row from the database; both finish() run the same bootstrap over the same counters. Wall times on a loaded machine (see the load average): compare columns within a row, not with other sections.`,
  '',
].join('\n');
process.stdout.write(`${section}\n`);

if (process.argv.includes('--write')) {
  const path = fileURLToPath(new URL('../../docs/BENCHMARKS.md', import.meta.url));
  const existing = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n\n';
  const at = existing.indexOf(HEADING);
  const after = at < 0 ? -1 : existing.indexOf('\n## ', at + HEADING.length);
  const next = at < 0 ? `${existing.trimEnd()}\n\n${section}` : `${existing.slice(0, at)}${section}${after < 0 ? '' : existing.slice(after + 1)}`;
  writeFileSync(path, next);
}
