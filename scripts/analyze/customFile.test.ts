import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SegmentReport } from '../../api/src/analytics/segmentReport.js';
import { pearson } from '../../api/src/analytics/correlation.js';
import { csvHeader } from '../../api/src/exports/csv.js';
import { fullTemplate } from '../../api/src/model/template.js';
import { runAnalyze } from './runAnalyze.js';
import type { RunSummary } from './runSummary.js';

const folder = mkdtempSync(join(tmpdir(), 'analyze-custom-'));
function file(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}
async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runAnalyze(argv, { write: (text: string) => (stdout += text) }, { write: (text: string) => (stderr += text) });
  return { code, stdout, stderr };
}
type Report = SegmentReport & { analyze: RunSummary };
const countsOf = (report: SegmentReport) => Object.fromEntries(report.segments.map((s) => [s.segment, s.share.successes]));

/** Parse the simple CSV the respondents file is (one quoted id in this test). */
function rowsOf(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trimEnd().split('\n');
  const split = (line: string) => line.match(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)!.slice(0, header!.split(',').length).map((cell) => cell.replace(/,$/, '').replace(/^"|"$/g, '').replaceAll('""', '"'));
  const names = split(header!);
  return lines.map((line) => Object.fromEntries(split(line).map((cell, i) => [names[i]!, cell])));
}

// Every satisfaction, attachment and return item runs 1–10; "Q3 switch" is reversed (10 = would switch).
const CUSTOM_MAPPING = {
  Wave: null,
  'Q1 overall': { question: 'sat_overall', scale: [1, 10] },
  'Q2 value': { construct: 'satisfaction', scale: [1, 10] },
  'Q3 switch': { construct: 'behavioural', scale: [1, 10], reversed: true },
  NPS: { question: 'recommend' },
  Attach: { question: 'feel_loss', scale: [1, 10] },
  Again: { question: 'repurchase', scale: [1, 10] },
  'Promo?': { question: 'promo_decided', values: { Y: 'yes', N: 'no' } },
  Full: { question: 'full_price_return', scale: [1, 10] },
  Exp: { question: 'expectation', values: { '1': 'not_delivered', '2': 'partly', '3': 'as_expected', '4': 'exceeded' } },
};
const CUSTOM_CSV = [
  'Resp ID,Wave,Q1 overall,Q2 value,Q3 switch,NPS,Attach,Again,Promo?,Full,Exp',
  'R1,w1,10,10,1,10,10,10,N,10,4',
  'R2,w1,7,8,4,5,4,6,Y,2,2',
  'R3,w1,9,10,7,6,5,5,N,8,3',
  'R4,w2,3,2,1,3,2,9,N,5,1',
  'R5,w2,2,3,9,1,1,2,Y,9,1',
  '"R,6",w2,8,,,9,,,,,',
].join('\n');

// Scored by hand: an item on 1–10 is (x − 1)/9, reversed (10 − x)/9; recommend is x/10 (0–10).
// S = mean(Q1, Q2), E = mean(NPS, Attach), B = mean(Q3 reversed, Again); D = promo yes and Full < 0.5.
const EXPECTED = [
  { id: 'R1', s: 1, e: 1, b: 1, d: 'false', segment: 'loyal', type: 'true', reason: '' },
  { id: 'R2', s: (6 / 9 + 7 / 9) / 2, e: (0.5 + 3 / 9) / 2, b: (6 / 9 + 5 / 9) / 2, d: 'true', segment: 'price_hunter', type: 'none', reason: '' },
  { id: 'R3', s: (8 / 9 + 1) / 2, e: (0.6 + 4 / 9) / 2, b: (3 / 9 + 4 / 9) / 2, d: 'false', segment: 'satisfied_not_loyal', type: 'none', reason: '' },
  { id: 'R4', s: (2 / 9 + 1 / 9) / 2, e: (0.3 + 1 / 9) / 2, b: (1 + 8 / 9) / 2, d: 'false', segment: 'hostage', type: 'spurious', reason: '' },
  { id: 'R5', s: (1 / 9 + 2 / 9) / 2, e: (0.1 + 0) / 2, b: (1 / 9 + 1 / 9) / 2, d: 'false', segment: 'defector', type: 'none', reason: '' },
  // Half of S and of E answered is enough; no return item answered leaves B missing.
  { id: 'R,6', s: 7 / 9, e: 0.9, b: null, d: '', segment: 'unclassified', type: 'unknown', reason: 'behavioural:too_few_items' },
];

// The same respondents on the template's own 1–5 questions, the custom items as sat_product and stay_vs_competitor.
const TEMPLATE_CSV = [
  'sat_overall,sat_product,stay_vs_competitor,recommend,feel_loss,repurchase,promo_decided,full_price_return,expectation',
  '5,5,5,10,5,5,no,5,exceeded',
  '4,4,3,5,2,3,yes,1,partly',
  '5,5,2,6,3,2,no,4,as_expected',
  '1,1,5,3,1,5,no,3,not_delivered',
  '1,2,1,1,1,1,yes,5,not_delivered',
  '4,,,9,,,,,',
].join('\n');

describe('a file on 1–10 scales with custom items and an id column', async () => {
  const input = file('custom.csv', `${CUSTOM_CSV}\n`);
  const mapping = file('custom.json', JSON.stringify(CUSTOM_MAPPING));
  const out = join(folder, 'respondents.csv');
  const json = await run(['--input', input, '--mapping', mapping, '--id', 'Resp ID', '--respondents', out, '--json']);
  const report = JSON.parse(json.stdout || '{}') as Report;

  it('runs', () => {
    expect([json.code, json.stderr]).toEqual([0, '']);
    expect(report.n).toBe(6);
    expect(report.analyze).toMatchObject({ columns: 11, leftOut: ['Wave'], idColumn: 'Resp ID' });
  });

  it('scores every respondent as by hand, in the --respondents file', () => {
    const rows = rowsOf(readFileSync(out, 'utf8'));
    expect(Object.keys(rows[0]!)).toEqual(['Resp ID', 'score_s', 'score_e', 'score_b', 'discount_dependent', 'exchange_type', 'segment', 'loyalty_type', 'unclassified_reason']);
    expect(rows.map((row) => row['Resp ID'])).toEqual(EXPECTED.map((e) => e.id));
    rows.forEach((row, i) => {
      const expected = EXPECTED[i]!;
      for (const [column, value] of [['score_s', expected.s], ['score_e', expected.e], ['score_b', expected.b]] as const) {
        if (value === null) expect(row[column]).toBe('');
        else expect(Number(row[column])).toBeCloseTo(value, 11);
      }
      expect([row.discount_dependent, row.segment, row.loyalty_type, row.unclassified_reason]).toEqual([expected.d, expected.segment, expected.type, expected.reason]);
    });
    expect(rows.map((row) => row.exchange_type)).toEqual(['pleasant_surprise', 'partial', 'equal', 'criminal', 'criminal', '']);
  });

  it('counts in the report the segments the respondents file gives', () => {
    const rows = rowsOf(readFileSync(out, 'utf8'));
    const fromFile = Object.fromEntries(report.segments.map((s) => [s.segment, rows.filter((row) => row.segment === s.segment).length]));
    expect(countsOf(report)).toEqual(fromFile);
    expect(countsOf(report)).toEqual({ loyal: 1, price_hunter: 1, satisfied_not_loyal: 1, hostage: 1, defector: 1, unclassified: 1 });
    // recommend 10, 5, 6, 3, 1, 9: two promoters, four detractors.
    expect(report.nps?.nps).toBeCloseTo(((2 - 4) / 6) * 100, 12);
  });

  it("gives the satisfaction-against-loyalty block the respondents file's scores", () => {
    const rows = rowsOf(readFileSync(out, 'utf8'));
    const both = rows.filter((row) => row.score_s !== '' && row.score_e !== '');
    const expected = pearson(both.map((row) => Number(row.score_s)), both.map((row) => Number(row.score_e)));
    const block = report.satisfactionLoyalty;
    expect(block.emotional?.n).toBe(6);
    expect(block.emotional?.pearson.r).toBeCloseTo(expected.r!, 10);
    expect(block.behavioural?.n).toBe(5);
    // Satisfied (S ≥ 0.75) and classified: R1 (loyal) and R3 (satisfied but not loyal).
    expect([block.notLoyalAmongSatisfied?.successes, block.notLoyalAmongSatisfied?.n]).toEqual([1, 2]);
  });

  it('counts the custom items in the construct reliability and the drivers', () => {
    const satisfaction = report.reliability.find((r) => r.construct === 'satisfaction')!;
    expect(satisfaction.items).toEqual(['sat_overall', 'q2_value']);
    expect(report.reliability.find((r) => r.construct === 'behavioural')!.items).toEqual(['repurchase', 'q3_switch']);
    // Cronbach's alpha of two items: 2·(1 − (var₁ + var₂)/var(sum)) over the five complete cases.
    const q1 = [9, 6, 8, 2, 1].map((x) => x / 9);
    const q2 = [9, 7, 9, 1, 2].map((x) => x / 9);
    const variance = (values: number[]) => {
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      return values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1);
    };
    const alpha = 2 * (1 - (variance(q1) + variance(q2)) / variance(q1.map((x, i) => x + q2[i]!)));
    expect(satisfaction.result.n).toBe(5);
    expect(satisfaction.result.alpha).toBeCloseTo(alpha, 10);
    expect(report.drivers.predictors).toEqual(['q2_value', 'expectation']);
  });

  it('reads CSAT top box on the declared 1–10 scale (10) and top-2 (9–10), the mean also on 0..1', () => {
    // Q1 overall: 10, 7, 9, 3, 2, 8.
    expect(report.csat?.topBox.successes).toBe(1);
    expect(report.csat?.topTwoBox.successes).toBe(2);
    expect(report.analyze.csat?.mean).toBeCloseTo(39 / 6, 12);
    expect(report.analyze.csat?.unitMean).toBeCloseTo((39 / 6 - 1) / 9, 12);
  });

  it('gives the same segments as the same respondents in template form', async () => {
    const template = await run(['--input', file('template.csv', `${TEMPLATE_CSV}\n`), '--respondents', join(folder, 'template-out.csv'), '--json']);
    expect(template.code).toBe(0);
    expect(countsOf(JSON.parse(template.stdout) as SegmentReport)).toEqual(countsOf(report));
    const rows = rowsOf(readFileSync(join(folder, 'template-out.csv'), 'utf8'));
    expect(rows.map((row) => row.segment)).toEqual(EXPECTED.map((e) => e.segment));
    expect(rows.map((row) => row.row)).toEqual(['1', '2', '3', '4', '5', '6']);
  });

  it('prints the terminal report with the columns left out and the custom items by their column names', async () => {
    const { code, stdout } = await run(['--input', input, '--mapping', mapping, '--id', 'Resp ID', '--lang', 'et']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Välja jäetud veerud: 1 \("Wave"\)/);
    expect(stdout).toMatch(/q2_value \("Q2 value"\)/);
    expect(stdout).toMatch(/Rahulolukõver/);
    expect(stdout).toMatch(/keskmine skaalal 0–1: 0,61/);
    expect(stdout).toMatch(/Rahulolu ja lojaalsus \(rahul: S ≥ τS.*\n {2}.*\(E\), n = 6\n {4}Pearsoni r = /);
    expect(stdout).toMatch(/Mittelojaalsed rahulolevate seas: 50,0% \[.*\] n = 2/);
  });
});

describe("the platform's own export", () => {
  const definition = fullTemplate();
  const ids = definition.questions.map((q) => q.id);
  // GET /api/surveys/:id/export.csv: BOM and header as csvHeader writes them, the fixed columns, the
  // question ids, and score columns the export may add; unanswered cells empty.
  const extra = ['score_s', 'score_e', 'score_b', 'segment'];
  const header = csvHeader(['response_id', 'submitted_at', 'language', 'survey_version', 'customer_ref', ...ids, ...extra]);
  const answers: Record<string, string>[] = [
    { sat_overall: '5', sat_product: '5', recommend: '10', feel_loss: '5', repurchase: '5', stay_vs_competitor: '5', promo_decided: 'no', full_price_return: '5', comment: 'Great, "really"' },
    { sat_overall: '4', sat_product: '4', recommend: '6', feel_loss: '3', repurchase: '2', stay_vs_competitor: '2', promo_decided: 'no', full_price_return: '4' },
    { sat_overall: '2', recommend: '3', repurchase: '5', stay_vs_competitor: '5', promo_decided: 'yes', full_price_return: '1', had_problem: 'yes', problem_resolved: 'resolved' },
  ];
  const cell = (text: string) => (/[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  const lines = answers.map((row, i) =>
    [`00000000-0000-4000-8000-00000000000${i}`, `2024-06-0${i + 1}T10:00:00.000Z`, 'en', '1', i === 0 ? 'CRM-1' : '', ...ids.map((id) => cell(row[id] ?? '')), '0.5', '0.5', '0.5', 'loyal'].join(','),
  );
  const exported = file('export.csv', `${header}${lines.join('\n')}\n`);
  const nulls = Object.fromEntries(['submitted_at', 'language', 'survey_version', 'customer_ref', ...extra].map((column) => [column, null]));

  it('goes through analyze with its extra columns mapped to null and response_id as the id', async () => {
    const out = join(folder, 'export-respondents.csv');
    const mapping = file('export.json', JSON.stringify(nulls));
    const { code, stdout, stderr } = await run(['--input', exported, '--mapping', mapping, '--id', 'response_id', '--respondents', out, '--json']);
    expect([code, stderr]).toEqual([0, '']);
    const report = JSON.parse(stdout) as Report;
    expect(report.n).toBe(3);
    expect(report.analyze.leftOut).toEqual(['submitted_at', 'language', 'survey_version', 'customer_ref', ...extra]);
    const plain = `${ids.join(',')}\n${answers.map((row) => ids.map((id) => cell(row[id] ?? '')).join(',')).join('\n')}\n`;
    const direct = JSON.parse((await run(['--input', file('export-direct.csv', plain), '--json'])).stdout) as SegmentReport;
    expect(countsOf(report)).toEqual(countsOf(direct));
    expect(rowsOf(readFileSync(out, 'utf8')).map((row) => row.response_id)).toEqual(answers.map((_, i) => `00000000-0000-4000-8000-00000000000${i}`));
  });

  it('stops on the same export without the mapping, naming the first extra column', async () => {
    const { code, stdout, stderr } = await run(['--input', exported]);
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toMatch(/line 1, column 1: Unknown column "response_id"/);
  });
});

describe('a file without attachment items', () => {
  it('leaves the E part of satisfaction against loyalty out with a warning and prints the rest', async () => {
    const csv = 'Overall,Again,Stay\n5,5,5\n2,3,2\n4,4,5\n3,2,2\n5,2,1\n';
    const mapping = file('no-e.json', JSON.stringify({ Overall: 'sat_overall', Again: 'repurchase', Stay: 'stay_vs_competitor' }));
    const input = file('no-e.csv', csv);
    const json = JSON.parse((await run(['--input', input, '--mapping', mapping, '--json'])).stdout) as Report;
    expect(json.satisfactionLoyalty.emotional).toBeNull();
    expect(json.satisfactionLoyalty.behavioural?.n).toBe(5);
    expect(json.warnings).toContainEqual(expect.objectContaining({ part: 'satisfaction_loyalty', code: 'SATISFACTION_LOYALTY_NO_SCORES' }));
    const { stdout } = await run(['--input', input, '--mapping', mapping]);
    expect(stdout).toMatch(/Satisfaction against loyalty .*\n {2}Return \(B\), n = 5\n/);
    expect(stdout).not.toMatch(/Attachment \(E\), n =/);
    expect(stdout).toMatch(/\[SATISFACTION_LOYALTY_NO_SCORES\] Satisfaction against loyalty: /);
  });
});

describe('custom items of attachment and of the loyalist expectations', () => {
  it('join E and the loyalist expectations: the score, the reliability and the means by segment', async () => {
    const csv = 'Overall,Again,Stay,Love,Miss,Trust,Fair\n5,5,5,7,6,4,5\n2,3,2,2,1,2,1\n4,4,5,6,7,5,5\n3,2,2,3,2,1,2\n';
    const mapping = {
      Overall: 'sat_overall',
      Again: 'repurchase',
      Stay: 'stay_vs_competitor',
      Love: { construct: 'emotional', scale: [1, 7] },
      Miss: { construct: 'emotional', scale: [1, 7] },
      Trust: { construct: 'loyalist_expectations', scale: [1, 5] },
      Fair: { construct: 'loyalist_expectations', scale: [1, 5] },
    };
    const out = join(folder, 'emotional-out.csv');
    const { code, stdout } = await run(['--input', file('emotional.csv', csv), '--mapping', file('emotional.json', JSON.stringify(mapping)), '--respondents', out, '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Report;
    expect(report.reliability.map((r) => [r.construct, r.items])).toEqual([
      ['emotional', ['love', 'miss']],
      ['behavioural', ['repurchase', 'stay_vs_competitor']],
      ['loyalist_expectations', ['trust', 'fair']],
    ]);
    expect(report.loyalistExpectations.items).toEqual(['trust', 'fair']);
    // E of the first respondent: (6/6 + 5/6) / 2; no recommend question, so no NPS.
    expect(Number(rowsOf(readFileSync(out, 'utf8'))[0]!.score_e)).toBeCloseTo(11 / 12, 11);
    expect(report.nps).toBeNull();
    const all = report.loyalistExpectations.bySegment.find((s) => s.segment === 'all')!;
    expect(all.scores[0]!.score.mean).toBeCloseTo((3 / 4 + 1 / 4 + 1 + 0) / 4, 12);
  });
});
