import { Type } from 'typebox';

export const IntervalSchema = Type.Object({ lower: Type.Number(), upper: Type.Number(), level: Type.Number() });
export const WarningSchema = Type.Object({ code: Type.String(), message: Type.String() });

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
