/**
 * The drill-down (issue 17, docs/API.md "Drill-down"): the respondents behind a report cell, one
 * respondent in full, and the free-text comments, all under the report filters (reports/filter.ts)
 * and read from the stored scores (migrations/0005). Pages are keyset pages ordered by the sort key
 * then the response id, so a response submitted while a client pages never shifts a row into the
 * next page twice or out of it.
 */
import { sql, type RawBuilder } from 'kysely';
import type { TenantScope } from '../db/tenant.js';
import { ApiError } from '../errors.js';
import type { Language, Question, SurveyDefinition } from '../model/definition.js';
import type { LoyaltyType, Segment } from '../analytics/segments.js';
import { surveyReadContext, type SurveyReadContext } from './context.js';
import { encodeCursor, type DrillCell, type DrillOrder, type DrillPage, type DrillSort } from './drillDownQuery.js';
import { loyaltyTypeSql, segmentSql, type ReportFilter } from './filter.js';

/** Free-text questions: the comments (type text; the template files them under the construct `open`). */
const isFreeText = (question: Question) => question.type === 'text' || question.construct === 'open';

/** Whether the response holds a non-empty free-text answer, each version read with its own questions. */
function hasCommentSql(versions: SurveyReadContext['versions']): RawBuilder<boolean> {
  const cases = versions.flatMap((version) => {
    const ids = version.definition.questions.filter(isFreeText).map((question) => question.id);
    if (ids.length === 0) return [];
    const any = sql.join(ids.map((id) => sql`coalesce(jsonb_typeof(r.answers -> ${id}) = 'string' and r.answers ->> ${id} <> '', false)`), sql` or `);
    return [sql`when ${version.id}::uuid then (${any})`];
  });
  return cases.length === 0 ? sql<boolean>`false` : sql<boolean>`coalesce(case r.survey_version_id ${sql.join(cases, sql` `)} end, false)`;
}

const SORT_COLUMNS: Record<Exclude<DrillSort, 'submittedAt'>, string> = { S: 'r.score_s', E: 'r.score_e', B: 'r.score_b' };

/** The sort key: the submission time, or a score with a missing one as -1 (first ascending, last descending). */
function sortKeySql(sort: DrillSort): RawBuilder<unknown> {
  return sort === 'submittedAt' ? sql`r.submitted_at` : sql`coalesce(${sql.ref(SORT_COLUMNS[sort])}, -1::double precision)`;
}

/** The cursor's key as SQL text that reads back exactly: the instant in µs as JSON writes it, or the double. */
function cursorKeySql(sort: DrillSort): RawBuilder<unknown> {
  return sort === 'submittedAt' ? sql`to_json(r.submitted_at) #>> '{}'` : sortKeySql(sort);
}

function cellSql(cell: DrillCell, context: SurveyReadContext): RawBuilder<boolean> {
  const conditions: RawBuilder<unknown>[] = [];
  if (cell.loyaltyType !== undefined) conditions.push(sql`${loyaltyTypeSql(context.thresholds, 'r')} = ${cell.loyaltyType}`);
  if (cell.satisfactionLevel !== undefined) conditions.push(sql`r.satisfaction_level = ${cell.satisfactionLevel}`);
  if (cell.recoveryGroup !== undefined) conditions.push(sql`r.recovery_group = ${cell.recoveryGroup}`);
  return conditions.length === 0 ? sql<boolean>`true` : sql<boolean>`(${sql.join(conditions, sql` and `)})`;
}

function afterCursorSql(sort: DrillSort, order: DrillOrder, page: DrillPage): RawBuilder<boolean> {
  if (!page.cursor) return sql<boolean>`true`;
  const key = sort === 'submittedAt' ? sql`${page.cursor.key}::timestamptz` : sql`${page.cursor.key}::double precision`;
  const compare = order === 'asc' ? sql.raw('>') : sql.raw('<');
  return sql<boolean>`(${sortKeySql(sort)}, r.id) ${compare} (${key}, ${page.cursor.id}::uuid)`;
}

interface RespondentRow {
  id: string;
  submitted_at: Date;
  language: Language;
  version: number | null;
  customer_ref: string | null;
  channel: string | null;
  invite_id: string | null;
  score_s: number | null;
  score_e: number | null;
  score_b: number | null;
  discount_dependent: boolean | null;
  exchange_type: string | null;
  satisfaction_level: number | null;
  recovery_group: string | null;
  retained: boolean | null;
  segment: Segment;
  loyalty_type: LoyaltyType;
  has_comment: boolean;
  cursor_key: string | number;
  answers?: Record<string, unknown>;
  survey_version_id: string;
}

async function pageOfResponses(
  scope: TenantScope,
  surveyId: string,
  context: SurveyReadContext,
  where: RawBuilder<boolean>,
  sort: DrillSort,
  order: DrillOrder,
  page: DrillPage,
  withAnswers: boolean,
): Promise<{ rows: RespondentRow[]; nextCursor: string | null }> {
  const direction = sql.raw(order);
  const result = await sql<RespondentRow>`
    select r.id, r.submitted_at, r.language, v.version, r.customer_ref, r.channel, r.invite_id, r.survey_version_id,
           r.score_s, r.score_e, r.score_b, r.discount_dependent, r.exchange_type, r.satisfaction_level, r.recovery_group, r.retained,
           ${segmentSql(context.thresholds, 'r')} as segment, ${loyaltyTypeSql(context.thresholds, 'r')} as loyalty_type,
           ${hasCommentSql(context.versions)} as has_comment, ${cursorKeySql(sort)} as cursor_key
           ${withAnswers ? sql`, r.answers` : sql``}
    from response r left join survey_version v on v.company_id = r.company_id and v.id = r.survey_version_id
    where r.company_id = ${scope.companyId} and r.survey_id = ${surveyId} and ${context.condition('r')} and ${where}
      and ${afterCursorSql(sort, order, page)}
    order by ${sortKeySql(sort)} ${direction}, r.id ${direction}
    limit ${page.limit + 1}`.execute(scope.db);
  const rows = result.rows.slice(0, page.limit);
  const last = rows.at(-1);
  const nextCursor = result.rows.length > page.limit && last ? encodeCursor(sort, order, { key: last.cursor_key, id: last.id }) : null;
  return { rows, nextCursor };
}

const scoreOf = (value: number | null) => (value === null ? null : Number(value));

/** One row of the respondents list. */
function respondentItem(row: RespondentRow) {
  return {
    id: row.id,
    submittedAt: new Date(row.submitted_at).toISOString(),
    language: row.language,
    version: row.version === null ? null : Number(row.version),
    customerRef: row.customer_ref,
    channel: row.channel,
    source: row.invite_id === null ? ('link' as const) : ('invite' as const),
    S: scoreOf(row.score_s),
    E: scoreOf(row.score_e),
    B: scoreOf(row.score_b),
    D: row.discount_dependent,
    exchangeType: row.exchange_type,
    segment: row.segment,
    loyaltyType: row.loyalty_type,
    retained: row.retained,
    hasComment: Boolean(row.has_comment),
  };
}

/**
 * The respondents behind a cell under the filter, one keyset page sorted by `sort` then id.
 * @example const page = await listRespondents(scope, surveyId, { segment: 'loyal' }, {}, 'S', 'desc', { limit: 50 }); page.nextCursor
 */
export async function listRespondents(
  scope: TenantScope,
  surveyId: string,
  filter: ReportFilter,
  cell: DrillCell,
  sort: DrillSort,
  order: DrillOrder,
  page: DrillPage,
) {
  const context = await surveyReadContext(scope, surveyId, filter);
  const { rows, nextCursor } = await pageOfResponses(scope, surveyId, context, cellSql(cell, context), sort, order, page, false);
  return { surveyId, filter, cell, sort, order, limit: page.limit, items: rows.map(respondentItem), nextCursor };
}

/**
 * The free-text answers under the filter, newest response first, one keyset page of responses with a comment.
 * @example const page = await listComments(scope, surveyId, { segment: 'defector' }, { limit: 20 }); page.items[0].comments
 */
export async function listComments(scope: TenantScope, surveyId: string, filter: ReportFilter, page: DrillPage) {
  const context = await surveyReadContext(scope, surveyId, filter);
  const freeText = new Map(context.versions.map((v) => [v.id, v.definition.questions.filter(isFreeText).map((q) => q.id)]));
  const { rows, nextCursor } = await pageOfResponses(scope, surveyId, context, hasCommentSql(context.versions), 'submittedAt', 'desc', page, true);
  const items = rows.map((row) => ({
    responseId: row.id,
    submittedAt: new Date(row.submitted_at).toISOString(),
    language: row.language,
    version: row.version === null ? null : Number(row.version),
    segment: row.segment,
    comments: (freeText.get(row.survey_version_id) ?? [])
      .map((questionId) => ({ questionId, text: row.answers?.[questionId] }))
      .filter((comment): comment is { questionId: string; text: string } => typeof comment.text === 'string' && comment.text !== ''),
  }));
  return { surveyId, filter, limit: page.limit, items, nextCursor };
}

/** Purchases listed for one respondent; more are counted, not listed. */
const RESPONDENT_PURCHASES = 500;

/**
 * One respondent: its answers beside the questions of the version it answered, its stored scores,
 * its customer's purchases (of this company) and its invite. 404 RESPONDENT_NOT_FOUND for a response
 * of another survey or company.
 * @example const respondent = await getRespondent(scope, surveyId, responseId); respondent.scores.S
 */
export async function getRespondent(scope: TenantScope, surveyId: string, responseId: string) {
  const context = await surveyReadContext(scope, surveyId, {}, { allVersions: true });
  const result = await sql<RespondentRow>`
    select r.id, r.submitted_at, r.language, v.version, r.customer_ref, r.channel, r.invite_id, r.survey_version_id, r.answers,
           r.score_s, r.score_e, r.score_b, r.discount_dependent, r.exchange_type, r.satisfaction_level, r.recovery_group, r.retained,
           ${segmentSql(context.thresholds, 'r')} as segment, ${loyaltyTypeSql(context.thresholds, 'r')} as loyalty_type,
           ${hasCommentSql(context.versions)} as has_comment, 0 as cursor_key, r.scored_version
    from response r left join survey_version v on v.company_id = r.company_id and v.id = r.survey_version_id
    where r.company_id = ${scope.companyId} and r.survey_id = ${surveyId} and r.id = ${responseId}::uuid`.execute(scope.db);
  const row = result.rows[0] as (RespondentRow & { scored_version: number | null }) | undefined;
  if (!row) throw new ApiError('RESPONDENT_NOT_FOUND', `The survey has no response ${responseId}.`);
  const definition: SurveyDefinition | undefined = context.versions.find((v) => v.id === row.survey_version_id)?.definition;
  const answers = row.answers ?? {};
  const asked = new Set(definition?.questions.map((q) => q.id) ?? []);
  const customerRef = row.customer_ref === null || row.customer_ref === '' ? null : row.customer_ref;
  const [purchases, purchaseCount, invite] = await Promise.all([
    customerRef === null
      ? Promise.resolve([])
      : scope.db
          .selectFrom('purchase')
          .select(['external_id', 'purchased_at', 'amount_cents', 'currency', 'channel'])
          .where('company_id', '=', scope.companyId)
          .where('customer_ref', '=', customerRef)
          .orderBy('purchased_at', 'desc')
          .orderBy('id')
          .limit(RESPONDENT_PURCHASES)
          .execute(),
    customerRef === null
      ? Promise.resolve(0)
      : scope.db
          .selectFrom('purchase')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('company_id', '=', scope.companyId)
          .where('customer_ref', '=', customerRef)
          .executeTakeFirstOrThrow()
          .then((r) => Number(r.n)),
    row.invite_id === null
      ? Promise.resolve(undefined)
      : scope.db
          .selectFrom('invite')
          .select(['order_ref', 'channel', 'created_at', 'used_at'])
          .where('company_id', '=', scope.companyId)
          .where('id', '=', row.invite_id)
          .executeTakeFirst(),
  ]);
  return {
    ...respondentItem(row),
    answers: [
      ...(definition?.questions ?? []).map((question) => ({
        questionId: question.id,
        type: question.type,
        construct: question.construct,
        text: question.text,
        answer: answerValue(answers[question.id]),
      })),
      // Answers to no question of the version (a damaged or hand-edited row) are shown, not hidden.
      ...Object.keys(answers)
        .filter((id) => !asked.has(id))
        .map((id) => ({ questionId: id, type: null, construct: null, text: null, answer: answerValue(answers[id]) })),
    ],
    scores: {
      S: scoreOf(row.score_s),
      E: scoreOf(row.score_e),
      B: scoreOf(row.score_b),
      D: row.discount_dependent,
      exchangeType: row.exchange_type,
      satisfactionLevel: row.satisfaction_level === null ? null : Number(row.satisfaction_level),
      recoveryGroup: row.recovery_group,
      retained: row.retained,
      segment: row.segment,
      loyaltyType: row.loyalty_type,
      scoredVersion: row.scored_version === null ? null : Number(row.scored_version),
    },
    purchases: purchases.map((p) => ({
      orderRef: p.external_id,
      purchasedAt: new Date(p.purchased_at).toISOString(),
      amountCents: Number(p.amount_cents),
      currency: p.currency,
      channel: p.channel,
    })),
    purchaseCount,
    invite: invite
      ? { orderRef: invite.order_ref, channel: invite.channel, sentAt: new Date(invite.created_at).toISOString(), usedAt: invite.used_at ? new Date(invite.used_at).toISOString() : null }
      : null,
  };
}

/** A stored answer as the API sends it: a string or a number; anything else (a damaged row) as its JSON text. */
function answerValue(value: unknown): string | number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  return JSON.stringify(value);
}
