import { Type, type Static } from 'typebox';
import { Uuid } from '../surveys/schemas.js';

/** A dated change ("new recipe", "price rise") of the whole company (surveyId null) or of one survey. */
export const ChangeEventSchema = Type.Object({
  id: Uuid,
  surveyId: Type.Union([Uuid, Type.Null()]),
  title: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  occurredAt: Type.String({ format: 'date-time' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  /** The user who added it; null when that user was removed. */
  createdBy: Type.Union([Uuid, Type.Null()]),
});
export type ChangeEvent = Static<typeof ChangeEventSchema>;

const Title = Type.String({ minLength: 1, maxLength: 200, description: 'what changed, e.g. "New recipe"' });
const Description = Type.Union([Type.String({ maxLength: 2000 }), Type.Null()], { description: 'more about it, or null' });
const OccurredAt = Type.String({ maxLength: 40, description: 'when it took effect: 2026-03-01 or 2026-03-01T09:30:00Z; not before 2000, at most a year ahead' });
const SurveyId = Type.Union([Uuid, Type.Null()], { description: "the survey it concerns; null or absent: every survey of the company" });

export const CreateChangeEventBody = Type.Object(
  { title: Title, description: Type.Optional(Description), occurredAt: OccurredAt, surveyId: Type.Optional(SurveyId) },
  { additionalProperties: false },
);
export type CreateChangeEventBody = Static<typeof CreateChangeEventBody>;

/** The fields to change; the others stay as they are. */
export const UpdateChangeEventBody = Type.Object(
  { title: Type.Optional(Title), description: Type.Optional(Description), occurredAt: Type.Optional(OccurredAt), surveyId: Type.Optional(SurveyId) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateChangeEventBody = Static<typeof UpdateChangeEventBody>;

export const ChangeEventParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const ChangeEventListQuery = Type.Object(
  { surveyId: Type.Optional({ ...Uuid, description: "the survey's events and the company-wide ones; absent: every event of the company" }) },
  { additionalProperties: false },
);
export const ChangeEventResponse = Type.Object({ changeEvent: ChangeEventSchema });
export const ChangeEventListResponse = Type.Object({ changeEvents: Type.Array(ChangeEventSchema) });
