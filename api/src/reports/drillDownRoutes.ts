/**
 * The drill-down (issue 17): the respondents behind a report cell (segment, loyalty type, satisfaction
 * level, recovery group, period), paged and sortable, with their stored scores; one respondent's
 * answers, scores, purchases and invite; free-text comments filtered by segment. docs/API.md "Drill-down".
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

export const drillDownRoutes: FastifyPluginAsyncTypebox = async () => {};
