/**
 * buildApp(config) → a ready Fastify instance: plugins, then the API routes under /api, then the
 * web app. No side effects on import; server.ts is the only file that listens.
 */
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import path from 'node:path';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { negotiate } from '@fastify/accept-negotiator';
import compress from '@fastify/compress';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { TypeBoxValidatorCompiler, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Socket } from 'node:net';
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
import { linkRoutes } from './accounts/linkRoutes.js';
import { withoutLinkTokens } from './accounts/links.js';
import { registerAccess, type RouteEntry } from './accounts/plugin.js';
import { sessionRoutes } from './accounts/routes.js';
import { userRoutes } from './accounts/userRoutes.js';
import { apiKeyRoutes } from './accounts/apiKeyRoutes.js';
import { auditRoutes } from './audit/routes.js';
import { companyRoutes } from './companies/routes.js';
import { erasureRoutes } from './erasures/routes.js';
import { exportRoutes } from './exports/routes.js';
import { healthRoutes } from './health/routes.js';
import { registerHsts } from './hsts.js';
import { registerJsonBodyParser } from './jsonBody.js';
import { openApiRoutes, registerOpenApi } from './openapi.js';
import { reportRoutes } from './reports/routes.js';
import { ReportSlots } from './reports/slots.js';
import { responseRoutes } from './responses/routes.js';
import { surveyRoutes } from './surveys/routes.js';
import { builderRoutes } from './surveys/builderRoutes.js';
import { publicSurveyRoutes } from './surveys/publicRoutes.js';
import { inviteRoutes } from './invites/routes.js';
import { brandingRoutes } from './companies/brandingRoutes.js';
import { purchaseRoutes } from './purchases/routes.js';
import { changeEventRoutes } from './changeEvents/routes.js';
import { drillDownRoutes } from './reports/drillDownRoutes.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>;
    databaseKind: DatabaseKind;
    /** A raw pg client for `COPY … TO STDOUT` streams; null on PGlite (DatabaseHandle.acquireClient). */
    acquireDatabaseClient: (() => Promise<BorrowedClient>) | null;
    /** A raw pg client of the request pool for the submission's prepared statements; null on PGlite. */
    acquireRequestClient: (() => Promise<BorrowedClient>) | null;
    /** Every /api route with who may call it, filled as routes register. */
    routeTable: RouteEntry[];
  }
}

export interface BuildOptions {
  /** An open database; when absent, buildApp opens the one the config names and closes it with the app. */
  database?: DatabaseHandle;
  /** Where the log goes instead of stdout (tests capture it to search it for secrets). */
  logStream?: NodeJS.WritableStream;
}

const FASTIFY_ERRORS: Record<string, ApiError> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: new ApiError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as JSON with Content-Type: application/json.'),
  FST_ERR_CTP_INVALID_JSON_BODY: new ApiError('INVALID_JSON', 'The body is not valid JSON; check quotes, commas and brackets.'),
  FST_ERR_CTP_EMPTY_JSON_BODY: new ApiError('INVALID_JSON', 'The body is empty; send a JSON object.'),
  FST_ERR_CTP_BODY_TOO_LARGE: new ApiError('BODY_TOO_LARGE', 'The body is larger than the server accepts (BODY_LIMIT); shorten the answers.'),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: new ApiError('BAD_REQUEST', 'The Content-Length header does not match the body; send the body whole.'),
  FST_ERR_BAD_URL: new ApiError('BAD_REQUEST', 'The URL is not valid percent-encoding; encode it with encodeURIComponent.'),
  FST_ERR_MAX_PARAM_LENGTH: new ApiError('VALIDATION_FAILED', 'A path parameter is longer than 100 characters; check the id in the URL.'),
};

/**
 * Errors Node's HTTP parser raises before Fastify has a request (Fastify's clientErrorHandler),
 * answered in the API's envelope on the raw socket.
 */
function clientErrorBody(error: NodeJS.ErrnoException): ApiError {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return new ApiError('REQUEST_TIMEOUT', 'The request took too long to arrive (REQUEST_TIMEOUT_MS); send it again in one go.');
  }
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return new ApiError('HEADERS_TOO_LARGE', 'The request headers are too large; send fewer or shorter cookies and headers.');
  }
  return new ApiError('BAD_REQUEST', 'The HTTP request is malformed.');
}

/** Headers for JSON API answers, fixed once: what helmet would add that matters for JSON, without helmet's per-request work. */
const API_SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
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
  // Any other 4xx Fastify raises (FST_ERR_*) is the request's fault; its message names the problem.
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new ApiError('BAD_REQUEST', error.message);
  }
  return undefined;
}

/**
 * Fastify's trustProxy from TRUST_PROXY. A hop count becomes a function trusting the nearest N hops
 * (Fastify 5.12 treats a bare number as "trust none"): the right choice only when the server cannot be
 * reached except through those proxies; a list of proxy addresses is checked against the actual peer.
 */
function trustProxyOption(trustProxy: Config['trustProxy']): false | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trustProxy === 'number') return (_address, hop) => hop < trustProxy;
  return trustProxy;
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

/**
 * Text worth compressing: HTML, JS, CSS, JSON, CSV, SVG and other text (not event streams, which must
 * flush each event); images such as the logo are compressed already.
 */
const COMPRESSIBLE_TYPES = /^(?:text\/(?!event-stream)[a-z0-9.+-]+|application\/(?:[a-z0-9.-]+\+)?(?:json|javascript|xml)|image\/svg\+xml)(?:;|$)/i;
const SHELL_ENCODINGS = ['br', 'gzip'] as const;
type ShellEncoding = (typeof SHELL_ENCODINGS)[number];

/** Fingerprinted build output (SvelteKit's /_app/immutable/): a new build gives new names, so a year is safe. */
const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';

/**
 * The SPA shell (200.html), compressed once at start-up: the not-found handler that sends it runs no
 * route hooks, so @fastify/compress (which works per route) never sees it.
 */
interface WebShell {
  identity: Buffer;
  encoded: Record<ShellEncoding, Buffer>;
}

/** Sends the shell in the best encoding the client accepts, never cached (a new build must show at once). */
function sendWebShell(shell: WebShell, request: FastifyRequest, reply: FastifyReply) {
  const accepted = request.headers['accept-encoding'];
  const encoding = typeof accepted === 'string' ? negotiate(accepted, [...SHELL_ENCODINGS]) : null;
  reply.code(200).type('text/html; charset=utf-8').header('cache-control', 'no-cache').header('vary', 'accept-encoding');
  if (!encoding) return reply.send(shell.identity);
  return reply.header('content-encoding', encoding).send(shell.encoded[encoding]);
}

/**
 * Registers compression, helmet and the built web app; returns the SPA shell when there is a build.
 * Compression (brotli, else gzip) covers every route registered after it, the API's included; text
 * under 1 KB is sent as it is. Streams (CSV exports) stay streams: each chunk goes through the
 * compressor as it comes, never buffered whole. Request bodies are not decompressed (no zip bombs).
 */
async function registerWeb(app: FastifyInstance, buildDir: string): Promise<WebShell | undefined> {
  await app.register(compress, {
    globalDecompression: false,
    encodings: [...SHELL_ENCODINGS],
    threshold: 1024,
    customTypes: COMPRESSIBLE_TYPES,
  });
  const fallback = path.join(buildDir, '200.html');
  const hasWeb = fs.existsSync(fallback);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        scriptSrc: ["'self'", ...(hasWeb ? inlineScriptHashes(buildDir) : [])],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        // No page of the app, the respondent's survey included, is meant to be framed (clickjacking).
        frameAncestors: ["'none'"],
        // Served over plain HTTP on localhost and LANs too; hsts.ts sends HSTS only over HTTPS.
        upgradeInsecureRequests: null,
      },
    },
    frameguard: { action: 'deny' },
    strictTransportSecurity: false,
  });
  if (!hasWeb) {
    app.log.warn(`No web build in ${buildDir}: run "npm run build" to serve the survey and dashboard pages.`);
    return undefined;
  }
  const immutableDir = path.join(buildDir, '_app', 'immutable') + path.sep;
  await app.register(fastifyStatic, {
    root: buildDir,
    wildcard: false,
    // The build's .br and .gz files (adapter-static precompress) when there, else compressed on the fly.
    preCompressed: true,
    index: ['index.html'],
    // Everything not fingerprinted is revalidated (ETag) on every use: HTML, version.json, the favicon.
    setHeaders: (reply, filePath) => reply.header('cache-control', filePath.startsWith(immutableDir) ? IMMUTABLE_CACHE : 'no-cache'),
  });
  const identity = fs.readFileSync(fallback);
  return {
    identity,
    encoded: {
      br: brotliCompressSync(identity, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: zlibConstants.BROTLI_MAX_QUALITY } }),
      gzip: gzipSync(identity, { level: zlibConstants.Z_BEST_COMPRESSION }),
    },
  };
}

/**
 * @example const app = await buildApp(loadConfig()); await app.ready();
 */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      ...(options.logStream ? { stream: options.logStream } : {}),
      // Fastify's request serializer, with one-time link tokens hidden from the logged URL.
      serializers: {
        req: (request: FastifyRequest) => ({
          method: request.method,
          url: withoutLinkTokens(request.url),
          host: request.host,
          remoteAddress: request.ip,
          remotePort: request.socket?.remotePort,
        }),
      },
    },
    bodyLimit: config.bodyLimit,
    trustProxy: trustProxyOption(config.trustProxy),
    // A client trickling its request in is cut off: requestTimeout bounds the whole request,
    // connectionTimeout an idle socket. Node checks requestTimeout every connectionsCheckingInterval.
    requestTimeout: config.requestTimeoutMs,
    connectionTimeout: config.connectionTimeoutMs,
    http: {
      headersTimeout: Math.min(config.requestTimeoutMs, 60_000),
      connectionsCheckingInterval: Math.min(Math.ceil(config.requestTimeoutMs / 4), 30_000),
    },
    clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket) {
      if (error.code === 'ECONNRESET' || socket.destroyed) return;
      const apiError = clientErrorBody(error);
      const body = JSON.stringify(apiError.toBody());
      if (socket.writable) {
        socket.write(
          `HTTP/1.1 ${apiError.status} ${STATUS_CODES[apiError.status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
            `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
        );
      }
      socket.destroy(error);
    },
    // Bad percent-encoding and over-long path parameters, which Fastify answers before routing.
    frameworkErrors(error, _request, reply) {
      const apiError = FASTIFY_ERRORS[error.code] ?? new ApiError('BAD_REQUEST', 'The request is malformed.');
      return (reply as FastifyReply).code(apiError.status).headers(API_SECURITY_HEADERS).send(apiError.toBody());
    },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(TypeBoxValidatorCompiler);
  registerJsonBodyParser(app);

  const database =
    options.database ??
    (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, timeouts: config.databaseTimeouts }));
  app.decorate('db', database.db);
  app.decorate('databaseKind', database.kind);
  app.decorate('acquireDatabaseClient', database.acquireClient);
  app.decorate('acquireRequestClient', database.acquireRequestClient);
  if (!options.database) app.addHook('onClose', async () => database.close());

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const apiError = toApiError(error);
    if (apiError) {
      if (apiError.status >= 500) request.log.error({ err: error }, apiError.message);
      if (apiError.code === 'DATABASE_UNAVAILABLE') reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
      if (apiError.retryAfterSeconds !== undefined) reply.header('retry-after', String(apiError.retryAfterSeconds));
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
    // Counters of every limiter (submissions, reports, sign-in per account and address, links) share
    // one LRU store; its default 5,000 keys would let a flood of made-up emails push a real account's
    // failed sign-ins out and reset them. 100,000 keys is a few MB.
    cache: 100_000,
    errorResponseBuilder: (_request, context) =>
      new ApiError('RATE_LIMITED', `Too many requests from this address; try again in ${Math.ceil(context.ttl / 1000)} s.`),
  });
  app.decorate('routeTable', [] as RouteEntry[]);
  registerHsts(app);
  await registerOpenApi(app);
  const reportSlots = new ReportSlots(config.reportConcurrencyPerCompany, config.reportConcurrencyPerProcess);

  // Client routes (/s/<id>, /app/…) are rendered by the SPA shell, so deep links survive a reload.
  const webShell = await registerWeb(app, config.webBuildDir);

  await app.register(
    async (api) => {
      // Helmet is for the HTML and static files; on JSON its per-request header building adds nothing
      // that the fixed API_SECURITY_HEADERS do not (helmet reads the route's config.helmet at request time).
      api.addHook('onRoute', (route) => {
        route.config = { ...route.config, helmet: { skipRoute: true } } as typeof route.config;
      });
      api.addHook('onRequest', (_request, reply, done) => {
        reply.headers(API_SECURITY_HEADERS);
        done();
      });
      await registerAccess(api, app.routeTable);
      await api.register(healthRoutes, { timeoutMs: config.databaseTimeouts.healthMs });
      await api.register(sessionRoutes, { signInLimit: config.signInLimit });
      await api.register(userRoutes, { publicUrl: config.publicUrl });
      await api.register(linkRoutes, { rateLimitPerMinute: config.linkRateLimitPerMinute });
      await api.register(apiKeyRoutes);
      await api.register(companyRoutes);
      await api.register(auditRoutes);
      await api.register(erasureRoutes);
      await api.register(surveyRoutes);
      await api.register(builderRoutes);
      await api.register(publicSurveyRoutes, { rateLimitPerMinute: config.rateLimitPerMinute });
      await api.register(inviteRoutes, { publicUrl: config.publicUrl });
      await api.register(brandingRoutes);
      await api.register(responseRoutes, { rateLimitPerMinute: config.rateLimitPerMinute });
      const heavyReads = { slots: reportSlots, rateLimitPerMinute: config.reportRateLimitPerMinute };
      await api.register(reportRoutes, heavyReads);
      await api.register(exportRoutes, heavyReads);
      await api.register(drillDownRoutes);
      await api.register(purchaseRoutes);
      await api.register(changeEventRoutes);
      await api.register(openApiRoutes);
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
    return sendWebShell(webShell, request, reply);
  });

  return app;
}
