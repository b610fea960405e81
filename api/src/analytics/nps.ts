import { SMALL_SAMPLE_N, type AnalyticsWarning, type Interval } from './result.js';
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

/** DESIGN.md fixes the multiplier at 1.96, not Φ⁻¹(0.975) = 1.95996…. */
const NPS_Z = 1.96;

/**
 * Net Promoter Score (Reichheld 2003) with its multinomial standard error, as DESIGN.md "Statistics":
 * NPS = 100·(p_P − p_D), SE = 100·√((p_P + p_D − (p_P − p_D)²)/n), 95% interval NPS ± 1.96·SE.
 * Missing answers are skipped; anything other than a whole number 0..10 throws a RangeError.
 *
 * @example
 * netPromoterScore([10, 9, 8, 6, null]).nps; // => 25 (2 promoters, 1 detractor of 4)
 */
export function netPromoterScore(recommend: readonly (number | null | undefined)[]): NpsResult {
  const answers = presentValues(recommend, 'recommend answer');
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const answer of answers) {
    if (!Number.isInteger(answer) || answer < 0 || answer > 10) {
      throw new RangeError(`A recommend answer must be a whole number from 0 to 10; got ${answer}.`);
    }
    if (answer >= 9) promoters += 1;
    else if (answer >= 7) passives += 1;
    else detractors += 1;
  }
  const n = answers.length;
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
  // p_P + p_D − (p_P − p_D)² is ≥ 0 exactly; rounding can make it −1e-17 when everyone answers alike.
  const standardError = 100 * Math.sqrt(Math.max(0, pPromoters + pDetractors - difference * difference) / n);
  const ci95: Interval = {
    lower: Math.max(-100, nps - NPS_Z * standardError),
    upper: Math.min(100, nps + NPS_Z * standardError),
    level: 0.95,
  };
  return { n, nps, standardError, ci95, promoters, passives, detractors, warnings };
}
