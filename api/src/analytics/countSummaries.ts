/**
 * NPS and CSAT from answer counts (one counter per answer level) instead of answer lists, so a
 * streaming report can compute them at a million respondents without expanding a million-element
 * array. Same formulas, intervals and warnings as `netPromoterScore` (nps.ts) and
 * `customerSatisfaction` (csat.ts); countSummaries.test.ts checks they agree on every case.
 */
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import type { CsatResult } from './csat.js';
import type { NpsResult } from './nps.js';
import { SMALL_SAMPLE_N, type AnalyticsWarning, type Interval } from './result.js';
import { shareOf } from './wilson.js';

/** DESIGN.md fixes the NPS multiplier at 1.96 (as nps.ts). */
const NPS_Z = 1.96;

function total(counts: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < counts.length; i++) n += counts[i]!;
  return n;
}

/**
 * Net Promoter Score from counts of the answers 0..10 (`counts[a]` answered a):
 * NPS = 100·(p_P − p_D), SE = 100·√((p_P + p_D − (p_P − p_D)²)/n), interval ± 1.96·SE clipped to ±100.
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
      warnings: [{ code: 'EMPTY', message: 'No recommend answers: the NPS is undefined.' }],
    };
  }
  const warnings: AnalyticsWarning[] = [];
  if (n < SMALL_SAMPLE_N) {
    warnings.push({
      code: 'SMALL_SAMPLE',
      message: `Only ${n} recommend answers (fewer than ${SMALL_SAMPLE_N}): the NPS can swing widely.`,
    });
  }
  const pPromoters = promoters / n;
  const pDetractors = detractors / n;
  const difference = pPromoters - pDetractors;
  const nps = 100 * difference;
  const standardError = 100 * Math.sqrt(Math.max(0, pPromoters + pDetractors - difference * difference) / n);
  const ci95: Interval = {
    lower: Math.max(-100, nps - NPS_Z * standardError),
    upper: Math.min(100, nps + NPS_Z * standardError),
    level: 0.95,
  };
  return { n, nps, standardError, ci95, promoters, passives, detractors, warnings };
}

/**
 * CSAT from counts of the scores 1..scaleMax (`counts[s − 1]` answered s): mean with a Student t
 * interval x̄ ± t₀.₉₇₅,ₙ₋₁·s/√n, top-box and top-2-box shares with Wilson intervals. The standard
 * deviation is two-pass over the levels, so equal scores give exactly 0.
 *
 * @example
 * csatFromCounts(Float64Array.of(0, 0, 1, 1, 2)).topBox.share; // => 0.5
 */
export function csatFromCounts(counts: ArrayLike<number>): CsatResult {
  const scaleMax = counts.length;
  if (scaleMax < 2) throw new RangeError(`A satisfaction scale needs at least two levels; got ${scaleMax}.`);
  const n = total(counts);
  const topBox = shareOf(counts[scaleMax - 1]!, n);
  const topTwoBox = shareOf(counts[scaleMax - 1]! + counts[scaleMax - 2]!, n);
  if (n === 0) {
    return {
      n,
      mean: null,
      meanCi95: null,
      topBox,
      topTwoBox,
      warnings: [{ code: 'EMPTY', message: 'No satisfaction scores: the mean and shares are undefined.' }],
    };
  }
  const warnings: AnalyticsWarning[] = [];
  if (n < SMALL_SAMPLE_N) {
    warnings.push({
      code: 'SMALL_SAMPLE',
      message: `Only ${n} satisfaction scores (fewer than ${SMALL_SAMPLE_N}): treat the mean and shares as rough.`,
    });
  }
  let sum = 0;
  for (let i = 0; i < scaleMax; i++) sum += counts[i]! * (i + 1);
  const mean = sum / n;
  let meanCi95: Interval | null = null;
  if (n >= 2) {
    let squares = 0;
    for (let i = 0; i < scaleMax; i++) squares += counts[i]! * (i + 1 - mean) ** 2;
    const standardDeviation = Math.sqrt(squares / (n - 1));
    if (standardDeviation === 0) {
      warnings.push({
        code: 'ZERO_VARIANCE',
        message: `Every satisfaction score is ${mean}: there is no spread to build an interval of the mean from.`,
      });
    } else {
      const halfWidth = (tQuantile(0.975, n - 1) * standardDeviation) / Math.sqrt(n);
      meanCi95 = { lower: mean - halfWidth, upper: mean + halfWidth, level: 0.95 };
    }
  }
  return { n, mean, meanCi95, topBox, topTwoBox, warnings };
}
