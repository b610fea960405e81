import { Type, type Static } from 'typebox';
import { LanguageSchema, LocalTextSchema, SurveyDefinitionSchema } from '../model/definition.js';

const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

const UUID = new RegExp(UUID_PATTERN);
/** Whether the text is a UUID (either case), as path parameters, links and headers carry survey and company ids. */
export const isUuid = (text: string) => UUID.test(text);

export const Uuid = Type.String({ pattern: UUID_PATTERN, description: 'a UUID such as d0000000-0000-4000-8000-000000000001' });

export const SurveyParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export type SurveyParams = Static<typeof SurveyParams>;

/** The company's look on every survey page (companies/branding.ts). */
export const PublicBrandingSchema = Type.Object({
  /** `#rrggbb`, checked for WCAG AA contrast on white when set; null: the product's own colour. */
  accentColor: Type.Union([Type.String(), Type.Null()]),
  /** Path of the logo image (`/api/logos/<companyId>?v=<n>`, cacheable for a year), or null. */
  logoUrl: Type.Union([Type.String(), Type.Null()]),
  /** The company's privacy notice, linked on every survey page; null when the company gave none. */
  privacyUrl: Type.Union([Type.String(), Type.Null()]),
});
export type PublicBranding = Static<typeof PublicBrandingSchema>;

/**
 * The published version a respondent answers (GET /api/surveys/:id, /api/s/:slug, /api/s/i/:token);
 * the definition is the model's own schema (checked when written).
 */
export const PublishedSurveyResponse = Type.Object({
  id: Type.String(),
  /** The readable public link name (`/s/<slug>`), or null when the survey has none. */
  slug: Type.Union([Type.String(), Type.Null()]),
  companyName: Type.String(),
  version: Type.Integer(),
  definition: SurveyDefinitionSchema,
  branding: PublicBrandingSchema,
  /** The anonymous link takes one response per browser: after the thank-you, a reload shows the thank-you again. */
  oneResponsePerBrowser: Type.Boolean(),
  /** Set when the page was opened from a per-purchase invite: its token and the language it opens in. */
  invite: Type.Union([Type.Object({ token: Type.String(), language: Type.Union([LanguageSchema, Type.Null()]) }), Type.Null()]),
  /** Where to POST the response: `/api/surveys/<id>/responses`, or `/api/s/i/<token>/responses` for an invite. */
  submitPath: Type.String(),
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
      /** The readable link name, or null (the link is then `/s/<id>`). */
      slug: Type.Union([Type.String(), Type.Null()]),
      /** The respondent link path: `/s/<slug>`, or `/s/<id>` without a slug. */
      link: Type.String(),
      publishedVersion: Type.Union([Type.Integer(), Type.Null()]),
      /** A draft of the next version is being edited (GET /api/surveys/:id/builder has it). */
      hasDraft: Type.Boolean(),
      updatedAt: Type.String({ format: 'date-time' }),
    }),
  ),
});
