import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { shortTemplate } from '../api/src/model/template.js';
import { apiKeyHeaders, buildTestApp, createSurvey, describeEachDatabase, signedInMember } from './helper.js';

const PUBLIC_URL = 'https://lens.example.com';
const DAY_MS = 86_400_000;
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY_MS).toISOString().slice(0, 10);

describeEachDatabase('invites through the API', (ctx) => {
  let app: FastifyInstance;
  let companyId: string;
  let surveyId: string;
  let otherSurveyId: string;
  let analyst: Record<string, string>;

  beforeAll(async () => {
    app = await buildTestApp(ctx.database(), { env: { PUBLIC_URL } });
    ({ companyId, surveyId } = await createSurvey(ctx.database(), shortTemplate()));
    otherSurveyId = (await createSurvey(ctx.database(), shortTemplate(), { companyName: 'Other Bakery' })).surveyId;
    analyst = (await signedInMember(ctx.database(), companyId, 'analyst')).headers;
  });
  afterAll(async () => app.close());

  const inviteCount = async (id: string) =>
    Number((await ctx.database().db.selectFrom('invite').select((eb) => eb.fn.countAll<string>().as('n')).where('survey_id', '=', id).executeTakeFirstOrThrow()).n);
  const importCsv = (id: string, csv: string, headers: Record<string, string> = analyst) =>
    app.inject({ method: 'POST', url: `/api/surveys/${id}/invites/import`, payload: csv, headers: { ...headers, 'content-type': 'text/csv' } });

  it('creates an invite at order time with an API key that may write invites, once per order', async () => {
    const headers = await apiKeyHeaders(ctx.database(), companyId, ['invites:write']);
    const body = { customerRef: 'CARD-0042', orderRef: `R-${randomUUID()}`, purchasedAt: '2026-03-01T09:30:00Z', email: 'ann@example.com', language: 'et' };
    const first = await app.inject({ method: 'POST', url: `/api/surveys/${surveyId}/invites`, payload: body, headers });
    expect(first.statusCode).toBe(201);
    const { invite } = first.json();
    expect(invite).toMatchObject({ customerRef: 'CARD-0042', orderRef: body.orderRef, purchasedAt: '2026-03-01T09:30:00.000Z', language: 'et', answeredAt: null });
    const token = invite.url.slice(`${PUBLIC_URL}/s/i/`.length);
    expect(invite.url.startsWith(`${PUBLIC_URL}/s/i/`)).toBe(true);
    // At least 128 bits: 24 base64url characters carry 144.
    expect(token).toMatch(/^[A-Za-z0-9_-]{24,}$/);

    const again = await app.inject({ method: 'POST', url: `/api/surveys/${surveyId}/invites`, payload: { ...body, customerRef: 'SOMEONE-ELSE' }, headers });
    expect(again.statusCode).toBe(200);
    expect(again.json().invite).toEqual(invite);

    const audit = await ctx.database().db.selectFrom('audit_event').select(['action', 'actor_kind', 'details']).where('company_id', '=', companyId).where('action', '=', 'invite_created').execute();
    expect(audit).toEqual([{ action: 'invite_created', actor_kind: 'api_key', details: { orderRef: body.orderRef, customerRef: 'CARD-0042' } }]);
  });

  it('refuses an API key without invites:write (403) and names every bad field (400)', async () => {
    const reader = await apiKeyHeaders(ctx.database(), companyId, ['reports:read', 'responses:write']);
    const body = { customerRef: 'C-1', orderRef: `R-${randomUUID()}`, purchasedAt: '2026-03-01' };
    const refused = await app.inject({ method: 'POST', url: `/api/surveys/${surveyId}/invites`, payload: body, headers: reader });
    expect(refused.statusCode).toBe(403);
    const bad = await app.inject({
      method: 'POST',
      url: `/api/surveys/${surveyId}/invites`,
      payload: { ...body, purchasedAt: '2026-02-30', email: 'not-an-email', expiresAt: '2020-01-01' },
      headers: analyst,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((field: { path: string; code: string }) => `${field.path} ${field.code}`).sort()).toEqual([
      '/email NOT_AN_EMAIL',
      '/expiresAt IN_THE_PAST',
      '/purchasedAt NOT_A_DATE',
    ]);
    expect(await inviteCount(surveyId)).toBe(1);
  });

  it("answers 404 for another company's survey and stores nothing there", async () => {
    const res = await app.inject({ method: 'POST', url: `/api/surveys/${otherSurveyId}/invites`, payload: { customerRef: 'C', orderRef: 'O', purchasedAt: '2026-03-01' }, headers: analyst });
    expect(res.statusCode).toBe(404);
    expect((await importCsv(otherSurveyId, 'customer_ref,order_ref,purchased_at\nC,O,2026-03-01\n')).statusCode).toBe(404);
    expect(await inviteCount(otherSurveyId)).toBe(0);
  });

  it('imports 10,000 rows in one transaction within seconds, and a second import of the same file adds nothing', async () => {
    const { surveyId: bigSurveyId } = await createSurvey(ctx.database(), shortTemplate());
    const [owner] = await ctx.database().db.selectFrom('survey').select('company_id').where('id', '=', bigSurveyId).execute();
    const headers = (await signedInMember(ctx.database(), owner!.company_id, 'analyst')).headers;
    const lines = ['customer_ref,order_ref,purchased_at,email,language,expires_at,channel'];
    for (let i = 0; i < 10_000; i++) lines.push(`CUST-${i % 3000},ORDER-${i},2026-0${1 + (i % 9)}-1${i % 10}T10:00:00Z,c${i}@example.com,${['en', 'ru', 'et', 'ka'][i % 4]},${day(60)},receipt`);
    const csv = `${lines.join('\r\n')}\r\n`;
    const started = Date.now();
    const first = await importCsv(bigSurveyId, csv, headers);
    const seconds = (Date.now() - started) / 1000;
    expect(first.json()).toEqual({ created: 10_000, unchanged: 0, total: 10_000 });
    expect(seconds).toBeLessThan(15);
    // One transaction: now() is the same for every row it wrote.
    const stamps = await ctx.database().db.selectFrom('invite').select('created_at').distinct().where('survey_id', '=', bigSurveyId).execute();
    expect(stamps).toHaveLength(1);

    const second = await importCsv(bigSurveyId, csv, headers);
    expect(second.json()).toEqual({ created: 0, unchanged: 10_000, total: 10_000 });
    expect(await inviteCount(bigSurveyId)).toBe(10_000);
    const audit = await ctx.database().db.selectFrom('audit_event').select('details').where('company_id', '=', owner!.company_id).where('action', '=', 'invites_imported').orderBy('at').execute();
    expect(audit.map((entry) => entry.details)).toEqual([
      { created: 10_000, unchanged: 0, total: 10_000 },
      { created: 0, unchanged: 10_000, total: 10_000 },
    ]);
  });

  it('refuses a file with bad rows, listing every bad line, and stores none of its good rows', async () => {
    const before = await inviteCount(surveyId);
    const csv = [
      'customer_ref,order_ref,purchased_at,email,language,expires_at',
      `GOOD-1,F-1,2026-03-01,,en,${day(30)}`,
      'BAD-DATE,F-2,2026-13-01,,,',
      ',F-3,2026-03-01,,,',
      'DUPLICATE,F-1,2026-03-02,,,',
      'LANGUAGE,F-5,2026-03-01,,fr,',
      'EXPIRED,F-6,2026-03-01,,,2020-01-01',
      `FUTURE,F-7,${day(5)},a@b,,`,
      'GOOD-2,F-8,2026-03-01,ok@example.com,ka,',
    ].join('\n');
    const res = await importCsv(surveyId, csv);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('INVALID_IMPORT');
    expect(res.json().error.fields.map((field: { path: string; code: string }) => `${field.path} ${field.code}`)).toEqual([
      '/lines/3/purchased_at NOT_A_DATE',
      '/lines/4/customer_ref REQUIRED',
      '/lines/5/order_ref DUPLICATE_ORDER_REF',
      '/lines/6/language UNKNOWN_LANGUAGE',
      '/lines/7/expires_at IN_THE_PAST',
      '/lines/8/purchased_at IN_THE_FUTURE',
      '/lines/8/email NOT_AN_EMAIL',
    ]);
    expect(await inviteCount(surveyId)).toBe(before);
  });

  it('refuses a file without the required columns, and a body that is not text/csv', async () => {
    const res = await importCsv(surveyId, 'customer,order_ref\nC,O\n');
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields.map((field: { path: string }) => field.path)).toEqual(['/lines/1/customer', '/lines/1/customer_ref', '/lines/1/purchased_at']);
    const json = await app.inject({ method: 'POST', url: `/api/surveys/${surveyId}/invites/import`, payload: { rows: [] }, headers: analyst });
    expect(json.statusCode).toBe(415);
  });

  it('reads a semicolon-separated file with a byte order mark, as spreadsheets save it', async () => {
    const res = await importCsv(surveyId, '\ufeffcustomer_ref;order_ref;purchased_at\nSEMI-1;S-1;2026-03-01\nSEMI-2;S-2;2026-03-02\n');
    expect(res.json()).toEqual({ created: 2, unchanged: 0, total: 2 });
  });

  it('lists the invites page by page and exports their links as formula-safe CSV', async () => {
    expect((await importCsv(surveyId, 'customer_ref,order_ref,purchased_at\n"=HYPERLINK(""x"")",EXPORT-1,2026-03-01\n')).statusCode).toBe(200);
    const total = await inviteCount(surveyId);
    const page = await app.inject({ url: `/api/surveys/${surveyId}/invites?offset=1&limit=2`, headers: analyst });
    expect(page.statusCode).toBe(200);
    expect(page.json().total).toBe(total);
    expect(page.json().invites).toHaveLength(2);

    const csv = await app.inject({ url: `/api/surveys/${surveyId}/invites.csv`, headers: analyst });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = csv.body.replace(/^\ufeff/, '').trim().split('\n');
    expect(lines[0]).toBe('customer_ref,order_ref,email,language,expires_at,url,answered_at');
    expect(lines).toHaveLength(total + 1);
    const exported = lines.find((line) => line.includes('EXPORT-1'))!;
    expect(exported.startsWith(`"'=HYPERLINK(""x"")",EXPORT-1,,,,${PUBLIC_URL}/s/i/`)).toBe(true);
  });

  it('draws QR codes of the anonymous link and of one invite as SVG and PNG', async () => {
    const svg = await app.inject({ url: `/api/surveys/${surveyId}/qr.svg`, headers: analyst });
    expect(svg.statusCode).toBe(200);
    expect(svg.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(svg.body).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg.body).toMatch(/<path[^>]* d="M/);

    const { invites } = (await app.inject({ url: `/api/surveys/${surveyId}/invites?limit=1`, headers: analyst })).json();
    const png = await app.inject({ url: `/api/surveys/${surveyId}/invites/${invites[0].id}/qr.png?size=300`, headers: analyst });
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    const bytes = png.rawPayload;
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // IHDR: width and height, big-endian, right after the signature and the chunk's length and type.
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([300, 300]);
    const unknown = await app.inject({ url: `/api/surveys/${surveyId}/invites/${randomUUID()}/qr.svg`, headers: analyst });
    expect(unknown.statusCode).toBe(404);
  });
});
