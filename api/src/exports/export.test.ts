import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiKeyHeaders, buildTestApp, createSurvey, describeEachDatabase } from '../../../test/helper.js';
import type { SurveyDefinition } from '../model/definition.js';
import { shortTemplate } from '../model/template.js';
import { defuseFormula } from './csv.js';
import { SCORE_COLUMNS } from './queries.js';
import { loyaltyType, primarySegment } from '../analytics/segments.js';
import { scoreUnscoredResponses } from '../responses/scores.js';

const base = shortTemplate();
const definition: SurveyDefinition = {
  ...base,
  questions: [
    ...base.questions,
    { id: 'mood', construct: 'satisfaction', type: 'scale', required: false, min: -5, max: 5, text: base.questions[0]!.text, minLabel: base.title, maxLabel: base.title },
    { id: 'comment', construct: 'open', type: 'text', required: false, maxLength: 5000, text: base.title },
  ],
};

/** Cells that need defusing, quoting, both or neither; stored as they are, past validation. */
const TRICKY: { customerRef: string | null; answers: Record<string, string | number | null>; submittedAt: string }[] = [
  { customerRef: '=SUM(A1)', answers: { sat_overall: 4, recommend: 10, promo_decided: 'yes', mood: -3, comment: '-minus' }, submittedAt: '2025-03-04T05:06:07.123999Z' },
  { customerRef: 'a,b "c"', answers: { mood: 0, comment: 'line\r\nbreak' }, submittedAt: '2025-03-04T05:06:08Z' },
  { customerRef: null, answers: { comment: '\rcarriage', mood: null }, submittedAt: '2025-03-04T05:06:09.5Z' },
  { customerRef: '', answers: { comment: 'tab\tinside, and a comma' }, submittedAt: '2025-03-04T05:06:10.000001Z' },
  { customerRef: '@x', answers: { comment: '"quoted"', mood: 5 }, submittedAt: '1999-12-31T23:59:59.999Z' },
  { customerRef: '+1 555', answers: { comment: 'Очень вкусно; ქართული', recommend: 0 }, submittedAt: '2025-03-04T05:06:11Z' },
  { customerRef: '-', answers: { comment: '\tstarts with a tab' }, submittedAt: '2025-03-04T05:06:12Z' },
  { customerRef: 'plain', answers: { comment: 'only\rCR', promo_decided: 'no' }, submittedAt: '2025-03-04T05:06:13Z' },
  { customerRef: 'x', answers: { comment: '=HYPERLINK("http://evil.example","click"), "quoted"\nnew line' }, submittedAt: '2025-03-04T05:06:14Z' },
];

/** A question id with a quote, a backslash and a `$1`: COPY inlines it as a literal, so it must survive. */
const ODD_QUESTION_ID = `it's \\ $1 "odd"`;
const oddDefinition: SurveyDefinition = {
  ...definition,
  questions: [...definition.questions, { id: ODD_QUESTION_ID, construct: 'open', type: 'text', required: false, maxLength: 5000, text: base.title }],
};

/** Cells that COPY's text format would escape and its CSV format might quote differently from csv-stringify. */
const ESCAPES: { customerRef: string | null; answers: Record<string, unknown> }[] = [
  { customerRef: 'back\\slash', answers: { comment: '\\', [ODD_QUESTION_ID]: 'C:\\temp\\new' } },
  { customerRef: '\\.', answers: { comment: '\\N', [ODD_QUESTION_ID]: 'ends with a backslash\\' } },
  { customerRef: '"', answers: { comment: "'", [ODD_QUESTION_ID]: '' } },
  { customerRef: ' ', answers: { comment: '  two leading spaces, trailing  ', [ODD_QUESTION_ID]: 'x\ty' } },
  { customerRef: 'crlf\r\n', answers: { comment: 'Очень вкусно\nქართული "ღვინო", \\ 😀', mood: '-5' } },
  { customerRef: '＝FULLWIDTH', answers: { comment: 12, mood: -3, recommend: true, sat_overall: { nested: 1 } } },
  { customerRef: '-', answers: { comment: '\u2028line separator\u0007bell\bbackspace\fform feed\vvertical tab', promo_decided: null } },
  { customerRef: '@', answers: { comment: '\\\\"\\"', [ODD_QUESTION_ID]: '$1' } },
];

describeEachDatabase('CSV export format and streaming', (ctx) => {
  // The COPY path exists only on PostgreSQL; on PGlite these tests are not defined rather than skipped.
  const itOnPostgres = (name: string, test: () => Promise<void>) => {
    if (ctx.kind === 'postgres') it(name, test);
  };
  let app: FastifyInstance;
  let surveyId: string;
  let bigSurveyId: string;
  let escapesSurveyId: string;
  /** Each survey's company's API key headers: every route here reads one company's data. */
  const headersOf = new Map<string, { authorization: string }>();

  /** A survey of its own company, with an API key of that company to read it. */
  async function companySurvey(survey: SurveyDefinition, options?: Parameters<typeof createSurvey>[2]) {
    const created = await createSurvey(ctx.database(), survey, options);
    headersOf.set(created.surveyId, await apiKeyHeaders(ctx.database(), created.companyId));
    return created;
  }

  /** The API key headers of the survey's company. */
  function headersFor(id: string): { authorization: string } {
    const headers = headersOf.get(id);
    if (!headers) throw new Error(`survey ${id} was not made with companySurvey`);
    return headers;
  }

  /** GET `/api/surveys/:id/<route>` as the survey's company. */
  function get(id: string, route: 'export.csv' | 'summary') {
    return app.inject({ url: `/api/surveys/${id}/${route}`, headers: headersFor(id) });
  }

  /** What csv-stringify writes from the stored rows of a survey, the export's reference. */
  async function csvStringifyOf(id: string, questionIds: string[]): Promise<string> {
    const rows = await ctx
      .database()
      .db.selectFrom('response')
      .innerJoin('survey_version', 'survey_version.id', 'response.survey_version_id')
      .select(['response.id', 'response.submitted_at', 'response.language', 'survey_version.version', 'response.customer_ref', 'response.answers'])
      .select(['score_s', 'score_e', 'score_b', 'discount_dependent', 'exchange_type', 'scored_version'])
      .where('response.survey_id', '=', id)
      .orderBy('response.submitted_at')
      .orderBy('response.id')
      .execute();
    const cell = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? value : null);
    return stringify(
      rows.map((row) => {
        // The stored scores, and the segment and loyalty type analytics/segments.ts gives them; empty while unscored.
        const scores = { satisfaction: row.score_s, emotional: row.score_e, behavioural: row.score_b, discountDependent: row.discount_dependent };
        const scored = row.scored_version !== null;
        const d = row.discount_dependent === null ? null : String(row.discount_dependent);
        return [
          row.id, row.submitted_at, row.language, row.version, row.customer_ref, ...questionIds.map((qid) => cell(row.answers[qid])),
          row.score_s, row.score_e, row.score_b, d, row.exchange_type,
          scored ? primarySegment(scores, base.thresholds) : null, scored ? loyaltyType(scores, base.thresholds) : null,
        ];
      }),
      {
        bom: true,
        header: true,
        columns: ['response_id', 'submitted_at', 'language', 'survey_version', 'customer_ref', ...questionIds, ...SCORE_COLUMNS],
        cast: { string: defuseFormula, date: (value) => value.toISOString() },
      },
    );
  }

  /** Once 256 KB of the export has arrived (its COPY is surely still sending), pauses the response and calls `then`. */
  function pauseMidExport(response: http.IncomingMessage, then: () => void): void {
    let received = 0;
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received < 256 * 1024) return;
      response.off('data', onData);
      response.pause();
      then();
    };
    response.on('data', onData);
  }

  /** The app's port, listening from the first test that needs it on. */
  async function listeningPort(): Promise<number> {
    if (!app.server.listening) await app.listen({ port: 0, host: '127.0.0.1' });
    return (app.server.address() as AddressInfo).port;
  }

  /** The backend running this survey's export COPY, if any (PostgreSQL). */
  async function copyBackends(id: string): Promise<number[]> {
    const { rows } = await sql<{ pid: number }>`
      select pid from pg_stat_activity
      where pid <> pg_backend_pid() and state = 'active' and starts_with(query, ${`copy /* export of survey ${id} */`})`.execute(ctx.database().db);
    return rows.map((row) => row.pid);
  }

  beforeAll(async () => {
    app = await buildTestApp(ctx.database());
    const db = ctx.database().db;
    const tricky = await companySurvey(definition);
    surveyId = tricky.surveyId;
    for (const row of TRICKY) {
      await db
        .insertInto('response')
        .values({
          company_id: tricky.companyId,
          survey_id: tricky.surveyId,
          survey_version_id: tricky.versionId,
          client_submission_id: crypto.randomUUID(),
          language: 'ka',
          customer_ref: row.customerRef,
          answers: JSON.stringify(row.answers),
          submitted_at: row.submittedAt,
        })
        .execute();
    }
    const escapes = await companySurvey(oddDefinition, { unchecked: true }); // an id the definition check now refuses
    escapesSurveyId = escapes.surveyId;
    for (const [index, row] of ESCAPES.entries()) {
      await db
        .insertInto('response')
        .values({
          company_id: escapes.companyId,
          survey_id: escapes.surveyId,
          survey_version_id: escapes.versionId,
          client_submission_id: crypto.randomUUID(),
          language: 'ru',
          customer_ref: row.customerRef,
          answers: JSON.stringify(row.answers),
          submitted_at: new Date(Date.UTC(2025, 5, 1, 12, 0, index)).toISOString(),
        })
        .execute();
    }
    // These rows carry stored scores; the big survey's and later tests' rows stay unscored (empty cells).
    expect(await scoreUnscoredResponses(db)).toBeGreaterThanOrEqual(TRICKY.length + ESCAPES.length);
    const big = await companySurvey(shortTemplate());
    bigSurveyId = big.surveyId;
    await sql`
      insert into response (company_id, survey_id, survey_version_id, client_submission_id, language, answers)
      select ${big.companyId}, ${big.surveyId}, ${big.versionId}, gen_random_uuid(), 'en', jsonb_build_object('sat_overall', 1 + g % 5, 'comment', repeat('x', 200))
      from generate_series(1, 20000) as g`.execute(db);
  });
  afterAll(async () => app.close());

  it('writes the same bytes csv-stringify writes from the stored rows', async () => {
    const expected = await csvStringifyOf(surveyId, definition.questions.map((q) => q.id));
    const res = await get(surveyId, 'export.csv');
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(expected);
    expect(res.body).toContain(`,'=SUM(A1),4,10,`);
    expect(res.body).toContain(`,1999-12-31T23:59:59.999Z,`);
    expect(res.body).toContain(`,2025-03-04T05:06:07.123Z,`);
    // S of the first row: the mean of sat_overall 4 of 1..5 (0.75) and mood -3 of -5..5 (0.2).
    expect(res.body).toMatch(/,0\.475,/);
  });

  it('writes one column per question of any version, the newest version\'s first, and each response\'s own version', async () => {
    const db = ctx.database().db;
    const first = await companySurvey(definition);
    const second: SurveyDefinition = {
      ...definition,
      questions: [
        { ...definition.questions.find((q) => q.id === 'comment')! },
        ...definition.questions.filter((q) => q.id !== 'mood' && q.id !== 'comment'),
        { id: 'visit_reason', construct: 'open', type: 'text', required: false, maxLength: 200, text: base.title },
      ],
    };
    const { id: secondVersionId } = await db
      .insertInto('survey_version')
      .values({ company_id: first.companyId, survey_id: first.surveyId, version: 2, definition: JSON.stringify(second) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.updateTable('survey').set({ published_version: 2 }).where('id', '=', first.surveyId).execute();
    const rows = [
      { versionId: first.versionId, answers: { sat_overall: 3, mood: -2, comment: 'first, "old"' } },
      { versionId: secondVersionId, answers: { sat_overall: 5, comment: '=new', visit_reason: 'bread\nand cake' } },
      { versionId: first.versionId, answers: { mood: 4 } },
    ];
    for (const [index, row] of rows.entries()) {
      await db
        .insertInto('response')
        .values({
          company_id: first.companyId,
          survey_id: first.surveyId,
          survey_version_id: row.versionId,
          client_submission_id: crypto.randomUUID(),
          language: 'en',
          answers: JSON.stringify(row.answers),
          submitted_at: new Date(Date.UTC(2025, 6, 1, 9, 0, index)).toISOString(),
        })
        .execute();
    }
    const columns = [...second.questions.map((q) => q.id), 'mood'];
    const res = await get(first.surveyId, 'export.csv');
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(await csvStringifyOf(first.surveyId, columns));
    expect(res.body.split('\n')[0]).toBe(`\ufeffresponse_id,submitted_at,language,survey_version,customer_ref,${[...columns, ...SCORE_COLUMNS].join(',')}`);
    expect(res.body.split('\n')[2]).toMatch(/,en,2,,'=new,5,/);
  });

  it('writes the header alone for a survey without responses', async () => {
    const { surveyId: emptyId } = await companySurvey(shortTemplate());
    const res = await get(emptyId, 'export.csv');
    expect(res.body).toBe(`\ufeffresponse_id,submitted_at,language,survey_version,customer_ref,${[...shortTemplate().questions.map((q) => q.id), ...SCORE_COLUMNS].join(',')}\n`);
  });

  it('releases the database connection when the client goes away mid-export', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    // More aborted exports than the pool has connections: a leak would leave the next query waiting.
    for (let attempt = 0; attempt < 12; attempt++) {
      await new Promise<void>((resolve, reject) => {
        const request = http.get(`http://127.0.0.1:${port}/api/surveys/${bigSurveyId}/export.csv`, { headers: headersFor(bigSurveyId) }, (response) => {
          expect(response.statusCode).toBe(200);
          response.once('data', () => request.destroy());
        });
        request.once('close', resolve);
        request.once('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? resolve() : reject(error)));
      });
    }
    const answered = await Promise.race([
      get(bigSurveyId, 'summary').then((res) => res.statusCode),
      new Promise<string>((resolve) => setTimeout(() => resolve('no connection within 10 s'), 10_000)),
    ]);
    expect(answered).toBe(200);
    const full = await get(bigSurveyId, 'export.csv');
    expect(full.body.split('\n')).toHaveLength(20_002);
  });

  it('streams through COPY on PostgreSQL and through a cursor on PGlite', () => {
    expect(app.acquireDatabaseClient === null).toBe(ctx.kind === 'pglite');
  });

  it('writes backslashes, control characters, lone quotes and odd question ids as csv-stringify does', async () => {
    const res = await get(escapesSurveyId, 'export.csv');
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(await csvStringifyOf(escapesSurveyId, oddDefinition.questions.map((q) => q.id)));
    expect(res.body).toContain(',back\\slash,');
    expect(res.body).toContain(',"Очень вкусно\nქართული ""ღვინო"", \\ 😀",');
    expect(res.body).toContain(`,"it's \\ $1 ""odd""",`);
  });

  /**
   * A survey whose export (≈ 40 MB) outlasts the socket buffers between PostgreSQL, the app and the
   * client, so a test can act while its COPY is still running. Made once, on first use.
   */
  let hugeSurvey: Promise<string> | undefined;
  function hugeSurveyId(): Promise<string> {
    hugeSurvey ??= (async () => {
      const huge = await companySurvey(definition);
      await sql`
        insert into response (company_id, survey_id, survey_version_id, client_submission_id, language, answers)
        select ${huge.companyId}, ${huge.surveyId}, ${huge.versionId}, gen_random_uuid(), 'et', jsonb_build_object('sat_overall', 1 + g % 5, 'comment', repeat('y', 2000))
        from generate_series(1, 20000) as g`.execute(ctx.database().db);
      return huge.surveyId;
    })();
    return hugeSurvey;
  }

  itOnPostgres('ends the COPY on the server when the client goes away while it runs', async () => {
    const port = await listeningPort();
    const hugeId = await hugeSurveyId();
    // More aborted exports than the pool has connections, each while its COPY is still sending.
    for (let attempt = 0; attempt < 12; attempt++) {
      const runningWhenAborted = await new Promise<number>((resolve, reject) => {
        let running = -1;
        const request = http.get(`http://127.0.0.1:${port}/api/surveys/${hugeId}/export.csv`, { headers: headersFor(hugeId) }, (response) => {
          pauseMidExport(response, () =>
            copyBackends(hugeId).then((pids) => {
              running = pids.length;
              request.destroy();
            }, reject),
          );
        });
        request.once('close', () => resolve(running));
        request.once('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? undefined : reject(error)));
      });
      expect(runningWhenAborted).toBe(1);
    }
    const deadline = Date.now() + 10_000;
    while ((await copyBackends(hugeId)).length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await copyBackends(hugeId)).toEqual([]);
    const answered = await get(hugeId, 'summary');
    expect(answered.statusCode).toBe(200);
  });

  itOnPostgres('cuts the response short when the database fails mid-export', async () => {
    const port = await listeningPort();
    const hugeId = await hugeSurveyId();
    let request: http.ClientRequest | undefined;
    try {
      const complete = await new Promise<boolean>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the response neither ended nor broke within 15 s')), 15_000);
        const settle = (whole: boolean) => {
          clearTimeout(timer);
          resolve(whole);
        };
        request = http.get(`http://127.0.0.1:${port}/api/surveys/${hugeId}/export.csv`, { headers: headersFor(hugeId) }, (response) => {
          pauseMidExport(response, () =>
            (async () => {
              const pids = await copyBackends(hugeId);
              expect(pids).toHaveLength(1);
              await sql`select pg_terminate_backend(${pids[0]}::int)`.execute(ctx.database().db);
              response.resume();
            })().catch(reject),
          );
          response.once('end', () => settle(response.complete));
          response.once('aborted', () => settle(false));
          response.once('error', () => settle(false));
        });
        request.once('error', () => settle(false));
      });
      expect(complete).toBe(false);
    } finally {
      request?.destroy();
    }
    const answered = await get(hugeId, 'summary');
    expect(answered.statusCode).toBe(200);
  });
});
