/**
 * Security headers: pages may not be framed, HSTS only when the request came over HTTPS, no
 * X-Powered-By; on the app pages and on the API.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, describeEachDatabase } from './helper.js';

describeEachDatabase('security headers', (context) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp(context.database(), { env: { TRUST_PROXY: '1' } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it("sends frame-ancestors 'none' and no X-Powered-By on pages and API answers", async () => {
    for (const url of ['/app/surveys', '/api/health']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
      expect(response.headers['x-powered-by'], url).toBeUndefined();
    }
    expect((await app.inject({ method: 'GET', url: '/app/surveys' })).headers['x-frame-options']).toBe('DENY');
  });

  it('sends HSTS over HTTPS only', async () => {
    for (const url of ['/app/surveys', '/api/health']) {
      const overHttp = await app.inject({ method: 'GET', url });
      expect(overHttp.headers['strict-transport-security'], url).toBeUndefined();
      const overHttps = await app.inject({ method: 'GET', url, headers: { 'x-forwarded-proto': 'https' } });
      expect(overHttps.headers['strict-transport-security'], url).toBe('max-age=31536000; includeSubDomains');
    }
  });
});
