/**
 * One typed configuration object read from the environment, validated once at start.
 * A bad value stops the server with a message naming the variable and what is wrong.
 */
import { isIP } from 'node:net';
import path from 'node:path';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  port: number;
  host: string;
  /** PostgreSQL connection string; when absent, an embedded PGlite database lives in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: LogLevel;
  /** Largest accepted request body in bytes. */
  bodyLimit: number;
  /** Folder with the built web app (adapter-static output); served when it exists. */
  webBuildDir: string;
  /** Submitted responses accepted per client address per minute; 0 turns the limit off. */
  rateLimitPerMinute: number;
  /**
   * Which X-Forwarded-For hops to believe, as Fastify's `trustProxy` takes them: false (none), a number of
   * proxy hops in front of the server, or the proxies' addresses / CIDR ranges. Never `true` (every hop),
   * which would let any client choose its own address and so its own rate-limit bucket.
   */
  trustProxy: false | number | string[];
  /** Most milliseconds a client may take to send a whole request (Fastify requestTimeout); slow trickles are cut off. */
  requestTimeoutMs: number;
  /** Most milliseconds a connection may sit idle (Fastify connectionTimeout). */
  connectionTimeoutMs: number;
  /** Reports and exports running at once for one company; more answer 429 REPORT_BUSY. */
  reportConcurrencyPerCompany: number;
  /** Reports and exports running at once in this process, all companies together. */
  reportConcurrencyPerProcess: number;
  /** Report and export requests accepted per client address per minute; 0 turns the limit off. */
  reportRateLimitPerMinute: number;
  /** Requests to the public one-time link routes (/api/links/…) per client address per minute; 0 turns the limit off. */
  linkRateLimitPerMinute: number;
  /** Failed sign-ins per account per window, and sign-in attempts per client address per window. */
  signInLimit: { perAccount: number; perAddress: number; windowMinutes: number };
  /** The address people reach the app at, for one-time links (e.g. https://lens.example.com); else taken from the request. */
  publicUrl: string | undefined;
  /** NODE_ENV=production: no demo accounts; a one-time setup link for the first admin instead. */
  production: boolean;
  /** PostgreSQL limits, in ms, after which a request answers 503 DATABASE_UNAVAILABLE instead of waiting. */
  databaseTimeouts: {
    /** Opening a connection or waiting for a pooled one. */
    connectMs: number;
    /** statement_timeout of every statement (the client stops waiting shortly after). */
    statementMs: number;
    /** statement_timeout of the report's and export's streams, migrations and seeding. */
    longRunningMs: number;
    /** The health check's own limit. */
    healthMs: number;
  };
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`${variable}: ${reason}`);
    this.name = 'ConfigError';
  }
}

const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');

function integerIn(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, `expected a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}


/** The named ranges proxy-addr (Fastify's trustProxy) understands besides addresses and CIDRs. */
const NAMED_PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrCidr(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  if (rest.length > 0 || !address) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: unset/false/0 → trust nobody; a whole number → that many proxy hops; otherwise a
 * comma-separated list of proxy addresses, CIDR ranges or loopback/linklocal/uniquelocal.
 */
function trustProxyFrom(env: NodeJS.ProcessEnv): false | number | string[] {
  const raw = env.TRUST_PROXY?.trim() ?? '';
  const lower = raw.toLowerCase();
  if (lower === '' || lower === 'false' || lower === '0') return false;
  if (lower === 'true') {
    throw new ConfigError(
      'TRUST_PROXY',
      'true would trust every hop, so any client could pick its own address; give the number of proxies in front (e.g. 1) or their addresses (e.g. 10.0.0.0/8,127.0.0.1)',
    );
  }
  if (/^\d+$/.test(lower)) {
    const hops = Number(lower);
    if (hops > 10) throw new ConfigError('TRUST_PROXY', `expected at most 10 proxy hops, got ${hops}`);
    return hops;
  }
  const entries = raw.split(',').map((entry) => entry.trim()).filter(Boolean);
  const bad = entries.find((entry) => !NAMED_PROXY_RANGES.has(entry.toLowerCase()) && !isAddressOrCidr(entry));
  if (bad !== undefined || entries.length === 0) {
    throw new ConfigError('TRUST_PROXY', `expected a number of hops or proxy addresses/CIDRs separated by commas, got "${bad ?? raw}"`);
  }
  return entries.map((entry) => (NAMED_PROXY_RANGES.has(entry.toLowerCase()) ? entry.toLowerCase() : entry));
}

function databaseUrlFrom(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.DATABASE_URL?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('DATABASE_URL', 'is not a valid URL; expected postgres://user@host:5432/database');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError('DATABASE_URL', `must start with postgres:// or postgresql://, got "${url.protocol}//"`);
  }
  return raw;
}

function publicUrlFrom(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.PUBLIC_URL?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('PUBLIC_URL', `is not a URL; expected e.g. https://lens.example.com, got "${raw}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError('PUBLIC_URL', `must start with https:// or http://, got "${raw}"`);
  return url.origin;
}

/**
 * Reads and validates the configuration.
 * @example loadConfig({ PORT: '8080' }).port // 8080
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const logLevel = (env.LOG_LEVEL?.trim() || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  }
  const host = env.HOST?.trim() || '0.0.0.0';
  if (/\s/.test(host)) throw new ConfigError('HOST', `must be a host name or address, got "${host}"`);
  return {
    port: integerIn(env, 'PORT', 3000, 0, 65535),
    host,
    databaseUrl: databaseUrlFrom(env),
    dataDir: path.resolve(REPO_ROOT, env.DATA_DIR?.trim() || 'data'),
    logLevel,
    bodyLimit: integerIn(env, 'BODY_LIMIT', 64 * 1024, 1024, 10 * 1024 * 1024),
    webBuildDir: path.resolve(REPO_ROOT, env.WEB_BUILD_DIR?.trim() || 'web/build'),
    rateLimitPerMinute: integerIn(env, 'RATE_LIMIT_PER_MINUTE', 60, 0, 1_000_000),
    trustProxy: trustProxyFrom(env),
    requestTimeoutMs: integerIn(env, 'REQUEST_TIMEOUT_MS', 30_000, 100, 600_000),
    connectionTimeoutMs: integerIn(env, 'CONNECTION_TIMEOUT_MS', 30_000, 100, 600_000),
    reportConcurrencyPerCompany: integerIn(env, 'REPORT_CONCURRENCY_PER_COMPANY', 2, 1, 1000),
    reportConcurrencyPerProcess: integerIn(env, 'REPORT_CONCURRENCY_PER_PROCESS', 4, 1, 1000),
    reportRateLimitPerMinute: integerIn(env, 'REPORT_RATE_LIMIT_PER_MINUTE', 120, 0, 1_000_000),
    signInLimit: {
      perAccount: integerIn(env, 'SIGN_IN_LIMIT_PER_ACCOUNT', 10, 1, 1_000_000),
      perAddress: integerIn(env, 'SIGN_IN_LIMIT_PER_ADDRESS', 50, 1, 1_000_000),
      windowMinutes: integerIn(env, 'SIGN_IN_WINDOW_MINUTES', 15, 1, 1440),
    },
    publicUrl: publicUrlFrom(env),
    production: env.NODE_ENV?.trim() === 'production',
    linkRateLimitPerMinute: integerIn(env, 'LINK_RATE_LIMIT_PER_MINUTE', 30, 0, 1_000_000),
    databaseTimeouts: {
      connectMs: integerIn(env, 'DATABASE_CONNECT_TIMEOUT_MS', 3000, 100, 600_000),
      statementMs: integerIn(env, 'DATABASE_STATEMENT_TIMEOUT_MS', 5000, 100, 3_600_000),
      longRunningMs: integerIn(env, 'DATABASE_REPORT_TIMEOUT_MS', 600_000, 100, 86_400_000),
      healthMs: integerIn(env, 'DATABASE_HEALTH_TIMEOUT_MS', 2000, 100, 600_000),
    },
  };
}
