/**
 * The survey definition: one TypeBox schema and its static type, stored as JSON in
 * survey_version.definition. One definition per published version; answers are checked against it
 * (model/answers.ts), the analytics module compiles it into a scoring model, and the respondent page
 * renders it. This module imports nothing of the server, the database or the analytics.
 */
import { Type, type Static } from 'typebox';

export const LANGUAGES = ['en', 'ru', 'et', 'ka'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Written out (not mapped from LANGUAGES) so Static<> infers the literal union. */
export const LanguageSchema = Type.Union([Type.Literal('en'), Type.Literal('ru'), Type.Literal('et'), Type.Literal('ka')], {
  description: 'en, ru, et or ka',
});

/** A text in every supported language. `{company}` is replaced by the survey's company name. */
export const LocalTextSchema = Type.Object(
  { en: Type.String(), ru: Type.String(), et: Type.String(), ka: Type.String() },
  { additionalProperties: false },
);
export type LocalText = Static<typeof LocalTextSchema>;

export const CONSTRUCTS = [
  'satisfaction',
  'exchange',
  'emotional',
  'behavioural',
  'discount',
  'recovery',
  'word_of_mouth',
  'loyalist_expectations',
  'open',
] as const;
export const ConstructSchema = Type.Union([
  Type.Literal('satisfaction'),
  Type.Literal('exchange'),
  Type.Literal('emotional'),
  Type.Literal('behavioural'),
  Type.Literal('discount'),
  Type.Literal('recovery'),
  Type.Literal('word_of_mouth'),
  Type.Literal('loyalist_expectations'),
  Type.Literal('open'),
]);
export type Construct = Static<typeof ConstructSchema>;

/**
 * What a question measures for the analysis, independent of its id (DESIGN.md "Any survey, not only
 * the template"). Each role is held by at most one question of a definition; model/roles.ts says
 * which type and range each role needs.
 */
export const QUESTION_ROLES = [
  'overall_satisfaction',
  'recommend',
  'promo_decided',
  'full_price_return',
  'expectation',
  'had_problem',
  'problem_resolved',
  'gesture_received',
  'told_positive',
  'told_negative',
] as const;
export const QuestionRoleSchema = Type.Union([
  Type.Literal('overall_satisfaction'),
  Type.Literal('recommend'),
  Type.Literal('promo_decided'),
  Type.Literal('full_price_return'),
  Type.Literal('expectation'),
  Type.Literal('had_problem'),
  Type.Literal('problem_resolved'),
  Type.Literal('gesture_received'),
  Type.Literal('told_positive'),
  Type.Literal('told_negative'),
]);
export type QuestionRole = Static<typeof QuestionRoleSchema>;

/** Question ids: letters, digits and underscores, starting with a letter (safe in URLs, CSV headers and JSON pointers). */
export const QUESTION_ID_PATTERN = '^[a-z][a-z0-9_]{0,62}$';
const QuestionId = Type.String({ pattern: QUESTION_ID_PATTERN, description: 'a-z, 0-9 and _, starting with a letter, at most 63' });

/** Shown only when an earlier question has the given answer (e.g. problem_resolved when had_problem = yes). */
export const ShowIfSchema = Type.Object(
  { questionId: QuestionId, equals: Type.Union([Type.String({ maxLength: 100 }), Type.Integer()]) },
  { additionalProperties: false },
);
export type ShowIf = Static<typeof ShowIfSchema>;

const base = {
  id: QuestionId,
  construct: ConstructSchema,
  role: Type.Optional(QuestionRoleSchema),
  text: LocalTextSchema,
  required: Type.Boolean(),
  showIf: Type.Optional(ShowIfSchema),
};

/** Whole numbers min..max; answer is a number. `reversed` flips the 0..1 scaling. */
export const ScaleQuestionSchema = Type.Object(
  {
    ...base,
    type: Type.Literal('scale'),
    min: Type.Integer({ minimum: -1000, maximum: 1000 }),
    max: Type.Integer({ minimum: -1000, maximum: 1000 }),
    reversed: Type.Optional(Type.Boolean()),
    /** Labels of the two ends (and optionally every point, in order min..max). */
    minLabel: LocalTextSchema,
    maxLabel: LocalTextSchema,
    pointLabels: Type.Optional(Type.Array(LocalTextSchema, { maxItems: 101 })),
  },
  { additionalProperties: false },
);
export type ScaleQuestion = Static<typeof ScaleQuestionSchema>;

export const OptionSchema = Type.Object(
  { value: Type.String({ pattern: '^[A-Za-z0-9_-]{1,100}$' }), label: LocalTextSchema },
  { additionalProperties: false },
);

/** One of a fixed list of values; answer is the option's value (a string). */
export const ChoiceQuestionSchema = Type.Object(
  { ...base, type: Type.Literal('choice'), options: Type.Array(OptionSchema, { minItems: 2, maxItems: 50 }) },
  { additionalProperties: false },
);
export type ChoiceQuestion = Static<typeof ChoiceQuestionSchema>;

/** A whole number count (people told); answer is a number. */
export const CountQuestionSchema = Type.Object(
  {
    ...base,
    type: Type.Literal('count'),
    min: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
    max: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
  },
  { additionalProperties: false },
);
export type CountQuestion = Static<typeof CountQuestionSchema>;

/** Free text; answer is a string of at most maxLength characters (code points, model/answers.ts). */
export const TextQuestionSchema = Type.Object(
  { ...base, type: Type.Literal('text'), maxLength: Type.Integer({ minimum: 1, maximum: 10_000 }) },
  { additionalProperties: false },
);
export type TextQuestion = Static<typeof TextQuestionSchema>;

export const QuestionSchema = Type.Union([ScaleQuestionSchema, ChoiceQuestionSchema, CountQuestionSchema, TextQuestionSchema]);
export type Question = Static<typeof QuestionSchema>;
export type QuestionType = Question['type'];

/** Segment thresholds τS, τE, τB on the 0..1 construct scores (DESIGN.md "Primary segment"). */
export const ThresholdsSchema = Type.Object(
  {
    satisfaction: Type.Number({ exclusiveMinimum: 0, maximum: 1 }),
    emotional: Type.Number({ exclusiveMinimum: 0, maximum: 1 }),
    behavioural: Type.Number({ exclusiveMinimum: 0, maximum: 1 }),
  },
  { additionalProperties: false },
);
export type Thresholds = Static<typeof ThresholdsSchema>;

export const SurveyDefinitionSchema = Type.Object(
  {
    title: LocalTextSchema,
    /** Shown at the top of the survey page. */
    intro: LocalTextSchema,
    thankYou: LocalTextSchema,
    /**
     * The languages the survey is offered in (a subset of LANGUAGES, the first is the default);
     * every text must be filled in for each of them. Absent: all four.
     */
    languages: Type.Optional(Type.Array(LanguageSchema, { minItems: 1, maxItems: 4, uniqueItems: true })),
    questions: Type.Array(QuestionSchema, { minItems: 1, maxItems: 200 }),
    thresholds: ThresholdsSchema,
  },
  { additionalProperties: false },
);
export type SurveyDefinition = Static<typeof SurveyDefinitionSchema>;

export const DEFAULT_THRESHOLDS: Thresholds = { satisfaction: 0.75, emotional: 0.75, behavioural: 0.75 };

/** The languages a definition is offered in. */
export function surveyLanguages(definition: Pick<SurveyDefinition, 'languages'>): readonly Language[] {
  return definition.languages ?? LANGUAGES;
}

/** Answers as stored in response.answers: question id → number (scale, count) or string (choice, text). Unanswered ids are absent. */
export type Answers = Record<string, number | string>;
