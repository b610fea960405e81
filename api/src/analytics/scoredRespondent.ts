/**
 * A respondent after scoring and segmentation: what every report accumulator receives in `add`.
 */
import type { ScaleQuestion, SurveyDefinition, Thresholds } from '../model/definition.js';
import { scoreRespondent, type Respondent, type RespondentScores, type ScoringModel } from './scoring.js';
import { loyaltyType, primarySegment, type LoyaltyType, type Segment } from './segments.js';

export interface ScoredRespondent {
  respondent: Respondent;
  scores: RespondentScores;
  segment: Segment;
  loyaltyType: LoyaltyType;
  /** 0..1 item scores in `model.items` order, NaN when unanswered. A reused buffer: read it during `add` only. */
  itemScores: Float64Array;
}

/** A report that sees respondents one at a time and keeps only what its statistics need. */
export interface ReportAccumulator<Result> {
  add(scored: ScoredRespondent): void;
  finish(): Result;
}

/**
 * Score and segment one respondent (scoring.ts, segments.ts).
 *
 * @example
 * scoreAndSegment(compileScoring(fullTemplate()), DEFAULT_THRESHOLDS, { answers: { sat_overall: 5 } }).segment; // => 'unclassified'
 */
export function scoreAndSegment(
  model: ScoringModel,
  thresholds: Thresholds,
  respondent: Respondent,
  itemScores: Float64Array = new Float64Array(model.items.length),
): ScoredRespondent {
  const scores = scoreRespondent(model, respondent, itemScores);
  return {
    respondent,
    scores,
    segment: primarySegment(scores, thresholds),
    loyaltyType: loyaltyType(scores, thresholds),
    itemScores,
  };
}

/**
 * The overall-satisfaction question whose levels the curve, word-of-mouth and retention reports use:
 * `sat_overall` when the definition has it, else its first satisfaction scale; null when none.
 *
 * @example
 * satisfactionLevelQuestion(fullTemplate())?.id; // => 'sat_overall'
 */
export function satisfactionLevelQuestion(definition: SurveyDefinition): ScaleQuestion | null {
  const scales = definition.questions.filter((q): q is ScaleQuestion => q.type === 'scale');
  return scales.find((q) => q.id === 'sat_overall') ?? scales.find((q) => q.construct === 'satisfaction') ?? null;
}

/**
 * The whole-number levels of a scale question, min..max.
 *
 * @example
 * scaleLevels({ min: 1, max: 5 }); // => [1, 2, 3, 4, 5]
 */
export function scaleLevels(question: Pick<ScaleQuestion, 'min' | 'max'>): number[] {
  return Array.from({ length: question.max - question.min + 1 }, (_, i) => question.min + i);
}
