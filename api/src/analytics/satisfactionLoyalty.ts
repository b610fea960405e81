/**
 * Satisfaction against loyalty, tested (DESIGN.md "Statistics"): the figures behind "satisfied is not
 * loyal". For E and for B: Pearson and Spearman of S with it, χ² of satisfied (S ≥ τS) × loyal
 * (score ≥ τ) with Cramér's V, and Welch's t of the score between satisfied and not satisfied; and
 * the share not loyal (segment ≠ loyal) among the classified satisfied respondents, with its Wilson
 * interval. Memory: one joint histogram of (S, E) and one of (S, B) (jointHistogram.ts), from which
 * every one of those follows exactly, and a few counters.
 */
import type { Thresholds } from '../model/definition.js';
import { chiSquareIndependence, type ChiSquareResult } from './chiSquare.js';
import { correlationFromCoefficient, type CorrelationResult } from './correlation.js';
import {
  constantSides,
  createJointHistogram,
  histogramColumns,
  histogramPearson,
  histogramSpearman,
  histogramSummary,
  type JointHistogram,
  type JointHistogramState,
} from './jointHistogram.js';
import type { AnalyticsWarning } from './result.js';
import type { MergeableAccumulator, ScoredRespondent } from './scoredRespondent.js';
import { roundScore, type ScoredConstruct } from './scoring.js';
import { welchFromSummaries, type WelchResult } from './welch.js';
import { shareOf, type ShareResult } from './wilson.js';

/** The two loyalties S is tested against. */
export type LoyaltyConstruct = 'emotional' | 'behavioural';
export const LOYALTY_CONSTRUCTS: readonly LoyaltyConstruct[] = ['emotional', 'behavioural'];
/** Row labels of the 2×2 tables. */
export const SATISFIED_ROWS = ['satisfied', 'not_satisfied'] as const;
/** Column labels of the 2×2 tables. */
export const LOYAL_COLUMNS = ['loyal', 'not_loyal'] as const;

export interface SatisfactionLoyaltyTest {
  /** E or B. */
  loyalty: LoyaltyConstruct;
  /** Respondents with both S and this score: every figure below is over them. */
  n: number;
  pearson: CorrelationResult;
  /** Midranks for ties, values rounded to 12 decimals (as `spearman` in correlation.ts). */
  spearman: CorrelationResult;
  /** Counts: rows satisfied (S ≥ τS), not satisfied; columns loyal (score ≥ its τ), not loyal. */
  table: number[][];
  /** Of `table`, no continuity correction (chiSquare.ts). */
  chiSquare: ChiSquareResult;
  /** The score's mean among the satisfied (A) minus among the not satisfied (B). */
  welch: WelchResult;
  /**
   * The satisfaction × loyalty map: respondents per cell of a MAP_BINS × MAP_BINS grid over [0, 1]²,
   * `grid[row][column]`, row the loyalty score's bin (0 = lowest), column S's bin. Bins are 1/MAP_BINS
   * wide and a score on an edge goes to the upper bin (1 goes to the last), so with τ = 0.75 and 20
   * bins the quadrant lines fall on bin edges. Sums to `n`.
   */
  grid: number[][];
}

/** Bins per side of the map's grid (0.05 wide). */
export const MAP_BINS = 20;

/** The map's bin of a score in [0, 1]: rounded to 12 decimals first, so 0.75 is bin 15, not 14. */
export function mapBin(score: number): number {
  return Math.min(MAP_BINS - 1, Math.max(0, Math.floor(roundScore(roundScore(score) * MAP_BINS))));
}

export interface SatisfactionLoyaltyResult {
  thresholds: Thresholds;
  /** Respondents with each score. */
  scored: Record<ScoredConstruct, number>;
  /** null when nobody has an S or nobody has an E (SATISFACTION_LOYALTY_NO_SCORES). */
  emotional: SatisfactionLoyaltyTest | null;
  /** null when nobody has an S or nobody has a B. */
  behavioural: SatisfactionLoyaltyTest | null;
  /**
   * Segment ≠ loyal among the classified (S, E and B present) satisfied respondents, Wilson 95%;
   * null when nobody has one of the three scores.
   */
  notLoyalAmongSatisfied: ShareResult | null;
  warnings: AnalyticsWarning[];
}

/** The accumulator's JSON-safe state. */
export type SatisfactionLoyaltyState = {
  scored: [number, number, number];
  satisfactionEmotional: JointHistogramState;
  satisfactionBehavioural: JointHistogramState;
  satisfiedClassified: number;
  satisfiedLoyal: number;
};

/** score ≥ τ after rounding both to 12 decimals (segments.ts), so a score exactly on τ is on it. */
const atLeast = (score: number, threshold: number) => roundScore(score) >= roundScore(threshold);

function testOf(loyalty: LoyaltyConstruct, histogram: JointHistogram, thresholds: Thresholds): SatisfactionLoyaltyTest {
  const { xs, ys, weights } = histogramColumns(histogram);
  const n = histogram.count();
  const constant = n < 2 ? [] : constantSides(xs, ys);
  const pearson = correlationFromCoefficient(n, constant, () => histogramPearson(xs, ys, weights));
  const spearman = correlationFromCoefficient(n, constant, () => histogramSpearman(xs, ys, weights));
  const table = [
    [0, 0],
    [0, 0],
  ];
  xs.forEach((x, i) => {
    const row = atLeast(x, thresholds.satisfaction) ? 0 : 1;
    const column = atLeast(ys[i]!, thresholds[loyalty]) ? 0 : 1;
    table[row]![column] = table[row]![column]! + weights[i]!;
  });
  const chiSquare = chiSquareIndependence(table, { rows: [...SATISFIED_ROWS], columns: [...LOYAL_COLUMNS] });
  const satisfied = (x: number) => atLeast(x, thresholds.satisfaction);
  const welch = welchFromSummaries(
    histogramSummary(xs, ys, weights, satisfied),
    histogramSummary(xs, ys, weights, (x) => !satisfied(x)),
    SATISFIED_ROWS,
  );
  const grid = Array.from({ length: MAP_BINS }, () => new Array<number>(MAP_BINS).fill(0));
  xs.forEach((x, i) => {
    const row = grid[mapBin(ys[i]!)]!;
    const column = mapBin(x);
    row[column] = row[column]! + weights[i]!;
  });
  return { loyalty, n, pearson, spearman, table, chiSquare, welch, grid };
}

/**
 * Accumulate satisfaction against loyalty with the report's thresholds τS, τE, τB. Each respondent
 * counts in every figure whose scores it has (pairwise complete).
 *
 * @example
 * const tested = createSatisfactionLoyalty(DEFAULT_THRESHOLDS);
 * scored.forEach(tested.add);
 * const { emotional, notLoyalAmongSatisfied } = tested.finish();
 * emotional?.pearson.r; // S with E
 */
export function createSatisfactionLoyalty(
  thresholds: Thresholds,
): MergeableAccumulator<SatisfactionLoyaltyResult, SatisfactionLoyaltyState> {
  const scored = new Float64Array(3);
  const satisfactionEmotional = createJointHistogram();
  const satisfactionBehavioural = createJointHistogram();
  let satisfiedClassified = 0;
  let satisfiedLoyal = 0;
  return {
    add({ scores, segment }: ScoredRespondent) {
      const { satisfaction, emotional, behavioural } = scores;
      if (satisfaction !== null) scored[0]!++;
      if (emotional !== null) scored[1]!++;
      if (behavioural !== null) scored[2]!++;
      if (satisfaction === null) return;
      if (emotional !== null) satisfactionEmotional.add(satisfaction, emotional);
      if (behavioural !== null) satisfactionBehavioural.add(satisfaction, behavioural);
      if (segment !== 'unclassified' && atLeast(satisfaction, thresholds.satisfaction)) {
        satisfiedClassified++;
        if (segment === 'loyal') satisfiedLoyal++;
      }
    },
    finish(): SatisfactionLoyaltyResult {
      const warnings: AnalyticsWarning[] = [];
      const counts = { satisfaction: scored[0]!, emotional: scored[1]!, behavioural: scored[2]! };
      for (const construct of ['satisfaction', 'emotional', 'behavioural'] as const) {
        if (counts[construct] === 0) warnings.push({ code: 'SATISFACTION_LOYALTY_NO_SCORES', params: { construct } });
      }
      const tested = (loyalty: LoyaltyConstruct, histogram: JointHistogram) =>
        counts.satisfaction === 0 || counts[loyalty] === 0 ? null : testOf(loyalty, histogram, thresholds);
      const anyMissing = counts.satisfaction === 0 || counts.emotional === 0 || counts.behavioural === 0;
      return {
        thresholds: { ...thresholds },
        scored: counts,
        emotional: tested('emotional', satisfactionEmotional),
        behavioural: tested('behavioural', satisfactionBehavioural),
        notLoyalAmongSatisfied: anyMissing ? null : shareOf(satisfiedClassified - satisfiedLoyal, satisfiedClassified),
        warnings,
      };
    },
    state(): SatisfactionLoyaltyState {
      return {
        scored: [scored[0]!, scored[1]!, scored[2]!],
        satisfactionEmotional: satisfactionEmotional.state(),
        satisfactionBehavioural: satisfactionBehavioural.state(),
        satisfiedClassified,
        satisfiedLoyal,
      };
    },
    merge(state: SatisfactionLoyaltyState) {
      if (!Array.isArray(state.scored) || state.scored.length !== 3) {
        throw new RangeError('A satisfaction-loyalty state needs `scored` as three counts.');
      }
      state.scored.forEach((count, i) => (scored[i] = scored[i]! + count));
      satisfactionEmotional.merge(state.satisfactionEmotional);
      satisfactionBehavioural.merge(state.satisfactionBehavioural);
      satisfiedClassified += state.satisfiedClassified;
      satisfiedLoyal += state.satisfiedLoyal;
    },
  };
}
