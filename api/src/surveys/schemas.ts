import { Type, type Static } from 'typebox';
import { LocalTextSchema, SurveyDefinitionSchema } from '../model/definition.js';

const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

export const Uuid = Type.String({ pattern: UUID_PATTERN, description: 'a UUID such as d0000000-0000-4000-8000-000000000001' });

export const SurveyParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export type SurveyParams = Static<typeof SurveyParams>;

/** The published version a respondent answers; the definition is the model's own schema (checked when written). */
export const PublishedSurveyResponse = Type.Object({
  id: Type.String(),
  companyName: Type.String(),
  version: Type.Integer(),
  definition: SurveyDefinitionSchema,
});

export const SurveyListResponse = Type.Object({
  surveys: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      status: Type.String(),
      companyName: Type.String(),
      title: Type.Union([LocalTextSchema, Type.Null()]),
      responseCount: Type.Integer(),
    }),
  ),
});
