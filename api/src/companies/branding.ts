/**
 * A company's branding as respondents see it: accent colour, logo path and privacy-notice link.
 * The routes that set it are companies/brandingRoutes.ts; the public survey payloads include it.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { PublicBranding } from '../surveys/schemas.js';

type Db = Kysely<Database> | Transaction<Database>;

/** The logo's public path; `v` changes whenever the branding does, so the image can be cached for a year. */
export const logoPath = (companyId: string, updatedAt: Date) => `/api/logos/${companyId}?v=${updatedAt.getTime()}`;

/**
 * @example const branding = await findPublicBranding(db, survey.companyId); branding.accentColor
 */
export async function findPublicBranding(db: Db, companyId: string): Promise<PublicBranding> {
  const row = await db
    .selectFrom('company')
    .select((eb) => [
      'accent_color as accentColor',
      'privacy_url as privacyUrl',
      'branding_updated_at as updatedAt',
      eb('logo', 'is not', null).as('hasLogo'),
    ])
    .where('id', '=', companyId)
    .executeTakeFirst();
  if (!row) return { accentColor: null, logoUrl: null, privacyUrl: null };
  return { accentColor: row.accentColor, privacyUrl: row.privacyUrl, logoUrl: row.hasLogo ? logoPath(companyId, row.updatedAt) : null };
}
