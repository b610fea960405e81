import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fullTemplate } from '../../api/src/model/template.js';
import { parseMapping } from './mapping.js';
import { runAnalyze } from './runAnalyze.js';

const folder = mkdtempSync(join(tmpdir(), 'analyze-mapping-'));
let files = 0;
function file(text: string, extension = 'csv'): string {
  const path = join(folder, `${++files}.${extension}`);
  writeFileSync(path, text);
  return path;
}
async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runAnalyze(argv, { write: (text: string) => (stdout += text) }, { write: (text: string) => (stderr += text) });
  return { code, stdout, stderr };
}

const HEADER = 'Resp ID,Q1 overall,Q2 value,NPS,Promo?';
const GOOD_ROW = 'A1,9,5,10,Y';
const MAPPING = {
  'Resp ID': null,
  'Q1 overall': { question: 'sat_overall', scale: [1, 10] },
  'Q2 value': { construct: 'satisfaction', scale: [1, 7] },
  NPS: { question: 'recommend' },
  'Promo?': { question: 'promo_decided', values: { Y: 'yes', N: 'no' } },
};

describe('parseMapping', () => {
  const definition = fullTemplate();
  it('reads every form', () => {
    const mapping = parseMapping(JSON.stringify({ ...MAPPING, Old: 'repurchase', Stay: { construct: 'behavioural', scale: [1, 7], reversed: true } }), definition);
    expect(Object.fromEntries(mapping)).toEqual({
      'Resp ID': { kind: 'skip' },
      'Q1 overall': { kind: 'question', question: 'sat_overall', scale: { min: 1, max: 10 }, values: null },
      'Q2 value': { kind: 'custom', construct: 'satisfaction', scale: { min: 1, max: 7 }, reversed: false },
      NPS: { kind: 'question', question: 'recommend', scale: null, values: null },
      'Promo?': { kind: 'question', question: 'promo_decided', scale: null, values: { Y: 'yes', N: 'no' } },
      Old: { kind: 'question', question: 'repurchase', scale: null, values: null },
      Stay: { kind: 'custom', construct: 'behavioural', scale: { min: 1, max: 7 }, reversed: true },
    });
  });
  it('keeps a template scale declared as it is in the template form', () => {
    expect(parseMapping('{"A": {"question": "sat_overall", "scale": [1, 5]}}', definition).get('A')).toEqual({ kind: 'question', question: 'sat_overall', scale: null, values: null });
  });
  it('refuses JSON that is not an object', () => {
    expect(() => parseMapping('["sat_overall"]', definition)).toThrow(/must be a JSON object/);
    expect(() => parseMapping('{', definition)).toThrow(/not valid JSON/);
  });
});

describe('every mapping error: exit 2, nothing on stdout, a message naming the column', () => {
  it.each<[string, Record<string, unknown>, string, RegExp, string[]?]>([
    ['a value outside the declared scale', MAPPING, 'A2,9,9,10,Y', /line 3, column 3: "Q2 value": 9 is outside the declared scale 1–7\.$/m],
    ['a value outside a question\'s declared scale', MAPPING, 'A2,11,5,10,Y', /column 2: "Q1 overall" \(sat_overall\): 11 is outside the declared scale 1–10\./],
    ['a code the values do not list', MAPPING, 'A2,9,5,10,yes', /column 5: "Promo\?" \(promo_decided\): "yes" is not one of Y, N\./],
    ['a recommend scale that does not fit 0–10', { ...MAPPING, NPS: { question: 'recommend', scale: [0, 100] } }, GOOD_ROW, /"NPS": the NPS needs 0–10 answers, and the declared scale 0–100 does not fit 0–10 as it is/],
    ['a scale on a choice question', { ...MAPPING, 'Promo?': { question: 'promo_decided', scale: [1, 2] } }, GOOD_ROW, /"Promo\?": promo_decided is a choice question, not a scale/],
    ['values on a scale question', { ...MAPPING, NPS: { question: 'recommend', values: { a: 'b' } } }, GOOD_ROW, /"NPS": recommend is a scale question; "values" is for choice questions/],
    ['values onto no option', { ...MAPPING, 'Promo?': { question: 'promo_decided', values: { Y: 'si' } } }, GOOD_ROW, /"Promo\?": "values" sends "Y" to "si", which is not an option of promo_decided/],
    ['a custom item without a scale', { ...MAPPING, 'Q2 value': { construct: 'satisfaction' } }, GOOD_ROW, /"Q2 value": a custom item needs "scale"/],
    ['an unknown construct', { ...MAPPING, 'Q2 value': { construct: 'price', scale: [1, 7] } }, GOOD_ROW, /"Q2 value": "construct" must be one of satisfaction, emotional, behavioural, loyalist_expectations/],
    ['question and construct both', { ...MAPPING, 'Q2 value': { question: 'sat_price', construct: 'satisfaction', scale: [1, 7] } }, GOOD_ROW, /"Q2 value": give "question" .* or "construct" .*, not both/],
    ['an unknown key', { ...MAPPING, 'Q2 value': { construct: 'satisfaction', scale: [1, 7], reverse: true } }, GOOD_ROW, /"Q2 value": unknown key "reverse"/],
    ['a scale that is no range', { ...MAPPING, 'Q2 value': { construct: 'satisfaction', scale: [7, 1] } }, GOOD_ROW, /"Q2 value": "scale" must be \[min, max\]/],
    ['a target that is not a question id', { ...MAPPING, 'Q2 value': 'value' }, GOOD_ROW, /"Q2 value": "value" is not a question id/],
    ['an entry of another form', { ...MAPPING, 'Q2 value': 7 }, GOOD_ROW, /"Q2 value": an entry is one of/],
    ['two columns onto one question', { ...MAPPING, 'Q2 value': 'sat_overall' }, GOOD_ROW, /"Q2 value": "Q1 overall" already goes to sat_overall; two columns may not land on the same question/],
    ['a mapped column the file lacks', { ...MAPPING, 'Q9 staff': null }, GOOD_ROW, /line 1: The mapping names "Q9 staff", which is not a column of the file/],
    ['a column neither mapped nor a question id', { ...MAPPING, NPS: undefined }, GOOD_ROW, /line 1, column 4: Unknown column "NPS".*map it to null to leave it out/],
    ['an --id column the file lacks', MAPPING, GOOD_ROW, /--id "Customer" is not a column of the file/, ['--id', 'Customer']],
    ['an --id column also mapped to a question', { ...MAPPING, 'Resp ID': 'comment' }, GOOD_ROW, /"Resp ID" is the --id column and cannot also be mapped/, ['--id', 'Resp ID']],
  ])('%s', async (_name, mapping, row, message, extra = []) => {
    const out = join(folder, `out-${files}.csv`);
    const { code, stdout, stderr } = await run(['--input', file(`${HEADER}\n${GOOD_ROW}\n${row}\n`), '--mapping', file(JSON.stringify(mapping), 'json'), '--respondents', out, ...extra]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    // No respondents file that looks like a result, and no temporary one left behind.
    expect(existsSync(out)).toBe(false);
  });

  it('stops with exit 2 when the respondents file cannot be written', async () => {
    const { code, stdout, stderr } = await run(['--input', file(`sat_overall\n5\n`), '--respondents', join(folder, 'missing-folder', 'out.csv')]);
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toMatch(/Cannot write the respondents file .*missing-folder.*out\.csv \(ENOENT\)/);
  });

  it('refuses a header column and a mapped column landing on one question', async () => {
    const { code, stdout, stderr } = await run(['--input', file('sat_overall,Overall\n5,5\n'), '--mapping', file('{"Overall": "sat_overall"}', 'json')]);
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toMatch(/line 1, column 2: Columns "sat_overall" \(1\) and "Overall" \(2\) both hold sat_overall/);
  });

  it('reads a 1–10 recommend column as it is, and says how many columns were left out', async () => {
    const { code, stdout } = await run(['--input', file(`${HEADER}\n${GOOD_ROW}\nA2,2,1,1,N\n`), '--mapping', file(JSON.stringify({ ...MAPPING, NPS: { question: 'recommend', scale: [1, 10] } }), 'json')]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Columns left out: 1 \("Resp ID"\)/);
    // recommend 10 and 1: one promoter, one detractor.
    expect(stdout).toMatch(/NPS \(95% interval\): 0\.00/);
  });
});
