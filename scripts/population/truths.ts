/**
 * The truths a synthetic population is built to contain (DESIGN.md "The idea"), and the figures an
 * analysis of it should therefore find. The analytics module never sees these: a test generates a
 * population, analyses its answers, and checks that the planted figures come back out.
 */
import { LANGUAGES, type Language } from '../../api/src/model/definition.js';
import { questionSet, type QuestionSetName } from './questionSet.js';

export const PLANTED_SEGMENTS = ['loyal', 'price_hunter', 'satisfied_not_loyal', 'hostage', 'defector'] as const;
export type PlantedSegment = (typeof PLANTED_SEGMENTS)[number];

export const SATISFACTION_LEVELS = [1, 2, 3, 4, 5] as const;
export type SatisfactionLevel = (typeof SATISFACTION_LEVELS)[number];

/** What happened to a respondent's problem: had_problem × problem_resolved × gesture_received. */
export const PROBLEM_PATHS = [
  'resolved_gesture',
  'resolved_no_gesture',
  'partly_gesture',
  'partly_no_gesture',
  'not_resolved_gesture',
  'not_resolved_no_gesture',
] as const;
export type ProblemPath = (typeof PROBLEM_PATHS)[number];
export type RecoveryPath = 'no_problem' | ProblemPath;
export type ProblemResolution = 'resolved' | 'partly' | 'not_resolved';

export const LOYALTY_TYPES = ['true', 'latent', 'spurious', 'none'] as const;
export type LoyaltyType = (typeof LOYALTY_TYPES)[number];

export interface PlantedTruths {
  /** Primary segment shares among classifiable respondents (sum to 1). */
  segmentShares: Record<PlantedSegment, number>;
  /**
   * Share of respondents who skip every optional item of S or of E, so the construct is missing and they
   * are `unclassified`. Only possible where those constructs have optional items (the full template);
   * in the short template every S and E item is required and nobody is unclassified.
   */
  unclassifiedShare: number;
  /** Chance that any other optional question is left unanswered (never so many that S, E or B goes missing). */
  optionalSkipRate: number;
  /**
   * sat_overall within each segment. Segments that need S ≥ 0.75 (loyal, satisfied_not_loyal) may only
   * use 4–5, those that need S < 0.75 (hostage, defector) only 1–3; price hunters may use any level.
   */
  satOverallBySegment: Record<PlantedSegment, Record<SatisfactionLevel, number>>;
  /** Loyalty type mix inside satisfied_not_loyal (the other segments have one type each). */
  satisfiedNotLoyalTypes: Record<'latent' | 'spurious' | 'none', number>;
  /** Probability of any purchase within 180 days after submittedAt; depends on sat_overall only unless shifted below. */
  retention180BySatOverall: Record<SatisfactionLevel, number>;
  /**
   * Optional: added to retention180BySatOverall for respondents of each segment profile, so that at the
   * same satisfaction the loyal stay and the satisfied-not-loyal leave (the demo plants it). Absent or 0:
   * retention depends on sat_overall only, and a seed gives the same population as without the field.
   */
  retention180ShiftBySegment?: Partial<Record<PlantedSegment, number>>;
  /**
   * The recovery paradox. Each problem path has a share of all respondents and a loyal share among
   * its classifiable respondents; the no-problem path takes the remaining share, and its loyal share
   * follows from segmentShares.loyal (see expectedFigures).
   */
  recovery: Record<ProblemPath, { share: number; loyalShare: number }>;
  /** Mean people told (geometric counts 0..1000) by sat_overall. */
  wordOfMouth: {
    meanToldPositive: Record<SatisfactionLevel, number>;
    meanToldNegative: Record<SatisfactionLevel, number>;
  };
  languageShares: Record<Language, number>;
}

/**
 * Defaults: loyal 30 %, price hunters 12 %, satisfied-not-loyal 28 %, hostages 8 %, defectors 22 %;
 * 3 % unclassified (full template). Loyal share at sat_overall 4 ≈ 26 %, at 5 ≈ 74 %, while 180-day
 * retention is 80 % at both. Resolved-with-a-gesture problems: 50 % loyal against ≈ 33 % with no problem.
 * Upset respondents (sat_overall ≤ 2) tell 8× as many people about a bad experience as a good one.
 */
export const DEFAULT_TRUTHS: PlantedTruths = {
  segmentShares: { loyal: 0.3, price_hunter: 0.12, satisfied_not_loyal: 0.28, hostage: 0.08, defector: 0.22 },
  unclassifiedShare: 0.03,
  optionalSkipRate: 0.02,
  satOverallBySegment: {
    loyal: { 1: 0, 2: 0, 3: 0, 4: 0.3, 5: 0.7 },
    price_hunter: { 1: 0.05, 2: 0.15, 3: 0.35, 4: 0.3, 5: 0.15 },
    satisfied_not_loyal: { 1: 0, 2: 0, 3: 0, 4: 0.8, 5: 0.2 },
    hostage: { 1: 0.2, 2: 0.4, 3: 0.4, 4: 0, 5: 0 },
    defector: { 1: 0.3, 2: 0.4, 3: 0.3, 4: 0, 5: 0 },
  },
  satisfiedNotLoyalTypes: { latent: 0.25, spurious: 0.25, none: 0.5 },
  retention180BySatOverall: { 1: 0.15, 2: 0.35, 3: 0.6, 4: 0.8, 5: 0.8 },
  recovery: {
    resolved_gesture: { share: 0.08, loyalShare: 0.5 },
    resolved_no_gesture: { share: 0.05, loyalShare: 0.3 },
    partly_gesture: { share: 0.03, loyalShare: 0.15 },
    partly_no_gesture: { share: 0.04, loyalShare: 0.1 },
    not_resolved_gesture: { share: 0.03, loyalShare: 0.05 },
    not_resolved_no_gesture: { share: 0.07, loyalShare: 0.03 },
  },
  wordOfMouth: {
    meanToldPositive: { 1: 0.5, 2: 1, 3: 2, 4: 3, 5: 6 },
    meanToldNegative: { 1: 4, 2: 8, 3: 3, 4: 1, 5: 0.3 },
  },
  languageShares: { en: 0.4, ru: 0.25, et: 0.25, ka: 0.1 },
};

const TOLERANCE = 1e-9;

function checkProbability(value: number, name: string): void {
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new Error(`${name} must be a probability in 0..1, got ${value}`);
}

function checkDistribution(weights: Record<string, number>, name: string): void {
  for (const [key, value] of Object.entries(weights)) checkProbability(value, `${name}.${key}`);
  const total = Object.values(weights).reduce((sum, value) => sum + value, 0);
  if (Math.abs(total - 1) > TOLERANCE) throw new Error(`${name} must sum to 1, got ${total}; adjust one of its entries`);
}

/** The planted 180-day retention of a respondent of `segment`'s profile at sat_overall `level`. */
export function retention180(truths: PlantedTruths, segment: PlantedSegment, level: SatisfactionLevel): number {
  return truths.retention180BySatOverall[level] + (truths.retention180ShiftBySegment?.[segment] ?? 0);
}

/** Share of all respondents with no problem in the last 6 months. */
export function noProblemShare(truths: PlantedTruths): number {
  return 1 - PROBLEM_PATHS.reduce((sum, path) => sum + truths.recovery[path].share, 0);
}

/** Loyal share among classifiable respondents with no problem, implied by the overall loyal share. */
export function noProblemLoyalShare(truths: PlantedTruths): number {
  const problemLoyal = PROBLEM_PATHS.reduce((sum, path) => sum + truths.recovery[path].share * truths.recovery[path].loyalShare, 0);
  return (truths.segmentShares.loyal - problemLoyal) / noProblemShare(truths);
}

/** Throws a message naming the first inconsistent entry; the generator calls it before producing anyone. */
export function validateTruths(truths: PlantedTruths): void {
  checkDistribution(truths.segmentShares, 'segmentShares');
  checkProbability(truths.unclassifiedShare, 'unclassifiedShare');
  checkProbability(truths.optionalSkipRate, 'optionalSkipRate');
  if (truths.optionalSkipRate > 0.5) throw new Error('optionalSkipRate above 0.5 would leave constructs missing; use unclassifiedShare for that');
  for (const segment of PLANTED_SEGMENTS) {
    const levels = truths.satOverallBySegment[segment];
    checkDistribution(levels, `satOverallBySegment.${segment}`);
    const needsSatisfied = segment === 'loyal' || segment === 'satisfied_not_loyal';
    const needsDissatisfied = segment === 'hostage' || segment === 'defector';
    if (needsSatisfied && levels[1] + levels[2] + levels[3] > 0) {
      throw new Error(`satOverallBySegment.${segment} may only use levels 4 and 5: the segment needs S ≥ 0.75`);
    }
    if (needsDissatisfied && levels[4] + levels[5] > 0) {
      throw new Error(`satOverallBySegment.${segment} may only use levels 1 to 3: the segment needs S < 0.75`);
    }
  }
  checkDistribution(truths.satisfiedNotLoyalTypes, 'satisfiedNotLoyalTypes');
  for (const level of SATISFACTION_LEVELS) {
    checkProbability(truths.retention180BySatOverall[level], `retention180BySatOverall.${level}`);
    for (const segment of PLANTED_SEGMENTS) {
      if (truths.satOverallBySegment[segment][level] > 0) {
        checkProbability(retention180(truths, segment, level), `retention180BySatOverall.${level} + retention180ShiftBySegment.${segment}`);
      }
    }
    for (const side of ['meanToldPositive', 'meanToldNegative'] as const) {
      const mean = truths.wordOfMouth[side][level];
      if (!(mean >= 0 && mean <= 100)) throw new Error(`wordOfMouth.${side}.${level} must be a mean count in 0..100, got ${mean}`);
    }
  }
  for (const path of PROBLEM_PATHS) {
    checkProbability(truths.recovery[path].share, `recovery.${path}.share`);
    checkProbability(truths.recovery[path].loyalShare, `recovery.${path}.loyalShare`);
  }
  checkProbability(noProblemShare(truths), 'the no-problem share (1 − the problem path shares)');
  const impliedLoyal = noProblemLoyalShare(truths);
  if (!(impliedLoyal >= 0 && impliedLoyal <= 1)) {
    throw new Error(`recovery loyal shares imply a no-problem loyal share of ${impliedLoyal}; make them consistent with segmentShares.loyal`);
  }
  checkDistribution(truths.languageShares, 'languageShares');
  for (const language of LANGUAGES) checkProbability(truths.languageShares[language], `languageShares.${language}`);
}

export interface ExpectedFigures {
  /**
   * What a segment report should show: each planted segment as a share of the classified
   * respondents, unclassified as a share of all (DESIGN.md "Statistical conventions").
   */
  segmentShares: Record<PlantedSegment | 'unclassified', number>;
  satOverallShares: Record<SatisfactionLevel, number>;
  /** Loyal share of the classified respondents at each sat_overall level (the satisfaction→loyalty curve). */
  loyalShareBySatOverall: Record<SatisfactionLevel, number>;
  retention180BySatOverall: Record<SatisfactionLevel, number>;
  retention180BySegment: Record<PlantedSegment, number>;
  /** Loyal share of the classified respondents on each recovery path and for each problem_resolved answer. */
  loyalShareByRecovery: Record<RecoveryPath | ProblemResolution, number>;
  /** Mean told_negative / mean told_positive among sat_overall ≤ 2. */
  upsetNegativeToPositiveRatio: number;
}

/**
 * The figures an analysis of a generated population should find, up to sampling error of a few counts
 * (planted figures are drawn through quota streams). Loyal and segment shares are of the classified
 * respondents, as the report gives them, so they are the planted shares whatever the unclassified
 * share of the chosen question set; unclassified is a share of all respondents.
 *
 * @example
 * expectedFigures(DEFAULT_TRUTHS, 'full').segmentShares.loyal; // 0.30
 */
export function expectedFigures(truths: PlantedTruths, questions: QuestionSetName): ExpectedFigures {
  const unclassified = questionSet(questions).unclassifiable.length > 0 ? truths.unclassifiedShare : 0;
  const segmentShares = { unclassified } as Record<PlantedSegment | 'unclassified', number>;
  for (const segment of PLANTED_SEGMENTS) segmentShares[segment] = truths.segmentShares[segment];

  const bySatLevel = <T>(f: (level: SatisfactionLevel) => T) =>
    Object.fromEntries(SATISFACTION_LEVELS.map((level) => [level, f(level)])) as Record<SatisfactionLevel, T>;
  const levelShare = (segment: PlantedSegment, level: SatisfactionLevel) =>
    truths.segmentShares[segment] * truths.satOverallBySegment[segment][level];
  const satOverallShares = bySatLevel((level) => PLANTED_SEGMENTS.reduce((sum, segment) => sum + levelShare(segment, level), 0));
  const loyalShareBySatOverall = bySatLevel((level) =>
    satOverallShares[level] > 0 ? levelShare('loyal', level) / satOverallShares[level] : 0,
  );
  const retention180BySegment = Object.fromEntries(
    PLANTED_SEGMENTS.map((segment) => [
      segment,
      SATISFACTION_LEVELS.reduce(
        (sum, level) => sum + truths.satOverallBySegment[segment][level] * retention180(truths, segment, level),
        0,
      ),
    ]),
  ) as Record<PlantedSegment, number>;

  const loyalShareByRecovery = { no_problem: noProblemLoyalShare(truths) } as ExpectedFigures['loyalShareByRecovery'];
  for (const path of PROBLEM_PATHS) loyalShareByRecovery[path] = truths.recovery[path].loyalShare;
  for (const resolution of ['resolved', 'partly', 'not_resolved'] as const) {
    const paths = [truths.recovery[`${resolution}_gesture`], truths.recovery[`${resolution}_no_gesture`]];
    const share = paths.reduce((sum, path) => sum + path.share, 0);
    loyalShareByRecovery[resolution] = paths.reduce((sum, path) => sum + path.share * path.loyalShare, 0) / share;
  }

  const upset = [1, 2] as const;
  const upsetMean = (side: 'meanToldPositive' | 'meanToldNegative') =>
    upset.reduce((sum, level) => sum + satOverallShares[level] * truths.wordOfMouth[side][level], 0);
  return {
    segmentShares,
    satOverallShares,
    loyalShareBySatOverall,
    retention180BySatOverall: bySatLevel((level) =>
      satOverallShares[level] > 0
        ? PLANTED_SEGMENTS.reduce((sum, segment) => sum + levelShare(segment, level) * retention180(truths, segment, level), 0) / satOverallShares[level]
        : truths.retention180BySatOverall[level],
    ),
    retention180BySegment,
    loyalShareByRecovery,
    upsetNegativeToPositiveRatio: upsetMean('meanToldNegative') / upsetMean('meanToldPositive'),
  };
}
