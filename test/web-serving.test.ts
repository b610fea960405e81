import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from './databases.js';
import { buildTestApp } from './helper.js';

describe('the web app served by the API', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    app = await buildTestApp(database, { web: true });
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('answers a deep link with the app shell, so a reload of /s/<id> or /app/… works', async () => {
    for (const url of ['/s/d0000000-0000-4000-8000-000000000002', '/app', '/app/some/later/page?x=1']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).toContain('<script');
    }
  });

  it('allows exactly the inline scripts of the shell in its Content-Security-Policy, without unsafe-inline', async () => {
    const res = await app.inject({ url: '/app' });
    const csp = String(res.headers['content-security-policy']);
    const scriptSrc = csp.split(';').find((directive) => directive.startsWith('script-src '))!;
    expect(scriptSrc).not.toContain('unsafe-inline');
    const inline = [...res.body.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '');
    expect(inline.length).toBeGreaterThan(0);
    for (const script of inline) {
      expect(scriptSrc).toContain(`'sha256-${createHash('sha256').update(script).digest('base64')}'`);
    }
  });

  it('keeps unknown API routes and non-GET requests as JSON 404s', async () => {
    for (const [method, url] of [['GET', '/api/nope'], ['POST', '/app'], ['DELETE', '/api/surveys']] as const) {
      const res = await app.inject({ method, url });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json().error.code).toBe('ROUTE_NOT_FOUND');
    }
  });
});
