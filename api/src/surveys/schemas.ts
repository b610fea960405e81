import { Type, type Static } from 'typebox';
import type { SurveyDefinition } from '../model/definition.js';

const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

export const Uuid = Type.String({ pattern: UUID_PATTERN, description: 'a UUID such as d0000000-0000-4000-8000-000000000001' });

export const SurveyParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export type SurveyParams = Static<typeof SurveyParams>;

const LocalTextSchema = Type.Object({ en: Type.String(), ru: Type.String(), et: Type.String(), ka: Type.String() });

/** The definition is validated where it is written (template and survey editor); here it is passed through whole. */
const DefinitionSchema = Type.Unsafe<SurveyDefinition>({ type: 'object', additionalProperties: true });

export const PublishedSurveyResponse = Type.Object({
  id: Type.String(),
  companyName: Type.String(),
  version: Type.Integer(),
  definition: DefinitionSchema,
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
