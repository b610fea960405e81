/**
 * The full segment report (DESIGN.md "Scores and segments", "Statistics") as an accumulator:
 * `createSegmentReport(definition or versions, options)`, then `add(respondent)` once per respondent,
 * then `finish()`. Nothing here does I/O; a CLI, a route or a test feeds it.
 *
 * Versions: every version given is compiled once (surveyScoring.ts) and each respondent is scored
 * with the version it answered (`Respondent.version`); the item lists are the newest version's.
 *
 * Memory model — bounded whatever the number of respondents; respondents are never kept:
 * - counts: segments (6), loyalty types (5 overall, 5 within satisfied_not_loyal), recommend answers
 *   (11), overall-satisfaction answers (one per level), TOO_FEW_ITEMS per construct;
 * - a histogram (count per answer level) of each loyalist-expectation item per segment, from which
 *   means and standard deviations follow;
 * - for Cronbach's alpha per multi-item construct, a histogram of answer patterns
 *   (discreteCrossProducts.ts: 625 counters for four 1–5 items), or a cross-product matrix when the
 *   patterns would be too many; one cross-product matrix (crossProducts.ts, O(p²)) over the driver
 *   predictors and the three outcomes;
 * - the sub-reports' counters (satisfaction curve, service recovery, retention, change event);
 * - word of mouth: one counter per distinct (level, told positive, told negative) answer, which the
 *   Poisson bootstrap resamples (wordOfMouth.ts) — at most levels × 1001², in practice a few thousand.
 * NPS and CSAT come from their answer counts (`npsFromCounts` in nps.ts, `csatFromCounts` in csat.ts),
 * not from answer lists.
 */
import { DEFAULT_THRESHOLDS, type Construct, type SurveyDefinition, type Thresholds } from '../model/definition.js';
import { createChangeEventReport, type ChangeEvent, type ChangeEventResult } from './changeEvent.js';
import { cronbachAlphaFromCovariance, type CronbachResult } from './cronbach.js';
import { createCrossProducts } from './crossProducts.js';
import { createDiscreteCrossProducts, MAX_PATTERNS, patternCount } from './discreteCrossProducts.js';
import { csatFromCounts, type CsatResult } from './csat.js';
import { meanFromCounts, type MeanResult } from './meanSummary.js';
import { npsFromCounts, type NpsResult } from './nps.js';
import { relativeWeightsFromCorrelation, type RelativeWeightsResult } from './relativeWeights.js';
import type { AnalyticsWarning } from './result.js';
import { createRetention, type RetentionResult } from './retention.js';
import { createSatisfactionCurve, type SatisfactionCurveResult } from './satisfactionCurve.js';
import { scoreAndSegment } from './scoredRespondent.js';
import { EXCHANGE_ORDER, SCORED_CONSTRUCTS, type Respondent, type ScoredConstruct } from './scoring.js';
import { LOYALTY_TYPES, SEGMENTS, type LoyaltyType, type Segment } from './segments.js';
import { createServiceRecovery, type ServiceRecoveryResult } from './serviceRecovery.js';
import { compileSurveyScoring, createScoringBuffers, type VersionDefinition } from './surveyScoring.js';
import { shareOf, type ShareResult } from './wilson.js';
import { createWordOfMouth, type BootstrapOptions, type WordOfMouthResult } from './wordOfMouth.js';

export interface SegmentReportOptions {
  /** τS, τE, τB; default: the newest version's `definition.thresholds`. */
  thresholds?: Thresholds;
  /** Add a before/after comparison around this event. */
  changeEvent?: ChangeEvent;
  /** Word-of-mouth bootstrap: resamples (default 1000) and seed (default fixed). */
  bootstrap?: BootstrapOptions;
}

/** Loyalty types a satisfied_not_loyal respondent can have: `true` would be loyal, `unknown` unclassified. */
export const SATISFIED_NOT_LOYAL_TYPES: readonly LoyaltyType[] = ['latent', 'spurious', 'none'];
/** Constructs whose items are checked for internal consistency. */
const RELIABILITY_CONSTRUCTS: readonly Construct[] = ['satisfaction', 'emotional', 'behavioural', 'loyalist_expectations'];

export interface DriverModel {
  outcome: ScoredConstruct;
  /** What stands for the outcome: the level item for satisfaction (see `drivers`), else the construct score. */
  outcomeVariable: string;
  result: RelativeWeightsResult;
}

export interface SegmentReport {
  /** Respondents added. */
  n: number;
  /** Respondents per survey version, oldest first (a respondent naming no known version is in none). */
  versions: { version: number; n: number }[];
  thresholds: Thresholds;
  /**
   * In rule order, unclassified always listed. loyal … defector are shares of the `classified`
   * respondents; unclassified is a share of all n (DESIGN.md "Statistical conventions").
   */
  segments: { segment: Segment; share: ShareResult }[];
  /** Respondents with S, E and B: the denominator of every segment share but unclassified's (n − unclassified). */
  classified: number;
  /** true … none are shares of the `withLoyaltyType` respondents; `unknown` (E or B missing) a share of all n. */
  loyaltyTypes: { type: LoyaltyType; share: ShareResult }[];
  /** Respondents with E and B: the denominator of every loyalty-type share but unknown's (n − unknown). */
  withLoyaltyType: number;
  /** Shares within satisfied_not_loyal. */
  satisfiedNotLoyalTypes: { type: LoyaltyType; share: ShareResult }[];
  /** Respondents whose construct was missing because fewer than half its items were answered. */
  tooFewItems: Record<ScoredConstruct, number>;
  /** From each version's question with the `recommend` role (0–10); null when no version has one. */
  nps: NpsResult | null;
  /** On the newest version's overall-satisfaction item; null when it has none. */
  csat: (CsatResult & { question: string }) | null;
  /** Cronbach's alpha (raw and standardized) of 0..1 item scores, complete cases, per construct with at least two items. */
  reliability: { construct: Construct; items: string[]; result: CronbachResult }[];
  /**
   * Relative weights of the same predictors on S, E and B, side by side. Predictors: the satisfaction
   * items other than the overall one (product, service, price) and the exchange type as a 0..1
   * score (criminal 0, partial ⅓, equal ⅔, pleasant surprise 1), named by the id of the question
   * with the `expectation` role. For S the outcome is the overall-satisfaction item, because the S
   * score contains the predictors themselves (a part-whole regression would only echo the averaging); for E and B the
   * outcome is the construct score. The same complete cases for all three models (every predictor
   * and every outcome answered), so the columns compare like with like. Empty when fewer than two
   * predictors.
   */
  drivers: { predictors: string[]; models: DriverModel[] };
  /** Mean 0..1 loyalist-expectation item scores by segment (and for everyone). */
  loyalistExpectations: {
    items: string[];
    bySegment: { segment: Segment | 'all'; scores: { item: string; score: MeanResult }[] }[];
  };
  satisfactionCurve: SatisfactionCurveResult;
  serviceRecovery: ServiceRecoveryResult;
  wordOfMouth: WordOfMouthResult;
  retention: RetentionResult;
  changeEvent: ChangeEventResult | null;
  /** Every warning of every part, prefixed with the part it belongs to. */
  warnings: AnalyticsWarning[];
}

export interface SegmentReportAccumulator {
  add(respondent: Respondent): void;
  finish(): SegmentReport;
}

/**
 * Start a segment report for one survey definition, or for every version of a survey (each
 * respondent then names its `version`).
 *
 * @example
 * const report = createSegmentReport(fullTemplate());
 * for (const respondent of respondents) report.add(respondent);
 * const { segments, nps, drivers, warnings } = report.finish();
 */
export function createSegmentReport(
  survey: SurveyDefinition | readonly VersionDefinition[],
  options: SegmentReportOptions = {},
): SegmentReportAccumulator {
  const scoring = compileSurveyScoring(survey);
  const newest = scoring.newest;
  const model = newest.model;
  const thresholds = options.thresholds ?? scoring.thresholds ?? DEFAULT_THRESHOLDS;
  const buffers = createScoringBuffers(scoring);
  const itemScores = buffers.itemScores;
  const levelQuestion = scoring.levelQuestion;
  const asksRecommend = scoring.versions.some((version) => version.model.roleIds.recommend !== null);

  let n = 0;
  const segmentCounts = new Float64Array(SEGMENTS.length);
  const typeCounts = new Float64Array(LOYALTY_TYPES.length);
  const satisfiedNotLoyalTypeCounts = new Float64Array(LOYALTY_TYPES.length);
  const tooFewItems: Record<ScoredConstruct, number> = { satisfaction: 0, emotional: 0, behavioural: 0 };
  const recommendCounts = new Float64Array(11);
  const levelCounts = new Float64Array(scoring.levels.length);
  const versionCounts = new Float64Array(scoring.versions.length);
  let unknownVersion = 0;
  let damaged = 0;
  const segmentIndex = new Map(SEGMENTS.map((segment, i) => [segment, i]));
  const typeIndex = new Map(LOYALTY_TYPES.map((type, i) => [type, i]));

  const reliability = RELIABILITY_CONSTRUCTS.flatMap((construct) => {
    const indexes = model.items.flatMap((item, index) => (item.construct === construct ? [index] : []));
    if (indexes.length < 2) return [];
    const items = indexes.map((index) => model.items[index]!.id);
    const ranges = indexes.map((index) => model.items[index]!.max - model.items[index]!.min);
    const discrete = ranges.every((range) => Number.isInteger(range)) && patternCount(ranges) <= MAX_PATTERNS;
    const products = discrete ? createDiscreteCrossProducts(items, ranges) : createCrossProducts(items);
    return [{ construct, indexes, items, products, row: new Float64Array(indexes.length) }];
  });

  const predictorIndexes = model.items.flatMap((item, index) =>
    item.construct === 'satisfaction' && item.id !== levelQuestion?.id ? [index] : [],
  );
  const predictors = [...predictorIndexes.map((index) => model.items[index]!.id)];
  if (model.exchangeId !== null) predictors.push(model.exchangeId);
  const levelItemIndex = model.levelIndex ?? -1;
  // One cross-product matrix over the predictors and all three outcomes: every model uses the same
  // respondents (all predictors and all three outcomes answered), so the side-by-side columns
  // compare like with like.
  const driverOutcomes = SCORED_CONSTRUCTS.map((outcome) => ({
    outcome,
    outcomeVariable: outcome === 'satisfaction' && levelItemIndex >= 0 ? model.items[levelItemIndex]!.id : outcome,
  }));
  const drivers =
    predictors.length < 2 ? null : createCrossProducts([...predictors, ...driverOutcomes.map((o) => o.outcomeVariable)]);
  const driverRow = new Float64Array(predictors.length + driverOutcomes.length);
  const exchangeColumn = predictorIndexes.length;
  const outcomeColumn = predictors.length;

  const expectationIndexes = model.items.flatMap((item, index) =>
    item.construct === 'loyalist_expectations' ? [index] : [],
  );
  // Loyalist-expectation items are discrete (min..max), so each segment keeps a histogram per item:
  // one increment per answer; means and standard deviations come from the counts at the end.
  const expectationLevels = expectationIndexes.map((index) => model.items[index]!.max - model.items[index]!.min);
  const histogramWidth = Math.max(0, ...expectationLevels) + 1;
  const expectationCounts = new Float64Array(SEGMENTS.length * expectationIndexes.length * histogramWidth);

  const satisfactionCurve = createSatisfactionCurve(scoring);
  const serviceRecovery = createServiceRecovery(scoring);
  const wordOfMouth = createWordOfMouth(scoring, options.bootstrap);
  const retention = createRetention(scoring);
  const changeEvent = options.changeEvent ? createChangeEventReport(scoring, options.changeEvent) : null;

  function add(respondent: Respondent): void {
    const scored = scoreAndSegment(scoring, thresholds, respondent, buffers);
    const { scores, segment } = scored;
    const answers = respondent.answers;
    n++;
    if (scored.versionIndex < 0) unknownVersion++;
    else versionCounts[scored.versionIndex] = versionCounts[scored.versionIndex]! + 1;
    if (scores.damagedAnswers > 0) damaged++;
    const s = segmentIndex.get(segment)!;
    const t = typeIndex.get(scored.loyaltyType)!;
    segmentCounts[s] = segmentCounts[s]! + 1;
    typeCounts[t] = typeCounts[t]! + 1;
    if (segment === 'satisfied_not_loyal') satisfiedNotLoyalTypeCounts[t] = satisfiedNotLoyalTypeCounts[t]! + 1;
    for (const construct of scores.tooFewItems) tooFewItems[construct] = tooFewItems[construct]! + 1;

    const recommend = scored.model.roleIds.recommend;
    if (recommend !== null) {
      // The recommend role is a 0–10 scale (model/roles.ts); a damaged answer is left out.
      const answer = answers[recommend];
      if (typeof answer === 'number' && answer >= 0 && answer <= 10 && Number.isInteger(answer)) {
        recommendCounts[answer] = recommendCounts[answer]! + 1;
      }
    }
    if (scored.level >= 0) levelCounts[scored.level] = levelCounts[scored.level]! + 1;

    for (const construct of reliability) {
      const { indexes, row } = construct;
      for (let i = 0; i < indexes.length; i++) row[i] = itemScores[indexes[i]!]!;
      construct.products.add(row);
    }

    if (drivers !== null) {
      for (let i = 0; i < predictorIndexes.length; i++) driverRow[i] = itemScores[predictorIndexes[i]!]!;
      if (model.exchangeId !== null) {
        driverRow[exchangeColumn] =
          scores.exchange === null ? Number.NaN : EXCHANGE_ORDER.indexOf(scores.exchange) / (EXCHANGE_ORDER.length - 1);
      }
      driverRow[outcomeColumn] = levelItemIndex >= 0 ? itemScores[levelItemIndex]! : (scores.satisfaction ?? Number.NaN);
      driverRow[outcomeColumn + 1] = scores.emotional ?? Number.NaN;
      driverRow[outcomeColumn + 2] = scores.behavioural ?? Number.NaN;
      drivers.add(driverRow);
    }

    for (let i = 0; i < expectationIndexes.length; i++) {
      const value = itemScores[expectationIndexes[i]!]!;
      if (value !== value) continue;
      const cell = (s * expectationIndexes.length + i) * histogramWidth + Math.round(value * expectationLevels[i]!);
      expectationCounts[cell] = expectationCounts[cell]! + 1;
    }

    satisfactionCurve.add(scored);
    serviceRecovery.add(scored);
    wordOfMouth.add(scored);
    retention.add(scored);
    changeEvent?.add(scored);
  }

  function finish(): SegmentReport {
    const warnings: AnalyticsWarning[] = [];
    const collect = (part: string, partWarnings: readonly AnalyticsWarning[]) => {
      for (const warning of partWarnings) warnings.push({ code: warning.code, message: `${part}: ${warning.message}` });
    };

    // Unclassified (unknown) respondents are counted and shown, as a share of all n, and left out of
    // the other shares' denominators.
    const classified = n - segmentCounts[SEGMENTS.indexOf('unclassified')]!;
    const segments = SEGMENTS.map((segment, i) => ({
      segment,
      share: shareOf(segmentCounts[i]!, segment === 'unclassified' ? n : classified),
    }));
    collect('Segments', segments[0]!.share.warnings);
    const withLoyaltyType = n - typeCounts[LOYALTY_TYPES.indexOf('unknown')]!;
    const loyaltyTypes = LOYALTY_TYPES.map((type, i) => ({ type, share: shareOf(typeCounts[i]!, type === 'unknown' ? n : withLoyaltyType) }));
    const satisfiedNotLoyal = segmentCounts[SEGMENTS.indexOf('satisfied_not_loyal')]!;
    const satisfiedNotLoyalTypes = SATISFIED_NOT_LOYAL_TYPES.map((type) => ({
      type,
      share: shareOf(satisfiedNotLoyalTypeCounts[LOYALTY_TYPES.indexOf(type)]!, satisfiedNotLoyal),
    }));
    collect('Loyalty types within satisfied_not_loyal', satisfiedNotLoyalTypes[0]!.share.warnings);
    for (const construct of SCORED_CONSTRUCTS) {
      if (tooFewItems[construct] > 0) {
        warnings.push({
          code: 'TOO_FEW_ITEMS',
          message: `Scores: ${tooFewItems[construct]} respondents answered fewer than half of the ${construct} items; they are unclassified.`,
        });
      }
    }

    if (damaged > 0) {
      warnings.push({
        code: 'DAMAGED_ANSWERS',
        message: `Responses: ${damaged} responses hold answers that do not fit their survey version (outside the scale, not one of the options, or of the wrong type); those answers count as unanswered.`,
      });
    }
    if (unknownVersion > 0) {
      warnings.push({
        code: 'DAMAGED_ANSWERS',
        message: `Responses: ${unknownVersion} responses name a survey version the survey does not have; they are scored with version ${newest.version}.`,
      });
    }
    const versions = scoring.versions.map((version, i) => ({ version: version.version, n: versionCounts[i]! }));
    for (const version of scoring.versions) {
      const count = versionCounts[version.index]!;
      if (count === 0) continue;
      if (version.levelChanged && levelQuestion) {
        const own = version.model.items[version.model.levelIndex!]!;
        warnings.push({
          code: 'VERSION_SCALE_CHANGED',
          message: `Versions: the ${count} responses to version ${version.version} rated overall satisfaction on ${own.min}–${own.max}, not on ${levelQuestion.min}–${levelQuestion.max} as in version ${newest.version}; they are left out of CSAT, the satisfaction curve, word of mouth by level and retention by level.`,
        });
      }
      if (version.changedItems.length > 0) {
        warnings.push({
          code: 'VERSION_SCALE_CHANGED',
          message: `Versions: version ${version.version} asked ${version.changedItems.join(', ')} on another scale than version ${newest.version}; its ${count} responses count them as unanswered in reliability, drivers and loyalist expectations.`,
        });
      }
    }

    const nps = asksRecommend ? npsFromCounts(recommendCounts) : null;
    if (nps) collect('NPS', nps.warnings);
    let csat: SegmentReport['csat'] = null;
    if (levelQuestion) {
      csat = { question: levelQuestion.id, ...csatFromCounts(levelCounts) };
      collect('CSAT', csat.warnings);
    }

    const reliabilityResults = reliability.map(({ construct, items, products }) => {
      const result = cronbachAlphaFromCovariance(products.covariance(), products.count(), items);
      collect(`Alpha (${construct})`, result.warnings);
      return { construct, items, result };
    });

    const driverCorrelation = drivers?.correlation() ?? [];
    const models = drivers === null ? [] : driverOutcomes.map(({ outcome, outcomeVariable }, k) => {
      const columns = [...predictors.map((_, j) => j), outcomeColumn + k];
      const correlation = columns.map((i) => columns.map((j) => driverCorrelation[i]![j]!));
      const result = relativeWeightsFromCorrelation(correlation, drivers.count(), predictors);
      collect(`Drivers of ${outcome}`, result.warnings);
      return { outcome, outcomeVariable, result };
    });

    const expectationItems = expectationIndexes.map((index) => model.items[index]!.id);
    const histogram = (s: number, i: number) =>
      expectationCounts.subarray((s * expectationIndexes.length + i) * histogramWidth, (s * expectationIndexes.length + i + 1) * histogramWidth);
    const levelValues = expectationLevels.map((range) => Array.from({ length: range + 1 }, (_, k) => k / range));
    const bySegment = [...SEGMENTS, 'all' as const].map((segment, s) => ({
      segment,
      scores: expectationItems.map((item, i) => {
        const counts =
          segment === 'all'
            ? SEGMENTS.reduce((total, _, t) => total.map((value, k) => value + histogram(t, i)[k]!), new Float64Array(histogramWidth))
            : histogram(s, i);
        return { item, score: meanFromCounts(counts, levelValues[i]!, `${item} (${segment})`) };
      }),
    }));

    const curve = satisfactionCurve.finish();
    collect('Satisfaction curve', curve.warnings);
    const recovery = serviceRecovery.finish();
    collect('Service recovery', recovery.warnings);
    const wom = wordOfMouth.finish();
    collect('Word of mouth', wom.warnings);
    const retained = retention.finish();
    collect('Retention', retained.warnings);
    const change = changeEvent?.finish() ?? null;
    if (change) {
      collect('Change event', change.warnings);
      collect('Change event', change.loyalShareDifference.warnings);
    }

    return {
      n,
      versions,
      thresholds,
      segments,
      classified,
      loyaltyTypes,
      withLoyaltyType,
      satisfiedNotLoyalTypes,
      tooFewItems: { ...tooFewItems },
      nps,
      csat,
      reliability: reliabilityResults,
      drivers: { predictors, models },
      loyalistExpectations: { items: expectationItems, bySegment },
      satisfactionCurve: curve,
      serviceRecovery: recovery,
      wordOfMouth: wom,
      retention: retained,
      changeEvent: change,
      warnings,
    };
  }

  return { add, finish };
}

/**
 * The report of an in-memory list of respondents (tests, small surveys).
 *
 * @example
 * segmentReport(fullTemplate(), respondents).segments[0]!.share.share; // loyal share
 */
export function segmentReport(
  survey: SurveyDefinition | readonly VersionDefinition[],
  respondents: Iterable<Respondent>,
  options: SegmentReportOptions = {},
): SegmentReport {
  const report = createSegmentReport(survey, options);
  for (const respondent of respondents) report.add(respondent);
  return report.finish();
}
