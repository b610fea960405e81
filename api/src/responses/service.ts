import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { ApiError } from '../errors.js';
import { getPublishedSurvey } from '../surveys/service.js';
import type { SubmitResponseBody } from './schemas.js';
import { findResponseBySubmissionId, insertResponseOnce } from './queries.js';
import { startedAtInstant, validateAnswers } from './validate.js';

/**
 * Validates and stores one response, idempotent on its client submission id: a retry returns the
 * first response's id and stores nothing.
 * @example await submitResponse(db, surveyId, { clientSubmissionId, language: 'en', answers: { sat_overall: 5 } })
 */
export async function submitResponse(
  db: Kysely<Database>,
  surveyId: string,
  body: SubmitResponseBody,
): Promise<{ id: string; duplicate: boolean }> {
  const startedAt = startedAtInstant(body.startedAt);
  const survey = await getPublishedSurvey(db, surveyId);
  const answers = validateAnswers(survey.definition, body.answers);
  const id = await insertResponseOnce(db, {
    survey_id: survey.id,
    survey_version_id: survey.versionId,
    client_submission_id: body.clientSubmissionId,
    language: body.language,
    answers: JSON.stringify(answers),
    started_at: startedAt,
  });
  if (id) return { id, duplicate: false };

  const existing = await findResponseBySubmissionId(db, body.clientSubmissionId);
  if (!existing || existing.surveyId !== survey.id) {
    throw new ApiError('SUBMISSION_ID_CONFLICT', 'This clientSubmissionId was already used for another survey; generate a new one.', [
      { path: '/clientSubmissionId', message: 'already used for another survey' },
    ]);
  }
  return { id: existing.id, duplicate: true };
}
