/**
 * The app with its web build over a test database, listening on a free loopback port, with Debian's
 * Chromium to drive it: what every browser test starts in its beforeAll.
 */
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import type { TestDatabase } from '../databases.js';
import { buildTestApp } from '../helper.js';
import { launchChromium } from './chromium.js';

export interface ServedApp {
  app: FastifyInstance;
  baseUrl: string;
  browser: Browser;
  /** Closes Chromium and the app (the database stays the caller's). */
  close(): Promise<void>;
}

/**
 * @example const served = await serveWithChromium(database); await served.browser.newContext(); … await served.close();
 */
export async function serveWithChromium(database: TestDatabase): Promise<ServedApp> {
  const app = await buildTestApp(database, { web: true });
  try {
    const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    const browser = await launchChromium();
    return {
      app,
      baseUrl,
      browser,
      async close() {
        await browser.close();
        await app.close();
      },
    };
  } catch (error) {
    await app.close();
    throw error;
  }
}
