import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { customerRefDigest } from '../api/src/erasures/service.js';
import { shortTemplate } from '../api/src/model/template.js';
import { addCustomerHistory, apiKeyHeaders, buildTestApp, createSurvey, customerRowCount, describeEachDatabase, signedInMember } from './helper.js';

describeEachDatabase('erasure of a customer', (ctx) => {
  let app: FastifyInstance;
  let survey: Awaited<ReturnType<typeof createSurvey>>;
  let other: Awaited<ReturnType<typeof createSurvey>>;

  /** Two responses (one through an invite) and two purchases of the customer in the survey's company. */
  const addCustomer = (target: typeof survey, customerRef: string, comment: string) => addCustomerHistory(ctx.database(), target, customerRef, comment);
  const countOf = (table: 'response' | 'invite' | 'purchase', companyId: string, customerRef: string) =>
    customerRowCount(ctx.database(), table, companyId, customerRef);

  beforeAll(async () => {
    app = await buildTestApp(ctx.database());
    survey = await createSurvey(ctx.database(), shortTemplate(), { companyName: 'Erasing Bakery' });
    other = await createSurvey(ctx.database(), shortTemplate(), { companyName: 'Other Bakery' });
    await addCustomer(survey, 'CARD-0042', 'erase me please');
    await addCustomer(survey, 'CARD-0077', 'keep me');
    await addCustomer(other, 'CARD-0042', 'another company');
  });
  afterAll(async () => app.close());

  it('refuses analysts and API keys', async () => {
    const analyst = await signedInMember(ctx.database(), survey.companyId, 'analyst');
    const res = await app.inject({ method: 'POST', url: '/api/erasures', headers: analyst.headers, payload: { customerRef: 'CARD-0042' } });
    expect(res.statusCode).toBe(403);
    const key = await apiKeyHeaders(ctx.database(), survey.companyId);
    expect((await app.inject({ method: 'POST', url: '/api/erasures', headers: key, payload: { customerRef: 'CARD-0042' } })).statusCode).toBe(403);
    expect(await countOf('response', survey.companyId, 'CARD-0042')).toBe(2);
  });

  it("erases the customer's responses, invites and purchases, and nothing else", async () => {
    const admin = await signedInMember(ctx.database(), survey.companyId, 'admin');
    const res = await app.inject({ method: 'POST', url: '/api/erasures', headers: admin.headers, payload: { customerRef: 'CARD-0042' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ erased: { responses: 2, invites: 1, purchases: 2 } });
    for (const table of ['response', 'invite', 'purchase'] as const) {
      expect(await countOf(table, survey.companyId, 'CARD-0042')).toBe(0);
      expect(await countOf(table, other.companyId, 'CARD-0042')).toBeGreaterThan(0);
    }
    expect(await countOf('response', survey.companyId, 'CARD-0077')).toBe(2);
    expect(await countOf('purchase', survey.companyId, 'CARD-0077')).toBe(2);

    const headers = await apiKeyHeaders(ctx.database(), survey.companyId);
    const exported = await app.inject({ url: `/api/surveys/${survey.surveyId}/export.csv`, headers });
    expect(exported.statusCode).toBe(200);
    expect(exported.body).not.toContain('CARD-0042');
    expect(exported.body).not.toContain('erase me please');
    const rows = parse(exported.body, { columns: true, bom: true }) as { customer_ref: string; comment: string }[];
    expect(rows.map((row) => row.customer_ref)).toEqual(['CARD-0077', 'CARD-0077']);
    const report = await app.inject({ url: `/api/surveys/${survey.surveyId}/report`, headers });
    expect(report.statusCode).toBe(200);
    expect(report.json().report.n).toBe(2);
    expect(report.body).not.toContain('CARD-0042');
  });

  it('audits the erasure with its counts and a digest of the reference, never the reference', async () => {
    const entry = await ctx.database().db.selectFrom('audit_event').selectAll().where('company_id', '=', survey.companyId).where('action', '=', 'erasure').executeTakeFirstOrThrow();
    expect(entry.details).toEqual({ customerRefSha256: customerRefDigest(survey.companyId, 'CARD-0042'), responses: 2, invites: 1, purchases: 2 });
    expect(JSON.stringify(entry)).not.toContain('CARD-0042');
    expect(customerRefDigest(other.companyId, 'CARD-0042')).not.toBe(entry.details.customerRefSha256);
  });

  it('answers zeros for a reference with nothing left, and names the field of an empty one', async () => {
    const admin = await signedInMember(ctx.database(), survey.companyId, 'admin');
    const again = await app.inject({ method: 'POST', url: '/api/erasures', headers: admin.headers, payload: { customerRef: 'CARD-0042' } });
    expect(again.json()).toEqual({ erased: { responses: 0, invites: 0, purchases: 0 } });
    const empty = await app.inject({ method: 'POST', url: '/api/erasures', headers: admin.headers, payload: { customerRef: '' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.fields[0].path).toBe('/customerRef');
  });
});
