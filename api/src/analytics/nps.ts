import { SMALL_SAMPLE_N, clipToScale, type AnalyticsWarning, type Interval } from './result.js';
import { presentValues } from './presentValues.js';

export interface NpsResult {
  /** Answered recommend values. */
  n: number;
  /** Net Promoter Score, −100..100; null when n = 0. */
  nps: number | null;
  /** Standard error of the NPS, in NPS points; null when n = 0. */
  standardError: number | null;
  /** nps ± 1.96·SE, clipped to the possible range −100..100; null when n = 0. */
  ci95: Interval | null;
  /** Answers 9–10. */
  promoters: number;
  /** Answers 7–8. */
  passives: number;
  /** Answers 0–6. */
  detractors: number;
  warnings: AnalyticsWarning[];
}

/** DESIGN.md fixes the multiplier at 1.96, not Φ⁻¹(0.975) = 1.95996…; a difference of NPS uses it too. */
export const NPS_Z = 1.96;

/**
 * Net Promoter Score (Reichheld 2003) with its multinomial standard error, as DESIGN.md "Statistics":
 * NPS = 100·(p_P − p_D), SE = 100·√((p_P + p_D − (p_P − p_D)²)/n), 95% interval NPS ± 1.96·SE.
 * Missing answers are skipped; anything other than a whole number 0..10 throws a RangeError.
 * Counts the answers and leaves the formula to `npsFromCounts`.
 *
 * @example
 * netPromoterScore([10, 9, 8, 6, null]).nps; // => 25 (2 promoters, 1 detractor of 4)
 */
export function netPromoterScore(recommend: readonly (number | null | undefined)[]): NpsResult {
  const counts = new Float64Array(11);
  for (const answer of presentValues(recommend, 'recommend answer')) {
    if (!Number.isInteger(answer) || answer < 0 || answer > 10) {
      throw new RangeError(`A recommend answer must be a whole number from 0 to 10; got ${answer}.`);
    }
    counts[answer] = counts[answer]! + 1;
  }
  return npsFromCounts(counts);
}

/**
 * The NPS formula itself, from counts of the answers 0..10 (`counts[a]` answered a), so a streaming
 * report needs eleven counters, not a list of answers: promoters answered 9–10, passives 7–8,
 * detractors 0–6. Cost O(1).
 *
 * @example
 * npsFromCounts(Float64Array.of(1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1)).nps; // => 25
 */
export function npsFromCounts(counts: ArrayLike<number>): NpsResult {
  if (counts.length !== 11) throw new RangeError(`NPS counts need one entry per answer 0..10; got ${counts.length}.`);
  let detractors = 0;
  for (let answer = 0; answer <= 6; answer++) detractors += counts[answer]!;
  const passives = counts[7]! + counts[8]!;
  const promoters = counts[9]! + counts[10]!;
  const n = promoters + passives + detractors;
  if (n === 0) {
    return {
      n,
      nps: null,
      standardError: null,
      ci95: null,
      promoters,
      passives,
      detractors,
      warnings: [{ code: 'NO_ANSWERS', params: {} }],
    };
  }
  const warnings: AnalyticsWarning[] = [];
  if (n < SMALL_SAMPLE_N) {
    warnings.push({ code: 'SMALL_SAMPLE', params: { n, min: SMALL_SAMPLE_N } });
  }
  const pPromoters = promoters / n;
  const pDetractors = detractors / n;
  const difference = pPromoters - pDetractors;
  const nps = 100 * difference;
  // p_P + p_D − (p_P − p_D)² is ≥ 0 exactly; rounding can make it −1e-17 when everyone answers alike.
  const standardError = 100 * Math.sqrt(Math.max(0, pPromoters + pDetractors - difference * difference) / n);
  // Everyone a promoter (or a detractor, or a passive) gives a standard error of 0: an interval of
  // zero width that says nothing about the uncertainty of so uniform a sample.
  if (standardError === 0) warnings.push({ code: 'INTERVAL_ZERO_WIDTH', params: {} });
  const ci95 = clipToScale({ lower: nps - NPS_Z * standardError, upper: nps + NPS_Z * standardError, level: 0.95 }, -100, 100, warnings);
  return { n, nps, standardError, ci95, promoters, passives, detractors, warnings };
}
