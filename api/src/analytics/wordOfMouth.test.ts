import { describe, expect, it } from 'vitest';
import type { Answers } from '../model/definition.js';
import { fullTemplate } from '../model/template.js';
import { scoreAndSegment } from './scoredRespondent.js';
import { compileSurveyScoring } from './surveyScoring.js';
import { DEFAULT_THRESHOLDS } from '../model/definition.js';
import { createWordOfMouth, quantileType7 } from './wordOfMouth.js';
import { mulberry32 } from './seededRandom.js';

const definition = fullTemplate();
const scoring = compileSurveyScoring(definition);

function womOf(answers: Answers[], resamples: number, seed: number) {
  const wom = createWordOfMouth(scoring, { resamples, seed });
  for (const a of answers) wom.add(scoreAndSegment(scoring, DEFAULT_THRESHOLDS, { answers: a }));
  return wom.finish();
}

const random = mulberry32(3);
const people: Answers[] = Array.from({ length: 300 }, () => ({
  sat_overall: 1 + Math.floor(random() * 5),
  told_positive: Math.floor(random() * 6),
  told_negative: Math.floor(random() * 9),
}));

describe('createWordOfMouth', () => {
  it('gives the same result for the same input and seed, and the same intervals in any input order', () => {
    const first = womOf(people, 300, 42);
    expect(womOf(people, 300, 42)).toEqual(first);
    // Reordered input: the same resampled cells, so the same ratios and intervals.
    const reordered = womOf([...people].reverse(), 300, 42);
    expect([reordered.overall.ratio, ...reordered.byLevel.map((l) => l.ratio)]).toEqual([
      first.overall.ratio,
      ...first.byLevel.map((l) => l.ratio),
    ]);
  });
  it('gives a different interval for another seed, around the same ratio', () => {
    const first = womOf(people, 300, 42).overall.ratio;
    const other = womOf(people, 300, 43).overall.ratio;
    expect(other.ratio).toBe(first.ratio);
    expect(other.ci95).not.toEqual(first.ci95);
    expect(first.ci95!.lower).toBeLessThan(first.ratio!);
    expect(first.ci95!.upper).toBeGreaterThan(first.ratio!);
  });
  it('answers a repeated bootstrap from its cache with fresh copies, and resamples again when one count changes', () => {
    const first = womOf(people, 300, 42);
    // A caller that changes its result does not change the next one's (the cache hands out copies).
    first.overall.ratio.ci95!.lower = -1;
    const again = womOf(people, 300, 42);
    expect(again.overall.ratio.ci95!.lower).toBeGreaterThan(0);
    // One more respondent with answers already present: the same cells but one count up, so new resamples.
    const more = womOf([...people, people[0]!], 300, 42);
    expect(more.overall.ratio.ci95).not.toEqual(again.overall.ratio.ci95);
    // And the cached answer is the one the resampling gives: many other inputs in between push it out.
    for (let k = 0; k < 70; k++) womOf(people.slice(k), 20, 42);
    expect(womOf(people, 300, 42)).toEqual(again);
  });
  it('computes the ratio as Σnegative / Σpositive over respondents who answered both', () => {
    const result = womOf([{ told_positive: 2, told_negative: 6 }, { told_positive: 2, told_negative: 2 }, { told_negative: 50 }], 50, 1);
    expect(result.overall.ratio.ratio).toBe(2);
    expect(result.overall.ratio.n).toBe(2);
    expect(result.overall.negative.n).toBe(3);
  });
  it('has no ratio and no interval when nobody told anything positive', () => {
    const result = womOf([{ told_positive: 0, told_negative: 3 }], 50, 1);
    expect(result.overall.ratio).toEqual({ n: 1, ratio: null, ci95: null });
  });
  it('refuses a resample count that is not a positive whole number', () => {
    expect(() => createWordOfMouth(scoring, { resamples: 0 })).toThrow(/whole number ≥ 1/);
  });
});

describe('quantileType7', () => {
  it.each([
    [0, 1],
    [0.5, 2.5],
    [0.025, 1.075],
    [1, 4],
  ])('at %d gives R’s quantile(c(1, 2, 3, 4), p, type = 7) = %d', (p, expected) => {
    expect(quantileType7(Float64Array.of(1, 2, 3, 4), p)).toBeCloseTo(expected, 12);
  });
});

describe('createWordOfMouth with a wide satisfaction scale', () => {
  it('shows word of mouth overall only, with a warning, when the level scale has 255 levels or more', () => {
    const wide = {
      ...definition,
      questions: definition.questions.map((q) => (q.id === 'sat_overall' && q.type === 'scale' ? { ...q, min: 0, max: 300 } : q)),
    };
    const wideScoring = compileSurveyScoring(wide);
    const wom = createWordOfMouth(wideScoring, { resamples: 20, seed: 1 });
    wom.add(scoreAndSegment(wideScoring, DEFAULT_THRESHOLDS, { answers: { sat_overall: 280, told_positive: 2, told_negative: 1 } }));
    const result = wom.finish();
    expect(result.byLevel).toEqual([]);
    expect(result.overall.ratio).toMatchObject({ n: 1, ratio: 0.5 });
    expect(result.warnings).toContainEqual({ code: 'WOM_TOO_MANY_LEVELS', params: { levels: 301 } });
  });
});
