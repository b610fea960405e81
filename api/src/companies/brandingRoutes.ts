/**
 * A company's survey branding: accent colour (WCAG AA on white), privacy-notice link and logo (PNG or
 * JPEG ≤ 200 KB, checked by its bytes). Analysts change it, whoever reads surveys sees it, and the logo
 * is a public, year-cached image (its URL changes with every change, branding.ts logoPath).
 * Every change is audited.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyError } from 'fastify';
import { Type } from 'typebox';
import { tenantOf } from '../accounts/plugin.js';
import { auditFromRequest } from '../audit/service.js';
import { ApiError, ErrorResponse, type FieldProblem } from '../errors.js';
import { sniffImage, type ImageType } from '../images.js';
import { contrastRatio, contrastText, isHexColour, MIN_CONTRAST_ON_WHITE } from '../model/contrast.js';
import { findPublicBranding } from './branding.js';
import { findLogo, lockBranding, removeLogo, storeLogo, updateBrandingSettings } from './brandingQueries.js';
import { BrandingResponse, LogoParams, LogoQuery, MAX_LOGO_BYTES, UpdateBrandingBody } from './brandingSchemas.js';

const LOGO_TYPES: readonly ImageType[] = ['image/png', 'image/jpeg'];
const FORMAT_NAMES: Record<ImageType, string> = { 'image/png': 'PNG', 'image/jpeg': 'JPEG' };
const YEAR_SECONDS = 31_536_000;

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse };
/** The logo is sent as it is stored; the schema documents it for OpenAPI. */
const LogoBytes = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'the logo, image/png or image/jpeg' });

function invalid(path: string, message: string, code: string): ApiError {
  return new ApiError('VALIDATION_FAILED', `${path} ${message}.`, [{ path, message, code }]);
}

/** `#RRGGBB` → `#rrggbb`; blank → null. Throws VALIDATION_FAILED or LOW_CONTRAST naming /accentColor. */
function checkedAccentColor(value: string | null): string | null {
  const colour = value?.trim() ?? '';
  if (colour === '') return null;
  if (!isHexColour(colour)) throw invalid('/accentColor', 'is not a colour written as #rrggbb (e.g. #0a5cff)', 'INVALID_COLOUR');
  const lower = colour.toLowerCase();
  const ratio = contrastRatio(lower, '#ffffff');
  if (ratio < MIN_CONTRAST_ON_WHITE) {
    const message = `has ${contrastText(ratio)}:1 contrast on white; WCAG AA needs ${MIN_CONTRAST_ON_WHITE}:1 — choose a darker colour`;
    const field: FieldProblem = { path: '/accentColor', message, code: 'LOW_CONTRAST', params: { ratio: Number(contrastText(ratio)), minimum: MIN_CONTRAST_ON_WHITE } };
    throw new ApiError('LOW_CONTRAST', `/accentColor (${lower}) ${message}.`, [field]);
  }
  return lower;
}

/** The address as the URL parser writes it (host lower case, spaces encoded); blank → null. Throws VALIDATION_FAILED naming /privacyUrl. */
function checkedPrivacyUrl(value: string | null): string | null {
  const text = value?.trim() ?? '';
  if (text === '') return null;
  const example = 'give the full address, e.g. https://example.com/privacy';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid('/privacyUrl', `is not a web address; ${example}`, 'INVALID_URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid('/privacyUrl', `must start with https:// or http://; ${example}`, 'INVALID_URL');
  if (url.username || url.password) throw invalid('/privacyUrl', 'must not hold a user name or password; link the public page', 'INVALID_URL');
  if (url.href.length > 2000) throw invalid('/privacyUrl', 'is longer than 2000 characters; link a shorter address', 'INVALID_URL');
  return url.href;
}

/** The media type of a Content-Type header, without parameters, lower case. */
const mediaType = (header: string | undefined) => (header ?? '').split(';')[0]!.trim().toLowerCase();

export const brandingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Raw logo bytes, in this plugin only: every other route keeps the JSON-only parser (jsonBody.ts).
  app.addContentTypeParser([...LOGO_TYPES], { parseAs: 'buffer', bodyLimit: MAX_LOGO_BYTES }, (_request, body, done) => done(null, body));

  app.get(
    '/company/branding',
    { config: { access: { anyOf: ['surveys:read'] } }, schema: { response: { 200: BrandingResponse, ...errors } } },
    async (request) => {
      const tenant = tenantOf(request);
      return findPublicBranding(tenant.db, tenant.companyId);
    },
  );

  app.put(
    '/company/branding',
    {
      config: { access: { anyOf: ['surveys:write'] } },
      schema: { body: UpdateBrandingBody, response: { 200: BrandingResponse, ...errors, 422: ErrorResponse } },
    },
    async (request) => {
      const tenant = tenantOf(request);
      const accentColor = checkedAccentColor(request.body.accentColor);
      const privacyUrl = checkedPrivacyUrl(request.body.privacyUrl);
      return tenant.db.transaction().execute(async (trx) => {
        const before = await lockBranding(trx, tenant.companyId);
        if (!before) throw new Error(`company ${tenant.companyId} of a signed-in request does not exist`);
        const changed = {
          ...(before.accentColor !== accentColor ? { accentColor } : {}),
          ...(before.privacyUrl !== privacyUrl ? { privacyUrl } : {}),
        };
        if (Object.keys(changed).length > 0) {
          await updateBrandingSettings(trx, tenant.companyId, { accentColor, privacyUrl });
          await auditFromRequest(request, 'branding_updated', `company:${tenant.companyId}`, changed, trx);
        }
        return findPublicBranding(trx, tenant.companyId);
      });
    },
  );

  app.put(
    '/company/logo',
    {
      config: { access: { anyOf: ['surveys:write'] } },
      bodyLimit: MAX_LOGO_BYTES,
      schema: {
        description: `The logo as the raw body, Content-Type image/png or image/jpeg, at most ${MAX_LOGO_BYTES / 1024} KB and 4096 px a side; checked by its bytes.`,
        consumes: [...LOGO_TYPES],
        response: { 200: BrandingResponse, ...errors, 413: ErrorResponse, 415: ErrorResponse, 422: ErrorResponse },
      },
      // Fastify's own answers for this body, worded for a logo; anything else goes to the app's handler.
      errorHandler: (error: FastifyError) => {
        if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
          throw new ApiError('BODY_TOO_LARGE', `The logo is larger than ${MAX_LOGO_BYTES / 1024} KB; make it smaller (a few hundred pixels wide is plenty) and upload it again.`, [
            { path: '/', message: `is larger than ${MAX_LOGO_BYTES / 1024} KB`, code: 'TOO_LARGE' },
          ]);
        }
        if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
          throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'Send the logo as PNG or JPEG bytes with Content-Type: image/png or image/jpeg.', [
            { path: '/headers/content-type', message: 'must be image/png or image/jpeg' },
          ]);
        }
        throw error;
      },
    },
    async (request) => {
      const tenant = tenantOf(request);
      const bytes = request.body as Buffer;
      const image = sniffImage(bytes);
      if ('problem' in image) {
        throw new ApiError('INVALID_LOGO', `The logo ${image.problem}.`, [{ path: '/', message: image.problem, code: 'INVALID_LOGO' }]);
      }
      const declared = mediaType(request.headers['content-type']);
      if (declared !== image.type) {
        const message = `says ${declared} but the bytes are a ${FORMAT_NAMES[image.type]} image; send it with Content-Type: ${image.type}`;
        throw new ApiError('INVALID_LOGO', `The Content-Type ${message}.`, [{ path: '/headers/content-type', message, code: 'TYPE_MISMATCH' }]);
      }
      return tenant.db.transaction().execute(async (trx) => {
        await storeLogo(trx, tenant.companyId, { bytes, type: image.type });
        const details = { format: FORMAT_NAMES[image.type], width: image.width, height: image.height, bytes: bytes.length };
        await auditFromRequest(request, 'logo_uploaded', `company:${tenant.companyId}`, details, trx);
        return findPublicBranding(trx, tenant.companyId);
      });
    },
  );

  app.delete(
    '/company/logo',
    { config: { access: { anyOf: ['surveys:write'] } }, schema: { response: { 200: BrandingResponse, ...errors } } },
    async (request) => {
      const tenant = tenantOf(request);
      return tenant.db.transaction().execute(async (trx) => {
        if (await removeLogo(trx, tenant.companyId)) await auditFromRequest(request, 'logo_removed', `company:${tenant.companyId}`, {}, trx);
        return findPublicBranding(trx, tenant.companyId);
      });
    },
  );

  app.get(
    '/logos/:companyId',
    {
      config: { access: 'public' },
      schema: {
        description: 'The company logo for survey pages. With the `v` of its current logoUrl it may be cached for a year; with any other, not at all.',
        params: LogoParams,
        querystring: LogoQuery,
        response: { 200: LogoBytes, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      const logo = await findLogo(app.db, request.params.companyId);
      if (!logo) throw new ApiError('LOGO_NOT_FOUND', 'This company has no logo; the survey page shows the company name instead.');
      // The versioned URL never shows other bytes (a new logo gets a new v), so it is cached for good;
      // an old or missing v may name bytes that change, so it is checked every time.
      const current = request.query.v === String(logo.updatedAt.getTime());
      return reply
        .type(logo.type)
        .header('cache-control', current ? `public, max-age=${YEAR_SECONDS}, immutable` : 'no-cache')
        .header('x-content-type-options', 'nosniff')
        .send(logo.bytes);
    },
  );
};
