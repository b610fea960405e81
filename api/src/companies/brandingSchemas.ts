/** Payloads of the branding routes (companies/brandingRoutes.ts); the answer is the branding respondents see. */
import { Type, type Static } from 'typebox';
import { PublicBrandingSchema, Uuid } from '../surveys/schemas.js';

/** The logo's limit in bytes (the company.logo column checks the same). */
export const MAX_LOGO_BYTES = 200 * 1024;

/** What GET/PUT /api/company/branding and the logo routes answer: `{accentColor, privacyUrl, logoUrl}`. */
export const BrandingResponse = PublicBrandingSchema;
export type Branding = Static<typeof BrandingResponse>;

/**
 * PUT /api/company/branding: both settings, each a value or null (the product's own colour, no link);
 * a blank string clears too.
 */
export const UpdateBrandingBody = Type.Object(
  {
    /** `#rrggbb` (either case, stored lower case) with at least 4.5:1 contrast on white. */
    accentColor: Type.Union([Type.String({ maxLength: 50 }), Type.Null()]),
    /** The company's privacy notice: a full http(s) address, at most 2000 characters. */
    privacyUrl: Type.Union([Type.String({ maxLength: 2000 }), Type.Null()]),
  },
  { additionalProperties: false },
);
export type UpdateBranding = Static<typeof UpdateBrandingBody>;

export const LogoParams = Type.Object({ companyId: Uuid }, { additionalProperties: false });
/** `v` is the branding version the URL was made for (branding.ts logoPath); it only decides how long the image is cached. */
/** Other parameters (a link checker's, a tracker's) are let through: the image is public anyway. */
export const LogoQuery = Type.Object({ v: Type.Optional(Type.String({ maxLength: 20 })) });
