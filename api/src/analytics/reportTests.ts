/**
 * The segment report's tested parts (issue 17) as one mergeable accumulator, so segmentReport.ts
 * only feeds it and places its results: satisfaction against loyalty, differences between groups
 * (from the report's own service-recovery and retention results), exchange type × segment and item
 * non-response, with their warnings already tagged with the report part they belong to.
 */
import type { Thresholds, SurveyDefinition } from '../model/definition.js';
import { createExchangeBySegment, type ExchangeBySegmentResult, type ExchangeBySegmentState } from './exchangeBySegment.js';
import { groupDifferences, type GroupDifferencesResult } from './groupDifferences.js';
import { createItemNonResponse, type ItemNonResponseResult, type ItemNonResponseState } from './itemNonResponse.js';
import type { AnalyticsWarning, ReportWarning, WarningParams, WarningPart } from './result.js';
import type { RetentionResult } from './retention.js';
import { createSatisfactionLoyalty, type SatisfactionLoyaltyResult, type SatisfactionLoyaltyState } from './satisfactionLoyalty.js';
import type { ScoredRespondent } from './scoredRespondent.js';
import type { ServiceRecoveryResult } from './serviceRecovery.js';
import type { SurveyScoring, VersionDefinition } from './surveyScoring.js';

export interface ReportTestsResult {
  satisfactionLoyalty: SatisfactionLoyaltyResult;
  groupDifferences: GroupDifferencesResult;
  exchangeBySegment: ExchangeBySegmentResult;
  itemNonResponse: ItemNonResponseResult;
  /** Every warning of the four parts (and of their tests), with its part. */
  warnings: ReportWarning[];
}

export type ReportTestsState = {
  satisfactionLoyalty: SatisfactionLoyaltyState;
  exchangeBySegment: ExchangeBySegmentState;
  itemNonResponse: ItemNonResponseState;
};

export interface ReportTestsAccumulator {
  add(scored: ScoredRespondent): void;
  /** The group differences come from the report's finished service-recovery and retention results. */
  finish(recovery: ServiceRecoveryResult, retention: RetentionResult): ReportTestsResult;
  state(): ReportTestsState;
  merge(state: ReportTestsState): void;
}

/**
 * Start the tested parts with the report's arguments: the survey (or its versions), its compiled
 * scoring and the report's thresholds.
 *
 * @example
 * const tests = createReportTests(survey, scoring, thresholds);
 * tests.add(scored);
 * tests.finish(serviceRecovery.finish(), retention.finish()).satisfactionLoyalty.emotional?.pearson.r;
 */
export function createReportTests(
  survey: SurveyDefinition | readonly VersionDefinition[],
  scoring: SurveyScoring,
  thresholds: Thresholds,
): ReportTestsAccumulator {
  const satisfactionLoyalty = createSatisfactionLoyalty(thresholds);
  const exchangeBySegment = createExchangeBySegment(scoring);
  const itemNonResponse = createItemNonResponse(survey);
  return {
    add(scored: ScoredRespondent) {
      satisfactionLoyalty.add(scored);
      exchangeBySegment.add(scored);
      itemNonResponse.add(scored);
    },
    finish(recovery: ServiceRecoveryResult, retention: RetentionResult): ReportTestsResult {
      const warnings: ReportWarning[] = [];
      const collect = (part: WarningPart, partWarnings: readonly AnalyticsWarning[], context: WarningParams = {}) => {
        for (const warning of partWarnings) warnings.push({ part, code: warning.code, params: { ...warning.params, ...context } });
      };
      const tested = satisfactionLoyalty.finish();
      collect('satisfaction_loyalty', tested.warnings);
      for (const part of [tested.emotional, tested.behavioural]) {
        if (part === null) continue;
        for (const result of [part.pearson, part.spearman, part.chiSquare, part.welch]) {
          collect('satisfaction_loyalty', result.warnings, { outcome: part.loyalty });
        }
      }
      if (tested.notLoyalAmongSatisfied) collect('satisfaction_loyalty', tested.notLoyalAmongSatisfied.warnings);
      const differences = groupDifferences(recovery, retention);
      collect('group_differences', differences.warnings);
      if (differences.recovery) {
        collect('group_differences', differences.recovery.emotional.warnings, { outcome: 'emotional' });
        collect('group_differences', differences.recovery.loyalShare.warnings);
      }
      if (differences.retention) collect('group_differences', differences.retention.retained.warnings);
      const exchangeTable = exchangeBySegment.finish();
      collect('exchange_by_segment', exchangeTable.warnings);
      if (exchangeTable.chiSquare) collect('exchange_by_segment', exchangeTable.chiSquare.warnings);
      const nonResponse = itemNonResponse.finish();
      collect('item_non_response', nonResponse.warnings);
      return {
        satisfactionLoyalty: tested,
        groupDifferences: differences,
        exchangeBySegment: exchangeTable,
        itemNonResponse: nonResponse,
        warnings,
      };
    },
    state: () => ({
      satisfactionLoyalty: satisfactionLoyalty.state(),
      exchangeBySegment: exchangeBySegment.state(),
      itemNonResponse: itemNonResponse.state(),
    }),
    merge(state: ReportTestsState) {
      satisfactionLoyalty.merge(state.satisfactionLoyalty);
      exchangeBySegment.merge(state.exchangeBySegment);
      itemNonResponse.merge(state.itemNonResponse);
    },
  };
}
