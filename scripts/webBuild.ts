/**
 * Builds the web app when its build is missing or older than its sources (used by `npm start` and
 * `npm test`, so neither serves or tests a stale page).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const WEB = path.join(ROOT, 'web');

function newestChange(entry: string): number {
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestChange(path.join(entry, child)));
  return newest;
}

/** The build is stale when any web source, config or the survey model (which the web imports) changed after it. */
export function webBuildIsStale(buildDir: string): boolean {
  const marker = path.join(buildDir, '200.html');
  if (!fs.existsSync(marker)) return true;
  const built = fs.statSync(marker).mtimeMs;
  const sources = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json']
    .map((entry) => path.join(WEB, entry))
    .concat(path.join(ROOT, 'api', 'src', 'model'))
    .filter((entry) => fs.existsSync(entry));
  return sources.some((entry) => newestChange(entry) > built);
}

/** Builds web/ into buildDir when stale; throws when the build fails. */
export function ensureWebBuild(buildDir: string = path.join(WEB, 'build')): void {
  if (!webBuildIsStale(buildDir)) return;
  console.log('Building the web app…');
  const build = spawnSync('npm', ['run', 'build', '--workspace', 'web'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('The web build failed (see above); run "npm run build" to see the error again.');
}
