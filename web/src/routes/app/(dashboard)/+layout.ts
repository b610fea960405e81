import { error } from '@sveltejs/kit';
import { ApiError, failLoad, type SurveyListItem, type SurveyReport, type SurveySummary } from '$lib/api.js';
import { getReport, getSummary, listSurveys } from '$lib/session.js';
import { filterFromUrl, reportParameters } from '../dashboardUrl.js';
import type { LayoutLoad } from './$types';

/** A filter the report refused (400 INVALID_FILTER): the page names the parameter and offers to clear it. */
export interface FilterProblem {
  code: string;
  /** The refused parameter, e.g. 'from' (from the error's `/query/from`). */
  parameter: string | null;
  message: string;
}

/**
 * The survey /app shows without ?survey=: the one with the most responses (the first of the list on
 * a tie), so the dashboard opens on the survey that has the most to say rather than a short pilot.
 */
export function defaultSurveyId(surveys: readonly SurveyListItem[]): string | null {
  let best: SurveyListItem | undefined;
  for (const survey of surveys) if (!best || survey.responseCount > best.responseCount) best = survey;
  return best?.id ?? null;
}

/**
 * Every dashboard page's data: the surveys, the chosen one, and its summary and report under the
 * URL's filters. Loaded once for all the tabs: moving between them keeps the same search parameters,
 * so this does not run again; changing a filter does.
 */
export const load: LayoutLoad = async ({ url, fetch, parent }) => {
  // The app layout's session first: its company and token go with these calls.
  await parent();
  const requested = url.searchParams.get('survey');
  const filter = filterFromUrl(url);
  const parameters = reportParameters(url);
  const surveyParts = (surveyId: string) =>
    Promise.allSettled([getSummary(fetch, surveyId, filter), getReport(fetch, surveyId, parameters)] as const);
  let surveys: SurveyListItem[];
  let parts: Awaited<ReturnType<typeof surveyParts>> | null;
  try {
    // With ?survey= all three requests go out together; without it summary and report wait for the first survey's id.
    [surveys, parts] = await Promise.all([listSurveys(fetch), requested ? surveyParts(requested) : null]);
  } catch (failure) {
    failLoad(failure);
  }
  // An id that is not one of this company's surveys (or not an id at all) is "not found", whatever the API said about it.
  if (requested && !surveys.some((survey) => survey.id === requested)) error(404, { message: 'Survey not found.', code: 'SURVEY_NOT_FOUND' });
  const selectedId = requested ?? defaultSurveyId(surveys);
  if (!selectedId) return { surveys, selectedId, summary: null, report: null, filterProblem: null };
  parts ??= await surveyParts(selectedId);
  const [summaryResult, reportResult] = parts;
  const refused = [summaryResult, reportResult].find(
    (result): result is PromiseRejectedResult => result.status === 'rejected' && result.reason instanceof ApiError && result.reason.code === 'INVALID_FILTER',
  );
  if (refused) {
    const failure = refused.reason as ApiError;
    const path = failure.fields?.[0]?.path ?? '';
    const filterProblem: FilterProblem = { code: failure.code, parameter: path.startsWith('/query/') ? path.slice('/query/'.length) : null, message: failure.message };
    return { surveys, selectedId, summary: null, report: null, filterProblem };
  }
  const settled = <T>(result: PromiseSettledResult<T>): T => {
    if (result.status === 'rejected') failLoad(result.reason);
    return result.value;
  };
  const summary: SurveySummary = settled(summaryResult);
  const report: SurveyReport = settled(reportResult);
  return { surveys, selectedId, summary, report, filterProblem: null as FilterProblem | null };
};
