/**
 * What a respondent's page reads, however it was reached (GET /api/surveys/:id, /api/s/:slug,
 * /api/s/i/:token): one payload builder, and the rule that a closed survey answers 410.
 */
import type { Kysely } from 'kysely';
import { findPublicBranding } from '../companies/branding.js';
import type { Database } from '../db/schema.js';
import { ApiError } from '../errors.js';
import type { Language } from '../model/definition.js';
import { findSurveyVersion } from '../responses/queries.js';
import { findSurveySlug } from './builderQueries.js';
import { findSurveyHead, type SurveyHead } from './queries.js';
import { isUuid, type PublishedSurveyResponse } from './schemas.js';
import { getPublishedSurvey, type PublishedSurvey } from './service.js';
import type { Static } from 'typebox';


/**
 * The survey's published version while it takes answers: SURVEY_CLOSED (410) once its company closed
 * it, else as getPublishedSurvey (SURVEY_NOT_FOUND, SURVEY_NOT_PUBLISHED for one never published).
 * @example const survey = await getOpenSurvey(db, surveyId);
 */
export async function getOpenSurvey(
  db: Kysely<Database>,
  surveyId: string,
  /** How to read the head; the response fast path passes its cached, prepared lookup. */
  findHead: (surveyId: string) => Promise<SurveyHead | undefined> = (id) => findSurveyHead(db, id),
): Promise<PublishedSurvey> {
  const head = await findHead(surveyId);
  if (head?.status === 'closed') {
    throw new ApiError('SURVEY_CLOSED', 'This survey has been closed and takes no more answers. Thank you for your interest.');
  }
  return getPublishedSurvey(db, surveyId, async () => head);
}

/**
 * The survey as the respondent started it: with `version` (the page's `?version=`, sent after a reload
 * by someone who began before a newer version was published) that earlier published version, so a
 * half-answered survey does not change under them; a version the survey never published, or none,
 * gives the published one.
 * @example const survey = await startedVersion(db, await getOpenSurvey(db, id), 1);
 */
export async function startedVersion(db: Kysely<Database>, survey: PublishedSurvey, version: number | undefined): Promise<PublishedSurvey> {
  if (version === undefined || version >= survey.version) return survey;
  const row = await findSurveyVersion({ db, companyId: survey.companyId }, survey.id, version);
  return row ? { ...survey, versionId: row.id, version, definition: row.definition } : survey;
}

/**
 * The survey a public link names: its readable slug (`/s/demo-check-up`) or its id (links and QR
 * codes printed before it had a slug keep working).
 * @example const surveyId = await surveyIdOfLink(db, 'demo-check-up');
 * @throws ApiError SURVEY_NOT_FOUND
 */
export async function surveyIdOfLink(db: Kysely<Database>, slugOrId: string): Promise<string> {
  if (isUuid(slugOrId)) return slugOrId.toLowerCase();
  const link = await db.selectFrom('survey_link').select('survey_id').where('slug', '=', slugOrId.toLowerCase()).executeTakeFirst();
  if (!link) throw new ApiError('SURVEY_NOT_FOUND', `No survey has the link ${slugOrId}. Check the link you were given.`);
  return link.survey_id;
}


/**
 * The respondent's payload: the version to answer, the company's branding and where to send the
 * answers (the invite's own submit path when opened from one).
 * @example return respondentPayload(db, await getOpenSurvey(db, id), null);
 */
export async function respondentPayload(
  db: Kysely<Database>,
  survey: PublishedSurvey,
  invite: { token: string; language: Language | null } | null,
): Promise<Static<typeof PublishedSurveyResponse>> {
  const [branding, slug, settings] = await Promise.all([
    findPublicBranding(db, survey.companyId),
    findSurveySlug({ db, companyId: survey.companyId }, survey.id),
    db.selectFrom('survey').select('one_response_per_browser').where('company_id', '=', survey.companyId).where('id', '=', survey.id).executeTakeFirstOrThrow(),
  ]);
  return {
    id: survey.id,
    slug: slug ?? null,
    companyName: survey.companyName,
    version: survey.version,
    definition: survey.definition,
    branding,
    oneResponsePerBrowser: settings.one_response_per_browser,
    invite,
    submitPath: invite ? `/api/s/i/${encodeURIComponent(invite.token)}/responses` : `/api/surveys/${survey.id}/responses`,
  };
}
