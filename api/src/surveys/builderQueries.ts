/**
 * The survey builder's queries. Each takes a tenant scope (the database or a transaction, and the
 * company): another company's survey is never read or written.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, SurveyStatus } from '../db/schema.js';
import type { SurveyDefinition } from '../model/definition.js';

type Db = Kysely<Database> | Transaction<Database>;
export interface Scope {
  db: Db;
  companyId: string;
}

/**
 * The survey's own row, optionally locked FOR UPDATE for the rest of the transaction (publish,
 * close and reopen take the lock so two of them cannot race).
 */
export async function findBuilderSurvey(scope: Scope, surveyId: string, options: { forUpdate?: boolean } = {}) {
  let query = scope.db
    .selectFrom('survey')
    .select(['id', 'name', 'status', 'published_version', 'draft_definition', 'one_response_per_browser', 'updated_at'])
    .where('company_id', '=', scope.companyId)
    .where('id', '=', surveyId);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}
export type BuilderSurveyRow = NonNullable<Awaited<ReturnType<typeof findBuilderSurvey>>>;

/**
 * A version stored but never published (a survey created unpublished before the builder had drafts):
 * the builder takes it as the draft when there is no other.
 */
export async function findUnpublishedVersion(scope: Scope, surveyId: string, publishedVersion: number | null) {
  return scope.db
    .selectFrom('survey_version')
    .select(['version', 'definition'])
    .where('company_id', '=', scope.companyId)
    .where('survey_id', '=', surveyId)
    .where('version', '>', publishedVersion ?? 0)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The published versions (up to `publishedVersion`), oldest first, with who published each and its response count. */
export async function findPublishedVersions(scope: Scope, surveyId: string, publishedVersion: number) {
  return scope.db
    .selectFrom('survey_version')
    .leftJoin('app_user', 'app_user.id', 'survey_version.created_by')
    .select((eb) => [
      'survey_version.version',
      'survey_version.definition',
      'survey_version.created_at as createdAt',
      'app_user.name as createdByName',
      'app_user.email as createdByEmail',
      eb
        .selectFrom('response')
        .select(sql<string>`count(*)`.as('n'))
        .whereRef('response.company_id', '=', 'survey_version.company_id')
        .whereRef('response.survey_version_id', '=', 'survey_version.id')
        .as('responseCount'),
    ])
    .where('survey_version.company_id', '=', scope.companyId)
    .where('survey_version.survey_id', '=', surveyId)
    .where('survey_version.version', '<=', publishedVersion)
    .orderBy('survey_version.version')
    .execute();
}

/** One published version's definition. */
export async function findPublishedVersion(scope: Scope, surveyId: string, version: number) {
  return scope.db
    .selectFrom('survey_version')
    .innerJoin('survey', (join) => join.onRef('survey.company_id', '=', 'survey_version.company_id').onRef('survey.id', '=', 'survey_version.survey_id'))
    .select(['survey_version.version', 'survey_version.created_at as createdAt', 'survey_version.definition'])
    .where('survey_version.company_id', '=', scope.companyId)
    .where('survey_version.survey_id', '=', surveyId)
    .where('survey_version.version', '=', version)
    .where('survey_version.version', '<=', sql<number>`coalesce(survey.published_version, 0)`)
    .executeTakeFirst();
}

/** How many responses and invites the survey has. */
export async function countResponsesAndInvites(scope: Scope, surveyId: string): Promise<{ responses: number; invites: number }> {
  const count = (table: 'response' | 'invite') =>
    scope.db
      .selectFrom(table)
      .select(sql<string>`count(*)`.as('n'))
      .where('company_id', '=', scope.companyId)
      .where('survey_id', '=', surveyId)
      .executeTakeFirstOrThrow();
  const [responses, invites] = await Promise.all([count('response'), count('invite')]);
  return { responses: Number(responses.n), invites: Number(invites.n) };
}

/** The survey's readable link name, or undefined. */
export async function findSurveySlug(scope: Scope, surveyId: string): Promise<string | undefined> {
  const row = await scope.db
    .selectFrom('survey_link')
    .select('slug')
    .where('company_id', '=', scope.companyId)
    .where('survey_id', '=', surveyId)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.slug;
}

/** The slugs, of any company, that are `base` or `base-<something>` (to pick a free one). */
export async function findSlugsLike(db: Db, base: string): Promise<Set<string>> {
  const escaped = base.replaceAll('\\', '\\\\').replaceAll('%', '\\%').replaceAll('_', '\\_');
  const rows = await db
    .selectFrom('survey_link')
    .select('slug')
    .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${escaped}-%`)]))
    .execute();
  return new Set(rows.map((row) => row.slug));
}

/**
 * Gives the survey this slug. A slug another survey holds (of any company) fails with the primary
 * key's unique violation (23505), also when two requests take it at once.
 */
export async function insertSlug(scope: Scope, surveyId: string, slug: string): Promise<void> {
  await scope.db.insertInto('survey_link').values({ slug, company_id: scope.companyId, survey_id: surveyId }).execute();
}

/** Gives the survey this slug if it is free; false when another survey holds it (no error, the transaction goes on). */
export async function insertSlugIfFree(scope: Scope, surveyId: string, slug: string): Promise<boolean> {
  const row = await scope.db
    .insertInto('survey_link')
    .values({ slug, company_id: scope.companyId, survey_id: surveyId })
    .onConflict((oc) => oc.column('slug').doNothing())
    .returning('slug')
    .executeTakeFirst();
  return row !== undefined;
}

/** Takes the survey's slug away (the link `/s/<slug>` stops working; `/s/<id>` still works). */
export async function deleteSurveySlugs(scope: Scope, surveyId: string): Promise<void> {
  await scope.db.deleteFrom('survey_link').where('company_id', '=', scope.companyId).where('survey_id', '=', surveyId).execute();
}

/** A new survey with a draft and nothing published. */
export async function insertDraftSurvey(scope: Scope, survey: { name: string; draft: SurveyDefinition }): Promise<string> {
  const { id } = await scope.db
    .insertInto('survey')
    .values({ company_id: scope.companyId, name: survey.name, status: 'draft', published_version: null, draft_definition: JSON.stringify(survey.draft) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export interface SurveyChange {
  name?: string;
  status?: SurveyStatus;
  publishedVersion?: number;
  /** null clears the draft. */
  draft?: SurveyDefinition | null;
  oneResponsePerBrowser?: boolean;
}

/** Changes the survey and its updated_at; false when the company has no such survey. */
export async function updateBuilderSurvey(scope: Scope, surveyId: string, change: SurveyChange): Promise<boolean> {
  const result = await scope.db
    .updateTable('survey')
    .set({
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.status !== undefined ? { status: change.status } : {}),
      ...(change.publishedVersion !== undefined ? { published_version: change.publishedVersion } : {}),
      ...(change.draft !== undefined ? { draft_definition: change.draft === null ? null : JSON.stringify(change.draft) } : {}),
      ...(change.oneResponsePerBrowser !== undefined ? { one_response_per_browser: change.oneResponsePerBrowser } : {}),
      updated_at: sql<Date>`now()`,
    })
    .where('company_id', '=', scope.companyId)
    .where('id', '=', surveyId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The highest version number the survey has stored, 0 for none. */
export async function maxVersion(scope: Scope, surveyId: string): Promise<number> {
  const row = await scope.db
    .selectFrom('survey_version')
    .select(sql<number | null>`max(version)`.as('max'))
    .where('company_id', '=', scope.companyId)
    .where('survey_id', '=', surveyId)
    .executeTakeFirstOrThrow();
  return Number(row.max ?? 0);
}

/** Stores a new version (rows of survey_version are never changed afterwards). */
export async function insertVersion(scope: Scope, surveyId: string, version: { version: number; definition: SurveyDefinition; createdBy: string | null }) {
  await scope.db
    .insertInto('survey_version')
    .values({
      company_id: scope.companyId,
      survey_id: surveyId,
      version: version.version,
      definition: JSON.stringify(version.definition),
      created_by: version.createdBy,
    })
    .execute();
}
