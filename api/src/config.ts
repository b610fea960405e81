/**
 * One typed configuration object read from the environment, validated once at start.
 * A bad value stops the server with a message naming the variable and what is wrong.
 */
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
  /** Take the client address from X-Forwarded-For (only behind a proxy you run). */
  trustProxy: boolean;
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

function booleanFrom(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(name, `expected true or false, got "${env[name]}"`);
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
    trustProxy: booleanFrom(env, 'TRUST_PROXY', false),
    databaseTimeouts: {
      connectMs: integerIn(env, 'DATABASE_CONNECT_TIMEOUT_MS', 3000, 100, 600_000),
      statementMs: integerIn(env, 'DATABASE_STATEMENT_TIMEOUT_MS', 5000, 100, 3_600_000),
      longRunningMs: integerIn(env, 'DATABASE_REPORT_TIMEOUT_MS', 600_000, 100, 86_400_000),
      healthMs: integerIn(env, 'DATABASE_HEALTH_TIMEOUT_MS', 2000, 100, 600_000),
    },
  };
}
