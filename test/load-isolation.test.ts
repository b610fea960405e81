/**
 * Reports and exports cannot starve answer submission: at most REPORT_CONCURRENCY_PER_COMPANY run at
 * once for a company and REPORT_CONCURRENCY_PER_PROCESS in the process, beyond that 429 REPORT_BUSY
 * with Retry-After; a slot comes back when the export ends or its client goes away; the report route
 * is rate-limited per address. An export held open mid-stream (its client stops reading) keeps its slot.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../api/src/app.js';
import { loadConfig } from '../api/src/config.js';
import { shortTemplate } from '../api/src/model/template.js';
import { insertSurvey } from '../api/src/surveys/queries.js';
import { apiKeyHeaders, createSurvey, describeEachDatabase } from './helper.js';
import { shortWithComment, validShort } from './inputs-fixtures.js';

describeEachDatabase('load isolation of reports and exports', (ctx) => {
  let app: FastifyInstance;
  let port: number;
  /** Company A: a survey with a ≈ 40 MB export, and a second small survey. */
  let bigA: string;
  let smallA: string;
  let surveyB: string;
  let surveyC: string;
  /** Each survey's company's API key headers (reports and exports read one company's data). */
  const headersOf = new Map<string, { authorization: string }>();
  function headersFor(surveyId: string): { authorization: string } {
    const headers = headersOf.get(surveyId);
    if (!headers) throw new Error(`no API key made for the company of survey ${surveyId}`);
    return headers;
  }

  beforeAll(async () => {
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_MINUTE: '0',
      REPORT_RATE_LIMIT_PER_MINUTE: '0',
      REPORT_CONCURRENCY_PER_COMPANY: '1',
      REPORT_CONCURRENCY_PER_PROCESS: '2',
      WEB_BUILD_DIR: path.join(os.tmpdir(), 'loyalty-lens-no-web-build'),
    });
    app = await buildApp(config, { database: ctx.database() });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as { port: number }).port;
    const a = await createSurvey(ctx.database(), shortWithComment(), { companyName: 'A' });
    bigA = a.surveyId;
    smallA = (await insertSurvey(ctx.database().db, { companyId: a.companyId, name: 'Second', definition: shortTemplate(), publish: true })).surveyId;
    const b = await createSurvey(ctx.database(), shortTemplate(), { companyName: 'B' });
    surveyB = b.surveyId;
    const c = await createSurvey(ctx.database(), shortTemplate(), { companyName: 'C' });
    surveyC = c.surveyId;
    const headersA = await apiKeyHeaders(ctx.database(), a.companyId);
    headersOf.set(bigA, headersA).set(smallA, headersA);
    headersOf.set(surveyB, await apiKeyHeaders(ctx.database(), b.companyId));
    headersOf.set(surveyC, await apiKeyHeaders(ctx.database(), c.companyId));
    await sql`
      insert into response (company_id, survey_id, survey_version_id, client_submission_id, language, answers)
      select ${a.companyId}, ${bigA}, ${a.versionId}, gen_random_uuid(), 'et', jsonb_build_object('sat_overall', 1 + g % 5, 'comment', repeat('y', 2000))
      from generate_series(1, 20000) as g`.execute(ctx.database().db);
  });
  afterAll(async () => app.close());

  /** Starts an export and resolves once 256 KB arrived and the client stopped reading; `abort` ends it. */
  function holdExport(surveyId: string): Promise<{ abort: () => Promise<void> }> {
    return new Promise((resolve, reject) => {
      const request = http.get(`http://127.0.0.1:${port}/api/surveys/${surveyId}/export.csv`, { headers: headersFor(surveyId) }, (response) => {
        if (response.statusCode !== 200) return reject(new Error(`export answered ${response.statusCode}`));
        let received = 0;
        const onData = (chunk: Buffer) => {
          received += chunk.length;
          if (received < 256 * 1024) return;
          response.off('data', onData);
          response.pause();
          resolve({
            abort: () =>
              new Promise<void>((done) => {
                request.once('close', () => done());
                request.destroy();
              }),
          });
        };
        response.on('data', onData);
      });
      request.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? undefined : reject(error)));
    });
  }

  const report = (surveyId: string, headers = headersFor(surveyId)) => app.inject({ url: `/api/surveys/${surveyId}/report`, headers });

  /** Polls until the report answers 200: the slot comes back shortly after the client goes. */
  async function reportOnceFree(surveyId: string): Promise<number> {
    const deadline = Date.now() + 10_000;
    let status = 0;
    while (Date.now() < deadline) {
      status = (await report(surveyId)).statusCode;
      if (status === 200) return status;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return status;
  }

  // PGlite has one connection, which a paused export's cursor holds: there nothing else can run meanwhile
  // (the limit itself is the same code, tested in api/src/reports/slots.test.ts).
  const itOnPostgres = (name: string, test: () => Promise<void>) => {
    if (ctx.kind === 'postgres') it(name, test);
  };

  itOnPostgres('refuses a second report or export for a company while one runs, with 429 REPORT_BUSY and Retry-After', async () => {
    const held = await holdExport(bigA);
    try {
      const busy = await report(smallA);
      expect(busy.statusCode).toBe(429);
      expect(busy.json().error.code).toBe('REPORT_BUSY');
      expect(busy.json().error.message).toContain('company');
      expect(Number(busy.headers['retry-after'])).toBeGreaterThan(0);
      expect((await app.inject({ url: `/api/surveys/${smallA}/export.csv`, headers: headersFor(smallA) })).statusCode).toBe(429);
      // Another company still gets its report, and answers still go in.
      expect((await report(surveyB)).statusCode).toBe(200);
      const submit = await app.inject({
        method: 'POST',
        url: `/api/surveys/${smallA}/responses`,
        payload: { clientSubmissionId: randomUUID(), language: 'en', answers: validShort },
      });
      expect(submit.statusCode).toBe(201);
    } finally {
      await held.abort();
    }
    expect(await reportOnceFree(smallA)).toBe(200);
  });

  itOnPostgres('refuses every company once the process runs its limit, and frees the slots when clients go away', async () => {
    const heldA = await holdExport(bigA);
    const heldA2 = await holdExport(bigA).then(
      () => 'started',
      (error: Error) => error.message,
    );
    expect(heldA2).toBe('export answered 429');
    // An export of another company fills the process limit of 2; then even C, with nothing running, waits.
    const bigB = await createSurvey(ctx.database(), shortWithComment(), { companyName: 'B2' });
    headersOf.set(bigB.surveyId, await apiKeyHeaders(ctx.database(), bigB.companyId));
    await sql`
      insert into response (company_id, survey_id, survey_version_id, client_submission_id, language, answers)
      select ${bigB.companyId}, ${bigB.surveyId}, ${bigB.versionId}, gen_random_uuid(), 'et', jsonb_build_object('comment', repeat('z', 2000))
      from generate_series(1, 20000) as g`.execute(ctx.database().db);
    const heldB = await holdExport(bigB.surveyId);
    try {
      const busy = await report(surveyC);
      expect(busy.statusCode).toBe(429);
      expect(busy.json().error.message).toContain('server');
    } finally {
      await heldA.abort();
      await heldB.abort();
    }
    expect(await reportOnceFree(surveyC)).toBe(200);
    expect(await reportOnceFree(smallA)).toBe(200);
  });

  it('computes identical reports in flight once: eight at once with one slot per company all answer 200, alike', async () => {
    // bigA's 20,000 responses are recent, so the report reads them live and takes long enough to overlap.
    const answers = await Promise.all(Array.from({ length: 8 }, () => report(bigA)));
    expect(answers.map((answer) => answer.statusCode)).toEqual(new Array(8).fill(200));
    expect(new Set(answers.map((answer) => answer.body)).size).toBe(1);
    // A different filter is another report: with the one slot taken by whichever of the two got it first,
    // the other waits for nothing and is refused.
    const pair = await Promise.all([report(bigA), app.inject({ url: `/api/surveys/${bigA}/report?language=et`, headers: headersFor(bigA) })]);
    expect(pair.map((answer) => answer.statusCode).sort()).toEqual([200, 429]);
    expect(pair.find((answer) => answer.statusCode === 429)!.headers['retry-after']).toBe('2');
  });

  it('takes no slot for an unknown survey', async () => {
    const unknown = await report('d0000000-0000-4000-8000-00000000dead', headersFor(surveyC));
    expect(unknown.statusCode).toBe(404);
    expect((await report(surveyC)).statusCode).toBe(200);
  });
});

describeEachDatabase('the report rate limit', (ctx) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      REPORT_RATE_LIMIT_PER_MINUTE: '2',
      WEB_BUILD_DIR: path.join(os.tmpdir(), 'loyalty-lens-no-web-build'),
    });
    app = await buildApp(config, { database: ctx.database() });
    await app.ready();
  });
  afterAll(async () => app.close());

  it('answers 429 RATE_LIMITED past REPORT_RATE_LIMIT_PER_MINUTE reports from one address', async () => {
    const { companyId, surveyId } = await createSurvey(ctx.database(), shortTemplate());
    const headers = await apiKeyHeaders(ctx.database(), companyId);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await app.inject({ url: `/api/surveys/${surveyId}/report`, headers })).statusCode);
    expect(statuses).toEqual([200, 200, 429]);
    expect((await app.inject({ url: `/api/surveys/${surveyId}/summary`, headers })).statusCode).toBe(200);
  });
});
