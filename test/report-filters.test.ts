/**
 * The report engine's filters, trend, chosen event and "purchases last imported" (issue 17), on both
 * databases: every part's count against a direct SQL count (segments against the analytics module's
 * own segmentation of the seeded answers), bad parameters named, a filter matching no one.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeyHeaders, buildTestApp, describeEachDatabase } from './helper.js';
import { seedScoredSurvey, type SeededSurvey } from './reportFixture.js';

const COUNT = 150;

describeEachDatabase('report filters, trend and events', (ctx) => {
  let app: FastifyInstance;
  let seeded: SeededSurvey;
  let other: SeededSurvey;
  let headers: { authorization: string };

  beforeAll(async () => {
    seeded = await seedScoredSurvey(ctx.database(), COUNT, 17);
    other = await seedScoredSurvey(ctx.database(), 5, 18, { companyName: 'Other Bakery' });
    headers = await apiKeyHeaders(ctx.database(), seeded.companyId);
    app = await buildTestApp(ctx.database());
  });
  afterAll(async () => app.close());

  const report = async (query: string) => {
    const res = await app.inject({ url: `/api/surveys/${seeded.surveyId}/report?${query}`, headers });
    return { status: res.statusCode, body: res.json() };
  };

  /** Direct counts over the stored rows for a condition written here in SQL, not by filterSql. */
  async function direct(condition: ReturnType<typeof sql>) {
    const row = await sql<{ n: string; recommend: string; level: string }>`
      select count(*) as n, count(*) filter (where answers ? 'recommend') as recommend, count(*) filter (where answers ? 'sat_overall') as level
      from response r where r.survey_id = ${seeded.surveyId} and ${condition}`.execute(ctx.database().db);
    const r = row.rows[0]!;
    return { n: Number(r.n), recommend: Number(r.recommend), level: Number(r.level) };
  }

  const cases: { name: string; query: string; condition: ReturnType<typeof sql>; keep: (r: SeededSurvey['respondents'][number]) => boolean }[] = [
    { name: 'from/to', query: 'from=2025-02-01&to=2025-03-31', condition: sql`r.submitted_at >= '2025-02-01T00:00:00Z' and r.submitted_at < '2025-04-01T00:00:00Z'`, keep: (r) => r.submittedAt >= new Date('2025-02-01T00:00:00Z') && r.submittedAt < new Date('2025-04-01T00:00:00Z') },
    { name: 'version', query: 'version=1', condition: sql`true`, keep: () => true },
    { name: 'language', query: 'language=ru', condition: sql`r.language = 'ru'`, keep: (r) => r.language === 'ru' },
    { name: 'channel', query: 'channel=email', condition: sql`r.channel = 'email'`, keep: (r) => r.channel === 'email' },
    { name: 'source=invite', query: 'source=invite', condition: sql`r.invite_id is not null`, keep: (r) => r.invite },
    { name: 'source=link', query: 'source=link', condition: sql`r.invite_id is null`, keep: (r) => !r.invite },
    { name: 'segment', query: 'segment=satisfied_not_loyal', condition: sql`true`, keep: (r) => r.segment === 'satisfied_not_loyal' },
    { name: 'combined', query: 'segment=defector&language=en&source=invite', condition: sql`r.language = 'en' and r.invite_id is not null`, keep: (r) => r.segment === 'defector' && r.language === 'en' && r.invite },
  ];

  for (const c of cases) {
    it(`${c.name}: every part counts the respondents a direct count finds`, async () => {
      const { status, body } = await report(c.query);
      expect(status).toBe(200);
      const kept = seeded.respondents.filter(c.keep);
      const ids = kept.map((r) => r.id);
      const counts = await direct(sql`${c.condition} and r.id in (${sql.join(ids.length ? ids : [randomUUID()])})`);
      expect(counts.n).toBe(kept.length);
      expect(kept.length).toBeGreaterThan(3);
      // And the SQL condition alone finds no one the segment rule would not keep.
      if (!c.name.startsWith('segment') && c.name !== 'combined') expect((await direct(c.condition)).n).toBe(kept.length);
      const n = kept.length;
      expect(body.report.n).toBe(n);
      expect(body.report.versions).toEqual([{ version: 1, n }]);
      expect(body.report.segments.reduce((sum: number, s: any) => sum + s.share.successes, 0)).toBe(n);
      for (const segment of body.report.segments) {
        expect(segment.share.successes, segment.segment).toBe(kept.filter((r) => r.segment === segment.segment).length);
      }
      for (const type of body.report.loyaltyTypes) expect(type.share.successes, type.type).toBe(kept.filter((r) => r.loyaltyType === type.type).length);
      expect(body.report.nps.n).toBe(counts.recommend);
      expect(body.report.csat.n).toBe(counts.level);
      const ev = body.report.changeEvent;
      expect(ev.before.n + ev.after.n + ev.undated).toBe(n);
      expect(ev.before.n).toBe(kept.filter((r) => r.submittedAt < new Date(body.changeEvent.at)).length);
      expect(body.trend.points.reduce((sum: number, p: any) => sum + p.n, 0)).toBe(n);
      expect(body.warnings).toEqual([]);
      const summary = (await app.inject({ url: `/api/surveys/${seeded.surveyId}/summary?${c.query}`, headers })).json();
      expect(summary.responseCount).toBe(n);
      expect(summary.nps).toEqual(body.report.nps);
    });
  }

  it("inlines a channel with quotes and backslashes safely into the report's COPY", async () => {
    const odd = "o'brien\\ \"x\" $1";
    const target = seeded.respondents[0]!;
    await ctx.database().db.updateTable('response').set({ channel: odd }).where('id', '=', target.id).execute();
    try {
      const { status, body } = await report(`channel=${encodeURIComponent(odd)}`);
      expect(status).toBe(200);
      expect(body.report.n).toBe(1);
      expect(body.filter.channel).toBe(odd);
      expect(body.trend.points.reduce((sum: number, p: any) => sum + p.n, 0)).toBe(1);
    } finally {
      await ctx.database().db.updateTable('response').set({ channel: target.channel }).where('id', '=', target.id).execute();
    }
  });

  it('echoes the filter it applied', async () => {
    const { body } = await report('from=2025-02-01&segment=loyal&version=1&source=link');
    expect(body.filter).toEqual({ from: '2025-02-01', segment: 'loyal', version: 1, source: 'link' });
    expect((await report('')).body.filter).toEqual({});
  });

  const refusals: [string, string][] = [
    ['from=2025-03-01&to=2025-02-01', 'from'],
    ['segment=fans', 'segment'],
    ['from=2025-02-30', 'from'],
    ['to=yesterday', 'to'],
    ['version=2', 'version'],
    ['version=x', 'version'],
    ['language=de', 'language'],
    ['source=qr', 'source'],
    [`event=${randomUUID()}`, 'event'],
    ['event=not-a-uuid', 'event'],
    ['period=day', 'period'],
  ];
  for (const [query, parameter] of refusals) {
    it(`refuses ${query} with 400 naming ${parameter}`, async () => {
      for (const url of [`/api/surveys/${seeded.surveyId}/report?${query}`, ...(['event', 'period'].includes(parameter) ? [] : [`/api/surveys/${seeded.surveyId}/summary?${query}`])]) {
        const res = await app.inject({ url, headers });
        expect(res.statusCode, url).toBe(400);
        expect(res.json().error.code).toBe('INVALID_FILTER');
        expect(res.json().error.fields[0].path).toBe(`/query/${parameter}`);
      }
    });
  }

  it("refuses another company's change event as an unknown one", async () => {
    const [event] = await ctx.database().db.selectFrom('change_event').select('id').where('company_id', '=', other.companyId).execute();
    const { status, body } = await report(`event=${event!.id}`);
    expect(status).toBe(400);
    expect(body.error.fields[0].path).toBe('/query/event');
  });

  it('answers a filter matching no one with 200, empty parts and a warning', async () => {
    const { status, body } = await report('from=2024-01-01&to=2024-01-31');
    expect(status).toBe(200);
    expect(body.report.n).toBe(0);
    expect(body.report.segments.every((s: any) => s.share.successes === 0)).toBe(true);
    expect(body.report.nps.n).toBe(0);
    expect(body.trend.points).toEqual([]);
    expect(body.warnings).toEqual([{ code: 'FILTER_MATCHES_NONE', params: {}, message: expect.stringContaining('No response matches the filter') }]);
    const summary = (await app.inject({ url: `/api/surveys/${seeded.surveyId}/summary?language=ka`, headers })).json();
    expect(summary.responseCount).toBe(0);
    expect(summary.warnings.map((w: any) => w.code)).toEqual(['FILTER_MATCHES_NONE']);
  });

  for (const period of ['week', 'month'] as const) {
    it(`trend by ${period}: each point's n and shares equal a direct count, small periods marked`, async () => {
      const { body } = await report(`period=${period}&language=en`);
      expect(body.trend.period).toBe(period);
      expect(body.trend.minimumN).toBe(30);
      const rows = await sql<{ start: Date; n: string; promoters: string; detractors: string; level: string; top_two: string }>`
        select date_trunc(${sql.lit(period)}, submitted_at at time zone 'UTC') as start, count(*) as n,
               count(*) filter (where (answers->>'recommend')::int >= 9) as promoters,
               count(*) filter (where (answers->>'recommend')::int <= 6) as detractors,
               count(*) filter (where answers ? 'sat_overall') as level,
               count(*) filter (where (answers->>'sat_overall')::int >= 4) as top_two
        from response where survey_id = ${seeded.surveyId} and language = 'en' group by 1 order by 1`.execute(ctx.database().db);
      const byStart = new Map(rows.rows.map((row) => [`${String(row.start instanceof Date ? row.start.toISOString() : row.start).slice(0, 10)}`, row]));
      let listed = 0;
      for (const point of body.trend.points) {
        const start = new Date(point.start);
        const end = new Date(point.end);
        expect(period === 'week' ? start.getUTCDay() : start.getUTCDate()).toBe(period === 'week' ? 1 : 1);
        const inPeriod = seeded.respondents.filter((r) => r.language === 'en' && r.submittedAt >= start && r.submittedAt < end);
        expect(point.n).toBe(inPeriod.length);
        expect(point.belowMinimum).toBe(inPeriod.length < 30);
        const row = byStart.get(point.start.slice(0, 10));
        if (inPeriod.length === 0) {
          expect(row).toBeUndefined();
          expect(point.nps.n).toBe(0);
          continue;
        }
        listed++;
        expect(Number(row!.n)).toBe(point.n);
        expect(point.nps.promoters).toBe(Number(row!.promoters));
        expect(point.nps.detractors).toBe(Number(row!.detractors));
        expect(point.csat.n).toBe(Number(row!.level));
        expect(point.csat.topTwoBox.successes).toBe(Number(row!.top_two));
        const classified = inPeriod.filter((r) => r.segment !== 'unclassified');
        expect(point.loyal.n).toBe(classified.length);
        expect(point.loyal.successes).toBe(classified.filter((r) => r.segment === 'loyal').length);
        expect(point.satisfiedNotLoyal.successes).toBe(classified.filter((r) => r.segment === 'satisfied_not_loyal').length);
        if (classified.length > 0) {
          expect(point.loyal.share).toBeCloseTo(point.loyal.successes / classified.length, 12);
          expect(point.loyal.ci95.lower).toBeLessThanOrEqual(point.loyal.share);
        }
      }
      expect(listed).toBe(rows.rows.length);
      expect(body.trend.points.some((p: any) => p.belowMinimum)).toBe(true);
    });
  }

  it('compares around the chosen event and lists the events to choose from', async () => {
    const events = await ctx.database().db.selectFrom('change_event').selectAll().where('company_id', '=', seeded.companyId).orderBy('occurred_at', 'desc').execute();
    const latest = await report('');
    expect(latest.body.changeEvent.title).toBe('New logo');
    expect(latest.body.changeEvents).toEqual([
      { id: events[0]!.id, title: 'New logo', occurredAt: events[0]!.occurred_at.toISOString(), scope: 'survey', chosen: true },
      { id: events[1]!.id, title: 'New recipe', occurredAt: events[1]!.occurred_at.toISOString(), scope: 'company', chosen: false },
    ]);
    const { body } = await report(`event=${events[1]!.id}`);
    expect(body.changeEvent).toEqual({ at: events[1]!.occurred_at.toISOString(), title: 'New recipe' });
    expect(body.changeEvents.map((e: any) => e.chosen)).toEqual([false, true]);
    const before = seeded.respondents.filter((r) => r.submittedAt < events[1]!.occurred_at).length;
    expect(body.report.changeEvent.before.n).toBe(before);
    expect(body.report.changeEvent.after.n).toBe(COUNT - before);
  });

  describe('purchases last imported', () => {
    it('falls back to the newest purchase row before any import, then says the import', async () => {
      const { db } = ctx.database();
      const first = await report('');
      expect(first.body.purchasesImported).toEqual({ at: '2025-12-01T00:00:00.000Z', source: 'purchase_rows' });
      await db.insertInto('purchase_import').values({ company_id: seeded.companyId, source: 'csv', status: 'failed', finished_at: new Date('2026-03-01T00:00:00Z') }).execute();
      await db.insertInto('purchase_import').values({ company_id: seeded.companyId, source: 'csv', status: 'applied', finished_at: new Date('2026-02-01T10:00:00Z') }).execute();
      await db.insertInto('purchase_import').values({ company_id: seeded.companyId, source: 'api', status: 'applied', finished_at: new Date('2026-01-15T10:00:00Z') }).execute();
      await db.insertInto('purchase_import').values({ company_id: other.companyId, source: 'api', status: 'applied', finished_at: new Date('2026-06-15T10:00:00Z') }).execute();
      const later = await report('');
      expect(later.body.purchasesImported).toEqual({ at: '2026-02-01T10:00:00.000Z', source: 'import' });
      // Retention is observed up to that time: windows closing before 2026-02-01 are known now.
      const known = await sql<{ n: string }>`
        select count(*) as n from response r where r.survey_id = ${seeded.surveyId} and r.customer_ref is not null and (
          exists (select 1 from purchase p where p.company_id = r.company_id and p.customer_ref = r.customer_ref
                  and p.purchased_at > r.submitted_at and p.purchased_at <= r.submitted_at + interval '180 days')
          or r.submitted_at + interval '180 days' <= '2026-02-01T10:00:00Z'::timestamptz)`.execute(db);
      expect(later.body.report.retention.n).toBe(Number(known.rows[0]!.n));
    });
  });
});
