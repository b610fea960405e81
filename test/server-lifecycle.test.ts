import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SURVEY_ID } from '../scripts/demo/seed.js';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Starts `npm run seed` or the server as a real process on a PGlite folder. */
function run(script: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', WEB_BUILD_DIR: path.join(os.tmpdir(), 'll-no-web'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function output(child: ChildProcess): { text: () => string } {
  let text = '';
  child.stdout?.on('data', (chunk) => (text += chunk));
  child.stderr?.on('data', (chunk) => (text += chunk));
  return { text: () => text };
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function listening(child: ChildProcess, log: { text: () => string }): Promise<string> {
  for (let waited = 0; waited < 60_000; waited += 100) {
    const match = /Loyalty Lens API on (http:\/\/\S+)/.exec(log.text());
    if (match) return match[1]!;
    if (child.exitCode !== null) throw new Error(`server exited early:\n${log.text()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server did not start:\n${log.text()}`);
}

describe('the server process on the embedded database', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'll-lifecycle-'));
    const seed = run('scripts/seed.ts', { DATA_DIR: dataDir });
    const log = output(seed);
    expect(await exited(seed), log.text()).toBe(0);
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('keeps an acknowledged response across SIGTERM and a restart, and refuses a second process meanwhile', async () => {
    const server = run('api/src/server.ts', { DATA_DIR: dataDir, PORT: '0' });
    const log = output(server);
    const url = await listening(server, log);

    const second = run('api/src/server.ts', { DATA_DIR: dataDir, PORT: '0' });
    const secondLog = output(second);
    expect(await exited(second)).toBe(1);
    expect(secondLog.text()).toContain('is in use by another process');

    const clientSubmissionId = randomUUID();
    const answers = { sat_overall: 5, recommend: 10, repurchase: 5, stay_vs_competitor: 5, promo_decided: 'no', full_price_return: 5 };
    const posted = await fetch(`${url}/api/surveys/${DEMO_SURVEY_ID}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientSubmissionId, language: 'en', answers }),
    });
    expect(posted.status).toBe(201);
    const { id } = (await posted.json()) as { id: string };

    server.kill('SIGTERM');
    expect(await exited(server), log.text()).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'loyalty-lens.lock'))).toBe(false);

    const restarted = run('api/src/server.ts', { DATA_DIR: dataDir, PORT: '0' });
    const restartedLog = output(restarted);
    const url2 = await listening(restarted, restartedLog);
    const retry = await fetch(`${url2}/api/surveys/${DEMO_SURVEY_ID}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientSubmissionId, language: 'en', answers }),
    });
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual({ id, duplicate: true });
    const summary = (await (await fetch(`${url2}/api/surveys/${DEMO_SURVEY_ID}/summary`)).json()) as { responseCount: number };
    expect(summary.responseCount).toBe(2001);
    restarted.kill('SIGINT');
    expect(await exited(restarted)).toBe(0);
  });

  it('keeps an acknowledged response when the process is killed outright, and takes over its stale lock', async () => {
    const server = run('api/src/server.ts', { DATA_DIR: dataDir, PORT: '0' });
    const url = await listening(server, output(server));
    const clientSubmissionId = randomUUID();
    const answers = { sat_overall: 2, recommend: 3, repurchase: 2, stay_vs_competitor: 1, promo_decided: 'yes', full_price_return: 1 };
    const posted = await fetch(`${url}/api/surveys/${DEMO_SURVEY_ID}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientSubmissionId, language: 'ru', answers }),
    });
    expect(posted.status).toBe(201);
    const { id } = (await posted.json()) as { id: string };

    server.kill('SIGKILL');
    await exited(server);
    expect(fs.existsSync(path.join(dataDir, 'loyalty-lens.lock'))).toBe(true);

    const restarted = run('api/src/server.ts', { DATA_DIR: dataDir, PORT: '0' });
    const url2 = await listening(restarted, output(restarted));
    const retry = await fetch(`${url2}/api/surveys/${DEMO_SURVEY_ID}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientSubmissionId, language: 'ru', answers }),
    });
    expect(await retry.json()).toEqual({ id, duplicate: true });
    restarted.kill('SIGTERM');
    expect(await exited(restarted)).toBe(0);
  });
});
