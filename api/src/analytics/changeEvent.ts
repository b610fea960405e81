/**
 * Before/after an annotated change event (DESIGN.md): the difference in loyal share (after − before,
 * two-proportion z-test) and in NPS (after − before, SE = √(SE²_before + SE²_after) for independent
 * samples, 95% interval ± 1.96·SE as for the NPS itself), plus loyalist-expectation means on both
 * sides. A respondent surveyed at or after the event time is "after". Memory: counters and
 * streaming means.
 */
import { createMeanAccumulator, UNIT_SCALE, type MeanAccumulator, type MeanResult } from './meanSummary.js';
import { NPS_Z, npsFromCounts, type NpsResult } from './nps.js';
import type { AnalyticsWarning, Interval } from './result.js';
import type { ReportAccumulator, ScoredRespondent } from './scoredRespondent.js';
import type { SurveyScoring } from './surveyScoring.js';
import { twoProportionZTest, type TwoProportionResult } from './twoProportion.js';
import { shareOf, type ShareResult } from './wilson.js';

export interface ChangeEvent {
  /** When the change happened, ms since the epoch. */
  at: number;
  /** What changed, e.g. "new formula"; shown in reports. */
  label?: string;
}

export interface ChangeEventSide {
  n: number;
  /** Loyal share of the side's classified respondents (unclassified left out of n). */
  loyal: ShareResult;
  /** The side's unclassified respondents: in `n` and the NPS, not in the loyal share. */
  unclassified: number;
  nps: NpsResult;
  loyalistExpectations: { item: string; score: MeanResult }[];
}

export interface ChangeEventResult {
  event: ChangeEvent;
  before: ChangeEventSide;
  after: ChangeEventSide;
  /** A = after, B = before: `difference` is the after − before loyal share, of classified respondents. */
  loyalShareDifference: TwoProportionResult;
  npsDifference: { difference: number | null; standardError: number | null; ci95: Interval | null };
  /** Respondents without a survey time, in neither side. */
  undated: number;
  warnings: AnalyticsWarning[];
}

interface SideCounts {
  n: number;
  loyal: number;
  unclassified: number;
  recommend: Float64Array;
  expectations: MeanAccumulator[];
}

/**
 * Accumulate both sides of a change event. NPS from each respondent's own version's recommend
 * question; loyalist expectations are the newest version's items.
 *
 * @example
 * const change = createChangeEventReport(compileSurveyScoring(definition), { at: Date.UTC(2024, 2, 1), label: 'new logo' });
 * scored.forEach(change.add);
 * change.finish().loyalShareDifference.pValue;
 */
export function createChangeEventReport(scoring: SurveyScoring, event: ChangeEvent): ReportAccumulator<ChangeEventResult> {
  const expectationItems = scoring.newest.model.items.flatMap((item, index) =>
    item.construct === 'loyalist_expectations' ? [{ id: item.id, index }] : [],
  );
  const side = (): SideCounts => ({
    n: 0,
    loyal: 0,
    unclassified: 0,
    recommend: new Float64Array(11),
    expectations: expectationItems.map(() => createMeanAccumulator()),
  });
  const before = side();
  const after = side();
  let undated = 0;

  const finishSide = (counts: SideCounts): ChangeEventSide => ({
    n: counts.n,
    loyal: shareOf(counts.loyal, counts.n - counts.unclassified),
    unclassified: counts.unclassified,
    nps: npsFromCounts(counts.recommend),
    loyalistExpectations: expectationItems.map(({ id }, i) => ({
      item: id,
      score: counts.expectations[i]!.finish(UNIT_SCALE),
    })),
  });

  return {
    add(scored: ScoredRespondent) {
      const surveyedAt = scored.respondent.surveyedAt;
      if (surveyedAt === undefined) {
        undated++;
        return;
      }
      const counts = surveyedAt >= event.at ? after : before;
      counts.n++;
      if (scored.segment === 'loyal') counts.loyal++;
      if (scored.segment === 'unclassified') counts.unclassified++;
      const recommend = scored.model.roleIds.recommend;
      // The recommend role is a 0–10 scale (model/roles.ts); a damaged answer is left out.
      const answer = recommend === null ? undefined : scored.respondent.answers[recommend];
      if (typeof answer === 'number' && answer >= 0 && answer <= 10 && Number.isInteger(answer)) {
        counts.recommend[answer] = counts.recommend[answer]! + 1;
      }
      for (let i = 0; i < expectationItems.length; i++) {
        counts.expectations[i]!.add(scored.itemScores[expectationItems[i]!.index]!);
      }
    },
    finish(): ChangeEventResult {
      const beforeSide = finishSide(before);
      const afterSide = finishSide(after);
      const warnings: AnalyticsWarning[] = [];
      if (undated > 0) {
        warnings.push({ code: 'CHANGE_UNDATED', params: { count: undated } });
      }
      const seBefore = beforeSide.nps.standardError;
      const seAfter = afterSide.nps.standardError;
      let npsDifference: ChangeEventResult['npsDifference'] = { difference: null, standardError: null, ci95: null };
      if (beforeSide.nps.nps !== null && afterSide.nps.nps !== null && seBefore !== null && seAfter !== null) {
        const difference = afterSide.nps.nps - beforeSide.nps.nps;
        const standardError = Math.sqrt(seBefore * seBefore + seAfter * seAfter);
        npsDifference = {
          difference,
          standardError,
          ci95: { lower: difference - NPS_Z * standardError, upper: difference + NPS_Z * standardError, level: 0.95 },
        };
      }
      return {
        event,
        before: beforeSide,
        after: afterSide,
        loyalShareDifference: twoProportionZTest(after.loyal, after.n - after.unclassified, before.loyal, before.n - before.unclassified, ['after', 'before']),
        npsDifference,
        undated,
        warnings,
      };
    },
  };
}
