import type { Kysely } from 'kysely';
import { netPromoterScore } from '../analytics/nps.js';
import type { Database } from '../db/schema.js';
import { ApiError } from '../errors.js';
import { findSurveyWithPublishedVersion } from '../surveys/queries.js';
import { recommendDistribution } from './queries.js';

/**
 * Response count and NPS with its 95% interval (DESIGN.md), for the dashboard's headline.
 * @example const summary = await surveySummary(db, surveyId); summary.nps.ci95
 */
export async function surveySummary(db: Kysely<Database>, surveyId: string) {
  const survey = await findSurveyWithPublishedVersion(db, surveyId);
  if (!survey) throw new ApiError('SURVEY_NOT_FOUND', `No survey has the id ${surveyId}.`);
  const { total, recommendCounts } = await recommendDistribution(db, surveyId);
  // The NPS function takes the answers themselves; 11 distinct values expand cheaply.
  const recommend = [...recommendCounts].flatMap(([value, n]) => Array<number>(n).fill(value));
  return { surveyId, responseCount: total, nps: netPromoterScore(recommend) };
}
