/**
 * Fuzzes every write route (today: POST /api/surveys/:id/responses, plus the other methods on API paths)
 * with fast-check: wrong types, huge numbers, deep nesting, NUL, lone surrogates, invalid UTF-8 bytes,
 * leap seconds, prototype keys, unknown ids, odd media types. Seeded and bounded. Two properties:
 * no request answers 5xx, and a request that is refused leaves the database exactly as it was
 * (row counts of every table and an md5 over every stored response).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, createSurvey, describeEachDatabase } from './helper.js';
import { shortWithComment, validShort } from './inputs-fixtures.js';

const SEED = Number(process.env.FUZZ_SEED || 20261201);
const RUNS = Number(process.env.FUZZ_RUNS || 1500);

/** Strings no text field may hold, and strings near the limits. */
const nastyString = fc.oneof(
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', '\udfff', 'x\ud83d', '\ud83d\ude00', '\ufffe', '\u202e', '', ' ', '%zz', '\\u0000'),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer({ min: 1, max: 30_000 }).map((n) => 'y'.repeat(n)),
);

const nastyNumber = fc.oneof(
  fc.constantFrom(0, -0, 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER + 2, 2 ** 53, -1, 4.5, 10, 11, 1e21),
  fc.double(),
  fc.integer(),
);

const nastyDate = fc.oneof(
  fc.constantFrom(
    '2024-12-31T23:59:60Z',
    '2016-12-31T23:59:60+00:00',
    '2024-02-30T00:00:00Z',
    '2024-02-29T24:00:00Z',
    '1999-12-31T23:59:59Z',
    '0000-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '+275760-09-13T00:00:00Z',
    '2025-01-01T00:00:00+99:99',
    '2025-01-01',
    '2025-01-01T00:00:00.123456789123Z',
    'yesterday',
  ),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
);

/** Any JSON value, nested a little. */
const anyJson = fc.jsonValue({ maxDepth: 4 });

/** A nested value of the given depth, as raw JSON text (JSON.stringify is fine up to here; the parser must be too). */
const deepNesting = fc
  .tuple(fc.integer({ min: 10, max: 20_000 }), fc.constantFrom('[', '{"a":'))
  .map(([depth, open]) => `${open.repeat(depth)}1${(open === '[' ? ']' : '}').repeat(depth)}`);

const protoKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__', 'valueOf');

type Case = { method: string; url: string; contentType?: string; payload?: string | Buffer };

export function writeRouteCases(ids: { published: string; draft: string }) {
  const surveyId = fc.oneof(
    { weight: 4, arbitrary: fc.constant(ids.published) },
    fc.constant(ids.draft),
    fc.uuid().map(String),
    fc.constantFrom('not-a-uuid', '%zz', '..%2f..%2f', 'a'.repeat(150), '00000000-0000-0000-0000-000000000000', ' '),
  );
  const answerValue = fc.oneof(nastyNumber, nastyString, anyJson, fc.constant(null));
  const answers = fc.oneof(
    fc.constant(validShort),
    fc.dictionary(fc.oneof(fc.constantFrom(...Object.keys(validShort), 'comment'), nastyString, protoKey), answerValue, { maxKeys: 12 }),
    fc.record({ ...Object.fromEntries(Object.keys(validShort).map((k) => [k, answerValue])), comment: nastyString }),
    anyJson,
  );
  const body = fc.record(
    {
      clientSubmissionId: fc.oneof(fc.uuid().map(String), nastyString, anyJson),
      language: fc.oneof(fc.constantFrom('en', 'ru', 'et', 'ka', 'EN', 'de'), nastyString, anyJson),
      answers,
      startedAt: fc.oneof(nastyDate, nastyString, anyJson),
      extra: anyJson,
    },
    { requiredKeys: [] },
  );
  // A valid body with at most one field, or one answer, spoiled: reaches the answer check and the insert.
  const nearlyValid = fc
    .tuple(
      fc.uuid(),
      fc.constantFrom('en', 'ru', 'et', 'ka'),
      fc.option(fc.tuple(fc.constantFrom('clientSubmissionId', 'language', 'answers', 'startedAt', 'extra'), fc.oneof(nastyString, nastyNumber, nastyDate, anyJson)), { freq: 2 }),
      fc.option(fc.tuple(fc.oneof(fc.constantFrom(...Object.keys(validShort), 'comment'), protoKey, nastyString), answerValue), { freq: 2 }),
      fc.option(nastyDate, { freq: 2 }),
    )
    .map(([clientSubmissionId, language, field, answer, startedAt]) => {
      const value: Record<string, unknown> = { clientSubmissionId, language, answers: { ...validShort } };
      if (startedAt !== null) value.startedAt = startedAt;
      if (answer) Object.defineProperty(value.answers, answer[0], { value: answer[1], enumerable: true, writable: true, configurable: true });
      if (field) value[field[0]] = field[1];
      return JSON.stringify(value);
    });
  const jsonText = fc.oneof(
    { weight: 6, arbitrary: nearlyValid },
    { weight: 4, arbitrary: body.map((value) => JSON.stringify(value)) },
    // A prototype key spliced into the body as raw text (JSON.stringify would drop __proto__).
    {
      weight: 2,
      arbitrary: fc.tuple(body, protoKey, anyJson, fc.boolean()).map(([value, key, inner, inAnswers]) => {
        const text = JSON.stringify({ ...value, answers: value.answers ?? {} });
        const splice = `${JSON.stringify(key)}:${JSON.stringify(inner ?? null)},`;
        return inAnswers ? text.replace('"answers":{', `"answers":{${splice}`) : `{${splice}${text.slice(1)}`;
      }),
    },
    { weight: 1, arbitrary: deepNesting },
    { weight: 1, arbitrary: anyJson.map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  );
  const payload = fc.oneof(
    { weight: 8, arbitrary: jsonText },
    // Invalid UTF-8 bytes spliced into valid JSON text, and bytes at random.
    {
      weight: 2,
      arbitrary: fc
        .tuple(jsonText, fc.uint8Array({ minLength: 1, maxLength: 6 }), fc.nat())
        .map(([text, bytes, at]) => {
          const raw = Buffer.from(text);
          const cut = raw.length === 0 ? 0 : at % raw.length;
          return Buffer.concat([raw.subarray(0, cut), Buffer.from(bytes), raw.subarray(cut)]);
        }),
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)) },
  );
  const contentType = fc.oneof(
    { weight: 8, arbitrary: fc.constant('application/json') },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        'application/json; charset=utf-8',
        'application/json; charset=latin1',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
        'APPLICATION/JSON',
        '',
      ),
    },
  );
  const submission = fc.record({
    method: fc.constant('POST'),
    url: surveyId.map((id) => `/api/surveys/${id}/responses`),
    contentType,
    payload,
  });
  const otherWrites = fc.record({
    method: fc.constantFrom('POST', 'PUT', 'PATCH', 'DELETE'),
    url: fc.oneof(
      surveyId.map((id) => `/api/surveys/${id}`),
      surveyId.map((id) => `/api/surveys/${id}/report`),
      surveyId.map((id) => `/api/surveys/${id}/export.csv`),
      fc.constantFrom('/api/surveys', '/api/health', '/api', '/api/surveys/%zz/responses', '/api/%E0%A4%A'),
    ),
    contentType,
    payload,
  });
  return fc.oneof({ weight: 9, arbitrary: submission }, { weight: 1, arbitrary: otherWrites }) as fc.Arbitrary<Case>;
}

describeEachDatabase('fuzzing the write routes', (ctx) => {
  let app: FastifyInstance;
  let ids: { published: string; draft: string };

  beforeAll(async () => {
    app = await buildTestApp(ctx.database());
    ids = {
      published: (await createSurvey(ctx.database(), shortWithComment())).surveyId,
      draft: (await createSurvey(ctx.database(), shortWithComment(), { publish: false })).surveyId,
    };
  });
  afterAll(async () => app.close());

  /** Row counts of every table the API writes or reads, and an md5 over every stored response. */
  async function snapshot(): Promise<string> {
    const { rows } = await sql<{ state: string }>`
      select concat_ws(' ',
        (select count(*) from company), (select count(*) from survey), (select count(*) from survey_version),
        (select count(*) from invite), (select count(*) from purchase), (select count(*) from response),
        (select md5(coalesce(string_agg(concat_ws('|', id, survey_id, survey_version_id, client_submission_id, language,
          answers::text, started_at, submitted_at), ',' order by id), '')) from response)) as state`.execute(ctx.database().db);
    return rows[0]!.state;
  }

  const send = (c: Case) =>
    app.inject({
      method: c.method as 'POST',
      url: c.url,
      ...(c.payload !== undefined ? { payload: c.payload } : {}),
      headers: c.contentType ? { 'content-type': c.contentType } : {},
    });

  it(`answers ${RUNS} seeded random write requests without a 5xx, and a refused one changes nothing`, async () => {
    let state = await snapshot();
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(writeRouteCases(ids), async (c) => {
        const res = await send(c);
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        expect(res.statusCode, `${c.method} ${c.url}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
        const after = await snapshot();
        if (res.statusCode >= 400) {
          expect(after, `${c.method} ${c.url} answered ${res.statusCode} but changed the database`).toBe(state);
          expect(typeof res.json().error.code).toBe('string');
        }
        state = after;
      }),
      { seed: SEED, numRuns: RUNS, interruptAfterTimeLimit: 150_000, markInterruptAsFailure: false },
    );
    console.log(`fuzz [${ctx.kind}] seed ${SEED}: ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`);
    // The fuzz reaches both sides: some requests are stored, most are refused.
    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(Math.min(RUNS, 500));
    expect([...statuses.keys()].some((status) => status === 201)).toBe(true);
    expect([...statuses.keys()].some((status) => status === 400)).toBe(true);
    expect([...statuses.keys()].some((status) => status === 422)).toBe(true);
  }, 200_000);

  it('answers 10 MB strings with 413 and stores nothing', async () => {
    const before = await snapshot();
    for (const field of ['comment', 'clientSubmissionId', 'language']) {
      const huge = 'z'.repeat(10 * 1024 * 1024);
      const body =
        field === 'comment'
          ? { clientSubmissionId: randomUUID(), language: 'en', answers: { ...validShort, comment: huge } }
          : { clientSubmissionId: field === 'clientSubmissionId' ? huge : randomUUID(), language: field === 'language' ? huge : 'en', answers: validShort };
      const res = await app.inject({ method: 'POST', url: `/api/surveys/${ids.published}/responses`, payload: body });
      expect(res.statusCode).toBe(413);
      expect(res.json().error.code).toBe('BODY_TOO_LARGE');
    }
    expect(await snapshot()).toBe(before);
  });
});
