import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { SegmentReport } from '../../api/src/analytics/segmentReport.js';
import { runAnalyze } from './runAnalyze.js';

const folder = mkdtempSync(join(tmpdir(), 'analyze-'));
function file(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}
const HEADER = 'sat_overall,sat_product,recommend,feel_loss,repurchase,stay_vs_competitor,promo_decided,full_price_return';
const GOOD = file('good.csv', `${HEADER}\n5,5,10,5,5,5,no,5\n4,4,6,3,2,2,no,4\n2,2,3,2,5,5,yes,1\n5,,9,,,,,\n`);

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runAnalyze(argv, { write: (text: string) => (stdout += text) }, { write: (text: string) => (stderr += text) });
  return { code, stdout, stderr };
}

describe('runAnalyze', () => {
  it('prints a readable report of a good file', async () => {
    const { code, stdout, stderr } = await run(['--input', GOOD]);
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toMatch(/Respondents: 4/);
    // 1 loyal of the 3 classified respondents; the unclassified one is a share of all 4.
    expect(stdout).toMatch(/Loyal\s+33\.3%/);
    expect(stdout).toMatch(/Unclassified\s+25\.0%/);
    expect(stdout).toMatch(/NPS \(95% interval\)/);
  });

  it('scores a short-template file by the questions it asked, not as half-unanswered full surveys', async () => {
    const short = file(
      'short.csv',
      'sat_overall,recommend,repurchase,stay_vs_competitor,promo_decided,full_price_return\n5,10,5,5,no,5\n5,6,2,2,no,4\n2,3,5,5,no,2\n',
    );
    const { code, stdout } = await run(['--input', short, '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as SegmentReport;
    const counts = Object.fromEntries(report.segments.map((s) => [s.segment, s.share.successes]));
    expect(counts).toMatchObject({ loyal: 1, satisfied_not_loyal: 1, hostage: 1, unclassified: 0 });
  });

  it('prints the report as JSON with --json, with the thresholds given', async () => {
    const { code, stdout } = await run(['--input', GOOD, '--json', '--thresholds', '0.5,0.5,0.5']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as SegmentReport;
    expect(report.n).toBe(4);
    expect(report.thresholds).toEqual({ satisfaction: 0.5, emotional: 0.5, behavioural: 0.5 });
  });

  it('writes the labels in the language asked for', async () => {
    const { stdout } = await run(['--input', GOOD, '--lang', 'ru']);
    expect(stdout).toMatch(/Лояльные/);
    expect(stdout).toMatch(/\[SMALL_SAMPLE\] NPS: Мало ответов \(n = 4, меньше 30\)/);
    expect(stdout).not.toMatch(/Few answers/);
  });

  it('keeps an English message beside each warning code in the JSON, for scripts', async () => {
    const { stdout } = await run(['--input', GOOD, '--json']);
    const warnings = (JSON.parse(stdout) as { warnings: { part: string; code: string; message: string }[] }).warnings;
    expect(warnings).toContainEqual(expect.objectContaining({ part: 'nps', code: 'SMALL_SAMPLE', message: expect.stringMatching(/^Few answers \(n = 4/) }));
  });

  it('reads columns through a mapping file', async () => {
    const csv = file('mapped.csv', 'Overall,Recommend,Again,Stay,Promo,FullPrice\n5,10,5,5,no,5\n');
    const mapping = file('map.json', JSON.stringify({ Overall: 'sat_overall', Recommend: 'recommend', Again: 'repurchase', Stay: 'stay_vs_competitor', Promo: 'promo_decided', FullPrice: 'full_price_return' }));
    const { code, stdout } = await run(['--input', csv, '--mapping', mapping, '--json']);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as SegmentReport).n).toBe(1);
  });

  it.each([
    ['an out-of-range value', `${HEADER}\n5,5,10,5,5,5,no,5\n5,5,12,5,5,5,no,5\n`, /line 3, column 3: recommend: 12 is outside 0–10/],
    ['an unknown column', 'sat_overall,age\n5,40\n', /line 1, column 2: Unknown column "age"/],
    ['a bad choice', `${HEADER}\n5,5,10,5,5,5,perhaps,5\n`, /line 2, column 7: promo_decided: "perhaps"/],
    ['broken CSV', `${HEADER}\n5,"5,10\n`, /not valid CSV/],
    ['an empty file', '', /The file is empty/],
  ])('stops with exit code 2 and nothing on stdout for %s', async (_name, text, message) => {
    const { code, stdout, stderr } = await run(['--input', file(`bad-${_name.replaceAll(' ', '-')}.csv`, text)]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });

  it('stops with exit code 2 on a file that cannot be read and on a bad flag', async () => {
    expect((await run(['--input', join(folder, 'missing.csv')])).stderr).toMatch(/Cannot read the file \(ENOENT\)/);
    expect((await run(['--input', GOOD, '--lang', 'fr'])).code).toBe(2);
    expect((await run(['--input', GOOD, '--mapping', join(folder, 'missing.json')])).stderr).toMatch(/Cannot read the mapping file/);
  });
});

describe('the analyze CLI', () => {
  it('exits with code 2 and a line/column message on a bad file, printing nothing to stdout', async () => {
    const bad = file('cli-bad.csv', `${HEADER}\n5,5,10,5,5,5,no,5\n9,5,10,5,5,5,no,5\n`);
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const tsx = join(root, 'node_modules', '.bin', 'tsx');
    const failure = await promisify(execFile)(tsx, ['scripts/analyze.ts', '--input', bad], { cwd: root }).then(
      () => null,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stdout).toBe('');
    expect(failure?.stderr).toMatch(/cli-bad\.csv, line 3, column 1: sat_overall: 9 is outside 1–5/);
  });
});
