/**
 * Differences between groups, with p-values (DESIGN.md "Statistics"): does a resolved problem make
 * customers more loyal — E (Welch's t) and the loyal share (two-proportion z) of `resolved` against
 * `no_problem` — and are the loyal retained more than the satisfied-but-not-loyal (observed 180-day
 * retention, two-proportion z). Computed from what the service-recovery and retention accumulators
 * already keep (n, mean and SD of E; loyal and retained counts), so it needs no state of its own and
 * merges with theirs.
 */
import type { AnalyticsWarning } from './result.js';
import type { RetentionResult } from './retention.js';
import type { RecoveryCell, ServiceRecoveryResult } from './serviceRecovery.js';
import { twoProportionZTest, type TwoProportionResult } from './twoProportion.js';
import { welchFromSummaries, type GroupSummary, type WelchResult } from './welch.js';
import type { MeanResult } from './meanSummary.js';

export interface RecoveryDifference {
  /** Group A: had a problem and it was resolved. */
  groupA: 'resolved';
  /** Group B: had no problem. */
  groupB: 'no_problem';
  /** Mean E of A minus B (respondents with an E). */
  emotional: WelchResult;
  /** Loyal share of A minus B (classified respondents). */
  loyalShare: TwoProportionResult;
}

export interface RetentionDifference {
  groupA: 'loyal';
  groupB: 'satisfied_not_loyal';
  /** Retained share of A minus B (respondents with an observed outcome). */
  retained: TwoProportionResult;
}

export interface GroupDifferencesResult {
  /** null when no version asks about problems (RECOVERY_NOT_ASKED). */
  recovery: RecoveryDifference | null;
  /** null when nobody has an observed outcome (RETENTION_NO_OUTCOME). */
  retention: RetentionDifference | null;
  warnings: AnalyticsWarning[];
}

/** n, mean and variance of a streamed mean (variance unread below n = 2). */
function summaryOf(mean: MeanResult): GroupSummary {
  return { n: mean.n, mean: mean.mean ?? Number.NaN, variance: mean.standardDeviation === null ? Number.NaN : mean.standardDeviation ** 2 };
}

const loyalCounts = (cell: RecoveryCell) => [cell.loyal.successes, cell.loyal.n] as const;

/**
 * The comparisons from the finished service-recovery and retention results of the same report.
 *
 * @example
 * const { recovery, retention } = groupDifferences(report.serviceRecovery, report.retention);
 * recovery?.emotional.difference; // mean E after a resolved problem minus with no problem
 */
export function groupDifferences(recovery: ServiceRecoveryResult, retention: RetentionResult): GroupDifferencesResult {
  const warnings: AnalyticsWarning[] = [];
  let recoveryDifference: RecoveryDifference | null = null;
  if (recovery.warnings.some((warning) => warning.code === 'RECOVERY_NOT_ASKED')) {
    warnings.push({ code: 'RECOVERY_NOT_ASKED', params: {} });
  } else {
    const resolved = recovery.groups.find((g) => g.group === 'resolved')!.all;
    const noProblem = recovery.groups.find((g) => g.group === 'no_problem')!.all;
    recoveryDifference = {
      groupA: 'resolved',
      groupB: 'no_problem',
      emotional: welchFromSummaries(summaryOf(resolved.emotional), summaryOf(noProblem.emotional), ['resolved', 'no_problem']),
      loyalShare: twoProportionZTest(...loyalCounts(resolved), ...loyalCounts(noProblem), ['resolved', 'no_problem']),
    };
  }
  let retentionDifference: RetentionDifference | null = null;
  if (retention.n === 0) {
    warnings.push({ code: 'RETENTION_NO_OUTCOME', params: {} });
  } else {
    const of = (segment: string) => retention.bySegment.find((s) => s.segment === segment)!.retained;
    const loyal = of('loyal');
    const satisfiedNotLoyal = of('satisfied_not_loyal');
    retentionDifference = {
      groupA: 'loyal',
      groupB: 'satisfied_not_loyal',
      retained: twoProportionZTest(loyal.successes, loyal.n, satisfiedNotLoyal.successes, satisfiedNotLoyal.n, ['loyal', 'satisfied_not_loyal']),
    };
  }
  return { recovery: recoveryDifference, retention: retentionDifference, warnings };
}
