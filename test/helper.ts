/**
 * Builds the app over a test database (fastify/demo's test/helper pattern) and runs a suite once per
 * database kind: embedded PGlite and PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe } from 'vitest';
import { createApiKey } from '../api/src/accounts/apiKeys.js';
import { API_KEY_SCOPES, type ApiKeyScope, type Role } from '../api/src/accounts/permissions.js';
import { insertMembership, insertUser } from '../api/src/accounts/queries.js';
import { SESSION_COOKIE, startSession } from '../api/src/accounts/sessions.js';
import { buildApp } from '../api/src/app.js';
import { insertCompany } from '../api/src/companies/queries.js';
import { loadConfig } from '../api/src/config.js';
import type { DatabaseKind } from '../api/src/db/database.js';
import type { Answers, SurveyDefinition } from '../api/src/model/definition.js';
import { insertSurvey } from '../api/src/surveys/queries.js';
import { createSurvey as createCheckedSurvey } from '../api/src/surveys/service.js';
import { DATABASE_KINDS, openTestDatabase, postgresIsAvailable, type TestDatabase } from './databases.js';

const postgresUp = await postgresIsAvailable();

export interface DatabaseContext {
  kind: DatabaseKind;
  database(): TestDatabase;
}

/**
 * Runs `suite` once on PGlite and once on PostgreSQL (skipped loudly when PostgreSQL is down outside CI).
 * @example describeEachDatabase('responses', (ctx) => { it('…', async () => { ctx.database().db … }) })
 */
export function describeEachDatabase(name: string, suite: (context: DatabaseContext) => void): void {
  for (const kind of DATABASE_KINDS) {
    describe.skipIf(kind === 'postgres' && !postgresUp)(`${name} [${kind}]`, () => {
      let database: TestDatabase | undefined;
      beforeAll(async () => {
        database = await openTestDatabase(kind);
      });
      afterAll(async () => {
        await database?.close();
      });
      suite({
        kind,
        database: () => {
          if (!database) throw new Error('the test database is not open yet');
          return database;
        },
      });
    });
  }
}

/**
 * The app over an open test database, with logging and the rate limit off and no web build unless
 * asked; `env` overrides any variable (e.g. `{ TRUST_PROXY: '1', SIGN_IN_LIMIT_PER_ACCOUNT: '3' }`),
 * `logStream` receives the log (with `env: { LOG_LEVEL: 'trace' }`).
 */
export async function buildTestApp(
  database: TestDatabase,
  options: { web?: boolean; rateLimitPerMinute?: number; env?: Record<string, string>; logStream?: NodeJS.WritableStream } = {},
): Promise<FastifyInstance> {
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: String(options.rateLimitPerMinute ?? 0),
    ...(options.web ? {} : { WEB_BUILD_DIR: path.join(os.tmpdir(), 'loyalty-lens-no-web-build') }),
    ...options.env,
  });
  const app = await buildApp(config, { database, ...(options.logStream ? { logStream: options.logStream } : {}) });
  await app.ready();
  return app;
}

/**
 * A company with one survey of the given definition, published unless told otherwise. The definition
 * goes through the definition check like every written one (INVALID_DEFINITION otherwise), except
 * with `unchecked: true`: a row as written before the check existed, for tests of what the export or
 * the report make of ids or shapes the check now refuses.
 */
export async function createSurvey(
  database: TestDatabase,
  definition: SurveyDefinition,
  options: { publish?: boolean; companyName?: string; unchecked?: boolean } = {},
): Promise<{ companyId: string; surveyId: string; versionId: string }> {
  return database.db.transaction().execute(async (trx) => {
    const companyId = await insertCompany(trx, { name: options.companyName ?? 'Test Bakery' });
    const survey = { companyId, name: 'Check-up', definition, publish: options.publish ?? true };
    return { companyId, ...(await (options.unchecked ? insertSurvey(trx, survey) : createCheckedSurvey(trx, survey))) };
  });
}

/**
 * Headers that authenticate as an API key of the company, by default with every scope.
 * @example const headers = await apiKeyHeaders(database, companyId); await app.inject({ url, headers })
 */
export async function apiKeyHeaders(
  database: TestDatabase,
  companyId: string,
  scopes: readonly ApiKeyScope[] = API_KEY_SCOPES,
): Promise<{ authorization: string }> {
  const { key } = await createApiKey(database.db, companyId, { name: `test key ${scopes.join(' ')}`, scopes, createdBy: null });
  return { authorization: `Bearer ${key}` };
}

/**
 * A new member of the company with the role, signed in: the session cookie and its CSRF token.
 * @example const { headers, userId } = await signedInMember(database, companyId, 'manager');
 */
export async function signedInMember(
  database: TestDatabase,
  companyId: string,
  role: Role,
  email = `${role}-${randomUUID()}@example.com`,
): Promise<{ userId: string; email: string; headers: { cookie: string; 'x-csrf-token': string } }> {
  const userId = await insertUser(database.db, { email, name: null, passwordHash: null });
  await insertMembership(database.db, { companyId, userId, role });
  const session = await startSession(database.db, userId, { companyId });
  return { userId, email, headers: { cookie: `${SESSION_COOKIE}=${session.token}`, 'x-csrf-token': session.csrfToken } };
}

/**
 * A customer of the survey's company with a history to erase: an invite, two responses (one through
 * the invite, one without) carrying `comment`, and two purchases.
 * @example await addCustomerHistory(database, survey, 'CARD-0042', 'erase me please');
 */
export async function addCustomerHistory(
  database: TestDatabase,
  survey: { companyId: string; surveyId: string; versionId: string },
  customerRef: string,
  comment: string,
): Promise<void> {
  const { db } = database;
  const invite = await db
    .insertInto('invite')
    .values({ company_id: survey.companyId, survey_id: survey.surveyId, token: randomUUID(), customer_ref: customerRef })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const inviteId of [invite.id, null]) {
    await db
      .insertInto('response')
      .values({
        company_id: survey.companyId,
        survey_id: survey.surveyId,
        survey_version_id: survey.versionId,
        invite_id: inviteId,
        customer_ref: customerRef,
        client_submission_id: randomUUID(),
        language: 'en',
        answers: JSON.stringify({ sat_overall: 4, recommend: 9, comment }),
      })
      .execute();
  }
  for (const day of [1, 2]) {
    await db
      .insertInto('purchase')
      .values({ company_id: survey.companyId, customer_ref: customerRef, purchased_at: new Date(Date.UTC(2025, 0, day)), amount_cents: 1250 })
      .execute();
  }
}

/** How many rows of `table` the company holds for the customer. */
export async function customerRowCount(
  database: TestDatabase,
  table: 'response' | 'invite' | 'purchase',
  companyId: string,
  customerRef: string,
): Promise<number> {
  const row = await database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('company_id', '=', companyId)
    .where('customer_ref', '=', customerRef)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Random answers to every question of `definition` from the seeded `random` (0..1): each skipped with
 * probability 0.1, show-if questions only when their condition holds, counts 0–9.
 * @example randomAnswers(fullTemplate(), mulberry32(17)).sat_overall // => 1..5 or undefined
 */
export function randomAnswers(definition: SurveyDefinition, random: () => number): Answers {
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const given: Answers = {};
  for (const question of definition.questions) {
    if (random() < 0.1) continue;
    if (question.showIf && given[question.showIf.questionId] !== question.showIf.equals) continue;
    if (question.type === 'scale') given[question.id] = between(question.min, question.max);
    else if (question.type === 'count') given[question.id] = between(0, 9);
    else if (question.type === 'choice') given[question.id] = question.options[between(0, question.options.length - 1)]!.value;
  }
  return given;
}
