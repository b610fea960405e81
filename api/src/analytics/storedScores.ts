/**
 * The per-respondent scores stored with a response (migrations/0005, issue 17): S, E, B, D, the
 * exchange type, the satisfaction level, 180-day retention and the service-recovery group, computed
 * with the scoring model of the version the response answered — the same scoring.ts scoreRespondent
 * that analytics/scoredRespondent.ts scoreAndSegment runs for the report, so a segment decided in SQL
 * from the stored columns (reports/filter.ts segmentSql) equals segments.ts primarySegment.
 *
 * Pure: no database. The callers (responses/, invites/, analytics/storedScoresDb.ts) read the answers,
 * the customer's purchases and the observed-until time and write the columns.
 */
import type { Answers, SurveyDefinition } from '../model/definition.js';
import { compileScoring, scoreRespondent, type ExchangeType, type PurchaseHistory, type ScoringModel } from './scoring.js';
import type { RecoveryGroup } from './serviceRecovery.js';

/** The stored-score columns of a response row, as written. */
export interface StoredScores {
  score_s: number | null;
  score_e: number | null;
  score_b: number | null;
  discount_dependent: boolean | null;
  exchange_type: ExchangeType | null;
  satisfaction_level: number | null;
  retained: boolean | null;
  recovery_group: RecoveryGroup | null;
  scored_version: number;
}

/** What a response is scored from. */
export interface StoredScoresInput {
  /** The number of the version it answered (stored as `scored_version`). */
  version: number;
  answers: Answers;
  /** submitted_at in ms since the epoch; needed with `purchases`. */
  surveyedAt?: number;
  /**
   * The customer's purchase history where there is one: the response has a customer_ref and the
   * company has purchase history (reports/service.ts: then an empty list means "bought nothing").
   * Absent: no history, so B has no repeat-purchase item and retained is null.
   */
  purchases?: PurchaseHistory;
}

const RESOLUTIONS: ReadonlySet<string> = new Set(['resolved', 'partly', 'not_resolved']);

/**
 * The recovery group as serviceRecovery.ts groups respondents: had_problem = no → no_problem;
 * had_problem = yes → the problem_resolved answer (resolved, partly, not_resolved); else null.
 */
function recoveryGroup(model: ScoringModel, answers: Answers): RecoveryGroup | null {
  const { had_problem: hadProblemId, problem_resolved: resolvedId } = model.roleIds;
  if (hadProblemId === null) return null;
  const hadProblem = answers[hadProblemId];
  if (hadProblem === 'no') return 'no_problem';
  if (hadProblem !== 'yes' || resolvedId === null) return null;
  const resolution = answers[resolvedId];
  return typeof resolution === 'string' && RESOLUTIONS.has(resolution) ? (resolution as RecoveryGroup) : null;
}

/**
 * The stored columns of one response. Scores are already rounded to 12 decimals (scoring.ts
 * roundScore); the satisfaction level is the overall-satisfaction answer as given, null when it is
 * unanswered or does not fit its scale.
 *
 * @example
 * const model = compileScoring(shortTemplate());
 * storedScores(model, { version: 1, answers: { sat_overall: 5, recommend: 9, repurchase: 4, stay_vs_competitor: 5, promo_decided: 'no' } });
 * // => { score_s: 1, score_e: 0.9, score_b: 0.875, discount_dependent: false, …, scored_version: 1 }
 */
export function storedScores(model: ScoringModel, input: StoredScoresInput, itemScores: Float64Array = new Float64Array(model.items.length)): StoredScores {
  const respondent = input.purchases === undefined
    ? { answers: input.answers }
    : { answers: input.answers, surveyedAt: input.surveyedAt, purchases: input.purchases };
  const scores = scoreRespondent(model, respondent, itemScores);
  let level: number | null = null;
  if (model.levelIndex !== null && itemScores[model.levelIndex] === itemScores[model.levelIndex]) {
    level = input.answers[model.items[model.levelIndex]!.id] as number;
  }
  return {
    score_s: scores.satisfaction,
    score_e: scores.emotional,
    score_b: scores.behavioural,
    discount_dependent: scores.discountDependent,
    exchange_type: scores.exchange,
    satisfaction_level: level,
    retained: scores.retained,
    recovery_group: recoveryGroup(model, input.answers),
    scored_version: input.version,
  };
}

/**
 * Compiled scoring models by survey version id: a published version never changes, so each is
 * compiled once per process (the hot submit path then only scores). Bounded: cleared when full.
 */
export class ScoringModelCache {
  private readonly models = new Map<string, ScoringModel>();
  constructor(private readonly limit = 10_000) {}

  /** @example const model = cache.model(versionId, definition); */
  model(versionId: string, definition: SurveyDefinition): ScoringModel {
    let model = this.models.get(versionId);
    if (model === undefined) {
      if (this.models.size >= this.limit) this.models.clear();
      model = compileScoring(definition);
      this.models.set(versionId, model);
    }
    return model;
  }
}

/** The process's cache, shared by both submit paths, the backfill and the purchase-import rescoring. */
export const scoringModels = new ScoringModelCache();
