/**
 * The satisfaction→loyalty curve (DESIGN.md "Statistics"): at each level of overall satisfaction, the
 * loyal share with its Wilson interval, and 180-day retention where purchase history gives an outcome.
 * Memory: five counters per level; a saved state is those counters, merged by adding them.
 */
import { addDenseCounts, denseCounts, stateObject } from './jsonState.js';
import type { AnalyticsWarning } from './result.js';
import type { JsonState, MergeableAccumulator, ScoredRespondent } from './scoredRespondent.js';
import type { SurveyScoring } from './surveyScoring.js';
import { shareOf, type ShareResult } from './wilson.js';

export interface SatisfactionCurvePoint {
  level: number;
  /** Loyal respondents among the classified ones who answered this level (unclassified left out of n). */
  loyal: ShareResult;
  /** Respondents at this level who are unclassified: not in `loyal`'s n, counted here. */
  unclassified: number;
  /** Retained within 180 days among those at this level with an observed outcome. */
  retained: ShareResult;
}

export interface SatisfactionCurveResult {
  /** The question whose levels make the curve; null when the survey has no satisfaction scale. */
  question: string | null;
  points: SatisfactionCurvePoint[];
  warnings: AnalyticsWarning[];
}

/**
 * Accumulate the curve at each level of the newest version's overall-satisfaction question
 * (`ScoredRespondent.level`): loyal share = shareOf(loyal at level, classified at level), Wilson 95%;
 * retention counts every respondent at the level with an outcome, unclassified ones included.
 *
 * @example
 * const curve = createSatisfactionCurve(compileSurveyScoring(fullTemplate()));
 * scored.forEach(curve.add);
 * curve.finish().points[4]!.loyal.share; // loyal share among "completely satisfied"
 */
export function createSatisfactionCurve(scoring: SurveyScoring): MergeableAccumulator<SatisfactionCurveResult> {
  const question = scoring.levelQuestion;
  const levels = scoring.levels;
  const answered = new Float64Array(levels.length);
  const loyal = new Float64Array(levels.length);
  const unclassified = new Float64Array(levels.length);
  const withOutcome = new Float64Array(levels.length);
  const retained = new Float64Array(levels.length);
  const counters = { answered, loyal, unclassified, withOutcome, retained };
  return {
    state: (): JsonState => Object.fromEntries(Object.entries(counters).map(([name, counts]) => [name, denseCounts(counts)])),
    merge(saved: JsonState) {
      const entries = stateObject(saved, 'satisfaction curve');
      for (const [name, counts] of Object.entries(counters)) addDenseCounts(counts, entries[name], `satisfaction curve ${name}`);
    },
    add(scored: ScoredRespondent) {
      const index = scored.level;
      if (index < 0) return;
      answered[index] = answered[index]! + 1;
      if (scored.segment === 'loyal') loyal[index] = loyal[index]! + 1;
      if (scored.segment === 'unclassified') unclassified[index] = unclassified[index]! + 1;
      const outcome = scored.scores.retained;
      if (outcome !== null) {
        withOutcome[index] = withOutcome[index]! + 1;
        if (outcome) retained[index] = retained[index]! + 1;
      }
    },
    finish(): SatisfactionCurveResult {
      const warnings: AnalyticsWarning[] = [];
      if (question === null) {
        warnings.push({ code: 'CURVE_NOT_ASKED', params: {} });
      }
      return {
        question: question?.id ?? null,
        points: levels.map((level, i) => ({
          level,
          loyal: shareOf(loyal[i]!, answered[i]! - unclassified[i]!),
          unclassified: unclassified[i]!,
          retained: shareOf(retained[i]!, withOutcome[i]!),
        })),
        warnings,
      };
    },
  };
}
