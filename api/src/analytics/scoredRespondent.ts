/**
 * A respondent after scoring and segmentation: what every report accumulator receives in `add`.
 */
import type { Thresholds } from '../model/definition.js';
import { scoreRespondent, type Respondent, type RespondentScores, type ScoringModel } from './scoring.js';
import { loyaltyType, primarySegment, type LoyaltyType, type Segment } from './segments.js';
import { createScoringBuffers, type ScoringBuffers, type SurveyScoring } from './surveyScoring.js';

export interface ScoredRespondent {
  respondent: Respondent;
  scores: RespondentScores;
  segment: Segment;
  loyaltyType: LoyaltyType;
  /**
   * 0..1 item scores in the newest version's `model.items` order, NaN when unanswered (or not asked by
   * the respondent's version). A reused buffer: read it during `add` only.
   */
  itemScores: Float64Array;
  /** The scoring model of the version the respondent answered: read role questions through its `roleIds`. */
  model: ScoringModel;
  /** Position of that version in `SurveyScoring.versions`; -1 when the respondent named a version the survey does not have (scored with the newest). */
  versionIndex: number;
  /**
   * Index into `SurveyScoring.levels` of the respondent's overall-satisfaction answer; -1 when
   * unanswered, damaged, or asked on another range than the newest version's.
   */
  level: number;
}

/** A report that sees respondents one at a time and keeps only what its statistics need. */
export interface ReportAccumulator<Result> {
  add(scored: ScoredRespondent): void;
  finish(): Result;
}

/**
 * A value that survives JSON.stringify → JSON.parse unchanged: numbers are finite (no NaN, no
 * Infinity: write null), no typed arrays, no undefined, no Map or Set.
 */
export type JsonState = number | string | boolean | null | JsonState[] | { [key: string]: JsonState };

/**
 * An accumulator whose counts and sums can be saved and added together (issue 17): the report keeps
 * one state per survey version × day and merges those in a filter's range instead of re-reading every
 * answer. Adding respondents to one accumulator, or to several whose states are then merged into one,
 * gives the same `finish()` (to rounding, 1e-9 relative).
 */
export interface MergeableAccumulator<Result, State extends JsonState = JsonState> extends ReportAccumulator<Result> {
  /** A copy of what was accumulated so far, JSON-safe (JsonState), independent of later `add`s. */
  state(): State;
  /** Adds a `state()` of an accumulator made with the same arguments, as if its respondents had been added here. */
  merge(state: State): void;
}

/**
 * Score and segment one respondent (scoring.ts, segments.ts) with the model of the version it
 * answered, lay its item scores out in the newest version's order and find its satisfaction level.
 *
 * @example
 * scoreAndSegment(compileSurveyScoring(fullTemplate()), DEFAULT_THRESHOLDS, { answers: { sat_overall: 5 } }).segment; // => 'unclassified'
 */
export function scoreAndSegment(
  scoring: SurveyScoring,
  thresholds: Thresholds,
  respondent: Respondent,
  buffers: ScoringBuffers = createScoringBuffers(scoring),
): ScoredRespondent {
  const named = respondent.version === undefined ? scoring.newest : scoring.byNumber[respondent.version];
  const version = named ?? scoring.newest;
  const model = version.model;
  const own = buffers.ownItemScores[version.index]!;
  const scores = scoreRespondent(model, respondent, own);
  const itemScores = buffers.itemScores;
  const newestItems = version.newestItems;
  if (newestItems !== null) {
    for (let i = 0; i < newestItems.length; i++) {
      const index = newestItems[i]!;
      itemScores[i] = index >= 0 ? own[index]! : Number.NaN;
    }
  }
  let level = -1;
  if (version.levelFits) {
    const levelIndex = model.levelIndex!;
    // The item score is NaN when the answer is missing or does not fit, so the raw answer is a valid level.
    if (own[levelIndex] === own[levelIndex]) {
      const item = model.items[levelIndex]!;
      level = (respondent.answers[item.id] as number) - item.min;
    }
  }
  return {
    respondent,
    scores,
    segment: primarySegment(scores, thresholds),
    loyaltyType: loyaltyType(scores, thresholds),
    itemScores,
    model,
    versionIndex: named === undefined ? -1 : version.index,
    level,
  };
}
