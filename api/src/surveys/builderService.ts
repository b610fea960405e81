/**
 * The survey builder: create, edit the draft of the next version, publish it, close and reopen, and
 * the survey's detail with its versions and what each changed. The rules:
 * - a draft may lack translations (MISSING_TEXT, listed in `problems`) but never break the model's
 *   structure (duplicate id, show-if on a later question, a role that does not fit…): such a draft
 *   is refused whole with INVALID_DEFINITION and nothing is stored;
 * - publishing refuses any problem, stores the draft as version max+1 (survey_version rows never
 *   change), sets it as the published version and clears the draft, in one transaction holding the
 *   survey row's lock;
 * - published ⇄ closed; a survey never published stays `draft` until its first publish.
 */
import { ApiError } from '../errors.js';
import { checkDefinition, type DefinitionProblem } from '../model/checkDefinition.js';
import type { SurveyDefinition } from '../model/definition.js';
import type { SurveyDetail } from './builderSchemas.js';
import {
  countResponsesAndInvites,
  deleteSurveySlugs,
  findBuilderSurvey,
  findPublishedVersion,
  findPublishedVersions,
  findSlugsLike,
  findSurveySlug,
  findUnpublishedVersion,
  insertSlug,
  insertSlugIfFree,
  insertVersion,
  maxVersion,
  updateBuilderSurvey,
  type BuilderSurveyRow,
  type Scope,
} from './builderQueries.js';
import { nextFreeSlug, randomSlug, slugFromName, slugProblem } from './builderSlug.js';
import { checkedDefinition, surveyLink } from './service.js';
import { sameValue, versionChanges } from './versionChanges.js';

function notFound(surveyId: string, path = '/params/id'): ApiError {
  return new ApiError('SURVEY_NOT_FOUND', `No survey of this company has the id ${surveyId}.`, [{ path, message: 'is not a survey of this company' }]);
}

/**
 * The definition when it may be saved as a draft: only missing texts are allowed; any other problem
 * refuses it with INVALID_DEFINITION, one field per problem at `/definition/…`.
 */
export function checkedDraft(input: unknown): { definition: SurveyDefinition; problems: DefinitionProblem[] } {
  const problems = checkDefinition(input);
  const structural = problems.filter((problem) => problem.code !== 'MISSING_TEXT');
  if (structural.length > 0) checkedDefinition(input, structural);
  return { definition: input as SurveyDefinition, problems };
}

/** The survey's draft: its draft column, else a version stored but never published. */
async function draftOf(scope: Scope, survey: BuilderSurveyRow): Promise<{ definition: SurveyDefinition; storedVersion?: number } | null> {
  if (survey.draft_definition) return { definition: survey.draft_definition };
  const unpublished = await findUnpublishedVersion(scope, survey.id, survey.published_version);
  return unpublished ? { definition: unpublished.definition, storedVersion: unpublished.version } : null;
}

/**
 * Everything the builder page shows about one survey, or SURVEY_NOT_FOUND.
 * @example const detail = await surveyDetail(tenant, surveyId);
 */
export async function surveyDetail(scope: Scope, surveyId: string): Promise<SurveyDetail> {
  const survey = await findBuilderSurvey(scope, surveyId);
  if (!survey) throw notFound(surveyId);
  const [slug, counts, draft, versionRows] = await Promise.all([
    findSurveySlug(scope, surveyId),
    countResponsesAndInvites(scope, surveyId),
    draftOf(scope, survey),
    survey.published_version === null ? Promise.resolve([]) : findPublishedVersions(scope, surveyId, survey.published_version),
  ]);
  const versions = versionRows.map((row, index) => ({
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdByName ?? row.createdByEmail ?? null,
    responseCount: Number(row.responseCount ?? 0),
    changes: versionChanges(index === 0 ? null : versionRows[index - 1]!.definition, row.definition),
  }));
  const published = versionRows.find((row) => row.version === survey.published_version)?.definition ?? null;
  return {
    id: survey.id,
    name: survey.name,
    status: survey.status,
    slug: slug ?? null,
    link: surveyLink(survey.id, slug),
    publishedVersion: survey.published_version,
    oneResponsePerBrowser: survey.one_response_per_browser,
    responseCount: counts.responses,
    inviteCount: counts.invites,
    published,
    draft: draft?.definition ?? null,
    problems: draft ? checkDefinition(draft.definition) : [],
    versions: versions.reverse(),
    updatedAt: survey.updated_at.toISOString(),
  };
}

/** A unique violation of PostgreSQL (and PGlite): another row holds the key. */
function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

function slugTaken(slug: string): ApiError {
  return new ApiError('SLUG_TAKEN', `The link name ${slug} is taken by another survey; choose another.`, [{ path: '/slug', message: 'is taken by another survey' }]);
}

/** A slug the client chose, refused with VALIDATION_FAILED when the schema let through one the link table cannot hold. */
export function checkedSlug(slug: string): string {
  const problem = slugProblem(slug);
  if (problem) throw new ApiError('VALIDATION_FAILED', `/slug ${problem}.`, [{ path: '/slug', message: problem }]);
  return slug;
}

/**
 * Gives the survey the slug the client chose, or SLUG_TAKEN when any survey (of any company) holds
 * it: the primary key decides, so two requests for one slug cannot both get it. Throws, so the
 * caller's transaction stores nothing.
 */
export async function giveSlug(scope: Scope, surveyId: string, slug: string): Promise<void> {
  try {
    await insertSlug(scope, surveyId, checkedSlug(slug));
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken(slug);
    throw error;
  }
}

/** Gives the survey a free slug made from its name (`spring-check-up`, `spring-check-up-2`, or `survey-x1y2z3`). */
export async function giveSlugFromName(scope: Scope, surveyId: string, name: string): Promise<string> {
  const base = slugFromName(name);
  for (let attempt = 0; attempt < 5; attempt++) {
    const candidate = base && attempt < 3 ? nextFreeSlug(base, await findSlugsLike(scope.db, base)) : randomSlug(base ?? 'survey');
    if (await insertSlugIfFree(scope, surveyId, candidate)) return candidate;
  }
  throw new Error(`no free slug found for the survey ${surveyId} after 5 attempts`);
}

/** Replaces (or with null removes) the survey's slug; unchanged when it already has this one. */
export async function changeSlug(scope: Scope, surveyId: string, slug: string | null): Promise<boolean> {
  const current = (await findSurveySlug(scope, surveyId)) ?? null;
  if (current === slug) return false;
  if (slug !== null) checkedSlug(slug);
  await deleteSurveySlugs(scope, surveyId);
  if (slug !== null) await giveSlug(scope, surveyId, slug);
  return true;
}

/** The survey row locked for this transaction, or SURVEY_NOT_FOUND. */
export async function lockedSurvey(scope: Scope, surveyId: string): Promise<BuilderSurveyRow> {
  const survey = await findBuilderSurvey(scope, surveyId, { forUpdate: true });
  if (!survey) throw notFound(surveyId);
  return survey;
}

/** A survey of the company to copy: its draft, else its published version; SURVEY_NOT_FOUND naming /copyOf otherwise. */
export async function definitionToCopy(scope: Scope, surveyId: string): Promise<SurveyDefinition> {
  const survey = await findBuilderSurvey(scope, surveyId);
  if (!survey) throw notFound(surveyId, '/copyOf');
  const draft = await draftOf(scope, survey);
  if (draft) return structuredClone(draft.definition);
  const published = survey.published_version === null ? undefined : await findPublishedVersion(scope, surveyId, survey.published_version);
  if (!published) {
    throw new ApiError('VALIDATION_FAILED', `/copyOf: the survey ${surveyId} has neither a draft nor a published version to copy.`, [
      { path: '/copyOf', message: 'has nothing to copy' },
    ]);
  }
  return structuredClone(published.definition);
}

/**
 * Publishes the locked survey's draft as its next version. NOTHING_TO_PUBLISH without a draft (or
 * with one equal to the published version), INVALID_DEFINITION for any problem, missing texts included.
 * @example const { version } = await publishDraft(trx scope, survey, userId);
 */
export async function publishDraft(scope: Scope, survey: BuilderSurveyRow, createdBy: string | null): Promise<{ version: number }> {
  const draft = await draftOf(scope, survey);
  if (!draft) throw new ApiError('NOTHING_TO_PUBLISH', `The survey ${survey.id} has no draft to publish; edit it first.`);
  const definition = checkedDefinition(draft.definition);
  if (survey.published_version !== null) {
    const published = await findPublishedVersion(scope, survey.id, survey.published_version);
    if (published && sameValue(published.definition, definition)) {
      throw new ApiError('NOTHING_TO_PUBLISH', `The draft is the same as the published version ${survey.published_version}; change something first, or discard the draft.`);
    }
  }
  let version: number;
  if (draft.storedVersion !== undefined) {
    version = draft.storedVersion;
  } else {
    version = (await maxVersion(scope, survey.id)) + 1;
    await insertVersion(scope, survey.id, { version, definition, createdBy });
  }
  await updateBuilderSurvey(scope, survey.id, { status: 'published', publishedVersion: version, draft: null });
  return { version };
}

/** Moves the locked survey from `from` to `to`, or INVALID_STATUS_CHANGE naming where it is. */
export async function changeStatus(scope: Scope, survey: BuilderSurveyRow, from: 'published' | 'closed', to: 'published' | 'closed'): Promise<void> {
  if (survey.status !== from) {
    const verb = to === 'closed' ? 'closed' : 'reopened';
    const why = survey.status === 'draft' ? 'it was never published' : `it is ${survey.status} already`;
    throw new ApiError('INVALID_STATUS_CHANGE', `The survey ${survey.id} cannot be ${verb}: ${why}.`);
  }
  await updateBuilderSurvey(scope, survey.id, { status: to });
}

/** One published version, or VERSION_NOT_FOUND (SURVEY_NOT_FOUND when the survey is not the company's). */
export async function publishedVersion(scope: Scope, surveyId: string, version: number) {
  const row = await findPublishedVersion(scope, surveyId, version);
  if (row) return { version: row.version, createdAt: row.createdAt.toISOString(), definition: row.definition };
  if (!(await findBuilderSurvey(scope, surveyId))) throw notFound(surveyId);
  throw new ApiError('VERSION_NOT_FOUND', `The survey ${surveyId} has no published version ${version}.`, [{ path: '/params/version', message: 'is not a published version of this survey' }]);
}
