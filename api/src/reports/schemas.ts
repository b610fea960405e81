/**
 * The report routes' response schemas: the segment report and the summary written out in TypeBox, so
 * the route's serializer, the docs and the web client's types (web/src/lib/api.ts) come from one
 * definition. The analytics module keeps its own TypeScript types (it imports neither TypeBox nor
 * this folder); the compile-time checks at the end of this file fail when the two drift apart.
 */
import { Type, type Static, type TNumber, type TObject, type TProperties, type TString, type TUnsafe } from 'typebox';
import type { SegmentReport } from '../analytics/segmentReport.js';
import type { NpsResult } from '../analytics/nps.js';
import { EXCHANGE_ORDER, SCORED_CONSTRUCTS } from '../analytics/scoring.js';
import { LOYALTY_CONSTRUCTS } from '../analytics/satisfactionLoyalty.js';
import type { SurveyTrend } from './trend.js';
import { LOYALTY_TYPES, SEGMENTS } from '../analytics/segments.js';
import { RECOVERY_GROUPS } from '../analytics/serviceRecovery.js';
import { CONSTRUCTS, LANGUAGES, ThresholdsSchema } from '../model/definition.js';
import { WARNING_CODES, WARNING_PARTS } from '../model/warnings.js';
import type { WithMessages } from './warningMessages.js';
import { REPORT_SOURCES, ReportFilterQuery } from './filter.js';
import { TREND_PERIODS } from './trend.js';

/** A closed object: a property the analytics add and the schema lacks fails Value.Check (see schemas.test.ts). */
function Closed<Properties extends TProperties>(properties: Properties): TObject<Properties> {
  return Type.Object(properties, { additionalProperties: false });
}

/**
 * `schema` or null, written as `type: [type, 'null']` rather than an anyOf: fast-json-stringify
 * writes a type list directly, while for an anyOf it runs Ajv on each branch of every value
 * (scripts/bench/report-serialization.ts measures the difference).
 */
function Nullable<Schema extends TObject | TNumber | TString>(schema: Schema): TUnsafe<Static<Schema> | null> {
  return Type.Unsafe<Static<Schema> | null>({ ...schema, type: [schema.type, 'null'] });
}

/** A whole number of respondents or answers. */
const Count = Type.Integer({ minimum: 0 });

export const IntervalSchema = Closed({ lower: Type.Number(), upper: Type.Number(), level: Type.Number() });

const WarningFields = {
  code: Type.Enum(WARNING_CODES),
  params: Type.Record(Type.String(), Type.Union([Type.Number(), Type.String(), Type.Array(Type.String())])),
  message: Type.String({ description: 'The English text of the code, for scripts; clients render the code in their language.' }),
};
/** A warning of one result: its code and params (model/warnings.ts), and the English text for scripts. */
export const WarningSchema = Closed(WarningFields);
/** A warning of the whole report: as WarningSchema, with the report part (dashboard card) it belongs to. */
export const ReportWarningSchema = Closed({ part: Type.Enum(WARNING_PARTS), ...WarningFields });
const Warnings = Type.Array(WarningSchema);

// Enums rather than unions of literals, for the same reason as Nullable.
const SegmentSchema = Type.Enum(SEGMENTS);
const LoyaltyTypeSchema = Type.Enum(LOYALTY_TYPES);
const ScoredConstructSchema = Type.Enum(SCORED_CONSTRUCTS);

/** A share with its Wilson 95% interval (analytics/wilson.ts); share and interval null when n = 0. */
export const ShareSchema = Closed({
  n: Count,
  successes: Count,
  share: Nullable(Type.Number()),
  ci95: Nullable(IntervalSchema),
  warnings: Warnings,
});

/** A mean with its Student t interval (analytics/meanSummary.ts). */
export const MeanSchema = Closed({
  n: Count,
  mean: Nullable(Type.Number()),
  standardDeviation: Nullable(Type.Number()),
  ci95: Nullable(IntervalSchema),
  warnings: Warnings,
});

/** Net Promoter Score with its standard error and 95% interval (analytics/nps.ts). */
export const NpsSchema = Closed({
  n: Count,
  nps: Nullable(Type.Number()),
  standardError: Nullable(Type.Number()),
  ci95: Nullable(IntervalSchema),
  promoters: Count,
  passives: Count,
  detractors: Count,
  warnings: Warnings,
});

const CsatSchema = Closed({
  question: Type.String(),
  n: Count,
  mean: Nullable(Type.Number()),
  meanCi95: Nullable(IntervalSchema),
  topBox: ShareSchema,
  topTwoBox: ShareSchema,
  warnings: Warnings,
});

/** Cronbach's alpha, raw and standardized, and both if each item is deleted (analytics/cronbach.ts). */
const CronbachSchema = Closed({
  n: Count,
  k: Count,
  alpha: Nullable(Type.Number()),
  standardizedAlpha: Nullable(Type.Number()),
  meanInterItemCorrelation: Nullable(Type.Number()),
  alphaIfItemDeleted: Type.Array(
    Closed({ item: Type.String(), alpha: Nullable(Type.Number()), standardizedAlpha: Nullable(Type.Number()) }),
  ),
  warnings: Warnings,
});

/** Johnson's relative weights of one outcome on the predictors (analytics/relativeWeights.ts). */
const RelativeWeightsSchema = Closed({
  n: Count,
  rSquared: Nullable(Type.Number()),
  weights: Type.Array(Closed({ predictor: Type.String(), rawWeight: Type.Number(), rescaledWeight: Type.Number() })),
  warnings: Warnings,
});

const SatisfactionCurveSchema = Closed({
  question: Nullable(Type.String()),
  points: Type.Array(Closed({ level: Type.Number(), loyal: ShareSchema, unclassified: Count, retained: ShareSchema })),
  warnings: Warnings,
});

const RecoveryGroupSchema = Type.Enum(RECOVERY_GROUPS);
const RecoveryCellSchema = Closed({ loyal: ShareSchema, unclassified: Count, emotional: MeanSchema });
const ServiceRecoverySchema = Closed({
  groups: Type.Array(
    Closed({ group: RecoveryGroupSchema, all: RecoveryCellSchema, gesture: RecoveryCellSchema, no_gesture: RecoveryCellSchema }),
  ),
  unknownResolution: Count,
  warnings: Warnings,
});

/** Told-negative over told-positive with its Poisson-bootstrap interval (analytics/wordOfMouth.ts). */
const WordOfMouthRatioSchema = Closed({ n: Count, ratio: Nullable(Type.Number()), ci95: Nullable(IntervalSchema) });
const WordOfMouthGroupFields = { positive: MeanSchema, negative: MeanSchema, ratio: WordOfMouthRatioSchema };
const WordOfMouthSchema = Closed({
  overall: Closed(WordOfMouthGroupFields),
  question: Nullable(Type.String()),
  byLevel: Type.Array(Closed({ level: Type.Number(), ...WordOfMouthGroupFields })),
  resamples: Count,
  seed: Type.Number(),
  warnings: Warnings,
});

const RetentionSchema = Closed({
  n: Count,
  overall: ShareSchema,
  bySegment: Type.Array(Closed({ segment: SegmentSchema, retained: ShareSchema })),
  question: Nullable(Type.String()),
  byLevel: Type.Array(Closed({ level: Type.Number(), retained: ShareSchema })),
  warnings: Warnings,
});

const ItemScoresSchema = Type.Array(Closed({ item: Type.String(), score: MeanSchema }));

const ChangeEventSideSchema = Closed({
  n: Count,
  loyal: ShareSchema,
  unclassified: Count,
  nps: NpsSchema,
  loyalistExpectations: ItemScoresSchema,
});

/** Two-proportion z-test, A − B (analytics/twoProportion.ts). */
const TwoProportionSchema = Closed({
  nA: Count,
  nB: Count,
  shareA: Nullable(Type.Number()),
  shareB: Nullable(Type.Number()),
  difference: Nullable(Type.Number()),
  z: Nullable(Type.Number()),
  pValue: Nullable(Type.Number()),
  ci95: Nullable(IntervalSchema),
  warnings: Warnings,
});

/** Before/after the latest change event (analytics/changeEvent.ts); A is after, B before. */
const ChangeEventSchema = Closed({
  event: Closed({
    at: Type.Number({ description: 'When the change happened, ms since the epoch.' }),
    label: Type.Optional(Type.String()),
  }),
  before: ChangeEventSideSchema,
  after: ChangeEventSideSchema,
  loyalShareDifference: TwoProportionSchema,
  npsDifference: Closed({
    difference: Nullable(Type.Number()),
    standardError: Nullable(Type.Number()),
    ci95: Nullable(IntervalSchema),
  }),
  undated: Count,
  warnings: Warnings,
});

/** Pearson or Spearman with its t test and Fisher-z interval (analytics/correlation.ts). */
const CorrelationSchema = Closed({
  n: Count,
  r: Nullable(Type.Number()),
  t: Nullable(Type.Number({ description: '±Infinity when |r| = 1, written as null in JSON.' })),
  df: Nullable(Type.Number()),
  pValue: Nullable(Type.Number()),
  ci95: Nullable(IntervalSchema),
  warnings: Warnings,
});

/** Chi-square test of independence with Cramér's V (analytics/chiSquare.ts). */
const ChiSquareSchema = Closed({
  n: Count,
  statistic: Nullable(Type.Number()),
  df: Count,
  pValue: Nullable(Type.Number()),
  cramersV: Nullable(Type.Number()),
  expected: Type.Array(Type.Array(Type.Number())),
  warnings: Warnings,
});

/** Welch's t-test, A − B (analytics/welch.ts). */
const WelchSchema = Closed({
  nA: Count,
  nB: Count,
  meanA: Nullable(Type.Number()),
  meanB: Nullable(Type.Number()),
  difference: Nullable(Type.Number()),
  t: Nullable(Type.Number()),
  df: Nullable(Type.Number()),
  pValue: Nullable(Type.Number()),
  ci95: Nullable(IntervalSchema),
  warnings: Warnings,
});

const LoyaltyConstructSchema = Type.Enum(LOYALTY_CONSTRUCTS);
/** S against E or B (analytics/satisfactionLoyalty.ts). */
const SatisfactionLoyaltyTestSchema = Closed({
  loyalty: LoyaltyConstructSchema,
  n: Count,
  pearson: CorrelationSchema,
  spearman: CorrelationSchema,
  table: Type.Array(Type.Array(Count), { description: 'Rows satisfied, not satisfied; columns loyal, not loyal.' }),
  chiSquare: ChiSquareSchema,
  welch: WelchSchema,
  grid: Type.Array(Type.Array(Count), {
    description: 'The satisfaction × loyalty map: respondents per cell of a 20 × 20 grid over [0, 1]², grid[row][column], row the loyalty score (E or B) bin from the lowest, column the S bin; a score on a bin edge goes to the upper bin.',
  }),
});
const SatisfactionLoyaltySchema = Closed({
  thresholds: ThresholdsSchema,
  scored: Closed({ satisfaction: Count, emotional: Count, behavioural: Count }),
  emotional: Nullable(SatisfactionLoyaltyTestSchema),
  behavioural: Nullable(SatisfactionLoyaltyTestSchema),
  notLoyalAmongSatisfied: Nullable(ShareSchema),
  warnings: Warnings,
});

/** resolved vs no_problem, loyal vs satisfied_not_loyal (analytics/groupDifferences.ts). */
const GroupDifferencesSchema = Closed({
  recovery: Nullable(
    Closed({
      groupA: Type.Enum(['resolved' as const]),
      groupB: Type.Enum(['no_problem' as const]),
      emotional: WelchSchema,
      loyalShare: TwoProportionSchema,
    }),
  ),
  retention: Nullable(
    Closed({
      groupA: Type.Enum(['loyal' as const]),
      groupB: Type.Enum(['satisfied_not_loyal' as const]),
      retained: TwoProportionSchema,
    }),
  ),
  warnings: Warnings,
});

const ExchangeBySegmentSchema = Closed({
  exchanges: Type.Array(Type.Enum(EXCHANGE_ORDER)),
  segments: Type.Array(SegmentSchema),
  counts: Type.Array(Type.Array(Count), { description: 'counts[exchange][segment].' }),
  chiSquare: Nullable(ChiSquareSchema),
  warnings: Warnings,
});

const ItemNonResponseSchema = Closed({
  items: Type.Array(Closed({ item: Type.String(), conditional: Type.Boolean(), asked: Count, skipped: ShareSchema })),
  warnings: Warnings,
});

/**
 * The segment report (analytics/segmentReport.ts SegmentReport, whose doc comments explain each
 * part), every warning with its English message. Figures that cannot be computed are null, never NaN.
 */
export const SegmentReportSchema = Closed({
  n: Count,
  versions: Type.Array(Closed({ version: Type.Integer(), n: Count })),
  thresholds: ThresholdsSchema,
  segments: Type.Array(Closed({ segment: SegmentSchema, share: ShareSchema })),
  classified: Type.Integer({ minimum: 0, description: 'Respondents with S, E and B: the denominator of every segment share but unclassified’s.' }),
  loyaltyTypes: Type.Array(Closed({ type: LoyaltyTypeSchema, share: ShareSchema })),
  withLoyaltyType: Type.Integer({ minimum: 0, description: 'Respondents with E and B: the denominator of every loyalty-type share but unknown’s.' }),
  satisfiedNotLoyalTypes: Type.Array(Closed({ type: LoyaltyTypeSchema, share: ShareSchema })),
  tooFewItems: Closed({ satisfaction: Count, emotional: Count, behavioural: Count }),
  nps: Nullable(NpsSchema),
  csat: Nullable(CsatSchema),
  reliability: Type.Array(Closed({ construct: Type.Enum(CONSTRUCTS), items: Type.Array(Type.String()), result: CronbachSchema })),
  drivers: Closed({
    predictors: Type.Array(Type.String()),
    models: Type.Array(Closed({ outcome: ScoredConstructSchema, outcomeVariable: Type.String(), result: RelativeWeightsSchema })),
  }),
  loyalistExpectations: Closed({
    items: Type.Array(Type.String()),
    bySegment: Type.Array(Closed({ segment: Type.Enum([...SEGMENTS, 'all' as const]), scores: ItemScoresSchema })),
  }),
  satisfactionCurve: SatisfactionCurveSchema,
  serviceRecovery: ServiceRecoverySchema,
  wordOfMouth: WordOfMouthSchema,
  retention: RetentionSchema,
  changeEvent: Nullable(ChangeEventSchema),
  satisfactionLoyalty: SatisfactionLoyaltySchema,
  groupDifferences: GroupDifferencesSchema,
  exchangeBySegment: ExchangeBySegmentSchema,
  itemNonResponse: ItemNonResponseSchema,
  warnings: Type.Array(ReportWarningSchema),
});

/** The filter a report applied, echoed (reports/filter.ts ReportFilter); absent parameters are absent. */
export const ReportFilterEchoSchema = Closed({
  from: Type.Optional(Type.String()),
  to: Type.Optional(Type.String()),
  version: Type.Optional(Type.Integer()),
  language: Type.Optional(Type.Enum(LANGUAGES)),
  segment: Type.Optional(SegmentSchema),
  channel: Type.Optional(Type.String()),
  source: Type.Optional(Type.Enum(REPORT_SOURCES)),
});

/** One period of the trend (reports/trend.ts TrendPoint). */
const TrendPointSchema = Closed({
  start: Type.String({ description: 'First instant of the period, UTC.' }),
  end: Type.String({ description: 'First instant of the next period.' }),
  n: Count,
  nps: NpsSchema,
  csat: Closed({ n: Count, mean: Nullable(Type.Number()), topTwoBox: ShareSchema }),
  loyal: ShareSchema,
  satisfiedNotLoyal: ShareSchema,
  belowMinimum: Type.Boolean({ description: 'Fewer respondents than minimumN: shown, but read it as a rough indication.' }),
});

/** NPS, CSAT and the loyal and satisfied-not-loyal shares per week or month (reports/trend.ts). */
export const TrendSchema = Closed({
  period: Type.Enum(TREND_PERIODS),
  minimumN: Count,
  points: Type.Array(TrendPointSchema),
});

const ChangeEventChoiceSchema = Closed({
  id: Type.String(),
  title: Type.String(),
  occurredAt: Type.String(),
  scope: Type.Enum(['survey', 'company'] as const),
  chosen: Type.Boolean({ description: 'The event the before/after compares around.' }),
});

const PurchasesImportedSchema = Closed({
  at: Type.String(),
  source: Type.Enum(['import', 'purchase_rows'] as const, {
    description: 'import: the newest applied purchase import; purchase_rows: no import recorded, the newest purchase row.',
  }),
});

export const SummaryResponse = Closed({
  surveyId: Type.String(),
  filter: ReportFilterEchoSchema,
  responseCount: Count,
  nps: NpsSchema,
  warnings: Warnings,
});

/** GET /surveys/:id/report. */
export const SegmentReportResponse = Closed({
  surveyId: Type.String(),
  generatedAt: Type.String(),
  filter: ReportFilterEchoSchema,
  changeEvent: Nullable(Closed({ at: Type.String(), title: Type.String() })),
  changeEvents: Type.Array(ChangeEventChoiceSchema),
  purchasesImported: Nullable(PurchasesImportedSchema),
  trend: TrendSchema,
  warnings: Warnings,
  report: SegmentReportSchema,
});

/** Query of GET /surveys/:id/report and /summary: the report filters, the event and the trend's period. */
export const ReportQuery = Type.Object({
  ...ReportFilterQuery.properties,
  event: Type.Optional(Type.String({ description: 'A change event id of the survey or its company: compare before and after it (default: the latest).' })),
  period: Type.Optional(Type.String({ description: 'The trend period: week or month (default).' })),
});

/**
 * Deep structural identity after flattening intersections: `Equals` is the strict form (it tells
 * optional from required and `A & B` from the merged object), so flatten both sides first.
 */
type Flatten<T> = T extends readonly unknown[] ? { [K in keyof T]: Flatten<T[K]> } : T extends object ? { [K in keyof T]: Flatten<T[K]> } : T;
type Equals<A, B> = (<T>() => T extends Flatten<A> ? 1 : 2) extends <T>() => T extends Flatten<B> ? 1 : 2 ? true : false;
type Assert<Condition extends true> = Condition;

/** The schema's type is the analytics type with messages on its warnings: neither can change alone. */
export type SegmentReportMatchesAnalytics = Assert<Equals<Static<typeof SegmentReportSchema>, WithMessages<SegmentReport>>>;
export type TrendMatchesService = Assert<Equals<Static<typeof TrendSchema>, WithMessages<SurveyTrend>>>;
export type NpsMatchesAnalytics = Assert<Equals<Static<typeof NpsSchema>, WithMessages<NpsResult>>>;
