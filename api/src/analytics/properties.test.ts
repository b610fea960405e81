/**
 * Properties of the analytics module that hold for any input (fast-check): shares add up, intervals
 * contain their estimates and stay in range, input order does not matter, the bootstrap is seeded.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answers, Question, SurveyDefinition } from '../model/definition.js';
import { fullTemplate, shortTemplate } from '../model/template.js';
import { netPromoterScore } from './nps.js';
import type { Interval } from './result.js';
import type { Respondent } from './scoring.js';
import { segmentReport, type SegmentReport } from './segmentReport.js';
import { shareOf, type ShareResult } from './wilson.js';
import { createWordOfMouth } from './wordOfMouth.js';
import { scoreAndSegment } from './scoredRespondent.js';
import { compileSurveyScoring } from './surveyScoring.js';

const DAY_MS = 86_400_000;
const SURVEY_TIME = Date.UTC(2025, 5, 1);
const TEMPLATES: Record<'full' | 'short', SurveyDefinition> = { full: fullTemplate(), short: shortTemplate() };

/** A valid answer to one question, or nothing (every question may be skipped here, required or not). */
function answerArbitrary(question: Question): fc.Arbitrary<number | string | undefined> {
  const answer = ((): fc.Arbitrary<number | string> => {
    switch (question.type) {
      case 'scale':
        return fc.integer({ min: question.min, max: question.max });
      case 'count':
        // Mostly small counts, sometimes the extremes.
        return fc.oneof(fc.integer({ min: 0, max: 12 }), fc.constantFrom(question.min, question.max));
      case 'choice':
        return fc.constantFrom(...question.options.map((option) => option.value));
      case 'text':
        return fc.string({ minLength: 1, maxLength: 20 });
    }
  })();
  return fc.option(answer, { nil: undefined, freq: 5 });
}

/** Answers with showIf respected: a follow-up exists only when its condition holds. */
function answersArbitrary(definition: SurveyDefinition): fc.Arbitrary<Answers> {
  return fc.tuple(...definition.questions.map(answerArbitrary)).map((values) => {
    const answers: Answers = {};
    definition.questions.forEach((question, i) => {
      const value = values[i];
      if (value === undefined) return;
      if (question.showIf && answers[question.showIf.questionId] !== question.showIf.equals) return;
      answers[question.id] = value;
    });
    return answers;
  });
}

/** A respondent, with purchase history (days relative to the survey) for some. */
function respondentArbitrary(definition: SurveyDefinition): fc.Arbitrary<Respondent> {
  const history = fc.option(fc.array(fc.integer({ min: -400, max: 400 }), { maxLength: 6 }), { nil: undefined });
  return fc.record({ answers: answersArbitrary(definition), history }).map(({ answers, history: days }) =>
    days === undefined
      ? { answers }
      : { answers, surveyedAt: SURVEY_TIME, purchases: { purchasedAt: days.map((day) => SURVEY_TIME + day * DAY_MS + 1) } },
  );
}

const templateName = fc.constantFrom<'full' | 'short'>('full', 'short');
const population = (maxLength: number) =>
  templateName.chain((name) => fc.tuple(fc.constant(name), fc.array(respondentArbitrary(TEMPLATES[name]), { minLength: 1, maxLength })));

/** Small bootstraps keep a property run fast; reproducibility is checked at the default size below. */
const FAST_BOOTSTRAP = { bootstrap: { resamples: 50, seed: 3 } };

function everyShare(report: SegmentReport): { label: string; share: ShareResult }[] {
  return [
    ...report.segments.map((s) => ({ label: `segment ${s.segment}`, share: s.share })),
    ...report.loyaltyTypes.map((t) => ({ label: `type ${t.type}`, share: t.share })),
    ...report.satisfiedNotLoyalTypes.map((t) => ({ label: `satisfied_not_loyal ${t.type}`, share: t.share })),
    ...report.satisfactionCurve.points.flatMap((p) => [
      { label: `curve loyal ${p.level}`, share: p.loyal },
      { label: `curve retained ${p.level}`, share: p.retained },
    ]),
    ...report.serviceRecovery.groups.flatMap((g) =>
      (['all', 'gesture', 'no_gesture'] as const).map((split) => ({ label: `recovery ${g.group} ${split}`, share: g[split].loyal })),
    ),
    { label: 'retention overall', share: report.retention.overall },
    ...report.retention.bySegment.map((s) => ({ label: `retention ${s.segment}`, share: s.retained })),
    ...report.retention.byLevel.map((l) => ({ label: `retention level ${l.level}`, share: l.retained })),
    ...(report.csat ? [{ label: 'top box', share: report.csat.topBox }, { label: 'top-2 box', share: report.csat.topTwoBox }] : []),
  ];
}

function expectShareInterval(label: string, share: ShareResult): void {
  if (share.share === null) {
    expect(share.n, label).toBe(0);
    return;
  }
  const ci = share.ci95 as Interval;
  expect(ci, label).not.toBeNull();
  expect(share.share, label).toBeGreaterThanOrEqual(0);
  expect(share.share, label).toBeLessThanOrEqual(1);
  expect(ci.lower, label).toBeGreaterThanOrEqual(0);
  expect(ci.upper, label).toBeLessThanOrEqual(1);
  expect(ci.lower, label).toBeLessThanOrEqual(share.share);
  expect(ci.upper, label).toBeGreaterThanOrEqual(share.share);
}

function expectMeanInterval(label: string, result: { mean: number | null; ci95: Interval | null }): void {
  if (result.mean === null || result.ci95 === null) return;
  expect(result.ci95.lower, label).toBeLessThanOrEqual(result.mean + 1e-12);
  expect(result.ci95.upper, label).toBeGreaterThanOrEqual(result.mean - 1e-12);
}

/** Two reports agree: counts exactly, floating-point results to 1e-9 relative (sums in another order). */
function expectSameReport(a: unknown, b: unknown, path = 'report'): void {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) expect(Number.isNaN(a) && Number.isNaN(b), path).toBe(true);
    // Equal infinities (t of a perfect correlation) agree; their difference would be NaN.
    else if (a !== b) expect(Math.abs(a - b), `${path}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(a), Math.abs(b)));
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    expect(a.length, path).toBe(b.length);
    a.forEach((item, i) => expectSameReport(item, b[i], `${path}[${i}]`));
    return;
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    expect(Object.keys(a).sort(), path).toEqual(Object.keys(b).sort());
    for (const key of Object.keys(a)) expectSameReport((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
    return;
  }
  expect(a, path).toEqual(b);
}

describe('segment report properties', () => {
  it('classified segment shares sum to 1 over the classified, unclassified is a share of all, and each respondent counts in exactly one segment', () => {
    fc.assert(
      fc.property(population(40), ([name, respondents]) => {
        const report = segmentReport(TEMPLATES[name], respondents, FAST_BOOTSTRAP);
        const unclassified = report.segments.find((s) => s.segment === 'unclassified')!.share;
        const classified = report.segments.filter((s) => s.segment !== 'unclassified');
        expect(unclassified.n).toBe(respondents.length);
        expect(report.classified).toBe(respondents.length - unclassified.successes);
        for (const { share } of classified) expect(share.n).toBe(report.classified);
        if (report.classified > 0) expect(classified.reduce((sum, s) => sum + s.share.share!, 0)).toBeCloseTo(1, 12);
        expect(report.segments.reduce((sum, s) => sum + s.share.successes, 0)).toBe(respondents.length);
        const unknown = report.loyaltyTypes.find((t) => t.type === 'unknown')!.share;
        expect(unknown.n).toBe(respondents.length);
        expect(report.withLoyaltyType).toBe(respondents.length - unknown.successes);
        for (const { type, share } of report.loyaltyTypes) if (type !== 'unknown') expect(share.n).toBe(report.withLoyaltyType);
        expect(report.loyaltyTypes.reduce((sum, t) => sum + t.share.successes, 0)).toBe(respondents.length);
      }),
      { numRuns: 150 },
    );
  });

  it('every share interval contains its estimate and stays within 0..1; mean intervals contain their means', () => {
    fc.assert(
      fc.property(population(40), ([name, respondents]) => {
        const report = segmentReport(TEMPLATES[name], respondents, FAST_BOOTSTRAP);
        for (const { label, share } of everyShare(report)) expectShareInterval(label, share);
        for (const group of report.serviceRecovery.groups) {
          for (const split of ['all', 'gesture', 'no_gesture'] as const) expectMeanInterval(`E ${group.group} ${split}`, group[split].emotional);
        }
        for (const level of report.wordOfMouth.byLevel) {
          expectMeanInterval(`told positive ${level.level}`, level.positive);
          expectMeanInterval(`told negative ${level.level}`, level.negative);
        }
        if (report.csat) expectMeanInterval('CSAT mean', { mean: report.csat.mean, ci95: report.csat.meanCi95 });
        if (report.nps?.nps != null) {
          const ci = report.nps.ci95 as Interval;
          expect(ci.lower).toBeGreaterThanOrEqual(-100);
          expect(ci.upper).toBeLessThanOrEqual(100);
          expect(ci.lower).toBeLessThanOrEqual(report.nps.nps);
          expect(ci.upper).toBeGreaterThanOrEqual(report.nps.nps);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('word-of-mouth ratio intervals are ordered and non-negative', () => {
    fc.assert(
      fc.property(population(40), ([name, respondents]) => {
        const report = segmentReport(TEMPLATES[name], respondents, FAST_BOOTSTRAP);
        for (const group of [report.wordOfMouth.overall, ...report.wordOfMouth.byLevel]) {
          const ci = group.ratio.ci95;
          if (ci === null) continue;
          expect(ci.lower).toBeGreaterThanOrEqual(0);
          expect(ci.lower).toBeLessThanOrEqual(ci.upper);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('does not depend on the order respondents are added in (word-of-mouth bootstrap interval aside)', () => {
    fc.assert(
      fc.property(
        population(30).chain(([name, respondents]) =>
          fc.tuple(fc.constant(name), fc.constant(respondents), fc.shuffledSubarray(respondents, { minLength: respondents.length, maxLength: respondents.length })),
        ),
        ([name, respondents, shuffled]) => {
          const withoutBootstrap = (report: SegmentReport) => ({
            ...report,
            wordOfMouth: {
              ...report.wordOfMouth,
              overall: { ...report.wordOfMouth.overall, ratio: { ...report.wordOfMouth.overall.ratio, ci95: null } },
              byLevel: report.wordOfMouth.byLevel.map((level) => ({ ...level, ratio: { ...level.ratio, ci95: null } })),
            },
          });
          expectSameReport(
            withoutBootstrap(segmentReport(TEMPLATES[name], shuffled, FAST_BOOTSTRAP)),
            withoutBootstrap(segmentReport(TEMPLATES[name], respondents, FAST_BOOTSTRAP)),
          );
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('word-of-mouth bootstrap', () => {
  const definition = fullTemplate();
  const scoring = compileSurveyScoring(definition);
  const wordOfMouth = (respondents: readonly Respondent[], seed: number) => {
    const accumulator = createWordOfMouth(scoring, { seed });
    for (const respondent of respondents) accumulator.add(scoreAndSegment(scoring, definition.thresholds, respondent));
    return accumulator.finish();
  };
  const countsArbitrary = fc.array(
    fc.record({
      answers: fc.record({
        sat_overall: fc.integer({ min: 1, max: 5 }),
        told_positive: fc.integer({ min: 0, max: 30 }),
        told_negative: fc.integer({ min: 0, max: 30 }),
      }),
    }),
    { minLength: 1, maxLength: 60 },
  );

  it('gives the same result for the same input and seed', () => {
    fc.assert(
      fc.property(countsArbitrary, fc.integer(), (respondents, seed) => {
        expect(wordOfMouth(respondents, seed)).toEqual(wordOfMouth(respondents, seed));
      }),
      { numRuns: 50 },
    );
  });

  it('records its seed, and another seed resamples differently', () => {
    const respondents = Array.from({ length: 200 }, (_, i) => ({
      answers: { sat_overall: 1 + (i % 5), told_positive: i % 7, told_negative: (i * 3) % 11 },
    }));
    const first = wordOfMouth(respondents, 1);
    expect(first.seed).toBe(1);
    expect(first.overall.ratio.ci95).not.toEqual(wordOfMouth(respondents, 2).overall.ratio.ci95);
  });

  // A report read from the database in another order (a query without ORDER BY) must not move the interval.
  it('gives the same interval whatever order the same respondents arrive in', () => {
    fc.assert(
      fc.property(
        countsArbitrary.chain((respondents) =>
          fc.tuple(fc.constant(respondents), fc.shuffledSubarray(respondents, { minLength: respondents.length, maxLength: respondents.length })),
        ),
        ([respondents, shuffled]) => {
          expect(wordOfMouth(shuffled, 5).overall.ratio.ci95).toEqual(wordOfMouth(respondents, 5).overall.ratio.ci95);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('statistics primitives', () => {
  it('a Wilson share interval contains the share and stays within 0..1', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))),
        ([successes, n]) => expectShareInterval(`${successes}/${n}`, shareOf(successes, n)),
      ),
    );
  });

  it('an NPS interval contains the NPS and stays within −100..100', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }), { maxLength: 300 }), (answers) => {
        const result = netPromoterScore(answers);
        if (result.nps === null) {
          expect(result.n).toBe(0);
          return;
        }
        const ci = result.ci95 as Interval;
        expect(result.nps).toBeGreaterThanOrEqual(-100);
        expect(result.nps).toBeLessThanOrEqual(100);
        expect(ci.lower).toBeGreaterThanOrEqual(-100);
        expect(ci.upper).toBeLessThanOrEqual(100);
        expect(ci.lower).toBeLessThanOrEqual(result.nps);
        expect(ci.upper).toBeGreaterThanOrEqual(result.nps);
      }),
    );
  });

  it('an NPS does not depend on the order of the answers', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 100 }).chain((answers) =>
          fc.tuple(fc.constant(answers), fc.shuffledSubarray(answers, { minLength: answers.length, maxLength: answers.length })),
        ),
        ([answers, shuffled]) => {
          expect(netPromoterScore(shuffled)).toEqual(netPromoterScore(answers));
        },
      ),
    );
  });
});
