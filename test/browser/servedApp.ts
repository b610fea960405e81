/**
 * The app with its web build over a test database, listening on a free loopback port, with Debian's
 * Chromium to drive it: what every browser test starts in its beforeAll.
 */
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { SESSION_COOKIE } from '../../api/src/accounts/sessions.js';
import type { TestDatabase } from '../databases.js';
import { buildTestApp, signedInMember } from '../helper.js';
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

/**
 * A browser context signed in as a new analyst of the company: the `ll_session` cookie of a started
 * session on the app's host, which the dashboard's same-origin fetches send.
 * @example const context = await signedInContext(served, database, companyId, { viewport }); … await context.close();
 */
export async function signedInContext(
  served: ServedApp,
  database: TestDatabase,
  companyId: string,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  const { headers } = await signedInMember(database, companyId, 'analyst');
  const token = headers.cookie.slice(`${SESSION_COOKIE}=`.length);
  const context = await served.browser.newContext(options);
  await context.addCookies([{ name: SESSION_COOKIE, value: token, url: served.baseUrl, httpOnly: true, sameSite: 'Lax' }]);
  return context;
}
