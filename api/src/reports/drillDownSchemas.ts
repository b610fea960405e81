/** Response schemas of the drill-down routes (reports/drillDownRoutes.ts, docs/API.md "Drill-down"). */
import { Type } from 'typebox';
import { LOYALTY_TYPES, SEGMENTS } from '../analytics/segments.js';
import { RECOVERY_GROUPS } from '../analytics/serviceRecovery.js';
import { LANGUAGES, LocalTextSchema } from '../model/definition.js';
import { Uuid } from '../surveys/schemas.js';
import { ReportFilterEchoSchema } from './schemas.js';
import { DRILL_SORTS } from './drillDownQuery.js';

const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Number> | ReturnType<typeof Type.Boolean> | ReturnType<typeof Type.Integer>>(schema: T) =>
  Type.Union([schema, Type.Null()]);
const Score = Nullable(Type.Number({ minimum: 0, maximum: 1 }));

export const RespondentParams = Type.Object({ id: Uuid, responseId: Uuid }, { additionalProperties: false });

const RespondentFields = {
  id: Type.String(),
  submittedAt: Type.String(),
  language: Type.Enum(LANGUAGES),
  version: Nullable(Type.Integer()),
  customerRef: Nullable(Type.String()),
  channel: Nullable(Type.String()),
  source: Type.Enum(['invite', 'link'] as const),
  S: Score,
  E: Score,
  B: Score,
  D: Nullable(Type.Boolean()),
  exchangeType: Nullable(Type.String()),
  segment: Type.Enum(SEGMENTS),
  loyaltyType: Type.Enum(LOYALTY_TYPES),
  retained: Nullable(Type.Boolean()),
  hasComment: Type.Boolean(),
};

export const RespondentsResponse = Type.Object({
  surveyId: Type.String(),
  filter: ReportFilterEchoSchema,
  cell: Type.Object(
    {
      loyaltyType: Type.Optional(Type.Enum(LOYALTY_TYPES)),
      satisfactionLevel: Type.Optional(Type.Integer()),
      recoveryGroup: Type.Optional(Type.Enum(RECOVERY_GROUPS)),
    },
    { additionalProperties: false },
  ),
  sort: Type.Enum(DRILL_SORTS),
  order: Type.Enum(['asc', 'desc'] as const),
  limit: Type.Integer(),
  items: Type.Array(Type.Object(RespondentFields, { additionalProperties: false })),
  nextCursor: Nullable(Type.String({ description: 'Pass as cursor for the next page; null on the last page.' })),
});

export const RespondentResponse = Type.Object({
  ...RespondentFields,
  answers: Type.Array(
    Type.Object({
      questionId: Type.String(),
      type: Nullable(Type.String()),
      construct: Nullable(Type.String()),
      text: Type.Union([LocalTextSchema, Type.Null()], { description: "The question's text in every language; null for an answer to no question of the version." }),
      answer: Type.Union([Type.String(), Type.Number(), Type.Null()]),
    }),
  ),
  scores: Type.Object({
    S: Score,
    E: Score,
    B: Score,
    D: Nullable(Type.Boolean()),
    exchangeType: Nullable(Type.String()),
    satisfactionLevel: Nullable(Type.Integer()),
    recoveryGroup: Nullable(Type.String()),
    retained: Nullable(Type.Boolean()),
    segment: Type.Enum(SEGMENTS),
    loyaltyType: Type.Enum(LOYALTY_TYPES),
    scoredVersion: Nullable(Type.Integer()),
  }),
  purchases: Type.Array(
    Type.Object({
      orderRef: Nullable(Type.String()),
      purchasedAt: Type.String(),
      amountCents: Type.Integer(),
      currency: Nullable(Type.String()),
      channel: Nullable(Type.String()),
    }),
  ),
  purchaseCount: Type.Integer({ description: 'All purchases of the customer; at most 500 are listed, newest first.' }),
  invite: Type.Union([
    Type.Object({ orderRef: Nullable(Type.String()), channel: Nullable(Type.String()), sentAt: Type.String(), usedAt: Nullable(Type.String()) }),
    Type.Null(),
  ]),
});

export const CommentsResponse = Type.Object({
  surveyId: Type.String(),
  filter: ReportFilterEchoSchema,
  limit: Type.Integer(),
  items: Type.Array(
    Type.Object({
      responseId: Type.String(),
      submittedAt: Type.String(),
      language: Type.Enum(LANGUAGES),
      version: Nullable(Type.Integer()),
      segment: Type.Enum(SEGMENTS),
      comments: Type.Array(Type.Object({ questionId: Type.String(), text: Type.String() })),
    }),
  ),
  nextCursor: Nullable(Type.String()),
});
