/**
 * The drill-down API (issue 17) on both databases: the respondents behind a cell, keyset pages that
 * return every row exactly once while responses are inserted between pages, sort orders, one
 * respondent in full, comments by segment, another company's survey or respondent → 404, bad
 * parameters → 400 naming them.
 */
import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiKeyHeaders, buildTestApp, describeEachDatabase } from './helper.js';
import { seedScoredSurvey, type SeededSurvey } from './reportFixture.js';

describeEachDatabase('drill-down', (ctx) => {
  let app: FastifyInstance;
  let seeded: SeededSurvey;
  let other: SeededSurvey;
  let headers: { authorization: string };

  beforeAll(async () => {
    seeded = await seedScoredSurvey(ctx.database(), 90, 23);
    other = await seedScoredSurvey(ctx.database(), 4, 24, { companyName: 'Other Bakery' });
    headers = await apiKeyHeaders(ctx.database(), seeded.companyId);
    app = await buildTestApp(ctx.database());
  });
  afterAll(async () => app.close());

  const get = async (path: string) => {
    const res = await app.inject({ url: `/api/surveys/${seeded.surveyId}/${path}`, headers });
    return { status: res.statusCode, body: res.json() };
  };

  /** Every page of a listing, calling `between` after each page. */
  async function allPages(path: string, between: (page: number) => Promise<void> = async () => {}) {
    const items: any[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 100; page++) {
      const separator = path.includes('?') ? '&' : '?';
      const { status, body } = await get(`${path}${cursor ? `${separator}cursor=${cursor}` : ''}`);
      expect(status, JSON.stringify(body)).toBe(200);
      items.push(...body.items);
      cursor = body.nextCursor;
      if (!cursor) return items;
      await between(page);
    }
    throw new Error('more than 100 pages');
  }

  const cells: [string, (r: SeededSurvey['respondents'][number]) => boolean][] = [
    ['segment=loyal', (r) => r.segment === 'loyal'],
    ['segment=defector&language=ru', (r) => r.segment === 'defector' && r.language === 'ru'],
    ['loyaltyType=latent', (r) => r.loyaltyType === 'latent'],
    ['satisfactionLevel=4', (r) => r.level === 4],
    ['recoveryGroup=resolved', (r) => r.recoveryGroup === 'resolved'],
    ['from=2025-02-01&to=2025-02-28&source=invite', (r) => r.invite && r.submittedAt >= new Date('2025-02-01T00:00:00Z') && r.submittedAt < new Date('2025-03-01T00:00:00Z')],
  ];
  for (const [query, keep] of cells) {
    it(`lists exactly the respondents of ${query}`, async () => {
      const items = await allPages(`respondents?${query}&limit=7`);
      const expected = seeded.respondents.filter(keep);
      expect(expected.length).toBeGreaterThan(0);
      expect(items.map((i) => i.id).sort()).toEqual(expected.map((r) => r.id).sort());
    });
  }

  it('sends each row with its stored scores, segment and loyalty type', async () => {
    const items = await allPages('respondents?limit=200');
    expect(items).toHaveLength(seeded.respondents.length);
    for (const item of items) {
      const r = seeded.respondents.find((s) => s.id === item.id)!;
      expect(item).toMatchObject({
        submittedAt: r.submittedAt.toISOString(),
        language: r.language,
        version: 1,
        customerRef: r.customerRef,
        channel: r.channel,
        source: r.invite ? 'invite' : 'link',
        S: r.S,
        E: r.E,
        B: r.B,
        segment: r.segment,
        loyaltyType: r.loyaltyType,
        hasComment: r.comment !== null,
      });
    }
  });

  for (const [sort, field] of [['submittedAt', 'submittedAt'], ['S', 'S'], ['E', 'E'], ['B', 'B']] as const) {
    for (const order of ['asc', 'desc'] as const) {
      it(`pages by ${sort} ${order}: ordered, and every row exactly once while responses arrive between pages`, async () => {
        const before = (await allPages('respondents?limit=200')).map((i) => i.id);
        const inserted: string[] = [];
        const items = await allPages(`respondents?sort=${sort}&order=${order}&limit=9`, async (page) => {
          // A response submitted now, and one dated among the rows already paged and still to come.
          for (const offsetDays of [0, page * 10]) {
            const row = await ctx.database().db
              .insertInto('response')
              .values({
                company_id: seeded.companyId,
                survey_id: seeded.surveyId,
                survey_version_id: seeded.versionId,
                client_submission_id: randomUUID(),
                language: 'en',
                answers: JSON.stringify({ sat_overall: 3 }),
                submitted_at: offsetDays === 0 ? new Date() : new Date(Date.UTC(2025, 0, 6 + offsetDays, 12)),
                score_s: (page % 10) / 10,
                score_e: 0.5,
                score_b: page % 2 === 0 ? null : 0.9,
              })
              .returning('id')
              .executeTakeFirstOrThrow();
            inserted.push(row.id);
          }
        });
        const ids = items.map((i) => i.id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const id of before) expect(ids.filter((x) => x === id)).toHaveLength(1);
        for (const id of ids) expect(before.includes(id) || inserted.includes(id)).toBe(true);
        const key = (item: any) => (field === 'submittedAt' ? Date.parse(item.submittedAt) : (item[field] ?? -1));
        for (let i = 1; i < items.length; i++) {
          const [a, b] = [key(items[i - 1]), key(items[i])];
          if (order === 'asc') expect(a).toBeLessThanOrEqual(b);
          else expect(a).toBeGreaterThanOrEqual(b);
          if (a === b) expect(order === 'asc' ? items[i - 1].id < items[i].id : items[i - 1].id > items[i].id).toBe(true);
        }
        expect(inserted.length).toBeGreaterThan(0);
        await ctx.database().db.deleteFrom('response').where('id', 'in', inserted).execute();
      });
    }
  }

  it('shows one respondent: answers with question texts, scores, purchases and invite', async () => {
    const r = seeded.respondents.find((s) => s.invite && s.customerRef !== null && s.comment !== null)!;
    const { status, body } = await get(`respondents/${r.id}`);
    expect(status).toBe(200);
    expect(body.id).toBe(r.id);
    const stored = await ctx.database().db.selectFrom('response').select('answers').where('id', '=', r.id).executeTakeFirstOrThrow();
    for (const [id, value] of Object.entries(stored.answers)) expect(body.answers.find((a: any) => a.questionId === id).answer).toBe(value);
    expect(body.answers.find((a: any) => a.questionId === 'recommend').text.en).toMatch(/recommend/i);
    expect(body.scores).toMatchObject({ S: r.S, E: r.E, B: r.B, segment: r.segment, loyaltyType: r.loyaltyType, satisfactionLevel: r.level, scoredVersion: 1 });
    const purchases = await ctx.database().db.selectFrom('purchase').select('external_id').where('company_id', '=', seeded.companyId).where('customer_ref', '=', r.customerRef!).execute();
    expect(body.purchaseCount).toBe(purchases.length);
    expect(body.purchases.map((p: any) => p.orderRef).sort()).toEqual(purchases.map((p) => p.external_id).sort());
    expect(body.invite).toMatchObject({ orderRef: expect.stringMatching(/^order-/), channel: r.channel, usedAt: r.submittedAt.toISOString() });
  });

  it("answers 404 for another company's respondent and survey, and for a respondent of another survey", async () => {
    const foreign = other.respondents[0]!;
    const mine = await get(`respondents/${foreign.id}`);
    expect(mine.status).toBe(404);
    expect(mine.body.error.code).toBe('RESPONDENT_NOT_FOUND');
    for (const path of ['respondents', `respondents/${foreign.id}`, 'comments']) {
      const res = await app.inject({ url: `/api/surveys/${other.surveyId}/${path}`, headers });
      expect(res.statusCode, path).toBe(404);
      expect(res.json().error.code).toBe('SURVEY_NOT_FOUND');
    }
    expect((await get(`respondents/${randomUUID()}`)).status).toBe(404);
  });

  it('lists the comments of a segment, every free-text answer once', async () => {
    for (const segment of ['loyal', 'defector', 'satisfied_not_loyal']) {
      const items = await allPages(`comments?segment=${segment}&limit=3`);
      const expected = seeded.respondents.filter((r) => r.segment === segment && r.comment !== null);
      expect(items.map((i) => i.responseId).sort()).toEqual(expected.map((r) => r.id).sort());
      for (const item of items) {
        expect(item.segment).toBe(segment);
        expect(item.comments).toEqual([{ questionId: 'comment', text: seeded.respondents.find((r) => r.id === item.responseId)!.comment }]);
      }
    }
    expect(seeded.respondents.filter((r) => r.comment !== null).length).toBeGreaterThan(5);
  });

  const refusals: [string, string, string][] = [
    ['respondents?limit=0', 'limit', 'VALIDATION_FAILED'],
    ['respondents?limit=201', 'limit', 'VALIDATION_FAILED'],
    ['respondents?sort=D', 'sort', 'VALIDATION_FAILED'],
    ['respondents?order=up', 'order', 'VALIDATION_FAILED'],
    ['respondents?cursor=garbage', 'cursor', 'VALIDATION_FAILED'],
    ['respondents?loyaltyType=fake', 'loyaltyType', 'INVALID_FILTER'],
    ['respondents?satisfactionLevel=4.5', 'satisfactionLevel', 'INVALID_FILTER'],
    ['respondents?recoveryGroup=maybe', 'recoveryGroup', 'INVALID_FILTER'],
    ['respondents?segment=fans', 'segment', 'INVALID_FILTER'],
    ['respondents?from=2025-05-01&to=2025-04-01', 'from', 'INVALID_FILTER'],
    ['respondents?version=9', 'version', 'INVALID_FILTER'],
    ['comments?to=2025-13-01', 'to', 'INVALID_FILTER'],
    ['comments?limit=-1', 'limit', 'VALIDATION_FAILED'],
  ];
  for (const [path, parameter, code] of refusals) {
    it(`refuses ${path} with 400 naming ${parameter}`, async () => {
      const { status, body } = await get(path);
      expect(status).toBe(400);
      expect(body.error.code).toBe(code);
      expect(body.error.fields[0].path).toBe(`/query/${parameter}`);
    });
  }

  it("refuses a cursor of another sort, and a manager's session may read (reports:read)", async () => {
    const { body } = await get('respondents?sort=S&limit=2');
    const res = await get(`respondents?sort=E&limit=2&cursor=${body.nextCursor}`);
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe('/query/cursor');
    const noAuth = await app.inject({ url: `/api/surveys/${seeded.surveyId}/respondents` });
    expect(noAuth.statusCode).toBe(401);
  });
});
