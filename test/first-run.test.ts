/**
 * First run (accounts/firstRun.ts) on both databases: demo accounts per role that can sign in, and
 * listed in README.md; in production none, and a printed setup link that works once.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, firstRun } from '../api/src/accounts/firstRun.js';
import { insertCompany } from '../api/src/companies/queries.js';
import type { Database } from '../api/src/db/schema.js';
import { buildTestApp, describeEachDatabase } from './helper.js';

const DEMO_COMPANY_ID = 'd0000000-0000-4000-8000-000000000001';
const README = fs.readFileSync(path.resolve(import.meta.dirname, '..', 'README.md'), 'utf8');

const countUsers = async (db: Kysely<Database>) => {
  const row = await db.selectFrom('app_user').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
};

describeEachDatabase('first run outside production', (ctx) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp(ctx.database());
  });
  afterAll(async () => {
    await app?.close();
  });

  it('creates one demo account per role in the demo company, printed as demo, each able to sign in; a second start adds nothing', async () => {
    const { db } = ctx.database();
    await insertCompany(db, { id: DEMO_COMPANY_ID, name: 'Demo Coffee' });
    const lines: string[] = [];
    const options = { production: false, demoCompanyId: DEMO_COMPANY_ID, baseUrl: 'http://localhost:3000', log: (line: string) => lines.push(line) };
    expect(await firstRun(db, options)).toEqual({ kind: 'demo_accounts', created: 3 });
    const printed = lines.join('\n');
    expect(printed).toContain('DEMO — do not use in production');
    expect(DEMO_ACCOUNTS.map((account) => account.role)).toEqual(['admin', 'analyst', 'manager']);
    for (const account of DEMO_ACCOUNTS) {
      expect(account.password.length).toBeGreaterThanOrEqual(12);
      expect(printed).toContain(account.email);
      expect(printed).toContain(account.password);
      expect(README).toContain(account.email);
      expect(README).toContain(account.password);
      const signIn = await app.inject({ method: 'POST', url: '/api/session', payload: { email: account.email, password: account.password } });
      expect(signIn.statusCode, account.email).toBe(200);
      expect(signIn.json().company).toEqual({ id: DEMO_COMPANY_ID, name: 'Demo Coffee', role: account.role });
    }
    lines.length = 0;
    expect(await firstRun(db, options)).toEqual({ kind: 'nothing' });
    expect(lines).toEqual([]);
    expect(await countUsers(db)).toBe(3);
  });
});

describeEachDatabase('first run in production', (ctx) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp(ctx.database());
  });
  afterAll(async () => {
    await app?.close();
  });

  it('creates no demo account and prints a setup link for the first admin that works once; each start replaces the link until an admin exists', async () => {
    const { db } = ctx.database();
    await insertCompany(db, { id: DEMO_COMPANY_ID, name: 'Demo Coffee' });
    const lines: string[] = [];
    const options = { production: true, demoCompanyId: DEMO_COMPANY_ID, baseUrl: 'https://lens.example.com', log: (line: string) => lines.push(line) };
    const first = await firstRun(db, options);
    const second = await firstRun(db, options);
    expect(await countUsers(db)).toBe(0);
    if (first.kind !== 'setup_link' || second.kind !== 'setup_link') throw new Error(`expected setup links, got ${first.kind} and ${second.kind}`);
    expect(lines.join('\n')).toContain(second.url);
    expect(lines.join('\n')).not.toMatch(/demo\.loyalty-lens\.test|password/i);
    expect(second.url).toMatch(/^https:\/\/lens\.example\.com\/link\/[A-Za-z0-9_-]{43}$/);
    const hours = (second.expiresAt.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThan(24.1);
    const pathOf = (url: string) => `/api${new URL(url).pathname.replace('/link/', '/links/')}`;
    expect((await app.inject({ url: pathOf(first.url) })).statusCode).toBe(410);
    const info = await app.inject({ url: pathOf(second.url) });
    expect(info.json()).toMatchObject({ kind: 'setup', email: null, companyName: null, role: 'admin', hasAccount: false });

    const use = (payload: Record<string, string>) => app.inject({ method: 'POST', url: pathOf(second.url), payload });
    const noCompany = await use({ email: 'owner@example.com', password: 'first admin password' });
    expect(noCompany.statusCode).toBe(400);
    expect(noCompany.json().error.fields).toEqual([{ path: '/companyName', message: 'is required' }]);
    const noEmail = await use({ companyName: 'Lens Ltd', password: 'first admin password' });
    expect(noEmail.json().error.fields).toEqual([{ path: '/email', message: 'is required' }]);

    const used = await use({ companyName: 'Lens Ltd', email: 'Owner@Example.com', password: 'first admin password' });
    expect(used.statusCode).toBe(200);
    expect(used.json().user.email).toBe('owner@example.com');
    expect(used.json().company).toMatchObject({ name: 'Lens Ltd', role: 'admin' });
    expect(used.json().permissions).toContain('users:manage');
    expect((await use({ companyName: 'Again Ltd', email: 'other@example.com', password: 'first admin password' })).statusCode).toBe(410);
    const signIn = await app.inject({ method: 'POST', url: '/api/session', payload: { email: 'owner@example.com', password: 'first admin password' } });
    expect(signIn.statusCode).toBe(200);

    lines.length = 0;
    expect(await firstRun(db, options)).toEqual({ kind: 'nothing' });
    expect(lines).toEqual([]);
    expect(await countUsers(db)).toBe(1);
  });
});
