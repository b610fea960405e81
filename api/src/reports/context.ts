/**
 * What every filtered read of a survey's responses needs first (report, summary, trend, drill-down):
 * the survey (404 SURVEY_NOT_FOUND for another company's), its versions, the thresholds segments are
 * decided with, and the filter checked against the versions and turned into one SQL condition.
 */
import type { RawBuilder } from 'kysely';
import type { TenantScope } from '../db/tenant.js';
import { DEFAULT_THRESHOLDS, type SurveyDefinition, type Thresholds } from '../model/definition.js';
import { findSurveyVersions } from '../surveys/queries.js';
import { getSurveyHead } from '../surveys/service.js';
import { assertKnownVersion, filterSql, type ReportFilter } from './filter.js';

export interface SurveyReadContext {
  survey: Awaited<ReturnType<typeof getSurveyHead>>;
  /** The versions read, oldest first. */
  versions: { id: string; version: number; definition: SurveyDefinition }[];
  /** The newest read version's thresholds (DEFAULT_THRESHOLDS without a version). */
  thresholds: Thresholds;
  filter: ReportFilter;
  /** The id of the filter's version, when it names one. */
  versionId?: string;
  /** The filter over the response table under `alias`. */
  condition(alias: string): RawBuilder<boolean>;
}

/**
 * The survey, its versions up to the published one (all of them with `allVersions`) and the filter
 * checked: 404 SURVEY_NOT_FOUND, 400 INVALID_FILTER naming `version` for a version it does not have.
 * @example const context = await surveyReadContext(scope, surveyId, { language: 'ru' }); db.selectFrom('response as r').where(context.condition('r'))
 */
export async function surveyReadContext(
  scope: TenantScope,
  surveyId: string,
  filter: ReportFilter,
  options: { allVersions?: boolean } = {},
): Promise<SurveyReadContext> {
  const survey = await getSurveyHead(scope, surveyId);
  const versions = await findSurveyVersions(scope, surveyId, options.allVersions ? undefined : (survey.version ?? undefined));
  assertKnownVersion(filter, versions);
  const versionId = filter.version === undefined ? undefined : versions.find((v) => v.version === filter.version)?.id;
  const thresholds = versions.at(-1)?.definition.thresholds ?? DEFAULT_THRESHOLDS;
  const filterContext = versionId === undefined ? { thresholds } : { thresholds, versionId };
  return {
    survey,
    versions,
    thresholds,
    filter,
    ...(versionId === undefined ? {} : { versionId }),
    condition: (alias) => filterSql(filter, filterContext, alias),
  };
}
