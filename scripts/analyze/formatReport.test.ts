import { describe, expect, it } from 'vitest';
import { chiSquareIndependence } from '../../api/src/analytics/chiSquare.js';
import { pearson, spearman } from '../../api/src/analytics/correlation.js';
import { segmentReport } from '../../api/src/analytics/segmentReport.js';
import { welchTTest } from '../../api/src/analytics/welch.js';
import { shareOf } from '../../api/src/analytics/wilson.js';
import { LANGUAGES, type Answers } from '../../api/src/model/definition.js';
import { fullTemplate } from '../../api/src/model/template.js';
import { PART_NAMES } from '../../api/src/model/warnings.js';
import { formatSatisfactionLoyalty, type SatisfactionLoyaltyView } from './formatSatisfactionLoyalty.js';
import { formatReport } from './formatReport.js';
import type { Formatters } from './formatSections.js';
import { LABELS } from './labels.js';

const answers: Answers[] = [
  { sat_overall: 5, sat_product: 5, recommend: 10, feel_loss: 5, repurchase: 5, stay_vs_competitor: 5, promo_decided: 'no', had_problem: 'no', told_positive: 4, told_negative: 0 },
  { sat_overall: 4, sat_product: 4, recommend: 7, feel_loss: 3, repurchase: 2, stay_vs_competitor: 2, promo_decided: 'no', had_problem: 'yes', problem_resolved: 'resolved', gesture_received: 'yes', told_positive: 2, told_negative: 1 },
  { sat_overall: 2, sat_product: 1, recommend: 2, feel_loss: 1, repurchase: 4, stay_vs_competitor: 5, promo_decided: 'yes', full_price_return: 1, had_problem: 'yes', problem_resolved: 'not_resolved', gesture_received: 'no', told_positive: 0, told_negative: 3 },
  { sat_overall: 3, recommend: 5, feel_loss: 2, repurchase: 3, stay_vs_competitor: 3, promo_decided: 'no', had_problem: 'no', told_positive: 1, told_negative: 1 },
];
const report = segmentReport(fullTemplate(), answers.map((a) => ({ answers: a })), { bootstrap: { resamples: 50 } });

describe('formatReport', () => {
  it('shows the curve, service recovery and word of mouth in the terminal form', () => {
    const text = formatReport(report, 'en');
    expect(text).toMatch(/Satisfaction curve .*: sat_overall\n {2}Level 2: loyal 0\.0% \[0\.0% – 79\.3%\] n = 1; unclassified 0\n/);
    expect(text).not.toMatch(/Level 1:/); // nobody answered 1
    // The fourth respondent had no problem but is unclassified (one of four S items): out of the loyal share's n.
    expect(text).toMatch(/ {2}No problem: loyal 100\.0% .* n = 1; mean E 0\.69 /);
    expect(text).toMatch(/ {4}with a gesture: loyal 0\.0% .* n = 1; mean E 0\.60\n/);
    expect(text).toMatch(/ {2}All: good 1\.75 .*; bad 1\.25 .*; ratio 0\.71 .*n = 4/);
  });

  it.each(LANGUAGES)('writes every label, warning and number in %s', (lang) => {
    const text = formatReport(report, lang);
    const labels = LABELS[lang];
    for (const label of [labels.curveTitle, labels.recoveryTitle, labels.womTitle, labels.recoveryGroup.resolved, labels.gesture]) expect(text).toContain(label);
    for (const warning of report.warnings) expect(text).toContain(`[${warning.code}] ${PART_NAMES[lang][warning.part]}: `);
    // 1.75 people told on average: a decimal point in English, a decimal comma in ru, et and ka.
    expect(text).toContain(lang === 'en' ? '1.75' : '1,75');
    if (lang !== 'en') expect(text).not.toMatch(/Few answers|Service recovery|Word of mouth/);
  });
});

describe('formatSatisfactionLoyalty', () => {
  const s = [0.9, 0.8, 0.85, 0.3, 0.2, 0.6, 0.95, 0.4];
  const e = [0.8, 0.9, 0.6, 0.2, 0.4, 0.5, 1, 0.3];
  const satisfied = s.map((v) => v >= 0.75);
  const view: SatisfactionLoyaltyView = {
    emotional: {
      loyalty: 'emotional',
      n: 8,
      pearson: pearson(s, e),
      spearman: spearman(s, e),
      table: [[3, 1], [0, 4]],
      chiSquare: chiSquareIndependence([[3, 1], [0, 4]]),
      welch: welchTTest(e.filter((_, i) => satisfied[i]), e.filter((_, i) => !satisfied[i])),
      grid: [],
    },
    behavioural: null,
    notLoyalAmongSatisfied: shareOf(1, 4),
  };
  const formatters = (lang: 'en' | 'ru'): Formatters => ({
    labels: LABELS[lang],
    lang,
    percent: new Intl.NumberFormat(lang, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }),
    decimal: new Intl.NumberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
    decimal3: new Intl.NumberFormat(lang, { minimumFractionDigits: 3, maximumFractionDigits: 3 }),
    whole: new Intl.NumberFormat(lang),
    interval: (ci, format) => (ci ? `[${format(ci.lower)} – ${format(ci.upper)}]` : ''),
    item: (id) => id,
  });

  it('prints each test of a construct that has scores, and leaves out one without', () => {
    const lines = formatSatisfactionLoyalty(view, formatters('en'));
    const r = view.emotional!.pearson;
    expect(lines[2]).toBe('  Attachment (E), n = 8');
    expect(lines[3]).toMatch(new RegExp(`^ {4}Pearson r = ${r.r!.toFixed(2)} \\[${r.ci95!.lower.toFixed(2)} – ${r.ci95!.upper.toFixed(2)}\\], p = ${r.pValue!.toFixed(3)}; Spearman ρ = `));
    expect(lines[4]).toMatch(/^ {4}χ² satisfied × loyal = \d\.\d\d, df = 1, p = 0\.\d{3}; Cramér's V = 0\.\d\d$/);
    expect(lines[5]).toMatch(/^ {4}Welch's t: satisfied 0\.83 \(n = 4\), not satisfied 0\.35 \(n = 4\), difference 0\.48 \[/);
    expect(lines.at(-1)).toMatch(/^ {2}Not loyal among the satisfied: 25\.0% \[.*\] n = 4$/);
    expect(lines.join('\n')).not.toMatch(/Return \(B\)/);
  });

  it('formats in the language given, and prints nothing without the block', () => {
    expect(formatSatisfactionLoyalty(view, formatters('ru')).join('\n')).toMatch(/r Пирсона = 0,\d\d/);
    expect(formatSatisfactionLoyalty(null, formatters('en'))).toEqual([]);
  });
});
