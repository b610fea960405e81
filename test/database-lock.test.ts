import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { acquireDataDirLock, DatabaseLockedError } from '../api/src/db/database.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'll-lock-'));
  dirs.push(dir);
  return dir;
}

it('refuses a data directory another live process holds', () => {
  const dir = tempDir();
  // pid 1 is always alive: it stands for "another running Loyalty Lens".
  fs.writeFileSync(path.join(dir, 'loyalty-lens.lock'), '1');
  expect(() => acquireDataDirLock(dir)).toThrow(DatabaseLockedError);
  expect(fs.readFileSync(path.join(dir, 'loyalty-lens.lock'), 'utf8')).toBe('1');
});

it('takes over a stale lock left by a dead process and releases it', () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'loyalty-lens.lock'), '999999999');
  const release = acquireDataDirLock(dir);
  expect(fs.readFileSync(path.join(dir, 'loyalty-lens.lock'), 'utf8')).toBe(String(process.pid));
  release();
  expect(fs.existsSync(path.join(dir, 'loyalty-lens.lock'))).toBe(false);
});
