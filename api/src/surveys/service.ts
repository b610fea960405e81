/**
 * Maps survey rows to API shapes and turns "not there" into the API's errors.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { TenantScope } from '../db/tenant.js';
import { ApiError } from '../errors.js';
import { checkDefinition } from '../model/checkDefinition.js';
import type { SurveyDefinition } from '../model/definition.js';
import {
  findCompanySurveyHead,
  findSurveyHead,
  findVersionDefinition,
  insertSurvey,
  listSurveysWithCounts,
  type NewSurvey,
  type SurveyHead,
} from './queries.js';

/**
 * The definition as a SurveyDefinition, or INVALID_DEFINITION with one field per problem
 * (`/definition/questions/3/role`, the model's code and an English message naming the question).
 * `problems` are those to refuse it for (the builder's draft check passes all but missing texts).
 * @example const definition = checkedDefinition(request.body.definition);
 */
export function checkedDefinition(input: unknown, problems = checkDefinition(input)): SurveyDefinition {
  if (problems.length === 0) return input as SurveyDefinition;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  throw new ApiError(
    'INVALID_DEFINITION',
    `The survey cannot be saved: ${problems[0]!.message}${more}.`,
    problems.map((problem) => ({ path: `/definition${problem.path}`, message: problem.message, code: problem.code })),
  );
}

/**
 * Creates a survey with version 1 of its definition, after the definition check: a definition that
 * breaks a rule is refused with INVALID_DEFINITION before anything is written. The one way a survey
 * is written (demo seed, tests, and the survey builder's route).
 * @example const { surveyId } = await createSurvey(trx, { companyId, name: 'Check-up', definition: fullTemplate(), publish: true });
 */
export async function createSurvey(
  db: Kysely<Database> | Transaction<Database>,
  survey: Omit<NewSurvey, 'definition'> & { definition: unknown },
): Promise<{ surveyId: string; versionId: string }> {
  const definition = checkedDefinition(survey.definition);
  return insertSurvey(db, { ...survey, definition });
}

export interface PublishedSurvey {
  id: string;
  companyId: string;
  companyName: string;
  versionId: string;
  version: number;
  definition: SurveyDefinition;
}

/**
 * The survey's published version, or SURVEY_NOT_FOUND / SURVEY_NOT_PUBLISHED.
 * @example const survey = await getPublishedSurvey(db, id); survey.definition.questions
 */
export async function getPublishedSurvey(
  db: Kysely<Database>,
  surveyId: string,
  /** How to read the head; the response fast path passes a prepared statement. */
  findHead: (surveyId: string) => Promise<SurveyHead | undefined> = (id) => findSurveyHead(db, id),
): Promise<PublishedSurvey> {
  const row = await findHead(surveyId);
  if (!row) throw new ApiError('SURVEY_NOT_FOUND', `No survey has the id ${surveyId}. Check the link you were given.`);
  if (row.status !== 'published' || !row.versionId || row.version === null) {
    throw new ApiError('SURVEY_NOT_PUBLISHED', `The survey ${surveyId} is not open for answers.`);
  }
  const definition = await versionDefinition(db, row.versionId);
  return { id: row.id, companyId: row.companyId, companyName: row.companyName, versionId: row.versionId, version: row.version, definition };
}

/**
 * Definitions by version id. A version is never edited once written (a change is a new version), so
 * a cached definition cannot go stale; the cache only saves sending and parsing the four-language
 * definition on every submitted response. Bounded: the oldest entry goes first.
 */
const definitionCache = new Map<string, SurveyDefinition>();
const DEFINITION_CACHE_SIZE = 500;

async function versionDefinition(db: Kysely<Database>, versionId: string): Promise<SurveyDefinition> {
  const cached = definitionCache.get(versionId);
  if (cached) return cached;
  const definition = await findVersionDefinition(db, versionId);
  if (!definition) throw new Error(`survey version ${versionId} vanished while it was being read`);
  if (definitionCache.size >= DEFINITION_CACHE_SIZE) definitionCache.delete(definitionCache.keys().next().value!);
  definitionCache.set(versionId, definition);
  return definition;
}

/**
 * A survey's head (status, published version id) without its definition, or SURVEY_NOT_FOUND when
 * no survey of the scope's company has this id (another company's survey included: its existence
 * is not revealed).
 * @example const { name } = await getSurveyHead({ db, companyId }, id);
 */
export async function getSurveyHead(scope: TenantScope, surveyId: string) {
  const row = await findCompanySurveyHead(scope, surveyId);
  if (!row) throw new ApiError('SURVEY_NOT_FOUND', `No survey of this company has the id ${surveyId}.`);
  return row;
}

/** The respondent link of a survey: `/s/<slug>`, or `/s/<id>` without one. */
export const surveyLink = (surveyId: string, slug: string | null | undefined) => `/s/${slug ?? surveyId}`;

/** The company's survey list for the dashboard's picker and the builder's list. */
export async function listSurveys(scope: TenantScope) {
  const rows = await listSurveysWithCounts(scope);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    status: row.status,
    companyName: row.companyName,
    title: row.definition?.title ?? null,
    responseCount: Number(row.responseCount ?? 0),
    slug: row.slug ?? null,
    link: surveyLink(row.id, row.slug),
    publishedVersion: row.publishedVersion,
    hasDraft: Boolean(row.hasDraft),
    updatedAt: row.updatedAt.toISOString(),
  }));
}
