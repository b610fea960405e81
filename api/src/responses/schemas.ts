import { Type, type Static } from 'typebox';
import { Uuid } from '../surveys/schemas.js';

export const SubmitResponseBody = Type.Object(
  {
    clientSubmissionId: Type.String({
      ...Uuid,
      description: 'Generated once by the client per submission and reused on retry; a retry never creates a second response.',
    }),
    // Written out (not mapped from LANGUAGES) so Static<> infers the literal union, not never.
    language: Type.Union([Type.Literal('en'), Type.Literal('ru'), Type.Literal('et'), Type.Literal('ka')], {
      description: 'en, ru, et or ka',
    }),
    answers: Type.Record(Type.String({ maxLength: 100 }), Type.Union([Type.Number(), Type.String({ maxLength: 20_000 }), Type.Null()]), {
      maxProperties: 200,
    }),
    startedAt: Type.Optional(Type.String({ format: 'date-time' })),
    version: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 1_000_000,
        description: 'The survey version the page loaded (its `version`); the answers are checked against and stored with it. Absent: the published version.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type SubmitResponseBody = Static<typeof SubmitResponseBody>;

export const SubmitResponseResult = Type.Object({
  id: Type.String(),
  duplicate: Type.Boolean({ description: 'true when this submission id was already stored; the first response is kept' }),
});
