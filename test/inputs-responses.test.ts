/**
 * Inputs that pass the schema but are no valid data — NUL, lone surrogates, leap seconds, invalid UTF-8,
 * other media types, Fastify's own request errors — answer 4xx in the API's envelope, naming the field,
 * and store nothing.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeyHeaders, buildTestApp, createSurvey, describeEachDatabase } from './helper.js';
import { shortWithComment, validShort } from './inputs-fixtures.js';

describeEachDatabase('refusing inputs that are no valid data', (ctx) => {
  let app: FastifyInstance;
  let surveyId: string;

  beforeAll(async () => {
    app = await buildTestApp(ctx.database());
    surveyId = (await createSurvey(ctx.database(), shortWithComment())).surveyId;
  });
  afterAll(async () => app.close());

  const url = () => `/api/surveys/${surveyId}/responses`;
  const post = (payload: unknown) => app.inject({ method: 'POST', url: url(), payload: payload as object });
  const postRaw = (payload: string | Buffer, contentType = 'application/json') =>
    app.inject({ method: 'POST', url: url(), payload, headers: { 'content-type': contentType } });
  const countRows = async () =>
    Number((await ctx.database().db.selectFrom('response').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const body = (extra: Record<string, unknown> = {}) => ({ clientSubmissionId: randomUUID(), language: 'en', answers: validShort, ...extra });

  it.each([
    ['a NUL in a text answer', { answers: { ...validShort, comment: 'fine\u0000' } }, '/answers/comment'],
    ['a lone high surrogate in a text answer', { answers: { ...validShort, comment: 'x\ud800y' } }, '/answers/comment'],
    ['a lone low surrogate in a text answer', { answers: { ...validShort, comment: '\udc00' } }, '/answers/comment'],
    ['a NUL in an answer key', { answers: { ...validShort, 'bad\u0000key': 1 } }, '/answers/bad\u0000key'],
    ['a NUL in the language', { language: 'en\u0000' }, '/language'],
    ['a surrogate in the submission id', { clientSubmissionId: '\ud83d' }, '/clientSubmissionId'],
    ['a NUL in startedAt', { startedAt: '2025-01-01T00:00:00Z\u0000' }, '/startedAt'],
  ])('refuses %s with 400 naming the field', async (_name, extra, path) => {
    const before = await countRows();
    const res = await post(body(extra));
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.fields[0]).toMatchObject({ path, code: 'INVALID_CHARACTERS' });
    expect(await countRows()).toBe(before);
  });

  it('still takes a text answer with a whole surrogate pair (an emoji)', async () => {
    const res = await post(body({ answers: { ...validShort, comment: 'great 🥐 \u0001' } }));
    expect(res.statusCode).toBe(201);
  });

  it.each([
    ['a leap second', '2024-12-31T23:59:60Z', 'NOT_AN_INSTANT'],
    // These two the schema's date-time format already refuses.
    ['the 30th of February', '2024-02-30T10:00:00Z', undefined],
    ['hour 24', '2024-02-10T24:00:00Z', undefined],
    ['a time before 2000', '1999-12-31T23:59:59Z', 'OUT_OF_RANGE'],
    ['a time more than a day ahead', new Date(Date.now() + 2 * 86_400_000).toISOString(), 'OUT_OF_RANGE'],
  ])('refuses %s in startedAt with 400 naming /startedAt', async (_name, startedAt, code) => {
    const before = await countRows();
    const res = await post(body({ startedAt }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toMatchObject({ path: '/startedAt', ...(code ? { code } : {}) });
    expect(await countRows()).toBe(before);
  });

  it('stores a startedAt with an offset as the same instant', async () => {
    const res = await post(body({ startedAt: '2025-03-01T11:30:00+02:00' }));
    expect(res.statusCode).toBe(201);
    const row = await ctx.database().db.selectFrom('response').select('started_at').where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(row.started_at?.toISOString()).toBe('2025-03-01T09:30:00.000Z');
  });

  it.each([
    ['a stray continuation byte', Buffer.from([0x80])],
    ['a truncated two-byte sequence', Buffer.from([0xc3])],
    ['an encoded surrogate (CESU-8)', Buffer.from([0xed, 0xa0, 0x80])],
    ['an overlong encoding of "/"', Buffer.from([0xc0, 0xaf])],
  ])('refuses a body with %s in a string as 400 INVALID_JSON instead of replacing it', async (_name, bad) => {
    const before = await countRows();
    const text = JSON.stringify(body({ answers: { ...validShort, comment: 'XX' } }));
    const [head, tail] = text.split('XX') as [string, string];
    const res = await postRaw(Buffer.concat([Buffer.from(head), bad, Buffer.from(tail)]));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INVALID_JSON');
    expect(res.json().error.message).toContain('UTF-8');
    expect(await countRows()).toBe(before);
  });

  it.each([
    ['text/plain', 'text/plain'],
    ['text/plain with a charset', 'text/plain; charset=utf-8'],
    ['form encoding', 'application/x-www-form-urlencoded'],
    ['XML', 'application/xml'],
  ])('answers 415 UNSUPPORTED_MEDIA_TYPE to a %s body', async (_name, contentType) => {
    const res = await postRaw(JSON.stringify(body()), contentType);
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it.each([
    ['__proto__', '{"__proto__":{"polluted":true},"clientSubmissionId":"x"}'],
    ['constructor.prototype', '{"constructor":{"prototype":{"polluted":true}}}'],
    ['an escaped __proto__', '{"\\u005f_proto__":{"polluted":true}}'],
  ])('refuses a %s key as 400 INVALID_JSON', async (_name, raw) => {
    const res = await postRaw(raw);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INVALID_JSON');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers bad percent-encoding in the URL with 400 BAD_REQUEST in the envelope', async () => {
    for (const path of ['/api/surveys/%zz', '/api/surveys/%E0%A4%A/responses']) {
      const res = await app.inject({ method: 'POST', url: path, payload: body() });
      expect(res.statusCode, path).toBe(400);
      expect(res.json().error.code, path).toBe('BAD_REQUEST');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('answers an over-long path parameter with 400 VALIDATION_FAILED', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/surveys/${'a'.repeat(200)}` });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('answers a Content-Length that does not match the body with a 4xx in the envelope', async () => {
    const payload = JSON.stringify(body());
    const res = await app.inject({
      method: 'POST',
      url: url(),
      payload,
      headers: { 'content-type': 'application/json', 'content-length': String(payload.length + 10) },
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(typeof res.json().error.code).toBe('string');
  });
});

describe('API responses carry fixed security headers instead of helmet', () => {
  it('sets nosniff and a deny-all CSP on JSON answers', async () => {
    const { openTestDatabase } = await import('./databases.js');
    const database = await openTestDatabase('pglite');
    const app = await buildTestApp(database);
    try {
      const { companyId } = await createSurvey(database, shortWithComment());
      const res = await app.inject({ url: '/api/surveys', headers: await apiKeyHeaders(database, companyId) });
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers['x-dns-prefetch-control']).toBeUndefined();
    } finally {
      await app.close();
      await database.close();
    }
  });
});
