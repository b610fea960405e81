import type { Kysely } from 'kysely';
import pg from 'pg';
import type { BorrowedClient } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { ApiError } from '../errors.js';
import { getPublishedSurvey } from '../surveys/service.js';
import type { SurveyHead } from '../surveys/queries.js';
import type { SubmitResponseBody } from './schemas.js';
import { compiledOn, findResponseBySubmissionId, findSurveyHeadHot, insertResponseOnce, preparedOn, type StatementRunner } from './queries.js';
import { startedAtInstant, validateAnswers } from './validate.js';

export interface SubmissionDatabase {
  db: Kysely<Database>;
  /** A raw pg client of the request pool (short timeouts) for named prepared statements (PostgreSQL); null on PGlite. */
  acquireClient: (() => Promise<BorrowedClient>) | null;
  /** Survey heads read in the last HEAD_CACHE_MS, per app (never shared between databases). */
  headCache?: SurveyHeadCache;
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
 * Validates and stores one response, idempotent on its client submission id: a retry returns the
 * first response's id and stores nothing.
 * @example await submitResponse({ db, acquireClient }, surveyId, { clientSubmissionId, language: 'en', answers: { sat_overall: 5 } })
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
  const survey = await getPublishedSurvey(database.db, surveyId, async () => head);
  const answers = validateAnswers(survey.definition, body.answers);
  const id = await withStatements(database, (run) =>
    insertResponseOnce(run, {
      company_id: survey.companyId,
      survey_id: survey.id,
      survey_version_id: survey.versionId,
      client_submission_id: body.clientSubmissionId,
      language: body.language,
      answers: JSON.stringify(answers),
      started_at: startedAt,
    }),
  );
  if (id) return { id, duplicate: false };

  const existing = await findResponseBySubmissionId({ db: database.db, companyId: survey.companyId }, body.clientSubmissionId);
  if (!existing || existing.surveyId !== survey.id) {
    throw new ApiError('SUBMISSION_ID_CONFLICT', 'This clientSubmissionId was already used for another survey; generate a new one.', [
      { path: '/clientSubmissionId', message: 'already used for another survey' },
    ]);
  }
  return { id: existing.id, duplicate: true };
}
