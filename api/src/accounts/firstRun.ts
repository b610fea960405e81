/**
 * First run of `npm start`. Outside production, on a database without users: one demo account per
 * role in the demo company, with fixed passwords printed as demo (and listed in README.md). In
 * production: no demo accounts; while no company has an admin, every start prints a new setup link
 * for the first admin (24 hours) and ends the earlier ones.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { createLink, linkUrl } from './links.js';
import { addMembershipIfMissing, anyAdminExists, anyUserExists, expireUnusedLinks } from './membersQueries.js';
import { hashPassword } from './password.js';
import type { Role } from './permissions.js';
import { insertUser } from './queries.js';

/** The demo accounts: public knowledge, for trying the app on a laptop; never created in production. */
export const DEMO_ACCOUNTS: readonly { role: Role; email: string; password: string; name: string }[] = [
  { role: 'admin', email: 'admin@demo.loyalty-lens.test', password: 'demo-admin-password', name: 'Demo Admin' },
  { role: 'analyst', email: 'analyst@demo.loyalty-lens.test', password: 'demo-analyst-password', name: 'Demo Analyst' },
  { role: 'manager', email: 'manager@demo.loyalty-lens.test', password: 'demo-manager-password', name: 'Demo Manager' },
];

export interface FirstRunOptions {
  production: boolean;
  /** The company the demo seed created (scripts/demo/seed.ts); it must exist. */
  demoCompanyId: string;
  /** Where people reach the app, for the setup link. */
  baseUrl: string;
  log?: (line: string) => void;
}

export type FirstRunResult = { kind: 'demo_accounts'; created: number } | { kind: 'setup_link'; url: string; expiresAt: Date } | { kind: 'nothing' };

/**
 * @example await firstRun(db, { production: config.production, demoCompanyId: DEMO_COMPANY_ID, baseUrl: 'http://localhost:3000' });
 */
export async function firstRun(db: Kysely<Database>, options: FirstRunOptions): Promise<FirstRunResult> {
  const log = options.log ?? console.log;
  if (options.production) {
    if (await anyAdminExists(db)) return { kind: 'nothing' };
    const link = await db.transaction().execute(async (trx) => {
      await expireUnusedLinks(trx, 'setup');
      return createLink(trx, { kind: 'setup', email: null, companyId: null, role: 'admin', userId: null, createdBy: null });
    });
    const url = linkUrl(options.baseUrl, link.token);
    log(`\nNo admin yet. Open this one-time link to create your company and its first admin (valid until ${link.expiresAt.toISOString()}):\n  ${url}\n`);
    return { kind: 'setup_link', url, expiresAt: link.expiresAt };
  }
  if (await anyUserExists(db)) return { kind: 'nothing' };
  const hashes = await Promise.all(DEMO_ACCOUNTS.map((account) => hashPassword(account.password)));
  await db.transaction().execute(async (trx) => {
    for (const [index, account] of DEMO_ACCOUNTS.entries()) {
      const userId = await insertUser(trx, { email: account.email, name: account.name, passwordHash: hashes[index]! });
      await addMembershipIfMissing(trx, { companyId: options.demoCompanyId, userId, role: account.role });
    }
  });
  log('\nDEMO — do not use in production. Demo accounts of "Demo Coffee" (also in README.md):');
  for (const account of DEMO_ACCOUNTS) log(`  ${account.role.padEnd(8)} ${account.email}  password: ${account.password}`);
  log('');
  return { kind: 'demo_accounts', created: DEMO_ACCOUNTS.length };
}
