/**
 * Satisfaction against loyalty against R (fixtures/statistics/generate.R, from respondents.csv),
 * against the list functions on the same pairs, merged against whole, and without a construct.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { segmentReport } from './segmentReport.js';
import { DEFAULT_THRESHOLDS, type SurveyDefinition } from '../model/definition.js';
import { fullTemplate } from '../model/template.js';
import { chiSquareIndependence } from './chiSquare.js';
import { pearson, spearman } from './correlation.js';
import { expectRelativelyClose } from './fixtures/expectClose.js';
import { expectChiLikeR, expectCorrelationLikeR, expected, expectWelchLikeR } from './fixtures/statistics/expectLikeR.js';
import { fixtureCsv } from './fixtures/statistics/csv.js';
import { expectDeepClose } from './fixtures/statistics/deepClose.js';
import { fixtureRespondents } from './fixtures/statistics/respondents.js';
import { createSatisfactionLoyalty, MAP_BINS, mapBin, type SatisfactionLoyaltyResult } from './satisfactionLoyalty.js';
import { scoreAndSegment } from './scoredRespondent.js';
import type { Respondent } from './scoring.js';
import { mulberry32 } from './seededRandom.js';
import { compileSurveyScoring } from './surveyScoring.js';
import { welchTTest } from './welch.js';

/** Every respondent through the accumulator, as the segment report feeds it. */
function tested(respondents: readonly Respondent[], definition: SurveyDefinition = fullTemplate()) {
  const scoring = compileSurveyScoring(definition);
  const accumulator = createSatisfactionLoyalty(DEFAULT_THRESHOLDS);
  for (const respondent of respondents) accumulator.add(scoreAndSegment(scoring, DEFAULT_THRESHOLDS, respondent));
  return accumulator;
}

describe('satisfaction against loyalty', () => {
  const respondents = fixtureRespondents();
  const result = tested(respondents).finish();

  it('reads the same respondents as the committed CSV that R read', () => {
    expect(readFileSync(new URL('./fixtures/statistics/respondents.csv', import.meta.url), 'utf8')).toBe(fixtureCsv());
    expect(expected.n).toBe(respondents.length);
  });

  for (const loyalty of ['emotional', 'behavioural'] as const) {
    it(`matches R for S against ${loyalty === 'emotional' ? 'E' : 'B'}: cor.test, chisq.test, t.test`, () => {
      const r = expected.satisfactionLoyalty[loyalty];
      const part = result[loyalty]!;
      expect(part.n).toBe(r.n);
      expectCorrelationLikeR(part.pearson, r.pearson, 'pearson');
      expectCorrelationLikeR(part.spearman, r.spearman, 'spearman');
      expect(part.table).toEqual(r.table);
      expectChiLikeR(part.chiSquare, r.chiSquare, 'chi');
      expectWelchLikeR(part.welch, r.welch, 'welch');
    });
  }

  it('matches R for the share not loyal among the satisfied (prop.test interval)', () => {
    const r = expected.satisfactionLoyalty.notLoyalAmongSatisfied;
    const share = result.notLoyalAmongSatisfied!;
    expect(share).toMatchObject({ n: r.n, successes: r.successes });
    expectRelativelyClose(share.share, r.share, 'share');
    expectRelativelyClose(share.ci95?.lower, r.ci95.lower, 'lower');
    expectRelativelyClose(share.ci95?.upper, r.ci95.upper, 'upper');
    expect(result.warnings).toEqual([]);
  });

  it('gives what the list functions give on the respondents’ own pairs', () => {
    const scoring = compileSurveyScoring(fullTemplate());
    const scores = respondents.map((respondent) => ({ ...scoreAndSegment(scoring, DEFAULT_THRESHOLDS, respondent).scores }));
    const s = scores.map((x) => x.satisfaction);
    for (const loyalty of ['emotional', 'behavioural'] as const) {
      const y = scores.map((x) => x[loyalty]);
      expectDeepClose(result[loyalty]!.pearson, pearson(s, y), `${loyalty} pearson`);
      expectDeepClose(result[loyalty]!.spearman, spearman(s, y), `${loyalty} spearman`);
      const both = scores.filter((x) => x.satisfaction !== null && x[loyalty] !== null);
      const satisfied = both.filter((x) => x.satisfaction! >= 0.75);
      const rest = both.filter((x) => x.satisfaction! < 0.75);
      expectDeepClose(result[loyalty]!.welch, welchTTest(satisfied.map((x) => x[loyalty]), rest.map((x) => x[loyalty]), ['satisfied', 'not_satisfied']), `${loyalty} welch`);
      const table = [satisfied, rest].map((group) => [group.filter((x) => x[loyalty]! >= 0.75).length, group.filter((x) => x[loyalty]! < 0.75).length]);
      expect(result[loyalty]!.table).toEqual(table);
      expectDeepClose(result[loyalty]!.chiSquare, chiSquareIndependence(table, { rows: ['satisfied', 'not_satisfied'], columns: ['loyal', 'not_loyal'] }), `${loyalty} chi`);
    }
  });

  it('merging the states of a random split (through JSON) equals one accumulator', () => {
    const random = mulberry32(3);
    const parts = [[], [], []] as Respondent[][];
    for (const respondent of respondents) parts[Math.floor(random() * 3)]!.push(respondent);
    const merged = tested([]);
    for (const part of parts) merged.merge(JSON.parse(JSON.stringify(tested(part).state())));
    expectDeepClose(merged.finish(), result, 'merged');
    // state() is a copy: adding after it does not change it.
    const accumulator = tested(parts[0]!);
    const before = JSON.stringify(accumulator.state());
    tested(parts[1]!).state();
    expect(JSON.stringify(accumulator.state())).toBe(before);
  });

  it('leaves the parts of a construct nobody has null, with a warning, and computes the rest', () => {
    const definition = fullTemplate();
    definition.questions = definition.questions.filter((q) => q.construct !== 'emotional');
    const withoutE: SatisfactionLoyaltyResult = tested(fixtureRespondents(definition, 200), definition).finish();
    expect(withoutE.emotional).toBeNull();
    expect(withoutE.notLoyalAmongSatisfied).toBeNull();
    expect(withoutE.behavioural?.pearson.r).toBeTypeOf('number');
    expect(withoutE.scored.emotional).toBe(0);
    expect(withoutE.warnings).toEqual([{ code: 'SATISFACTION_LOYALTY_NO_SCORES', params: { construct: 'emotional' } }]);
    // Through the whole report: the part is null and its warning is there (reports/testedParts.test.ts checks the schema).
    const report = segmentReport(definition, fixtureRespondents(definition, 200), { bootstrap: { resamples: 10 } });
    expect(report.satisfactionLoyalty.emotional).toBeNull();
    expect(report.warnings).toContainEqual({ part: 'satisfaction_loyalty', code: 'SATISFACTION_LOYALTY_NO_SCORES', params: { construct: 'emotional' } });
    const empty = tested([]).finish();
    expect([empty.emotional, empty.behavioural, empty.notLoyalAmongSatisfied]).toEqual([null, null, null]);
    expect(empty.warnings.map((w) => w.params.construct)).toEqual(['satisfaction', 'emotional', 'behavioural']);
  });

  it('puts a score exactly on a threshold among those reaching it', () => {
    const scoring = compileSurveyScoring(fullTemplate());
    const accumulator = createSatisfactionLoyalty(DEFAULT_THRESHOLDS);
    // S = 0.75 exactly (all four items at 4 of 1–5), E and B high.
    const answers = { sat_overall: 4, sat_product: 4, sat_service: 4, sat_price: 4, recommend: 10, feel_loss: 5, speak_positively: 5, repurchase: 5, share_of_wallet: 5, stay_vs_competitor: 5 };
    accumulator.add(scoreAndSegment(scoring, DEFAULT_THRESHOLDS, { answers }));
    const result = accumulator.finish();
    expect(result.emotional!.table).toEqual([[1, 0], [0, 0]]);
    expect(result.notLoyalAmongSatisfied).toMatchObject({ n: 1, successes: 0 });
  });

  it('counts each respondent in the map cell of its own S and E, with the quadrant lines on bin edges', () => {
    expect([0, 0.0499, 0.05, 0.7499999999999, 0.75, 0.7500000000001, 1].map(mapBin)).toEqual([0, 0, 1, 15, 15, 15, MAP_BINS - 1]);
    const scoring = compileSurveyScoring(fullTemplate());
    const scored = respondents.map((respondent) => scoreAndSegment(scoring, DEFAULT_THRESHOLDS, respondent));
    // The same cells counted here straight from each respondent's scores, not from the histogram.
    const expectedGrid = Array.from({ length: MAP_BINS }, () => new Array<number>(MAP_BINS).fill(0));
    for (const { scores } of scored) {
      if (scores.satisfaction === null || scores.emotional === null) continue;
      const s = Math.min(MAP_BINS - 1, Math.floor(Math.round(scores.satisfaction * 1e9) / 1e9 * MAP_BINS));
      const e = Math.min(MAP_BINS - 1, Math.floor(Math.round(scores.emotional * 1e9) / 1e9 * MAP_BINS));
      expectedGrid[e]![s]!++;
    }
    expect(result.emotional!.grid).toEqual(expectedGrid);
    expect(result.emotional!.grid.flat().reduce((a, b) => a + b, 0)).toBe(result.emotional!.n);
    // Cells at or above τ in both (bins 15–19) are the 2×2 table's satisfied-and-loyal corner.
    const corner = result.emotional!.grid.slice(15).reduce((sum, row) => sum + row.slice(15).reduce((a, b) => a + b, 0), 0);
    expect(corner).toBe(result.emotional!.table[0]![0]);
  });
});
