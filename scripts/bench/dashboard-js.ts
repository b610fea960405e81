/**
 * The dashboard's JavaScript, in bytes (docs/BENCHMARKS.md "Dashboard"): signs in, opens every
 * dashboard tab in Debian's Chromium, and prints per page the scripts it loaded, each gzip -9'd and
 * summed, and how much of that is Chart.js. Then the respondent page, which must load no chart code.
 * Bytes, not time: the machine's load does not change them.
 *
 * Usage (against a running demo, e.g. `npm run build && DATA_DIR=/tmp/demo PORT=3999 npm start`):
 *   npx tsx scripts/bench/dashboard-js.ts http://localhost:3999 [/s/<slug>?lang=ka]
 */
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { DASHBOARD_PAGES } from '../../web/src/routes/app/dashboardPages.js';
import { CHART_CODE } from '../../test/browser/chartCode.js';
import { launchChromium } from '../../test/browser/chromium.js';

const origin = (process.argv[2] ?? 'http://localhost:3999').replace(/\/$/, '');
const email = process.env.BENCH_EMAIL ?? 'analyst@demo.loyalty-lens.test';
const password = process.env.BENCH_PASSWORD ?? 'demo-analyst-password';
/** The demo's full check-up; another survey's public path as the second argument. */
const respondentPath = process.argv[3] ?? '/s/demo-check-up?lang=ka';

interface Scripts {
  count: number;
  gzipped: number;
  chartGzipped: number;
}

/** Every script `path` loads (a fresh page, so nothing comes from an earlier page's memory cache). */
async function scriptsOf(page: Page, path: string): Promise<Scripts> {
  const bodies = new Map<string, Buffer>();
  const collect = async (response: import('playwright-core').Response) => {
    if (response.request().resourceType() !== 'script') return;
    bodies.set(response.url(), await response.body());
  };
  page.on('response', collect);
  await page.goto(`${origin}${path}`, { waitUntil: 'networkidle' });
  page.off('response', collect);
  let gzipped = 0;
  let chartGzipped = 0;
  for (const body of bodies.values()) {
    const size = gzipSync(body, { level: 9 }).length;
    gzipped += size;
    if (CHART_CODE.test(body.toString('utf8'))) chartGzipped += size;
  }
  return { count: bodies.size, gzipped, chartGzipped };
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
const browser = await launchChromium();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${origin}/signin?next=${encodeURIComponent('/app')}`, { waitUntil: 'networkidle' });
  await page.locator('#signin-email').fill(email);
  await page.locator('#signin-password').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((reached) => reached.pathname === '/app', { timeout: 30_000 });
  console.log('| page | scripts | gzipped JS | of it chart code |');
  console.log('|---|---:|---:|---:|');
  for (const { path } of DASHBOARD_PAGES) {
    const tab = await context.newPage();
    const measured = await scriptsOf(tab, path);
    await tab.close();
    console.log(`| ${path} | ${measured.count} | ${kb(measured.gzipped)} | ${kb(measured.chartGzipped)} |`);
  }
  const respondent = await browser.newPage();
  const measured = await scriptsOf(respondent, respondentPath);
  console.log(`| ${respondentPath} (respondent) | ${measured.count} | ${kb(measured.gzipped)} | ${kb(measured.chartGzipped)} |`);
  await respondent.close();
} finally {
  await browser.close();
}
