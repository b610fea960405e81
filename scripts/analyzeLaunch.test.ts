import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'analyze-launch-'));
// Inside the repository, so the bundle's imports of packages resolve from its node_modules.
const bundleDir = join(ROOT, 'dist', `analyze-test-${process.pid}`);
afterAll(() => rmSync(bundleDir, { recursive: true, force: true }));
const bundle = join(bundleDir, 'analyze.js');

async function launch(...argv: string[]) {
  return promisify(execFile)(process.execPath, ['scripts/analyzeLaunch.mjs', ...argv], {
    cwd: ROOT,
    env: { ...process.env, ANALYZE_BUNDLE_DIR: bundleDir },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

describe('npm run analyze (scripts/analyzeLaunch.mjs)', () => {
  it('builds a bundle without kept names, runs it, and rebuilds only when a source is newer', async () => {
    const good = join(folder, 'good.csv');
    writeFileSync(good, 'sat_overall,recommend,repurchase,stay_vs_competitor,promo_decided,full_price_return\n5,10,5,5,no,5\n');
    const first = await launch('--input', good, '--json');
    expect([first.code, first.stderr]).toEqual([0, '']);
    expect(JSON.parse(first.stdout)).toMatchObject({ n: 1 });
    const code = readFileSync(bundle, 'utf8');
    expect(code).not.toMatch(/__name\(/);
    expect(JSON.parse(readFileSync(join(bundleDir, 'inputs.json'), 'utf8'))).toContain('scripts/analyze/readCsv.ts');

    const built = statSync(bundle).mtimeMs;
    await launch('--input', good);
    expect(statSync(bundle).mtimeMs).toBe(built);

    // Make every source newer than the bundle by dating the bundle back instead of touching sources.
    utimesSync(bundle, new Date(0), new Date(0));
    await launch('--input', good);
    expect(statSync(bundle).mtimeMs).toBeGreaterThan(0);
  });

  it('exits with code 2, nothing on stdout and the line on stderr for a bad file', async () => {
    const bad = join(folder, 'bad.csv');
    writeFileSync(bad, 'sat_overall,recommend\n5,10\n\n"5\n6",10\n');
    const failure = await launch('--input', bad);
    expect(failure.code).toBe(2);
    expect(failure.stdout).toBe('');
    expect(failure.stderr).toMatch(/bad\.csv, line 4, column 1: sat_overall: "5\n6" is not a whole number/);
  });
});
