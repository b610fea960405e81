/**
 * Full-page screenshot of a page at a given viewport width, with Debian's Chromium (never a
 * downloaded browser). Prints the page's console errors and failed requests, so a CSP violation
 * or a missing chunk shows up next to the picture.
 *
 * Usage: npx tsx scripts/screenshots.ts http://localhost:3000/s/<id> 375 /tmp/s.png
 * Signed in (for /app pages): add an email and password, e.g.
 *   npx tsx scripts/screenshots.ts 'http://localhost:3000/app/users?lang=ka' 375 /tmp/users.png admin@example.com '…'
 * The sign-in goes through /signin of the same site, so the picture shows what that user sees.
 */
import { launchChromium } from '../test/browser/chromium.js';

const [url, widthArgument, outputPath, email, password] = process.argv.slice(2);
const width = Number(widthArgument);
if (!url || !outputPath || !Number.isInteger(width) || width < 200 || (email !== undefined && password === undefined)) {
  console.error('Usage: npx tsx scripts/screenshots.ts <url> <width in px, e.g. 375> <output.png> [<email> <password>]');
  process.exit(2);
}

const browser = await launchChromium();
try {
  // Reduced motion: charts are drawn at their final size, not caught mid-animation.
  const context = await browser.newContext({
    viewport: { width, height: Math.round(width * 1.8) },
    deviceScaleFactor: 1,
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') console.log(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => console.log(`page error: ${error.message}`));
  page.on('requestfailed', (request) => console.log(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`));
  if (email !== undefined && password !== undefined) {
    const target = new URL(url);
    await page.goto(`${target.origin}/signin?next=${encodeURIComponent(`${target.pathname}${target.search}`)}`, { waitUntil: 'networkidle' });
    await page.locator('#signin-email').fill(email);
    await page.locator('#signin-password').fill(password);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((reached) => reached.pathname === target.pathname, { timeout: 15_000 });
  }
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.screenshot({ path: outputPath, fullPage: true });
  console.log(`${outputPath}: ${url} at ${width} px`);
} finally {
  await browser.close();
}
