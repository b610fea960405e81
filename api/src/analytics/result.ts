/**
 * Shapes every analytics result shares: its sample size, its uncertainty and its warnings.
 * Small samples are part of the answer, so a result never comes without `n` and `warnings`.
 * Warnings are codes with params from the registry in model/warnings.ts, which holds their texts.
 */
import type { ReportWarning, Warning, WarningCode, WarningParams, WarningPart } from '../model/warnings.js';

export type { ReportWarning, WarningCode, WarningParams, WarningPart };

/** A warning of one result: `{ code, params }`; the segment report adds the part (ReportWarning). */
export type AnalyticsWarning = Warning;

/** A two-sided confidence interval; `level` is 0.95 unless a function says otherwise. */
export interface Interval {
  lower: number;
  upper: number;
  level: number;
}

/** n below this gets a SMALL_SAMPLE warning (DESIGN.md: n below 30 for an NPS or share). */
export const SMALL_SAMPLE_N = 30;

/**
 * The interval cut to the scale [min, max], with an INTERVAL_CLIPPED warning when it ran past it
 * (a normal or t interval at tiny n can reach beyond what the figure can take).
 */
export function clipToScale(ci95: Interval, min: number, max: number, warnings: AnalyticsWarning[]): Interval {
  if (ci95.lower >= min && ci95.upper <= max) return ci95;
  warnings.push({ code: 'INTERVAL_CLIPPED', params: { lower: min, upper: max } });
  return { lower: Math.max(min, ci95.lower), upper: Math.min(max, ci95.upper), level: ci95.level };
}
