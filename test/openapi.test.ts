import { Validator } from '@seriousme/openapi-schema-validator';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteAccess } from '../api/src/accounts/permissions.js';
import { HSTS_VALUE } from '../api/src/hsts.js';
import { openApiRoutes, registerOpenApi } from '../api/src/openapi.js';
import { openTestDatabase, type TestDatabase } from './databases.js';
import { buildTestApp } from './helper.js';

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, { security?: Array<Record<string, string[]>>; description?: string }>>;
  components: { securitySchemes: Record<string, Record<string, string>> };
}

/**
 * Every route in Fastify's router as `METHOD /path`, read from printRoutes' tree (independent of what
 * swagger collected), without the HEAD routes Fastify adds for each GET.
 */
function routerRoutes(app: FastifyInstance): string[] {
  const routes: string[] = [];
  const prefixes: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+)(?: \(([^)]*)\))?$/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    const path = (prefixes[depth - 1] ?? '') + match[2];
    prefixes[depth] = path;
    prefixes.length = depth + 1;
    for (const method of (match[3] ?? '').split(', ').filter(Boolean)) {
      if (method !== 'HEAD') routes.push(`${method} ${path}`);
    }
  }
  return routes;
}

/** Fastify's `/surveys/:id` as OpenAPI's `/surveys/{id}`. */
function openApiPath(fastifyPath: string): string {
  return fastifyPath.replace(/:(\w+)/g, '{$1}');
}

describe('the OpenAPI document at /api/openapi.json', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let document: OpenApiDocument;
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    app = await buildTestApp(database);
    const res = await app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    document = res.json();
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('lists every /api route of the router, method and path', () => {
    const apiRoutes = routerRoutes(app).filter((route) => route.split(' ')[1]!.startsWith('/api/'));
    expect(apiRoutes).toContain('GET /api/openapi.json');
    expect(apiRoutes).toContain('POST /api/surveys/:id/responses');
    const documented = new Set(
      Object.entries(document.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`)),
    );
    const missing = apiRoutes.filter((route) => {
      const [method, path] = route.split(' ') as [string, string];
      return !documented.has(`${method} ${openApiPath(path)}`);
    });
    expect(missing).toEqual([]);
  });

  it('is a valid OpenAPI 3 document with both security schemes', async () => {
    expect(document.openapi).toMatch(/^3\./);
    const result = await new Validator().validate(document as unknown as Record<string, unknown>);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(document.components.securitySchemes).toEqual({
      sessionCookie: expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'll_session' }),
      apiKey: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    });
  });

  it('marks public routes with an empty security list and the others with the schemes they accept', () => {
    expect(document.paths['/api/openapi.json']?.get?.security).toEqual([]);
    expect(document.paths['/api/openapi.json']?.get?.description).toContain('Public');
    expect(document.paths['/api/health']?.get?.security).toEqual([]);
    expect(document.paths['/api/session']?.get?.security).toEqual([{ sessionCookie: [] }]);
    expect(document.paths['/api/surveys/{id}/report']?.get?.security).toEqual([{ sessionCookie: [] }, { apiKey: [] }]);
  });

  it('documents the error codes of ErrorResponse', () => {
    const json = JSON.stringify(document);
    expect(json).toContain('SURVEY_NOT_FOUND');
    expect(json).toContain('ROUTE_NOT_FOUND');
  });
});

describe('security from config.access', () => {
  it('asks a session for signed-in routes, a session or an API key for permission routes, and names the permissions', async () => {
    const app = Fastify({ logger: false });
    await registerOpenApi(app);
    const routes: Array<[string, RouteAccess]> = [
      ['/public', 'public'],
      ['/me', 'signedIn'],
      ['/reports', { anyOf: ['reports:read', 'exports:read'] }],
    ];
    await app.register(
      async (api) => {
        for (const [url, access] of routes) api.get(url, { config: { access }, schema: { description: 'What it does.' } }, async () => ({}));
        await api.register(openApiRoutes);
      },
      { prefix: '/api' },
    );
    await app.ready();
    const document = (await app.inject({ url: '/api/openapi.json' })).json() as OpenApiDocument;
    expect(document.paths['/api/public']?.get?.security).toEqual([]);
    expect(document.paths['/api/me']?.get?.security).toEqual([{ sessionCookie: [] }]);
    const reports = document.paths['/api/reports']?.get;
    expect(reports?.security).toEqual([{ sessionCookie: [] }, { apiKey: [] }]);
    expect(reports?.description).toMatch(/^What it does\.\n\n.*`reports:read`, `exports:read`/);
    await app.close();
  });
});

describe('security headers', () => {
  let database: TestDatabase;
  let plain: FastifyInstance;
  let behindProxy: FastifyInstance;
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    plain = await buildTestApp(database, { web: true });
    behindProxy = await buildTestApp(database, { web: true, env: { TRUST_PROXY: '1' } });
  });
  afterAll(async () => {
    await plain.close();
    await behindProxy.close();
    await database.close();
  });

  it('forbids framing the app pages, the respondent page included, and keeps the hash-based script-src', async () => {
    for (const url of ['/app', '/s/d0000000-0000-4000-8000-000000000002']) {
      const res = await plain.inject({ url });
      expect(res.statusCode, url).toBe(200);
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("frame-ancestors 'none'");
      const scriptSrc = csp.split(';').find((directive) => directive.startsWith('script-src '));
      expect(scriptSrc, url).toMatch(/^script-src 'self' 'sha256-/);
      expect(scriptSrc, url).not.toContain('unsafe-inline');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
    }
  });

  it('sends HSTS over HTTPS behind a trusted proxy, on pages and API alike', async () => {
    for (const url of ['/app', '/api/health']) {
      const res = await behindProxy.inject({ url, headers: { 'x-forwarded-proto': 'https' } });
      expect(res.headers['strict-transport-security'], url).toBe(HSTS_VALUE);
    }
  });

  it('never sends HSTS over plain HTTP, nor when an untrusted client claims HTTPS', async () => {
    for (const url of ['/app', '/api/health']) {
      expect((await behindProxy.inject({ url })).headers['strict-transport-security'], url).toBeUndefined();
      expect((await behindProxy.inject({ url, headers: { 'x-forwarded-proto': 'http' } })).headers['strict-transport-security']).toBeUndefined();
      const spoofed = await plain.inject({ url, headers: { 'x-forwarded-proto': 'https' } });
      expect(spoofed.headers['strict-transport-security'], url).toBeUndefined();
    }
  });

  it('sends no X-Powered-By', async () => {
    for (const url of ['/app', '/api/health', '/api/openapi.json', '/api/nope']) {
      expect((await plain.inject({ url })).headers['x-powered-by'], url).toBeUndefined();
    }
  });
});
