import type { Kysely } from 'kysely';
import pg from 'pg';
import type { BorrowedClient } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { ApiError } from '../errors.js';
import { inviteOfToken, inviteUsedError, surveyOfInvite } from '../invites/service.js';
import { markInviteUsed } from '../invites/queries.js';
import type { SurveyDefinition } from '../model/definition.js';
import { getOpenSurvey, startedVersion } from '../surveys/respondentSurvey.js';
import type { PublishedSurvey } from '../surveys/service.js';
import type { SurveyHead } from '../surveys/queries.js';
import type { SubmitResponseBody } from './schemas.js';
import {
  compiledOn,
  findResponseBySubmissionId,
  findSurveyHeadHot,
  insertInviteResponseOnce,
  insertResponseOnce,
  preparedOn,
  type ResponseRow,
  type StatementRunner,
} from './queries.js';
import { startedAtInstant, validateAnswers } from './validate.js';
import { invitePurchaseHistory } from './scores.js';
import type { InsertBatcher } from './insertBatch.js';
import { scoringModels, storedScores } from '../analytics/storedScores.js';

export interface SubmissionDatabase {
  db: Kysely<Database>;
  /** A raw pg client of the request pool (short timeouts) for named prepared statements (PostgreSQL); null on PGlite. */
  acquireClient: (() => Promise<BorrowedClient>) | null;
  /** Survey heads read in the last HEAD_CACHE_MS, per app (never shared between databases). */
  headCache?: SurveyHeadCache;
  /** Sends submissions that arrive together as one INSERT (PostgreSQL; responses/insertBatch.ts). */
  insertBatcher?: InsertBatcher;
}

/**
 * How long a survey's head (status, published version) is reused for submissions: one query fewer per
 * submitted response. A survey closed or republished takes at most this long to be seen by submissions.
 */
export const HEAD_CACHE_MS = 1000;
const HEAD_CACHE_SIZE = 10_000;

export type SurveyHeadCache = Map<string, { head: SurveyHead | undefined; until: number }>;

async function surveyHead(database: SubmissionDatabase, surveyId: string): Promise<SurveyHead | undefined> {
  const cache = database.headCache;
  const now = Date.now();
  const cached = cache?.get(surveyId);
  if (cached && cached.until > now) return cached.head;
  const head = await withStatements(database, (run) => findSurveyHeadHot(run, surveyId));
  if (cache) {
    if (cache.size >= HEAD_CACHE_SIZE) cache.clear();
    cache.set(surveyId, { head, until: now + HEAD_CACHE_MS });
  }
  return head;
}

/**
 * Runs `work` with the hot statements on a borrowed client (PostgreSQL: prepared by name) or through
 * Kysely (PGlite). A connection-level failure closes the client
 * instead of returning it to the pool; an error PostgreSQL reported leaves the connection usable.
 */
async function withStatements<T>(database: SubmissionDatabase, work: (run: StatementRunner) => Promise<T>): Promise<T> {
  if (!database.acquireClient) return work(compiledOn(database.db));
  const borrowed = await database.acquireClient();
  try {
    const result = await work(preparedOn(borrowed.client));
    borrowed.release();
    return result;
  } catch (error) {
    borrowed.release(error instanceof pg.DatabaseError || error instanceof ApiError ? undefined : (error as Error));
    throw error;
  }
}

/**
 * The version a response is checked against and stored with: the one the respondent's page loaded
 * (`version`, so someone mid-survey when a new version is published keeps theirs), else the published one.
 * @throws ApiError INVALID_VERSION naming /version when the survey never published that version
 */
async function answeredVersion(db: Kysely<Database>, survey: PublishedSurvey, version: number | undefined): Promise<{ versionId: string; version: number; definition: SurveyDefinition }> {
  // The page's lookup serves the same earlier version (startedVersion); here a version it would not serve is an error.
  const answered = await startedVersion(db, survey, version);
  if (version !== undefined && answered.version !== version) {
    const message = `is not a published version of this survey (the published one is ${survey.version}); reload the survey`;
    throw new ApiError('INVALID_VERSION', `/version ${message}.`, [{ path: '/version', message, code: 'UNKNOWN_VERSION' }]);
  }
  return answered;
}

/**
 * Validates and stores one response, idempotent on its client submission id: a retry returns the
 * first response's id and stores nothing.
 * @example await submitResponse({ db, acquireClient }, surveyId, { clientSubmissionId, language: 'en', answers: { sat_overall: 5 } })
 * @throws ApiError SURVEY_NOT_FOUND, SURVEY_NOT_PUBLISHED, SURVEY_CLOSED, INVALID_VERSION, INVALID_ANSWERS, SUBMISSION_ID_CONFLICT
 */
export async function submitResponse(
  database: SubmissionDatabase,
  surveyId: string,
  body: SubmitResponseBody,
): Promise<{ id: string; duplicate: boolean }> {
  const startedAt = startedAtInstant(body.startedAt);
  // Two checkouts, not one held across both: a definition-cache miss reads through the pool, and a
  // request holding a client while it waits for another could exhaust the pool under load.
  const head = await surveyHead(database, surveyId);
  const survey = await getOpenSurvey(database.db, surveyId, async () => head);
  const version = await answeredVersion(database.db, survey, body.version);
  const answers = validateAnswers(version.definition, body.answers);
  // No customer behind a public link, so no purchase history: B without the repeat-purchase item.
  const scores = storedScores(scoringModels.model(version.versionId, version.definition), { version: version.version, answers });
  const row: ResponseRow = {
    company_id: survey.companyId,
    survey_id: survey.id,
    survey_version_id: version.versionId,
    client_submission_id: body.clientSubmissionId,
    language: body.language,
    answers: JSON.stringify(answers),
    started_at: startedAt ?? null,
    ...scores,
  };
  const id = database.insertBatcher
    ? await database.insertBatcher.insert(row)
    : await withStatements(database, (run) => insertResponseOnce(run, row));
  if (id) return { id, duplicate: false };

  const existing = await findResponseBySubmissionId({ db: database.db, companyId: survey.companyId }, body.clientSubmissionId);
  if (!existing || existing.surveyId !== survey.id) {
    throw new ApiError('SUBMISSION_ID_CONFLICT', 'This clientSubmissionId was already used for another survey; generate a new one.', [
      { path: '/clientSubmissionId', message: 'already used for another survey' },
    ]);
  }
  return { id: existing.id, duplicate: true };
}

/**
 * Stores the one response of a per-purchase invite, tied to its customer and order. The database's
 * unique (company_id, invite_id) decides between concurrent submissions: the insert does nothing
 * for all but one, and the invite is marked answered in the same transaction. A retry of the
 * submission that answered it (same clientSubmissionId) gets that response's id back.
 * @example await submitInviteResponse(db, token, { clientSubmissionId, language: 'ru', answers })
 * @throws ApiError INVITE_NOT_FOUND, INVITE_USED, INVITE_EXPIRED, SURVEY_CLOSED, INVALID_VERSION, INVALID_ANSWERS, SUBMISSION_ID_CONFLICT
 */
export async function submitInviteResponse(db: Kysely<Database>, token: string, body: SubmitResponseBody): Promise<{ id: string; duplicate: boolean }> {
  const startedAt = startedAtInstant(body.startedAt);
  const invite = await inviteOfToken(db, token);
  const scope = { db, companyId: invite.company_id };
  const alreadyStored = async (): Promise<{ id: string; duplicate: true }> => {
    const existing = await findResponseBySubmissionId(scope, body.clientSubmissionId);
    if (existing?.inviteId === invite.id) return { id: existing.id, duplicate: true };
    if (existing) {
      throw new ApiError('SUBMISSION_ID_CONFLICT', 'This clientSubmissionId was already used for another survey or link; generate a new one.', [
        { path: '/clientSubmissionId', message: 'already used for another survey or link' },
      ]);
    }
    throw inviteUsedError();
  };
  if (invite.used_at) return alreadyStored();

  const survey = await surveyOfInvite(db, invite);
  const version = await answeredVersion(db, survey, body.version);
  const answers = validateAnswers(version.definition, body.answers);
  const model = scoringModels.model(version.versionId, version.definition);
  const id = await db.transaction().execute(async (trx) => {
    // The customer's purchases as of this transaction's now(), which is also the row's submitted_at.
    const history = await invitePurchaseHistory(trx, invite.company_id, invite.customer_ref);
    const scores = storedScores(model, { version: version.version, answers, surveyedAt: history.surveyedAt, purchases: history.purchases });
    const inserted = await insertInviteResponseOnce(trx, {
      ...scores,
      scored_at: new Date(history.surveyedAt),
      channel: invite.channel,
      company_id: invite.company_id,
      survey_id: survey.id,
      survey_version_id: version.versionId,
      invite_id: invite.id,
      customer_ref: invite.customer_ref,
      client_submission_id: body.clientSubmissionId,
      language: body.language,
      answers: JSON.stringify(answers),
      started_at: startedAt,
    });
    if (inserted) await markInviteUsed(trx, invite.company_id, invite.id);
    return inserted;
  });
  if (id) return { id, duplicate: false };
  return alreadyStored();
}
