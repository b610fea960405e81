/**
 * The analytics module finds what the generator planted: each planted figure lies inside the module's
 * own 95% interval. Planted figures are drawn through quota streams (README.md), so a miss here is a
 * bug in scoring, segmentation or the report, not sampling luck.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createSegmentReport, type SegmentReport } from '../../api/src/analytics/segmentReport.js';
import type { Respondent } from '../../api/src/analytics/scoring.js';
import type { Interval } from '../../api/src/analytics/result.js';
import { fullTemplate, shortTemplate } from '../../api/src/model/template.js';
import {
  DEFAULT_TRUTHS,
  PLANTED_SEGMENTS,
  SATISFACTION_LEVELS,
  expectedFigures,
  generatePopulation,
  type SyntheticRespondent,
} from './index.js';

const N = 20_000;
const SEED = 20261125;

function asRespondent(respondent: SyntheticRespondent): Respondent {
  return {
    answers: respondent.answers,
    surveyedAt: respondent.submittedAt.getTime(),
    purchases: { purchasedAt: respondent.purchases.map((p) => p.purchasedAt.getTime()) },
  };
}

function report(questions: 'full' | 'short', n: number): SegmentReport {
  const accumulator = createSegmentReport(questions === 'full' ? fullTemplate() : shortTemplate());
  for (const respondent of generatePopulation({ n, seed: SEED, questions })) accumulator.add(asRespondent(respondent));
  return accumulator.finish();
}

function interval(value: { ci95: Interval | null } | undefined, what: string): Interval {
  if (!value?.ci95) throw new Error(`the report has no interval for ${what}`);
  return value.ci95;
}

/** `planted` lies inside the interval; the message names the figure so a failure reads on its own. */
function expectInside(planted: number, ci: Interval, what: string): void {
  expect(
    planted >= ci.lower && planted <= ci.upper,
    `${what}: planted ${planted.toFixed(4)} outside [${ci.lower.toFixed(4)}, ${ci.upper.toFixed(4)}]`,
  ).toBe(true);
}

const expected = expectedFigures(DEFAULT_TRUTHS, 'full');

describe(`planted truths in ${N} generated respondents (full template, purchase history)`, () => {
  let result: SegmentReport;
  beforeAll(() => {
    result = report('full', N);
  });

  it('recovers every segment share, unclassified included', () => {
    expect(result.n).toBe(N);
    for (const segment of [...PLANTED_SEGMENTS, 'unclassified'] as const) {
      const row = result.segments.find((s) => s.segment === segment);
      expectInside(expected.segmentShares[segment], interval(row?.share, segment), `${segment} share`);
    }
  });

  it('recovers the loyalty-type mix inside satisfied_not_loyal', () => {
    for (const type of ['latent', 'spurious', 'none'] as const) {
      const row = result.satisfiedNotLoyalTypes.find((t) => t.type === type);
      expectInside(DEFAULT_TRUTHS.satisfiedNotLoyalTypes[type], interval(row?.share, type), `satisfied_not_loyal ${type}`);
    }
  });

  it('recovers the loyal share at each sat_overall level, and it jumps from 4 to 5', () => {
    const points = result.satisfactionCurve.points;
    for (const level of SATISFACTION_LEVELS) {
      const point = points.find((p) => p.level === level);
      expectInside(expected.loyalShareBySatOverall[level], interval(point?.loyal, `loyal at ${level}`), `loyal share at sat_overall ${level}`);
    }
    const four = interval(points.find((p) => p.level === 4)?.loyal, 'loyal at 4');
    const five = interval(points.find((p) => p.level === 5)?.loyal, 'loyal at 5');
    expect(five.lower).toBeGreaterThan(four.upper);
  });

  it('recovers 180-day retention by sat_overall: steep from 1 to 4, flat from 4 to 5', () => {
    for (const level of SATISFACTION_LEVELS) {
      const planted = expected.retention180BySatOverall[level];
      const fromCurve = result.satisfactionCurve.points.find((p) => p.level === level)?.retained;
      const fromRetention = result.retention.byLevel.find((p) => p.level === level)?.retained;
      expectInside(planted, interval(fromCurve, `curve retention at ${level}`), `curve retention at sat_overall ${level}`);
      expectInside(planted, interval(fromRetention, `retention at ${level}`), `retention at sat_overall ${level}`);
    }
    const byLevel = (level: number) => interval(result.retention.byLevel.find((p) => p.level === level)?.retained, `retention at ${level}`);
    // Flat: the two intervals overlap. Steep below: level 3 lies wholly under level 4.
    expect(byLevel(4).lower).toBeLessThanOrEqual(byLevel(5).upper);
    expect(byLevel(5).lower).toBeLessThanOrEqual(byLevel(4).upper);
    expect(byLevel(3).upper).toBeLessThan(byLevel(4).lower);
    expect(byLevel(1).upper).toBeLessThan(byLevel(3).lower);
  });

  it('recovers 180-day retention by segment', () => {
    for (const segment of PLANTED_SEGMENTS) {
      const row = result.retention.bySegment.find((s) => s.segment === segment);
      expectInside(expected.retention180BySegment[segment], interval(row?.retained, segment), `retention of ${segment}`);
    }
  });

  it('shows the recovery paradox: resolved with a gesture beats no problem on loyal share and mean E', () => {
    const groups = result.serviceRecovery.groups;
    const group = (name: string) => {
      const found = groups.find((g) => g.group === name);
      if (!found) throw new Error(`no recovery group ${name}`);
      return found;
    };
    expectInside(expected.loyalShareByRecovery.no_problem, interval(group('no_problem').all.loyal, 'no problem'), 'loyal share, no problem');
    for (const resolution of ['resolved', 'partly', 'not_resolved'] as const) {
      const row = group(resolution);
      expectInside(expected.loyalShareByRecovery[resolution], interval(row.all.loyal, resolution), `loyal share, ${resolution}`);
      expectInside(expected.loyalShareByRecovery[`${resolution}_gesture`], interval(row.gesture.loyal, resolution), `loyal share, ${resolution} with gesture`);
      expectInside(expected.loyalShareByRecovery[`${resolution}_no_gesture`], interval(row.no_gesture.loyal, resolution), `loyal share, ${resolution} without gesture`);
    }
    const noProblem = group('no_problem').all;
    const recovered = group('resolved').gesture;
    expect(interval(recovered.loyal, 'resolved with gesture').lower).toBeGreaterThan(interval(noProblem.loyal, 'no problem').upper);
    expect(interval(recovered.emotional, 'E resolved with gesture').lower).toBeGreaterThan(interval(noProblem.emotional, 'E no problem').upper);
    expect(interval(group('resolved').all.loyal, 'resolved').lower).toBeGreaterThan(interval(noProblem.loyal, 'no problem').upper);
  });

  it('recovers word of mouth: the upset tell 8× more people about a bad experience than a good one', () => {
    for (const level of [1, 2] as const) {
      const row = result.wordOfMouth.byLevel.find((l) => l.level === level);
      expectInside(DEFAULT_TRUTHS.wordOfMouth.meanToldPositive[level], interval(row?.positive, `positive at ${level}`), `mean told_positive at ${level}`);
      expectInside(DEFAULT_TRUTHS.wordOfMouth.meanToldNegative[level], interval(row?.negative, `negative at ${level}`), `mean told_negative at ${level}`);
      expectInside(expected.upsetNegativeToPositiveRatio, interval(row?.ratio, `ratio at ${level}`), `negative/positive ratio at sat_overall ${level}`);
    }
    // The module reports ratios by level, not for "sat_overall ≤ 2" pooled: pool its sums.
    const upset = result.wordOfMouth.byLevel.filter((l) => l.level <= 2);
    const total = (side: 'positive' | 'negative') => upset.reduce((sum, l) => sum + (l[side].mean ?? 0) * l[side].n, 0);
    expect(total('negative') / total('positive')).toBeCloseTo(expected.upsetNegativeToPositiveRatio, 0);
  });
});

describe('planted truths in the short form (the demo seed: 2,000 respondents)', () => {
  it('recovers every segment share, with nobody unclassified', () => {
    const result = report('short', 2000);
    const shortExpected = expectedFigures(DEFAULT_TRUTHS, 'short');
    for (const segment of [...PLANTED_SEGMENTS, 'unclassified'] as const) {
      const row = result.segments.find((s) => s.segment === segment);
      expectInside(shortExpected.segmentShares[segment], interval(row?.share, segment), `${segment} share (short)`);
    }
    expect(result.segments.find((s) => s.segment === 'unclassified')?.share.successes).toBe(0);
  });
});

describe('a planted retention shift by segment (the demo: at the same satisfaction, the loyal stay and the satisfied-not-loyal leave)', () => {
  const shifted = { ...DEFAULT_TRUTHS, retention180ShiftBySegment: { loyal: 0.12, satisfied_not_loyal: -0.3, price_hunter: -0.15 } };
  const expectedShifted = expectedFigures(shifted, 'full');
  let result: SegmentReport;
  beforeAll(() => {
    const accumulator = createSegmentReport(fullTemplate());
    for (const respondent of generatePopulation({ n: N, seed: SEED, questions: 'full', truths: shifted })) accumulator.add(asRespondent(respondent));
    result = accumulator.finish();
  });

  it('recovers the shifted retention of every segment and of every satisfaction level', () => {
    expect(expectedShifted.retention180BySegment.loyal).toBeCloseTo(0.7 * 0.92 + 0.3 * 0.92, 12);
    expect(expectedShifted.retention180BySegment.satisfied_not_loyal).toBeCloseTo(0.5, 12);
    for (const segment of PLANTED_SEGMENTS) {
      const row = result.retention.bySegment.find((s) => s.segment === segment);
      expectInside(expectedShifted.retention180BySegment[segment], interval(row?.retained, segment), `shifted retention of ${segment}`);
    }
    for (const level of [1, 2, 3, 4, 5] as const) {
      const point = result.retention.byLevel.find((p) => p.level === level);
      expectInside(expectedShifted.retention180BySatOverall[level], interval(point?.retained, `level ${level}`), `shifted retention at sat_overall ${level}`);
    }
    const loyal = interval(result.retention.bySegment.find((s) => s.segment === 'loyal')?.retained, 'loyal');
    const notLoyal = interval(result.retention.bySegment.find((s) => s.segment === 'satisfied_not_loyal')?.retained, 'satisfied_not_loyal');
    expect(notLoyal.upper).toBeLessThan(loyal.lower);
  });

  it('refuses a shift that takes a retention out of 0..1, naming it', () => {
    expect(() => generatePopulation({ n: 1, seed: 1, questions: 'full', truths: { ...DEFAULT_TRUTHS, retention180ShiftBySegment: { loyal: 0.3 } } })).toThrow(
      'retention180BySatOverall.4 + retention180ShiftBySegment.loyal must be a probability in 0..1, got 1.1',
    );
  });
});
