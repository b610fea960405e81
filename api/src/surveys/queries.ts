/**
 * Survey queries. First argument is the database or a transaction.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { TenantScope } from '../db/tenant.js';
import type { SurveyDefinition } from '../model/definition.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Surveys joined to their company and their published version (null columns while none is published). */
function surveysWithPublishedVersion(db: Db) {
  return db
    .selectFrom('survey')
    .innerJoin('company', 'company.id', 'survey.company_id')
    .leftJoin('survey_version', (join) =>
      join.onRef('survey_version.survey_id', '=', 'survey.id').onRef('survey_version.version', '=', 'survey.published_version'),
    );
}

const HEAD_COLUMNS = [
  'survey.id',
  'survey.name',
  'survey.status',
  'survey.company_id as companyId',
  'company.name as companyName',
  'survey_version.id as versionId',
  'survey_version.version',
] as const;

/**
 * The survey, its company name and the id of its published version — without the definition,
 * which the service caches by version id (versions never change once written).
 * @example const head = await findSurveyHead(db, id); head?.versionId
 */
export async function findSurveyHead(db: Db, surveyId: string): Promise<SurveyHead | undefined> {
  return surveyHeadQuery(db, surveyId).executeTakeFirst();
}

/**
 * The survey head lookup, unexecuted: the response fast path compiles it once and sends it as a
 * prepared statement (responses/queries.ts).
 */
export function surveyHeadQuery(db: Db, surveyId: string) {
  return surveysWithPublishedVersion(db).select(HEAD_COLUMNS).where('survey.id', '=', surveyId);
}

/**
 * The survey head, only when the survey belongs to the scope's company.
 * @example const head = await findCompanySurveyHead({ db, companyId }, id);
 */
export async function findCompanySurveyHead(scope: TenantScope, surveyId: string): Promise<SurveyHead | undefined> {
  return surveyHeadQuery(scope.db, surveyId).where('survey.company_id', '=', scope.companyId).executeTakeFirst();
}

export type SurveyHead = Awaited<ReturnType<ReturnType<typeof surveyHeadQuery>['executeTakeFirstOrThrow']>>;

/** One version's definition. */
export async function findVersionDefinition(db: Db, versionId: string): Promise<SurveyDefinition | undefined> {
  const row = await db.selectFrom('survey_version').select('definition').where('id', '=', versionId).executeTakeFirst();
  return row?.definition;
}

/** Every survey of the company with its response count, newest first. */
export async function listSurveysWithCounts(scope: TenantScope) {
  return surveysWithPublishedVersion(scope.db)
    .select((eb) => [
      'survey.id',
      'survey.name',
      'survey.status',
      'company.name as companyName',
      'survey_version.definition',
      'survey.published_version as publishedVersion',
      'survey.updated_at as updatedAt',
      eb
        .selectFrom('survey_link')
        .select('survey_link.slug')
        .whereRef('survey_link.company_id', '=', 'survey.company_id')
        .whereRef('survey_link.survey_id', '=', 'survey.id')
        .orderBy('survey_link.created_at', 'desc')
        .limit(1)
        .as('slug'),
      // A draft column, or a version stored but never published (surveys created before the builder).
      eb
        .or([
          eb('survey.draft_definition', 'is not', null),
          eb.exists(
            eb
              .selectFrom('survey_version as unpublished')
              .select('unpublished.id')
              .whereRef('unpublished.company_id', '=', 'survey.company_id')
              .whereRef('unpublished.survey_id', '=', 'survey.id')
              .where('unpublished.version', '>', sql<number>`coalesce(survey.published_version, 0)`),
          ),
        ])
        .as('hasDraft'),
      eb
        .selectFrom('response')
        .select(sql<string>`count(*)`.as('n'))
        .whereRef('response.company_id', '=', 'survey.company_id')
        .whereRef('response.survey_id', '=', 'survey.id')
        .as('responseCount'),
    ])
    .where('survey.company_id', '=', scope.companyId)
    .orderBy('survey.created_at', 'desc')
    .orderBy('survey.id')
    .execute();
}

export interface NewSurvey {
  companyId: string;
  name: string;
  definition: SurveyDefinition;
  /** Publish version 1 at once. */
  publish: boolean;
  id?: string;
}

/**
 * Creates a survey with version 1 of its definition, in the caller's transaction.
 * @example const { surveyId } = await insertSurvey(trx, { companyId, name: 'Check-up', definition, publish: true });
 */
export async function insertSurvey(db: Db, survey: NewSurvey): Promise<{ surveyId: string; versionId: string }> {
  const { id: surveyId } = await db
    .insertInto('survey')
    .values({
      ...(survey.id ? { id: survey.id } : {}),
      company_id: survey.companyId,
      name: survey.name,
      status: survey.publish ? 'published' : 'draft',
      published_version: survey.publish ? 1 : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id: versionId } = await db
    .insertInto('survey_version')
    .values({ company_id: survey.companyId, survey_id: surveyId, version: 1, definition: JSON.stringify(survey.definition) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { surveyId, versionId };
}

/**
 * Every version of a survey, oldest first; with `upToVersion`, only those up to it (the published
 * version, leaving out a newer draft).
 * @example const versions = await findSurveyVersions(db, surveyId, head.version ?? undefined);
 */
export async function findSurveyVersions(scope: TenantScope, surveyId: string, upToVersion?: number) {
  let query = scope.db
    .selectFrom('survey_version')
    .select(['id', 'version', 'definition'])
    .where('company_id', '=', scope.companyId)
    .where('survey_id', '=', surveyId);
  if (upToVersion !== undefined) query = query.where('version', '<=', upToVersion);
  return query.orderBy('version').execute();
}
