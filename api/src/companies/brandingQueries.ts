/**
 * Reading and writing a company's branding columns (db/schema.ts CompanyTable). Every change moves
 * branding_updated_at forward, strictly (two changes in one millisecond still get two values), because
 * the logo's URL carries it and browsers keep the image a year under one URL (branding.ts logoPath).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { ImageType } from '../images.js';

type Db = Kysely<Database> | Transaction<Database>;

const nextBrandingTime = sql<Date>`greatest(now(), branding_updated_at + interval '1 millisecond')`;

/**
 * The colour and link as they are, locked for the change that follows in the same transaction.
 * @example const before = await lockBranding(trx, companyId); before?.accentColor
 */
export async function lockBranding(db: Db, companyId: string) {
  return db
    .selectFrom('company')
    .select(['accent_color as accentColor', 'privacy_url as privacyUrl'])
    .where('id', '=', companyId)
    .forUpdate()
    .executeTakeFirst();
}

/** @example await updateBrandingSettings(trx, companyId, { accentColor: '#0a5cff', privacyUrl: null }); */
export async function updateBrandingSettings(db: Db, companyId: string, settings: { accentColor: string | null; privacyUrl: string | null }): Promise<void> {
  await db
    .updateTable('company')
    .set({ accent_color: settings.accentColor, privacy_url: settings.privacyUrl, branding_updated_at: nextBrandingTime })
    .where('id', '=', companyId)
    .executeTakeFirstOrThrow();
}

/** @example await storeLogo(trx, companyId, { bytes, type: 'image/png' }); */
export async function storeLogo(db: Db, companyId: string, logo: { bytes: Buffer; type: ImageType }): Promise<void> {
  await db
    .updateTable('company')
    .set({ logo: logo.bytes, logo_type: logo.type, branding_updated_at: nextBrandingTime })
    .where('id', '=', companyId)
    .executeTakeFirstOrThrow();
}

/**
 * Removes the logo. @returns whether there was one (nothing changes, not even the time, when not)
 * @example if (await removeLogo(trx, companyId)) await audit…
 */
export async function removeLogo(db: Db, companyId: string): Promise<boolean> {
  const result = await db
    .updateTable('company')
    .set({ logo: null, logo_type: null, branding_updated_at: nextBrandingTime })
    .where('id', '=', companyId)
    .where('logo', 'is not', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * The logo's bytes for the public image route, with the time that versions its URL.
 * @example const logo = await findLogo(db, companyId); if (logo) reply.type(logo.type).send(logo.bytes);
 */
export async function findLogo(db: Db, companyId: string) {
  const row = await db
    .selectFrom('company')
    .select(['logo', 'logo_type', 'branding_updated_at'])
    .where('id', '=', companyId)
    .where('logo', 'is not', null)
    .executeTakeFirst();
  if (!row?.logo || !row.logo_type) return undefined;
  return { bytes: row.logo, type: row.logo_type, updatedAt: row.branding_updated_at };
}
