/**
 * buildApp(config) → a ready Fastify instance: plugins, then the API routes under /api, then the
 * web app. No side effects on import; server.ts is the only file that listens.
 */
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { TypeBoxValidatorCompiler, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from './config.js';
import {
  DATABASE_RETRY_AFTER_SECONDS,
  isDatabaseUnavailable,
  openDatabase,
  type BorrowedClient,
  type DatabaseHandle,
  type DatabaseKind,
} from './db/database.js';
import type { Database } from './db/schema.js';
import { ApiError, type ErrorBody, type FieldProblem } from './errors.js';
import { exportRoutes } from './exports/routes.js';
import { healthRoutes } from './health/routes.js';
import { reportRoutes } from './reports/routes.js';
import { responseRoutes } from './responses/routes.js';
import { surveyRoutes } from './surveys/routes.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>;
    databaseKind: DatabaseKind;
    /** A raw pg client for `COPY … TO STDOUT` streams; null on PGlite (DatabaseHandle.acquireClient). */
    acquireDatabaseClient: (() => Promise<BorrowedClient>) | null;
  }
}

export interface BuildOptions {
  /** An open database; when absent, buildApp opens the one the config names and closes it with the app. */
  database?: DatabaseHandle;
}

const FASTIFY_ERRORS: Record<string, ApiError> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: new ApiError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as JSON with Content-Type: application/json.'),
  FST_ERR_CTP_INVALID_JSON_BODY: new ApiError('INVALID_JSON', 'The body is not valid JSON; check quotes, commas and brackets.'),
  FST_ERR_CTP_EMPTY_JSON_BODY: new ApiError('INVALID_JSON', 'The body is empty; send a JSON object.'),
  FST_ERR_CTP_BODY_TOO_LARGE: new ApiError('BODY_TOO_LARGE', 'The body is larger than the server accepts (BODY_LIMIT); shorten the answers.'),
};

interface ValidationIssue {
  instancePath: string;
  message?: string;
  params?: { requiredProperties?: string[]; additionalProperties?: string[] };
}

/** One field problem per schema complaint, with a JSON pointer a client can map to its input. */
function fieldProblems(issues: ValidationIssue[], context: string | undefined): FieldProblem[] {
  const prefix = context && context !== 'body' ? `/${context === 'querystring' ? 'query' : context}` : '';
  const problems: FieldProblem[] = [];
  for (const issue of issues) {
    const base = `${prefix}${issue.instancePath}`;
    if (issue.params?.requiredProperties) {
      for (const name of issue.params.requiredProperties) problems.push({ path: `${base}/${name}`, message: 'is required' });
    } else if (issue.params?.additionalProperties) {
      for (const name of issue.params.additionalProperties) {
        problems.push({ path: `${base}/${name}`, message: 'is not a known field; remove it' });
      }
    } else if (!issue.message?.startsWith('schema is false')) {
      problems.push({ path: base || '/', message: issue.message ?? 'is invalid' });
    }
  }
  return problems;
}

function toApiError(error: FastifyError): ApiError | undefined {
  if (error instanceof ApiError) return error;
  if (error.validation) {
    const fields = fieldProblems(error.validation as ValidationIssue[], error.validationContext);
    const first = fields[0];
    return new ApiError('VALIDATION_FAILED', first ? `${first.path} ${first.message}.` : 'The request is invalid.', fields);
  }
  const known = FASTIFY_ERRORS[error.code];
  if (known) return known;
  if (isDatabaseUnavailable(error)) return new ApiError('DATABASE_UNAVAILABLE', 'The database does not answer; try again shortly.');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new ApiError('VALIDATION_FAILED', error.message);
  }
  return undefined;
}

/** SHA-256 of each inline <script> in the built HTML, for a CSP without 'unsafe-inline' (STACK.md). */
function inlineScriptHashes(buildDir: string): string[] {
  const hashes = new Set<string>();
  for (const entry of fs.readdirSync(buildDir, { recursive: true, encoding: 'utf8' })) {
    if (!entry.endsWith('.html')) continue;
    const html = fs.readFileSync(path.join(buildDir, entry), 'utf8');
    for (const match of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
      hashes.add(`'sha256-${createHash('sha256').update(match[1] ?? '').digest('base64')}'`);
    }
  }
  return [...hashes];
}

/** Registers helmet and the built web app; returns the SPA shell (200.html) when there is a build. */
async function registerWeb(app: FastifyInstance, buildDir: string): Promise<Buffer | undefined> {
  const fallback = path.join(buildDir, '200.html');
  const hasWeb = fs.existsSync(fallback);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        scriptSrc: ["'self'", ...(hasWeb ? inlineScriptHashes(buildDir) : [])],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        // Served over plain HTTP on localhost and LANs; TLS and HSTS belong to the proxy in front.
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: false,
  });
  if (!hasWeb) {
    app.log.warn(`No web build in ${buildDir}: run "npm run build" to serve the survey and dashboard pages.`);
    return undefined;
  }
  await app.register(fastifyStatic, { root: buildDir, wildcard: false, preCompressed: true, index: ['index.html'] });
  return fs.readFileSync(fallback);
}

/**
 * @example const app = await buildApp(loadConfig()); await app.ready();
 */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: config.logLevel },
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(TypeBoxValidatorCompiler);

  const database =
    options.database ??
    (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, timeouts: config.databaseTimeouts }));
  app.decorate('db', database.db);
  app.decorate('databaseKind', database.kind);
  app.decorate('acquireDatabaseClient', database.acquireClient);
  if (!options.database) app.addHook('onClose', async () => database.close());

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const apiError = toApiError(error);
    if (apiError) {
      if (apiError.status >= 500) request.log.error({ err: error }, apiError.message);
      if (apiError.code === 'DATABASE_UNAVAILABLE') reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
      return reply.code(apiError.status).send(apiError.toBody());
    }
    request.log.error({ err: error }, 'unhandled error');
    const body: ErrorBody = {
      error: { code: 'INTERNAL', message: 'Something went wrong on our side; please try again.', fields: [] },
    };
    return reply.code(500).send(body);
  });

  // Only routes that opt in (config.rateLimit) are limited: the public response submission.
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new ApiError('RATE_LIMITED', `Too many answers from this address; try again in ${Math.ceil(context.ttl / 1000)} s.`),
  });

  // Client routes (/s/<id>, /app/…) are rendered by the SPA shell, so deep links survive a reload.
  const webShell = await registerWeb(app, config.webBuildDir);

  await app.register(
    async (api) => {
      await api.register(healthRoutes, { timeoutMs: config.databaseTimeouts.healthMs });
      await api.register(surveyRoutes);
      await api.register(responseRoutes, { rateLimitPerMinute: config.rateLimitPerMinute });
      await api.register(reportRoutes);
      await api.register(exportRoutes);
    },
    { prefix: '/api' },
  );

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.url === '/api' || !webShell || (request.method !== 'GET' && request.method !== 'HEAD')) {
      const body: ErrorBody = {
        error: { code: 'ROUTE_NOT_FOUND', message: `No route ${request.method} ${request.url.split('?')[0]}.`, fields: [] },
      };
      return reply.code(404).send(body);
    }
    return reply.code(200).type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(webShell);
  });

  return app;
}
