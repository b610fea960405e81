/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser). Missing Chromium → a loud
 * skip, except under CI where it is a failure.
 */
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export function chromiumIsAvailable(): boolean {
  if (fs.existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI) throw new Error(`CI is set but Chromium is not at ${CHROMIUM_PATH}: apt-get install -y chromium`);
  console.warn(`\n!!! Chromium is not at ${CHROMIUM_PATH}: SKIPPING the browser tests (apt-get install -y chromium).\n`);
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
