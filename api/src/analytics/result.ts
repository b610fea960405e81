/**
 * Shapes every analytics result shares: its sample size, its uncertainty and its warnings.
 * Small samples are part of the answer, so a result never comes without `n` and `warnings`.
 */
export type WarningCode =
  | 'SMALL_SAMPLE' // n below 30 for an NPS, a share or a mean
  | 'LOW_EXPECTED_COUNT' // chi-square expected count below 5
  | 'TOO_FEW_ITEMS' // a construct with fewer than half its items answered
  | 'TOO_FEW_CASES_PER_PREDICTOR' // driver analysis with fewer than 10 cases per predictor
  | 'ZERO_VARIANCE' // a variable that does not vary: the statistic is undefined
  | 'EMPTY' // no usable observations at all
  | 'DAMAGED_ANSWERS' // stored answers that do not fit their survey version, read as unanswered
  | 'VERSION_SCALE_CHANGED'; // responses of a version whose scale differs from the newest version's, left out of a part

export interface AnalyticsWarning {
  code: WarningCode;
  /** A sentence an analyst can act on, naming the variable or group. */
  message: string;
}

/** A two-sided confidence interval; `level` is 0.95 unless a function says otherwise. */
export interface Interval {
  lower: number;
  upper: number;
  level: number;
}

/** n below this gets a SMALL_SAMPLE warning (DESIGN.md: n below 30 for an NPS or share). */
export const SMALL_SAMPLE_N = 30;
