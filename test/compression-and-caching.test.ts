/**
 * Text answers compressed with brotli or gzip as the client accepts (the web build's precompressed
 * files, the SPA shell, JSON, CSV streamed as it is made) and the cache headers of the web app:
 * fingerprinted assets for a year, HTML never. Needs `npm run build` first.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { brotliDecompressSync, createBrotliDecompress, createGunzip, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { shortTemplate } from '../api/src/model/template.js';
import { apiKeyHeaders, buildTestApp, createSurvey, describeEachDatabase } from './helper.js';
import { validShort } from './inputs-fixtures.js';

const BUILD = path.resolve(import.meta.dirname, '..', 'web', 'build');

/** The body as the client reads it once decoded. */
function decoded(encoding: string | undefined, body: Buffer): string {
  if (encoding === 'br') return brotliDecompressSync(body).toString('utf8');
  if (encoding === 'gzip') return gunzipSync(body).toString('utf8');
  if (encoding === undefined) return body.toString('utf8');
  throw new Error(`unexpected content-encoding ${encoding}`);
}

/** The URL path of the first built file under `dir` ending with `extension`. */
function builtFile(dir: string, extension: string): string {
  const file = fs.readdirSync(path.join(BUILD, dir)).find((name) => name.endsWith(extension));
  if (!file) throw new Error(`no ${extension} file in web/build/${dir}`);
  return `/${dir}/${file}`;
}

describeEachDatabase('compression and caching', (ctx) => {
  let app: FastifyInstance;
  let origin: string;
  let surveyId: string;
  let keyHeaders: { authorization: string };

  beforeAll(async () => {
    if (!fs.existsSync(path.join(BUILD, '200.html'))) throw new Error('No web build: run "npm run build" before this test.');
    app = await buildTestApp(ctx.database(), { web: true });
    await app.listen({ host: '127.0.0.1', port: 0 });
    origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const survey = await createSurvey(ctx.database(), shortTemplate());
    surveyId = survey.surveyId;
    keyHeaders = await apiKeyHeaders(ctx.database(), survey.companyId);
    for (let i = 0; i < 40; i++) {
      const res = await app.inject({
        method: 'POST',
        url: `/api/surveys/${surveyId}/responses`,
        payload: { clientSubmissionId: randomUUID(), language: 'en', answers: validShort },
      });
      expect(res.statusCode).toBe(201);
    }
  });
  afterAll(async () => app.close());

  it.each([
    ['the SPA shell of a deep link', '/s/some-survey'],
    ['the built 200.html', '/200.html'],
  ])('sends %s as brotli, gzip or plain HTML as asked, never cached', async (_name, url) => {
    const shell = fs.readFileSync(path.join(BUILD, '200.html'), 'utf8');
    for (const [acceptEncoding, expected] of [
      ['gzip, deflate, br', 'br'],
      ['gzip', 'gzip'],
      ['br;q=0.5, gzip', 'gzip'],
      [undefined, undefined],
      ['identity', undefined],
    ] as const) {
      const res = await app.inject({ url, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });
      expect(res.statusCode, `${url} ${acceptEncoding}`).toBe(200);
      expect(res.headers['content-encoding'], `${url} ${acceptEncoding}`).toBe(expected);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
      expect(decoded(res.headers['content-encoding'] as string | undefined, res.rawPayload)).toBe(shell);
    }
  });

  it.each([
    ['JS', 'entry', '.js', /^(?:text|application)\/javascript/],
    ['CSS', 'assets', '.css', /^text\/css/],
  ])('sends fingerprinted %s compressed and cached for a year as immutable', async (_kind, dir, extension, type) => {
    const url = builtFile(`_app/immutable/${dir}`, extension);
    const source = fs.readFileSync(path.join(BUILD, url), 'utf8');
    for (const [acceptEncoding, expected] of [
      ['br, gzip', 'br'],
      ['gzip', 'gzip'],
      [undefined, undefined],
    ] as const) {
      const res = await app.inject({ url, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-encoding'], `${url} ${acceptEncoding}`).toBe(expected);
      expect(res.headers['content-type']).toMatch(type);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(decoded(res.headers['content-encoding'] as string | undefined, res.rawPayload)).toBe(source);
    }
  });

  it('revalidates what is not fingerprinted (the favicon, version.json) on every use', async () => {
    for (const url of ['/favicon.svg', '/_app/version.json']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('compresses JSON answers above 1 KB, and sends small ones (the health check) as they are', async () => {
    const plain = await app.inject({ url: '/api/openapi.json' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    for (const encoding of ['br', 'gzip']) {
      const res = await app.inject({ url: '/api/openapi.json', headers: { 'accept-encoding': encoding } });
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
      expect(decoded(encoding, res.rawPayload)).toBe(plain.body);
    }
    const report = await app.inject({ url: `/api/surveys/${surveyId}/report`, headers: { ...keyHeaders, 'accept-encoding': 'gzip' } });
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(decoded('gzip', report.rawPayload))).toMatchObject({ surveyId, report: expect.any(Object) });

    const health = await app.inject({ url: '/api/health', headers: { 'accept-encoding': 'br, gzip' } });
    expect(health.statusCode).toBe(200);
    expect(health.headers['content-encoding']).toBeUndefined();
  });

  /** GET over a real socket, the body decoded as it streams in. */
  function download(url: string, headers: Record<string, string>) {
    return new Promise<{ headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
      http
        .get(`${origin}${url}`, { headers }, (res) => {
          const encoding = res.headers['content-encoding'];
          const stream = encoding === 'br' ? res.pipe(createBrotliDecompress()) : encoding === 'gzip' ? res.pipe(createGunzip()) : res;
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
          stream.on('error', reject);
        })
        .on('error', reject);
    });
  }

  it('streams a CSV export through the compressor (chunked, no length known up front) with the same rows', async () => {
    const url = `/api/surveys/${surveyId}/export.csv`;
    const plain = await download(url, keyHeaders);
    expect(plain.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(plain.body.split('\n').filter(Boolean)).toHaveLength(41);
    for (const encoding of ['br', 'gzip']) {
      const compressed = await download(url, { ...keyHeaders, 'accept-encoding': encoding });
      expect(compressed.headers['content-encoding']).toBe(encoding);
      expect(compressed.headers['transfer-encoding']).toBe('chunked');
      expect(compressed.headers['content-length']).toBeUndefined();
      expect(compressed.headers['cache-control']).toBe('no-store');
      expect(compressed.body).toBe(plain.body);
    }
  });
});
