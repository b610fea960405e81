/**
 * The survey builder's API shapes (surveys/builderRoutes.ts), shared with the web builder
 * (/app/surveys). The contract of issue 16; see docs/API.md "Building surveys".
 */
import { Type, type Static } from 'typebox';
import { SurveyDefinitionSchema } from '../model/definition.js';
import { Uuid } from './schemas.js';

/** Letters a-z, digits and single hyphens, 3–60 characters (migrations/0004: survey_link.slug). */
export const SLUG_PATTERN = '^[a-z0-9](?:[a-z0-9-]{1,58}[a-z0-9])$';
export const SlugSchema = Type.String({ pattern: SLUG_PATTERN, description: 'a-z, 0-9 and single hyphens, 3–60 characters, e.g. spring-check-up' });

/** One problem of a definition, as the model reports it (model/checkDefinition.ts), path relative to the definition. */
export const DefinitionProblemSchema = Type.Object({
  path: Type.String(),
  code: Type.String(),
  message: Type.String(),
});

/** What a published version changed against the one before it (version 1: `kind: 'created'`). */
export const VersionChangeSchema = Type.Object({
  kind: Type.Union([
    Type.Literal('created'),
    Type.Literal('added'),
    Type.Literal('removed'),
    Type.Literal('changed'),
    Type.Literal('moved'),
    Type.Literal('survey'),
  ]),
  /** The question added, removed, changed or moved; absent for survey-level changes. */
  questionId: Type.Optional(Type.String()),
  /** Which fields changed, e.g. ['text.ru', 'required'] or, for `survey`, ['title.et', 'thresholds']. */
  fields: Type.Optional(Type.Array(Type.String())),
});

export const VersionSummarySchema = Type.Object({
  version: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  /** Who published it (name or email), null for the demo seed. */
  createdBy: Type.Union([Type.String(), Type.Null()]),
  responseCount: Type.Integer(),
  changes: Type.Array(VersionChangeSchema),
});

/** Everything the builder page needs about one survey. */
export const SurveyDetailResponse = Type.Object({
  id: Type.String(),
  name: Type.String(),
  status: Type.Union([Type.Literal('draft'), Type.Literal('published'), Type.Literal('closed')]),
  slug: Type.Union([Type.String(), Type.Null()]),
  /** The respondent link path: `/s/<slug>`, or `/s/<id>` without a slug. */
  link: Type.String(),
  publishedVersion: Type.Union([Type.Integer(), Type.Null()]),
  oneResponsePerBrowser: Type.Boolean(),
  responseCount: Type.Integer(),
  inviteCount: Type.Integer(),
  /** The published definition (null while never published). */
  published: Type.Union([SurveyDefinitionSchema, Type.Null()]),
  /** The next version being edited (null when there is no draft). */
  draft: Type.Union([SurveyDefinitionSchema, Type.Null()]),
  /** Problems of the draft that stop it being published (missing translations included); empty when it can be. */
  problems: Type.Array(DefinitionProblemSchema),
  versions: Type.Array(VersionSummarySchema),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type SurveyDetail = Static<typeof SurveyDetailResponse>;

/** POST /api/surveys: from a template, blank, a copy of another survey of the company, or a definition sent whole. */
export const CreateSurveyBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    from: Type.Union([Type.Literal('full'), Type.Literal('short'), Type.Literal('blank'), Type.Literal('copy'), Type.Literal('definition')]),
    /** With `from: 'copy'`: the survey whose latest draft or published version is copied. */
    copyOf: Type.Optional(Uuid),
    /** With `from: 'definition'`. */
    definition: Type.Optional(Type.Unknown()),
    slug: Type.Optional(SlugSchema),
  },
  { additionalProperties: false },
);
export type CreateSurveyBody = Static<typeof CreateSurveyBody>;

/** PUT /api/surveys/:id/draft */
export const SaveDraftBody = Type.Object({ definition: Type.Unknown() }, { additionalProperties: false });

/** PATCH /api/surveys/:id */
export const UpdateSurveyBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    slug: Type.Optional(Type.Union([SlugSchema, Type.Null()])),
    oneResponsePerBrowser: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const VersionParams = Type.Object({ id: Uuid, version: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }, { additionalProperties: false });

export const VersionResponse = Type.Object({
  version: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  definition: SurveyDefinitionSchema,
});
