import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { SMALL_SAMPLE_N, type AnalyticsWarning, type Interval } from './result.js';
import { NORMAL_CRITICAL_95 } from './normalCriticalValue.js';

export interface TwoProportionResult {
  nA: number;
  nB: number;
  /** successesA / nA; null when nA = 0. */
  shareA: number | null;
  /** successesB / nB; null when nB = 0. */
  shareB: number | null;
  /** shareA − shareB; null when either group is empty. */
  difference: number | null;
  /** difference / pooled SE; null when a group is empty or the pooled share is 0 or 1. */
  z: number | null;
  /** Two-sided p-value of z; null with z. */
  pValue: number | null;
  /** Unpooled Wald 95% interval of the difference, clipped to −1..1; null when a group is empty. */
  ci95: Interval | null;
  warnings: AnalyticsWarning[];
}

function assertCounts(group: string, successes: number, n: number): void {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`Group ${group} size must be a whole number ≥ 0; got ${n}.`);
  }
  if (!Number.isInteger(successes) || successes < 0 || successes > n) {
    throw new RangeError(`Group ${group} successes must be a whole number from 0 to ${n}; got ${successes}.`);
  }
}

/**
 * Two-proportion z-test, pooled SE √(p̄(1−p̄)(1/nA + 1/nB)), two-sided, with the unpooled Wald
 * interval p̂A − p̂B ± z₀.₉₇₅·√(p̂A(1−p̂A)/nA + p̂B(1−p̂B)/nB) — as R's `prop.test(correct = FALSE)`,
 * whose X-squared is z². `groups` names the two groups in the warnings (a change event: after, before).
 *
 * @example
 * twoProportionZTest(45, 100, 30, 100).z; // => 2.1909...
 */
export function twoProportionZTest(
  successesA: number,
  nA: number,
  successesB: number,
  nB: number,
  groups: readonly [string, string] = ['A', 'B'],
): TwoProportionResult {
  assertCounts('A', successesA, nA);
  assertCounts('B', successesB, nB);
  const shareA = nA > 0 ? successesA / nA : null;
  const shareB = nB > 0 ? successesB / nB : null;
  const warnings: AnalyticsWarning[] = [];
  for (const [group, n] of [[groups[0], nA], [groups[1], nB]] as const) {
    if (n === 0) warnings.push({ code: 'GROUP_EMPTY', params: { group } });
    else if (n < SMALL_SAMPLE_N) warnings.push({ code: 'GROUP_SMALL_SAMPLE', params: { group, n, min: SMALL_SAMPLE_N } });
  }
  if (shareA === null || shareB === null) {
    return { nA, nB, shareA, shareB, difference: null, z: null, pValue: null, ci95: null, warnings };
  }
  const difference = shareA - shareB;
  const unpooledSe = Math.sqrt((shareA * (1 - shareA)) / nA + (shareB * (1 - shareB)) / nB);
  const halfWidth = NORMAL_CRITICAL_95 * unpooledSe;
  const ci95: Interval = {
    lower: Math.max(-1, difference - halfWidth),
    upper: Math.min(1, difference + halfWidth),
    level: 0.95,
  };
  const pooledShare = (successesA + successesB) / (nA + nB);
  const pooledSe = Math.sqrt(pooledShare * (1 - pooledShare) * (1 / nA + 1 / nB));
  if (pooledSe === 0) {
    warnings.push({ code: 'SHARES_NO_VARIATION', params: { share: pooledShare === 1 ? 100 : 0 } });
    return { nA, nB, shareA, shareB, difference, z: null, pValue: null, ci95, warnings };
  }
  const z = difference / pooledSe;
  const pValue = 2 * normalCdf(-Math.abs(z), 0, 1);
  return { nA, nB, shareA, shareB, difference, z, pValue, ci95, warnings };
}
