import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('defaults to port 3000 and the embedded database in ./data', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toBe(path.resolve(import.meta.dirname, '..', '..', 'data'));
    expect(config.logLevel).toBe('info');
  });

  it('takes a PostgreSQL URL, a port and a log level', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/ll', PORT: '8080', LOG_LEVEL: 'warn' });
    expect(config).toMatchObject({ databaseUrl: 'postgres://u@db:5432/ll', port: 8080, logLevel: 'warn' });
  });

  it('trusts no proxy by default, a number of hops, or a list of proxy addresses and CIDRs', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,::1, loopback' }).trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1', '::1', 'loopback']);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT', 'whole number'],
    [{ PORT: '70000' }, 'PORT', 'between 0 and 65535'],
    [{ DATABASE_URL: 'mysql://root@localhost/x' }, 'DATABASE_URL', 'postgres://'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL', 'not a valid URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', 'must be one of'],
    [{ BODY_LIMIT: '10' }, 'BODY_LIMIT', 'between'],
    [{ RATE_LIMIT_PER_MINUTE: '-1' }, 'RATE_LIMIT_PER_MINUTE', 'whole number'],
    [{ TRUST_PROXY: 'maybe' }, 'TRUST_PROXY', 'number of hops or proxy addresses'],
    [{ TRUST_PROXY: 'true' }, 'TRUST_PROXY', 'every hop'],
    [{ TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY', '10.0.0.0/33'],
    [{ REQUEST_TIMEOUT_MS: '5' }, 'REQUEST_TIMEOUT_MS', 'between'],
  ])('refuses %j, naming %s', (env, variable, reason) => {
    let caught: unknown;
    try {
      loadConfig(env);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).variable).toBe(variable);
    expect((caught as ConfigError).message).toContain(reason);
  });
});
