/**
 * The company's survey branding over HTTP: the colour and link checks, logo uploads checked by their
 * bytes, the public logo image and its cache headers, who may change what, and the audit entries.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { MAX_LOGO_BYTES } from '../api/src/companies/brandingSchemas.js';
import { buildTestApp, createSurvey, describeEachDatabase, signedInMember } from './helper.js';
import { GIF_1X1, JPEG_2X1, pngImage, SVG_LOGO, TEXT_FILE } from './image-fixtures.js';
import { shortTemplate } from '../api/src/model/template.js';

describeEachDatabase('company branding', (ctx) => {
  let app: FastifyInstance;
  let company: { companyId: string; surveyId: string };
  let analyst: Record<string, string>;
  const db = () => ctx.database().db;

  const stored = () =>
    db().selectFrom('company').select(['accent_color', 'privacy_url', 'logo', 'logo_type', 'branding_updated_at']).where('id', '=', company.companyId).executeTakeFirstOrThrow();
  const auditActions = async () =>
    (await db().selectFrom('audit_event').select('action').where('company_id', '=', company.companyId).orderBy('at').execute()).map((row) => row.action);
  const putBranding = (payload: unknown, headers = analyst) => app.inject({ method: 'PUT', url: '/api/company/branding', headers, payload: payload as object });
  const putLogo = (bytes: Buffer, contentType: string, headers = analyst) =>
    app.inject({ method: 'PUT', url: '/api/company/logo', headers: { ...headers, 'content-type': contentType }, payload: bytes });

  beforeAll(async () => {
    app = await buildTestApp(ctx.database());
  });
  afterAll(async () => app.close());
  beforeEach(async () => {
    company = await createSurvey(ctx.database(), shortTemplate());
    analyst = (await signedInMember(ctx.database(), company.companyId, 'analyst')).headers;
  });

  it('starts with no branding, and reads it back as it was set, the colour in lower case', async () => {
    const empty = await app.inject({ url: '/api/company/branding', headers: analyst });
    expect(empty.json()).toEqual({ accentColor: null, privacyUrl: null, logoUrl: null });

    const res = await putBranding({ accentColor: '#0A5CFF', privacyUrl: 'https://Example.com/privacy notice' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ accentColor: '#0a5cff', privacyUrl: 'https://example.com/privacy%20notice', logoUrl: null });
    expect(await stored()).toMatchObject({ accent_color: '#0a5cff', privacy_url: 'https://example.com/privacy%20notice' });
    expect((await app.inject({ url: '/api/company/branding', headers: analyst })).json()).toEqual(res.json());
    expect(await auditActions()).toEqual(['branding_updated']);

    // The respondent's page gets the same branding.
    expect((await app.inject({ url: `/api/surveys/${company.surveyId}` })).json().branding).toEqual(res.json());
  });

  it('accepts #767676 (4.54:1 on white) and refuses #777777 (4.48:1) with LOW_CONTRAST naming /accentColor, storing nothing', async () => {
    expect((await putBranding({ accentColor: '#767676', privacyUrl: null })).statusCode).toBe(200);
    const before = await stored();

    const res = await putBranding({ accentColor: '#777777', privacyUrl: 'https://example.com/privacy' });
    expect(res.statusCode).toBe(422);
    const { error } = res.json();
    expect(error.code).toBe('LOW_CONTRAST');
    expect(error.fields).toEqual([
      {
        path: '/accentColor',
        message: 'has 4.48:1 contrast on white; WCAG AA needs 4.5:1 — choose a darker colour',
        code: 'LOW_CONTRAST',
        params: { ratio: 4.48, minimum: 4.5 },
      },
    ]);
    expect(error.message).toBe('/accentColor (#777777) has 4.48:1 contrast on white; WCAG AA needs 4.5:1 — choose a darker colour.');
    expect(await stored()).toEqual(before);

    const yellow = (await putBranding({ accentColor: '#ffcc00', privacyUrl: null })).json().error;
    expect(yellow.fields[0].message).toMatch(/^has 1\.51:1 contrast on white/);
  });

  it('refuses what is not a #rrggbb colour, naming /accentColor', async () => {
    for (const accentColor of ['red', '#fff', '#12345g', 'rgb(0,0,0)', 42]) {
      const res = await putBranding({ accentColor, privacyUrl: null });
      expect(res.statusCode, String(accentColor)).toBe(400);
      expect(res.json().error.fields[0].path, String(accentColor)).toBe('/accentColor');
    }
    expect((await stored()).accent_color).toBeNull();
  });

  it('refuses a privacy link that is not a full http(s) address, naming /privacyUrl, storing nothing', async () => {
    const cases = ['example.com/privacy', 'javascript:alert(1)', 'ftp://example.com/privacy', 'data:text/html,hi', 'https://user:secret@example.com/', 'http://', `https://example.com/${'a'.repeat(2000)}`];
    for (const privacyUrl of cases) {
      const res = await putBranding({ accentColor: '#0a5cff', privacyUrl });
      expect(res.statusCode, privacyUrl).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.fields[0].path, privacyUrl).toBe('/privacyUrl');
    }
    expect(await stored()).toMatchObject({ accent_color: null, privacy_url: null });
    expect(await auditActions()).toEqual([]);
  });

  it('clears a setting with null or a blank string, and writes no entry when nothing changes', async () => {
    await putBranding({ accentColor: '#0a5cff', privacyUrl: 'http://example.com/p' });
    const same = await putBranding({ accentColor: '#0A5CFF', privacyUrl: 'http://example.com/p' });
    expect(same.statusCode).toBe(200);
    expect(await auditActions()).toEqual(['branding_updated']);
    const cleared = await putBranding({ accentColor: '  ', privacyUrl: null });
    expect(cleared.json()).toEqual({ accentColor: null, privacyUrl: null, logoUrl: null });
    const entry = await db().selectFrom('audit_event').select('details').where('company_id', '=', company.companyId).orderBy('at', 'desc').executeTakeFirstOrThrow();
    expect(entry.details).toEqual({ accentColor: null, privacyUrl: null });
  });

  it('stores a PNG and serves it publicly with its type, a year of immutable caching and nosniff', async () => {
    const png = pngImage({ width: 3, height: 2 });
    const res = await putLogo(png, 'image/png');
    expect(res.statusCode, res.body).toBe(200);
    const { logoUrl } = res.json();
    const row = await stored();
    expect(logoUrl).toBe(`/api/logos/${company.companyId}?v=${row.branding_updated_at.getTime()}`);
    expect(row.logo_type).toBe('image/png');
    expect(Buffer.compare(row.logo!, png)).toBe(0);

    const image = await app.inject({ url: logoUrl, headers: { 'accept-encoding': 'br, gzip' } });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(image.headers['x-content-type-options']).toBe('nosniff');
    expect(image.headers['content-encoding']).toBeUndefined();
    expect(Buffer.compare(image.rawPayload, png)).toBe(0);

    // A URL of an older version (or none) may name other bytes by now: not cached.
    const unversioned = await app.inject({ url: `/api/logos/${company.companyId}` });
    expect(unversioned.headers['cache-control']).toBe('no-cache');
    const tracked = await app.inject({ url: `${logoUrl}&utm_source=mail` });
    expect(tracked.statusCode).toBe(200);

    const entry = await db().selectFrom('audit_event').select(['action', 'details']).where('company_id', '=', company.companyId).executeTakeFirstOrThrow();
    expect(entry).toEqual({ action: 'logo_uploaded', details: { format: 'PNG', width: 3, height: 2, bytes: png.length } });
  });

  it('stores a JPEG, gives every change a new logo URL, and removes the logo', async () => {
    const first = (await putLogo(pngImage({ width: 3, height: 2 }), 'image/png')).json().logoUrl;
    const jpeg = await putLogo(JPEG_2X1, 'image/jpeg');
    expect(jpeg.statusCode, jpeg.body).toBe(200);
    const second = jpeg.json().logoUrl;
    expect(second).not.toBe(first);
    const image = await app.inject({ url: second });
    expect(image.headers['content-type']).toBe('image/jpeg');
    expect(Buffer.compare(image.rawPayload, JPEG_2X1)).toBe(0);
    // Changing the colour changes the version too (the URL carries the branding's time).
    const third = (await putBranding({ accentColor: '#000000', privacyUrl: null })).json().logoUrl;
    expect(third).not.toBe(second);

    const removed = await app.inject({ method: 'DELETE', url: '/api/company/logo', headers: analyst });
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toEqual({ accentColor: '#000000', privacyUrl: null, logoUrl: null });
    expect(await stored()).toMatchObject({ logo: null, logo_type: null });
    expect((await app.inject({ url: third })).statusCode).toBe(404);
    // Removing what is not there changes nothing and is not audited.
    await app.inject({ method: 'DELETE', url: '/api/company/logo', headers: analyst });
    expect(await auditActions()).toEqual(['logo_uploaded', 'logo_uploaded', 'branding_updated', 'logo_removed']);
  });

  it('answers 404 LOGO_NOT_FOUND for a company without a logo', async () => {
    const res = await app.inject({ url: `/api/logos/${company.companyId}?v=1` });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('LOGO_NOT_FOUND');
    expect((await app.inject({ url: '/api/logos/d0000000-0000-4000-8000-00000000ffff' })).statusCode).toBe(404);
  });

  it('refuses a logo over 200 KB with 413, saying so', async () => {
    const big = pngImage({ width: 3, height: 2, totalBytes: MAX_LOGO_BYTES + 1 });
    expect(big.length).toBe(MAX_LOGO_BYTES + 1);
    const res = await putLogo(big, 'image/png');
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'BODY_TOO_LARGE', message: expect.stringContaining('The logo is larger than 200 KB') });
    // Exactly 200 KB is allowed.
    expect((await putLogo(pngImage({ width: 3, height: 2, totalBytes: MAX_LOGO_BYTES }), 'image/png')).statusCode).toBe(200);
  });

  it('refuses a GIF, an SVG and a text file sent as image/png with INVALID_LOGO, storing nothing', async () => {
    for (const [name, bytes, says] of [
      ['GIF', GIF_1X1, /is a GIF/],
      ['SVG', SVG_LOGO, /is an SVG drawing/],
      ['text', TEXT_FILE, /neither a PNG nor a JPEG/],
      ['empty', Buffer.alloc(0), /is empty/],
      ['cut-off PNG', pngImage({ width: 3, height: 2 }).subarray(0, 40), /cut short/],
    ] as const) {
      const res = await putLogo(bytes, 'image/png');
      expect(res.statusCode, name).toBe(422);
      expect(res.json().error.code, name).toBe('INVALID_LOGO');
      expect(res.json().error.message, name).toMatch(says);
    }
    expect((await stored()).logo).toBeNull();
    expect(await auditActions()).toEqual([]);
  });

  it('refuses bytes that do not match the declared content type, and a type that is no PNG or JPEG', async () => {
    const mismatch = await putLogo(JPEG_2X1, 'image/png');
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json().error).toMatchObject({ code: 'INVALID_LOGO', fields: [{ path: '/headers/content-type', code: 'TYPE_MISMATCH' }] });
    expect(mismatch.json().error.message).toContain('Content-Type: image/jpeg');
    expect((await putLogo(pngImage({ width: 1, height: 1 }), 'image/jpeg')).statusCode).toBe(422);

    for (const contentType of ['image/gif', 'image/svg+xml', 'application/octet-stream', 'text/plain']) {
      const res = await putLogo(GIF_1X1, contentType);
      expect(res.statusCode, contentType).toBe(415);
      expect(res.json().error.message, contentType).toContain('image/png or image/jpeg');
    }
    expect((await stored()).logo).toBeNull();
  });

  it('keeps the raw image body to the logo route: other routes still take JSON only', async () => {
    const res = await app.inject({ method: 'PUT', url: '/api/company/branding', headers: { ...analyst, 'content-type': 'image/png' }, payload: pngImage({ width: 1, height: 1 }) });
    expect(res.statusCode).toBe(400);
    const elsewhere = await app.inject({ method: 'POST', url: `/api/surveys/${company.surveyId}/responses`, headers: { 'content-type': 'image/png' }, payload: pngImage({ width: 1, height: 1 }) });
    expect(elsewhere.statusCode).toBe(415);
  });

  it("lets a manager read the branding but not change it, and never touches another company's", async () => {
    await putBranding({ accentColor: '#0a5cff', privacyUrl: null });
    const manager = (await signedInMember(ctx.database(), company.companyId, 'manager')).headers;
    expect((await app.inject({ url: '/api/company/branding', headers: manager })).json().accentColor).toBe('#0a5cff');
    expect((await putBranding({ accentColor: '#000000', privacyUrl: null }, manager)).statusCode).toBe(403);
    expect((await putLogo(JPEG_2X1, 'image/jpeg', manager)).statusCode).toBe(403);
    expect((await app.inject({ method: 'DELETE', url: '/api/company/logo', headers: manager })).statusCode).toBe(403);

    const other = await createSurvey(ctx.database(), shortTemplate(), { companyName: 'Other Bakery' });
    const otherAnalyst = (await signedInMember(ctx.database(), other.companyId, 'analyst')).headers;
    expect((await app.inject({ url: '/api/company/branding', headers: otherAnalyst })).json().accentColor).toBeNull();
    await putLogo(JPEG_2X1, 'image/jpeg', otherAnalyst);
    await putBranding({ accentColor: '#000000', privacyUrl: null }, otherAnalyst);
    // Naming this company in X-Company-Id does not let the other company's member in.
    const crossing = await putBranding({ accentColor: '#000000', privacyUrl: null }, { ...otherAnalyst, 'x-company-id': company.companyId });
    expect(crossing.statusCode).toBe(403);
    expect(await stored()).toMatchObject({ accent_color: '#0a5cff', logo: null });
  });

  it('refuses unauthenticated changes', async () => {
    expect((await putBranding({ accentColor: '#000000', privacyUrl: null }, {})).statusCode).toBe(401);
    expect((await putLogo(JPEG_2X1, 'image/jpeg', {})).statusCode).toBe(401);
  });
});
