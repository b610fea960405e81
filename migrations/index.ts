/**
 * The ordered list of migrations. A static list (not a folder scan) so the same set runs under
 * tsx, vitest and a bundled build. Never edit a migration after it lands; add the next one.
 */
import type { Migration } from 'kysely';
import * as init from './0001_init.js';
import * as immutableSurveyVersion from './0002_immutable_survey_version.js';
import * as companiesAndAccounts from './0003_companies_and_accounts.js';
import * as builderAndInvites from './0004_builder_and_invites.js';
import * as reportEngine from './0005_report_engine.js';
import * as reportState from './0006_report_state.js';
import * as drillSortIndexes from './0007_drill_sort_indexes.js';
import * as retentionOpenWindows from './0008_retention_open_windows.js';

export const MIGRATIONS: Record<string, Migration> = {
  '0001_init': init,
  '0002_immutable_survey_version': immutableSurveyVersion,
  '0003_companies_and_accounts': companiesAndAccounts,
  '0004_builder_and_invites': builderAndInvites,
  '0005_report_engine': reportEngine,
  '0006_report_state': reportState,
  '0007_drill_sort_indexes': drillSortIndexes,
  '0008_retention_open_windows': retentionOpenWindows,
};
