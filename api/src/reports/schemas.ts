import { Type } from 'typebox';
import type { SegmentReport } from '../analytics/segmentReport.js';
import { WARNING_CODES, WARNING_PARTS } from '../model/warnings.js';

export const IntervalSchema = Type.Object({ lower: Type.Number(), upper: Type.Number(), level: Type.Number() });
/** An analytics warning: its code and params (model/warnings.ts), and the English text for scripts. */
export const WarningSchema = Type.Object({
  part: Type.Optional(Type.Enum(WARNING_PARTS)),
  code: Type.Enum(WARNING_CODES),
  params: Type.Record(Type.String(), Type.Union([Type.Number(), Type.String(), Type.Array(Type.String())])),
  message: Type.String(),
});

export const SummaryResponse = Type.Object({
  surveyId: Type.String(),
  responseCount: Type.Integer(),
  nps: Type.Object({
    n: Type.Integer(),
    nps: Type.Union([Type.Number(), Type.Null()]),
    standardError: Type.Union([Type.Number(), Type.Null()]),
    ci95: Type.Union([IntervalSchema, Type.Null()]),
    promoters: Type.Integer(),
    passives: Type.Integer(),
    detractors: Type.Integer(),
    warnings: Type.Array(WarningSchema),
  }),
});

/**
 * The segment report's shape is the analytics module's SegmentReport type (analytics/segmentReport.ts);
 * it is passed through whole rather than restated here, so the two cannot drift.
 */
export const SegmentReportResponse = Type.Object({
  surveyId: Type.String(),
  generatedAt: Type.String(),
  changeEvent: Type.Union([Type.Object({ at: Type.String(), title: Type.String() }), Type.Null()]),
  report: Type.Unsafe<SegmentReport>({ type: 'object', additionalProperties: true }),
});
