/** Change events: analysts add, edit and remove them; managers read them; another company's event or survey is 404. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { shortTemplate } from '../api/src/model/template.js';
import { buildTestApp, createSurvey, describeEachDatabase, signedInMember } from './helper.js';

describeEachDatabase('change events', (ctx) => {
  let app: FastifyInstance;
  let companyId: string;
  let surveyId: string;
  let otherSurveyId: string;
  let otherCompanyId: string;
  let analyst: Record<string, string>;
  let manager: Record<string, string>;

  beforeAll(async () => {
    app = await buildTestApp(ctx.database());
    ({ companyId, surveyId } = await createSurvey(ctx.database(), shortTemplate()));
    ({ companyId: otherCompanyId, surveyId: otherSurveyId } = await createSurvey(ctx.database(), shortTemplate(), { companyName: 'Other Bakery' }));
    analyst = (await signedInMember(ctx.database(), companyId, 'analyst')).headers;
    manager = (await signedInMember(ctx.database(), companyId, 'manager')).headers;
  });
  afterAll(async () => app.close());

  const create = (payload: Record<string, unknown>, headers = analyst) => app.inject({ method: 'POST', url: '/api/change-events', payload, headers });

  it('adds, lists, edits and removes events, company-wide and per survey, with audit entries', async () => {
    const wide = await create({ title: '  New logo ', occurredAt: '2026-02-01' });
    expect(wide.statusCode).toBe(201);
    expect(wide.json().changeEvent).toMatchObject({ title: 'New logo', description: null, surveyId: null, occurredAt: '2026-02-01T00:00:00.000Z' });
    const recipe = (await create({ title: 'New recipe', description: 'Less sugar', occurredAt: '2026-03-01T08:00:00Z', surveyId })).json().changeEvent;
    expect((await create({ title: 'x', occurredAt: '2026-01-01' })).statusCode).toBe(201);

    const all = (await app.inject({ url: '/api/change-events', headers: manager })).json().changeEvents;
    expect(all.map((event: { title: string }) => event.title)).toEqual(['New recipe', 'New logo', 'x']);
    const ofSurvey = (await app.inject({ url: `/api/change-events?surveyId=${surveyId}`, headers: manager })).json().changeEvents;
    expect(ofSurvey.map((event: { title: string }) => event.title)).toEqual(['New recipe', 'New logo', 'x']);

    const edited = await app.inject({ method: 'PATCH', url: `/api/change-events/${recipe.id}`, payload: { title: 'New recipe (less sugar)', description: null, surveyId: null }, headers: analyst });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().changeEvent).toMatchObject({ title: 'New recipe (less sugar)', description: null, surveyId: null, occurredAt: '2026-03-01T08:00:00.000Z' });
    expect(Date.parse(edited.json().changeEvent.updatedAt)).toBeGreaterThanOrEqual(Date.parse(recipe.updatedAt));

    expect((await app.inject({ method: 'DELETE', url: `/api/change-events/${recipe.id}`, headers: analyst })).statusCode).toBe(204);
    expect((await app.inject({ method: 'DELETE', url: `/api/change-events/${recipe.id}`, headers: analyst })).json().error.code).toBe('CHANGE_EVENT_NOT_FOUND');

    const audit = await ctx.database().db.selectFrom('audit_event').select(['action', 'target']).where('company_id', '=', companyId).where('action', 'like', 'change_event_%').orderBy('at').execute();
    expect(audit.map((entry) => entry.action)).toEqual(['change_event_created', 'change_event_created', 'change_event_created', 'change_event_updated', 'change_event_deleted']);
    expect(audit.at(-1)!.target).toBe(`change_event:${recipe.id}`);
  });

  it('names the bad field and refuses a manager', async () => {
    for (const [payload, path] of [
      [{ title: '', occurredAt: '2026-01-01' }, '/title'],
      [{ title: '   ', occurredAt: '2026-01-01' }, '/title'],
      [{ title: 'x'.repeat(201), occurredAt: '2026-01-01' }, '/title'],
      [{ title: 'Price rise', occurredAt: '2026-02-30' }, '/occurredAt'],
      [{ title: 'Price rise', occurredAt: '1999-12-31' }, '/occurredAt'],
    ] as const) {
      const answer = await create(payload);
      expect(answer.statusCode, JSON.stringify(payload)).toBe(400);
      expect(answer.json().error.fields[0].path).toBe(path);
    }
    expect((await create({ title: 'Price rise', occurredAt: '2026-01-01' }, manager)).statusCode).toBe(403);
  });

  it("answers another company's event and survey with 404", async () => {
    const otherAnalyst = (await signedInMember(ctx.database(), otherCompanyId, 'analyst')).headers;
    const theirs = (await create({ title: 'Their event', occurredAt: '2026-01-01' }, otherAnalyst)).json().changeEvent;
    expect((await app.inject({ method: 'PATCH', url: `/api/change-events/${theirs.id}`, payload: { title: 'Mine now' }, headers: analyst })).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: `/api/change-events/${theirs.id}`, headers: analyst })).statusCode).toBe(404);
    const withTheirSurvey = await create({ title: 'x', occurredAt: '2026-01-01', surveyId: otherSurveyId });
    expect(withTheirSurvey.statusCode).toBe(404);
    expect(withTheirSurvey.json().error.code).toBe('SURVEY_NOT_FOUND');
    expect((await app.inject({ url: `/api/change-events?surveyId=${otherSurveyId}`, headers: analyst })).statusCode).toBe(404);
    const mine = (await app.inject({ url: '/api/change-events', headers: analyst })).json().changeEvents;
    expect(mine.map((event: { id: string }) => event.id)).not.toContain(theirs.id);
  });
});
