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
 *   (11), overall-satisfaction answers (one per level), TOO_FEW_ITEMS per construct, respondents whose
 *   discount dependence D is known;
 * - a histogram (count per answer level) of each loyalist-expectation item per segment, from which
 *   means and standard deviations follow;
 * - for Cronbach's alpha per multi-item construct, a histogram of answer patterns
 *   (discreteCrossProducts.ts: 625 counters for four 1–5 items), or a cross-product matrix when the
 *   patterns would be too many; one cross-product matrix (crossProducts.ts, O(p²)) over the driver
 *   predictors and the three outcomes, plus one per pattern of missing predictors (at most 2^p), so a
 *   predictor nobody answered can be dropped without blanking every model;
 * - the sub-reports' counters (satisfaction curve, service recovery, retention, change event);
 * - word of mouth: one counter per distinct (level, told positive, told negative) answer, which the
 *   Poisson bootstrap resamples (wordOfMouth.ts) — at most levels × 1001², in practice a few thousand.
 * NPS and CSAT come from their answer counts (`npsFromCounts` in nps.ts, `csatFromCounts` in csat.ts),
 * not from answer lists.
 *
 * Saved states: `state()` copies all of the above as plain JSON and `merge(state)` adds one back
 * (segmentReportState.ts: one named entry per part), so a report kept per survey version × day is
 * merged over any date range; about 31 KiB of JSON a day for 3,000 respondents of the full template
 * (half of it the tested parts' joint histograms), 3.6 KiB for the short one (docs/BENCHMARKS.md).
 */
import { DEFAULT_THRESHOLDS, type Construct, type SurveyDefinition, type Thresholds } from '../model/definition.js';
import { createChangeEventReport, createEventSide, type ChangeEvent, type ChangeEventResult } from './changeEvent.js';
import { cronbachAlphaFromCovariance, type CronbachResult } from './cronbach.js';
import { createCrossProducts } from './crossProducts.js';
import { createDiscreteCrossProducts, MAX_PATTERNS, patternCount } from './discreteCrossProducts.js';
import { csatFromCounts, type CsatResult } from './csat.js';
import { meanFromCounts, type MeanResult } from './meanSummary.js';
import { npsFromCounts, type NpsResult } from './nps.js';
import { relativeWeightsFromCorrelation, type RelativeWeightsResult } from './relativeWeights.js';
import type { AnalyticsWarning, ReportWarning, WarningParams, WarningPart } from './result.js';
import { createRetention, type RetentionResult } from './retention.js';
import { createSatisfactionCurve, type SatisfactionCurveResult } from './satisfactionCurve.js';
import { scoreAndSegment, type JsonState } from './scoredRespondent.js';
import { EXCHANGE_ORDER, SCORED_CONSTRUCTS, type Respondent, type ScoredConstruct } from './scoring.js';
import { LOYALTY_TYPES, SEGMENTS, type LoyaltyType, type Segment } from './segments.js';
import { addSparseCounts, sparseCounts } from './jsonState.js';
import { countersPart, createReportStates, driversPart, listPart, type SegmentReportState, type StatePart } from './segmentReportState.js';
import { createServiceRecovery, type ServiceRecoveryResult } from './serviceRecovery.js';
import { compileSurveyScoring, createScoringBuffers, type VersionDefinition } from './surveyScoring.js';
import { shareOf, type ShareResult } from './wilson.js';
import { createWordOfMouth, type BootstrapOptions, type WordOfMouthResult } from './wordOfMouth.js';
import { createReportTests, type ReportTestsResult } from './reportTests.js';

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
   * predictors. A predictor nobody answered, or one the same for everyone, is left out of `predictors`
   * with a DRIVERS_PREDICTOR_UNANSWERED / DRIVERS_PREDICTOR_CONSTANT warning, and the rest are fitted.
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
  /** Satisfaction against loyalty, tested: S with E and with B (satisfactionLoyalty.ts). */
  satisfactionLoyalty: ReportTestsResult['satisfactionLoyalty'];
  /** Resolved vs no problem (E, loyal share), retention of loyal vs satisfied_not_loyal (groupDifferences.ts). */
  groupDifferences: ReportTestsResult['groupDifferences'];
  /** Exchange type × segment, χ² and Cramér's V (exchangeBySegment.ts). */
  exchangeBySegment: ReportTestsResult['exchangeBySegment'];
  /** Asked and skipped per item of the newest version (itemNonResponse.ts). */
  itemNonResponse: ReportTestsResult['itemNonResponse'];
  /** Every warning of every part, each with the part it belongs to (codes: model/warnings.ts). */
  warnings: ReportWarning[];
}

export interface SegmentReportAccumulator {
  add(respondent: Respondent): void;
  finish(): SegmentReport;
  /**
   * A JSON-safe copy of everything accumulated (segmentReportState.ts), independent of later `add`s:
   * what the report saves per survey version × day.
   */
  state(): SegmentReportState;
  /**
   * Adds a `state()` of a report made for the same survey scoring (versions, questions, thresholds)
   * as if its respondents had been added here. Throws StateMismatchError (jsonState.ts) for a state
   * of another format, another scoring, or without this report's change event; after a throw on a
   * damaged state past those checks, the accumulator is not to be used.
   */
  merge(state: JsonState): void;
  /** Whether `merge` would take this state's format and survey scoring (a cheap check before merging saved states). */
  accepts(state: JsonState): boolean;
}

/**
 * Start a segment report for one survey definition, or for every version of a survey (each
 * respondent then names its `version`).
 *
 * @example
 * const report = createSegmentReport(fullTemplate());
 * for (const respondent of respondents) report.add(respondent);
 * const { segments, nps, drivers, warnings } = report.finish();
 * // Saved per day, merged at read:
 * const range = createSegmentReport(fullTemplate());
 * for (const saved of dayStates) if (range.accepts(saved)) range.merge(saved);
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

  const totals = { n: 0, discountKnown: 0, unknownVersion: 0, damaged: 0 };
  const segmentCounts = new Float64Array(SEGMENTS.length);
  const typeCounts = new Float64Array(LOYALTY_TYPES.length);
  const satisfiedNotLoyalTypeCounts = new Float64Array(LOYALTY_TYPES.length);
  const tooFewItems: Record<ScoredConstruct, number> = { satisfaction: 0, emotional: 0, behavioural: 0 };
  const recommendCounts = new Float64Array(11);
  const levelCounts = new Float64Array(scoring.levels.length);
  const versionCounts = new Float64Array(scoring.versions.length);
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
  // Rows missing some predictors, by the bit mask of those missing, over the remaining columns. A
  // predictor nobody answered leaves the full matrix without a single complete case; the matrix of
  // rows missing exactly the unanswered predictors then holds every complete case of the rest.
  const predictorAnswered = new Float64Array(predictors.length);
  const partialDrivers = new Map<number, { columns: number[]; products: ReturnType<typeof createCrossProducts>; row: Float64Array }>();
  const partialDriversFor = (missing: number) => {
    let partial = partialDrivers.get(missing);
    if (!partial) {
      const columns = Array.from(driverRow.keys()).filter((column) => column >= predictors.length || !(missing & (1 << column)));
      const names = [...predictors, ...driverOutcomes.map((o) => o.outcomeVariable)];
      partial = { columns, products: createCrossProducts(columns.map((column) => names[column]!)), row: new Float64Array(columns.length) };
      partialDrivers.set(missing, partial);
    }
    return partial;
  };

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
  // Every dated respondent on one side, so a saved state can be compared around any event later.
  const eventSide = createEventSide(scoring);
  const tests = createReportTests(survey, scoring, thresholds);

  function add(respondent: Respondent): void {
    const scored = scoreAndSegment(scoring, thresholds, respondent, buffers);
    const { scores, segment } = scored;
    const answers = respondent.answers;
    totals.n++;
    if (scored.versionIndex < 0) totals.unknownVersion++;
    else versionCounts[scored.versionIndex] = versionCounts[scored.versionIndex]! + 1;
    if (scores.damagedAnswers > 0) totals.damaged++;
    const s = segmentIndex.get(segment)!;
    const t = typeIndex.get(scored.loyaltyType)!;
    segmentCounts[s] = segmentCounts[s]! + 1;
    typeCounts[t] = typeCounts[t]! + 1;
    if (segment === 'satisfied_not_loyal') satisfiedNotLoyalTypeCounts[t] = satisfiedNotLoyalTypeCounts[t]! + 1;
    for (const construct of scores.tooFewItems) tooFewItems[construct] = tooFewItems[construct]! + 1;
    if (scores.discountDependent !== null) totals.discountKnown++;

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
      let missing = 0;
      for (let j = 0; j < predictors.length; j++) {
        if (driverRow[j] !== driverRow[j]) missing |= 1 << j;
        else predictorAnswered[j] = predictorAnswered[j]! + 1;
      }
      if (missing !== 0) {
        const partial = partialDriversFor(missing);
        for (let i = 0; i < partial.columns.length; i++) partial.row[i] = driverRow[partial.columns[i]!]!;
        partial.products.add(partial.row);
      }
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
    eventSide.add(scored);
    tests.add(scored);
  }

  function finish(): SegmentReport {
    const { n, discountKnown, unknownVersion, damaged } = totals;
    const warnings: ReportWarning[] = [];
    /** The part's warnings into the report's list; `context` names which result of the part (construct, outcome). */
    const collect = (part: WarningPart, partWarnings: readonly AnalyticsWarning[], context: WarningParams = {}) => {
      for (const warning of partWarnings) warnings.push({ part, code: warning.code, params: { ...warning.params, ...context } });
    };

    // Unclassified (unknown) respondents are counted and shown, as a share of all n, and left out of
    // the other shares' denominators.
    const classified = n - segmentCounts[SEGMENTS.indexOf('unclassified')]!;
    const segments = SEGMENTS.map((segment, i) => ({
      segment,
      share: shareOf(segmentCounts[i]!, segment === 'unclassified' ? n : classified),
    }));
    collect('segments', segments[0]!.share.warnings);
    // D needs the discount answers: without any, nobody can be a price hunter, and 0% would read as a finding.
    if (n > 0 && discountKnown === 0) warnings.push({ part: 'segments', code: 'PRICE_HUNTERS_UNKNOWN', params: {} });
    const withLoyaltyType = n - typeCounts[LOYALTY_TYPES.indexOf('unknown')]!;
    const loyaltyTypes = LOYALTY_TYPES.map((type, i) => ({ type, share: shareOf(typeCounts[i]!, type === 'unknown' ? n : withLoyaltyType) }));
    const satisfiedNotLoyal = segmentCounts[SEGMENTS.indexOf('satisfied_not_loyal')]!;
    const satisfiedNotLoyalTypes = SATISFIED_NOT_LOYAL_TYPES.map((type) => ({
      type,
      share: shareOf(satisfiedNotLoyalTypeCounts[LOYALTY_TYPES.indexOf(type)]!, satisfiedNotLoyal),
    }));
    collect('loyalty_types', satisfiedNotLoyalTypes[0]!.share.warnings);
    for (const construct of SCORED_CONSTRUCTS) {
      if (tooFewItems[construct] > 0) {
        warnings.push({ part: 'scores', code: 'TOO_FEW_ITEMS', params: { construct, count: tooFewItems[construct] } });
      }
    }

    if (damaged > 0) warnings.push({ part: 'versions', code: 'DAMAGED_ANSWERS', params: { count: damaged } });
    if (unknownVersion > 0) {
      warnings.push({ part: 'versions', code: 'UNKNOWN_VERSION', params: { count: unknownVersion, version: newest.version } });
    }
    const versions = scoring.versions.map((version, i) => ({ version: version.version, n: versionCounts[i]! }));
    for (const version of scoring.versions) {
      const count = versionCounts[version.index]!;
      if (count === 0) continue;
      if (version.levelChanged && levelQuestion) {
        const own = version.model.items[version.model.levelIndex!]!;
        warnings.push({
          part: 'versions',
          code: 'VERSION_LEVEL_SCALE_CHANGED',
          params: {
            count,
            version: version.version,
            min: own.min,
            max: own.max,
            newestMin: levelQuestion.min,
            newestMax: levelQuestion.max,
            newestVersion: newest.version,
          },
        });
      }
      if (version.changedItems.length > 0) {
        warnings.push({
          part: 'versions',
          code: 'VERSION_SCALE_CHANGED',
          params: { count, version: version.version, items: [...version.changedItems], newestVersion: newest.version },
        });
      }
    }

    const nps = asksRecommend ? npsFromCounts(recommendCounts) : null;
    if (nps) collect('nps', nps.warnings);
    let csat: SegmentReport['csat'] = null;
    if (levelQuestion) {
      csat = { question: levelQuestion.id, ...csatFromCounts(levelCounts) };
      collect('csat', csat.warnings);
    }

    const reliabilityResults = reliability.map(({ construct, items, products }) => {
      const result = cronbachAlphaFromCovariance(products.covariance(), products.count(), items);
      collect('reliability', result.warnings, { construct });
      return { construct, items, result };
    });

    const unanswered = drivers === null || n === 0 ? [] : predictors.flatMap((_, j) => (predictorAnswered[j] === 0 ? [j] : []));
    const unansweredMask = unanswered.reduce((mask, j) => mask | (1 << j), 0);
    const partial = unanswered.length > 0 && unanswered.length < predictors.length ? partialDrivers.get(unansweredMask) : undefined;
    for (const j of unanswered) warnings.push({ part: 'drivers', code: 'DRIVERS_PREDICTOR_UNANSWERED', params: { predictor: predictors[j]! } });
    const fitted = partial?.products ?? drivers;
    const fittedPredictors = partial ? predictors.filter((_, j) => !(unansweredMask & (1 << j))) : predictors;
    const driverCorrelation = fitted?.correlation() ?? [];
    // A predictor that is the same for everyone has no correlation (NaN): it is left out with a
    // warning, as relativeWeights does for rows, instead of leaving every model undefined.
    const constant = fitted !== null && fitted.count() >= 2 ? fittedPredictors.flatMap((_, j) => (driverCorrelation[j]![j] === 1 ? [] : [j])) : [];
    const keptColumns = constant.length < fittedPredictors.length ? fittedPredictors.flatMap((_, j) => (constant.includes(j) ? [] : [j])) : fittedPredictors.map((_, j) => j);
    if (keptColumns.length < fittedPredictors.length) {
      const means = fitted!.means();
      for (const j of constant) warnings.push({ part: 'drivers', code: 'DRIVERS_PREDICTOR_CONSTANT', params: { predictor: fittedPredictors[j]!, value: means[j]! } });
    }
    const keptPredictors = keptColumns.map((j) => fittedPredictors[j]!);
    const models = fitted === null ? [] : driverOutcomes.map(({ outcome, outcomeVariable }, k) => {
      const columns = [...keptColumns, fittedPredictors.length + k];
      const correlation = columns.map((i) => columns.map((j) => driverCorrelation[i]![j]!));
      const result = relativeWeightsFromCorrelation(correlation, fitted.count(), keptPredictors);
      collect('drivers', result.warnings, { outcome });
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
        return { item, score: meanFromCounts(counts, levelValues[i]!) };
      }),
    }));

    const curve = satisfactionCurve.finish();
    collect('curve', curve.warnings);
    const recovery = serviceRecovery.finish();
    collect('recovery', recovery.warnings);
    const wom = wordOfMouth.finish();
    collect('word_of_mouth', wom.warnings);
    const retained = retention.finish();
    collect('retention', retained.warnings);
    const change = changeEvent?.finish() ?? null;
    if (change) {
      collect('change_event', change.warnings);
      collect('change_event', change.loyalShareDifference.warnings);
    }

    const { warnings: testWarnings, ...tested } = tests.finish(recovery, retained);
    warnings.push(...testWarnings);

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
      drivers: { predictors: keptPredictors, models },
      loyalistExpectations: { items: expectationItems, bySegment },
      satisfactionCurve: curve,
      serviceRecovery: recovery,
      wordOfMouth: wom,
      retention: retained,
      changeEvent: change,
      ...tested,
      warnings,
    };
  }

  // One named entry per part of the saved state (segmentReportState.ts); null where the part is not kept.
  const stateParts: Record<string, StatePart | null> = {
    counts: countersPart({
      totals,
      tooFewItems,
      segments: segmentCounts,
      loyaltyTypes: typeCounts,
      satisfiedNotLoyalTypes: satisfiedNotLoyalTypeCounts,
      recommend: recommendCounts,
      levels: levelCounts,
      versions: versionCounts,
    }),
    reliability: listPart(reliability.map((construct) => construct.products)),
    drivers: drivers === null ? null : driversPart(drivers, predictorAnswered, partialDrivers, partialDriversFor),
    expectations: {
      state: () => sparseCounts(expectationCounts),
      merge: (saved) => addSparseCounts(expectationCounts, saved, 'loyalist-expectation histograms'),
    },
    satisfactionCurve,
    serviceRecovery,
    wordOfMouth,
    retention,
    eventSide,
    changeEvent,
    tests,
  };
  const saved = createReportStates(survey, thresholds, stateParts, () => ({
    versions: scoring.versions.map((version) => version.version),
    levels: [...scoring.levels],
    levelQuestion: levelQuestion?.id ?? null,
    recommend: asksRecommend,
    expectationItems: expectationIndexes.map((index) => model.items[index]!.id),
    thresholds: { ...thresholds },
  }));

  return { add, finish, ...saved };
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
