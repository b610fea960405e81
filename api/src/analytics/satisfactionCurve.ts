/**
 * The satisfaction→loyalty curve (DESIGN.md "Statistics"): at each level of overall satisfaction, the
 * loyal share with its Wilson interval, and 180-day retention where purchase history gives an outcome.
 * Memory: four counters per level.
 */
import type { SurveyDefinition } from '../model/definition.js';
import type { AnalyticsWarning } from './result.js';
import { satisfactionLevelQuestion, scaleLevels, type ReportAccumulator, type ScoredRespondent } from './scoredRespondent.js';
import { shareOf, type ShareResult } from './wilson.js';

export interface SatisfactionCurvePoint {
  level: number;
  /** Loyal respondents among those who answered this level (unclassified ones included in n). */
  loyal: ShareResult;
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
 * Accumulate the curve: loyal share = shareOf(loyal at level, answered level), Wilson 95%.
 *
 * @example
 * const curve = createSatisfactionCurve(fullTemplate());
 * scored.forEach(curve.add);
 * curve.finish().points[4]!.loyal.share; // loyal share among "completely satisfied"
 */
export function createSatisfactionCurve(definition: SurveyDefinition): ReportAccumulator<SatisfactionCurveResult> {
  const question = satisfactionLevelQuestion(definition);
  const levels = question ? scaleLevels(question) : [];
  const min = question?.min ?? 0;
  const answered = new Float64Array(levels.length);
  const loyal = new Float64Array(levels.length);
  const withOutcome = new Float64Array(levels.length);
  const retained = new Float64Array(levels.length);
  return {
    add(scored: ScoredRespondent) {
      if (question === null) return;
      const answer = scored.respondent.answers[question.id];
      if (typeof answer !== 'number') return;
      const index = answer - min;
      answered[index] = answered[index]! + 1;
      if (scored.segment === 'loyal') loyal[index] = loyal[index]! + 1;
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
          loyal: shareOf(loyal[i]!, answered[i]!),
          retained: shareOf(retained[i]!, withOutcome[i]!),
        })),
        warnings,
      };
    },
  };
}
