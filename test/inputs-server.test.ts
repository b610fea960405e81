/**
 * What only a listening server shows (app.inject skips Node's HTTP parser and sockets): headers too
 * large, a client trickling its body in, and which address X-Forwarded-For may claim.
 */
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../api/src/app.js';
import { loadConfig } from '../api/src/config.js';
import { openTestDatabase, type TestDatabase } from './databases.js';
import { createSurvey } from './helper.js';
import { shortWithComment, validShort } from './inputs-fixtures.js';

/** Sends raw bytes, then reads until the server closes; returns what came back and how long it took. */
function rawExchange(port: number, chunks: Array<string | Buffer>, gapMs: number): Promise<{ response: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = net.connect(port, '127.0.0.1');
    let response = '';
    let timer: NodeJS.Timeout | undefined;
    socket.on('data', (data) => (response += data.toString()));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ response, ms: Date.now() - started });
    });
    let next = 0;
    const send = () => {
      if (socket.destroyed || next >= chunks.length) return;
      socket.write(chunks[next++]!);
      timer = setTimeout(send, gapMs);
    };
    socket.on('connect', send);
    setTimeout(() => {
      socket.destroy();
      reject(new Error('the server kept the connection open for 20 s'));
    }, 20_000).unref();
  });
}

async function listen(
  database: TestDatabase,
  env: Record<string, string>,
  beforeListen: (app: FastifyInstance) => void = () => {},
): Promise<{ app: FastifyInstance; port: number }> {
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '2',
    WEB_BUILD_DIR: path.join(os.tmpdir(), 'loyalty-lens-no-web-build'),
    ...env,
  });
  const app = await buildApp(config, { database });
  beforeListen(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { app, port: address.port };
}

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase('pglite');
});
afterAll(async () => database.close());

describe('a listening server', () => {
  let surveyId: string;
  let app: FastifyInstance;
  let port: number;

  beforeAll(async () => {
    surveyId = (await createSurvey(database, shortWithComment())).surveyId;
    ({ app, port } = await listen(database, { REQUEST_TIMEOUT_MS: '1500', CONNECTION_TIMEOUT_MS: '1500' }));
  });
  afterAll(async () => app.close());

  it('answers headers larger than Node accepts with 431 HEADERS_TOO_LARGE in the envelope', async () => {
    const request = `GET /api/surveys HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`;
    const { response } = await rawExchange(port, [request], 10);
    expect(response).toMatch(/^HTTP\/1\.1 431 /);
    const body = JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4));
    expect(body.error.code).toBe('HEADERS_TOO_LARGE');
  });

  it('cuts off a body trickled in one byte at a time once REQUEST_TIMEOUT_MS has passed, storing nothing', async () => {
    const payload = JSON.stringify({ clientSubmissionId: randomUUID(), language: 'en', answers: validShort });
    const head =
      `POST /api/surveys/${surveyId}/responses HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(payload)}\r\n\r\n`;
    // One byte every 400 ms: never idle for the connection timeout, but the whole request would take ~50 s.
    const { response, ms } = await rawExchange(port, [head, ...payload.split('')], 400);
    expect(ms).toBeLessThan(8_000);
    expect(response).toMatch(/^HTTP\/1\.1 408 /);
    expect(JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4)).error.code).toBe('REQUEST_TIMEOUT');
    const { n } = await database.db.selectFrom('response').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n)).toBe(0);
  });

  it('ignores X-Forwarded-For when no proxy is trusted, so a client cannot pick a fresh rate-limit bucket', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`http://127.0.0.1:${port}/api/surveys/${surveyId}/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${i}` },
        body: JSON.stringify({ clientSubmissionId: randomUUID(), language: 'en', answers: validShort }),
      });
      statuses.push(res.status);
    }
    // Two per minute, and the trickled request above already took one: had each claimed address counted, all three would pass.
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('TRUST_PROXY', () => {
  it.each([
    ['one hop', '1'],
    ['the proxy address', '127.0.0.1'],
    ['a CIDR holding the proxy', '127.0.0.0/8'],
  ])('takes the client address from X-Forwarded-For behind %s', async (_name, trustProxy) => {
    const addresses: string[] = [];
    const { app, port } = await listen(database, { TRUST_PROXY: trustProxy }, (app) =>
      app.addHook('onRequest', async (request) => void addresses.push(request.ip)),
    );
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`, { headers: { 'x-forwarded-for': '198.51.100.7, 203.0.113.9' } });
      expect(res.status).toBeLessThan(500);
      expect(addresses).toEqual(['203.0.113.9']);
    } finally {
      await app.close();
    }
  });

  it('believes nothing from X-Forwarded-For when the peer is not a listed proxy', async () => {
    const addresses: string[] = [];
    const { app, port } = await listen(database, { TRUST_PROXY: '10.0.0.0/8' }, (app) =>
      app.addHook('onRequest', async (request) => void addresses.push(request.ip)),
    );
    try {
      await fetch(`http://127.0.0.1:${port}/api/health`, { headers: { 'x-forwarded-for': '198.51.100.7' } });
      expect(addresses).toEqual(['127.0.0.1']);
    } finally {
      await app.close();
    }
  });
});
