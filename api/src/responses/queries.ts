/**
 * Response queries. First argument is the database or a transaction.
 *
 * The two statements every submission runs (the survey head lookup and the idempotent insert) are
 * built and compiled by Kysely once, when this module loads, and on PostgreSQL sent as named prepared
 * statements, so neither Kysely (query building and compiling) nor PostgreSQL (parse and plan) repeats
 * that work per request (docs/BENCHMARKS.md, "Response ingest").
 */
import {
  sql,
  CompiledQuery,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type Compilable,
  type Transaction,
} from 'kysely';
import type pg from 'pg';
import type { Database, ExchangeTypeColumn, NewResponse, RecoveryGroupColumn } from '../db/schema.js';
import type { StoredScores } from '../analytics/storedScores.js';
import type { TenantScope } from '../db/tenant.js';
import type { Language } from '../model/definition.js';
import { surveyHeadQuery, type SurveyHead } from '../surveys/queries.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Compiles queries and never connects: builds the hot statements once at load. */
const compileOnly = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

/** A statement compiled once; `order` names what goes in $1, $2, … */
export interface HotStatement<Param extends string> {
  name: string;
  text: string;
  order: readonly Param[];
}

/**
 * Compiles `build(placeholders)` once, where each placeholder is a marker value standing for one
 * parameter, and records which parameter each `$n` is.
 */
function hotStatement<Param extends string>(
  name: string,
  params: readonly Param[],
  build: (placeholder: (param: Param) => string) => Compilable,
): HotStatement<Param> {
  const marker = (param: Param) => `\u0001${param}\u0001`;
  const compiled = build(marker).compile();
  const order = compiled.parameters.map((value) => {
    const param = params.find((candidate) => marker(candidate) === value);
    if (!param) throw new Error(`${name}: a parameter of the compiled query is no placeholder (${String(value)})`);
    return param;
  });
  return { name, text: compiled.sql, order };
}

const SURVEY_HEAD = hotStatement('ll_survey_head', ['surveyId'], (p) => surveyHeadQuery(compileOnly, p('surveyId')));

type InsertParam =
  | 'companyId' | 'surveyId' | 'versionId' | 'clientSubmissionId' | 'language' | 'answers' | 'startedAt'
  | 'scoreS' | 'scoreE' | 'scoreB' | 'discountDependent' | 'exchangeType' | 'satisfactionLevel' | 'retained' | 'recoveryGroup' | 'scoredVersion';
const INSERT_PARAMS: readonly InsertParam[] = [
  'companyId', 'surveyId', 'versionId', 'clientSubmissionId', 'language', 'answers', 'startedAt',
  'scoreS', 'scoreE', 'scoreB', 'discountDependent', 'exchangeType', 'satisfactionLevel', 'retained', 'recoveryGroup', 'scoredVersion',
];
/** A marker string stands for the value (number, boolean, Date or null) bound at run time. */
const bound = <T>(marker: string) => marker as unknown as T;
const INSERT_RESPONSE_ONCE = hotStatement<InsertParam>('ll_insert_response_once', INSERT_PARAMS, (p) =>
  compileOnly
    .insertInto('response')
    .values({
      company_id: p('companyId'),
      survey_id: p('surveyId'),
      survey_version_id: p('versionId'),
      client_submission_id: p('clientSubmissionId'),
      language: p('language') as Language,
      answers: p('answers'),
      started_at: bound<Date>(p('startedAt')),
      // The stored scores (analytics/storedScores.ts), in the same statement: no second round trip.
      score_s: bound<number>(p('scoreS')),
      score_e: bound<number>(p('scoreE')),
      score_b: bound<number>(p('scoreB')),
      discount_dependent: bound<boolean>(p('discountDependent')),
      exchange_type: bound<ExchangeTypeColumn>(p('exchangeType')),
      satisfaction_level: bound<number>(p('satisfactionLevel')),
      retained: bound<boolean>(p('retained')),
      recovery_group: bound<RecoveryGroupColumn>(p('recoveryGroup')),
      scored_version: bound<number>(p('scoredVersion')),
      scored_at: sql<Date>`now()`,
    })
    .onConflict((conflict) => conflict.columns(['company_id', 'client_submission_id']).doNothing())
    .returning('id'),
);

/**
 * Runs hot statements: by name on a pg client (PostgreSQL), or as the same compiled text through
 * Kysely (PGlite, whose one in-process connection gains nothing from naming them).
 */
export type StatementRunner = <Row>(statement: HotStatement<string>, values: Record<string, unknown>) => Promise<Row[]>;

/** @example const run = preparedOn(client); const [head] = await findSurveyHeadPrepared(run, id); */
export function preparedOn(client: pg.PoolClient): StatementRunner {
  return async <Row>(statement: HotStatement<string>, values: Record<string, unknown>) => {
    const result = await client.query({ name: statement.name, text: statement.text, values: statement.order.map((param) => values[param]) });
    return result.rows as Row[];
  };
}

/** @example const run = compiledOn(db); */
export function compiledOn(db: Db): StatementRunner {
  return async <Row>(statement: HotStatement<string>, values: Record<string, unknown>) => {
    const result = await db.executeQuery<Row>(CompiledQuery.raw(statement.text, statement.order.map((param) => values[param])));
    return [...result.rows];
  };
}

/** The survey head (as surveys/queries.ts findSurveyHead) through the compiled-once statement. */
export async function findSurveyHeadHot(run: StatementRunner, surveyId: string): Promise<SurveyHead | undefined> {
  const rows = await run<SurveyHead>(SURVEY_HEAD, { surveyId });
  return rows[0];
}

/** A public-link response as the submission stores it: its columns and its stored scores. */
export type ResponseRow = Required<Pick<NewResponse, 'company_id' | 'survey_id' | 'survey_version_id' | 'client_submission_id' | 'language'>> & {
  /** The validated answers as JSON text. */
  answers: string;
  started_at: Date | null;
} & StoredScores;

function insertValues(row: ResponseRow): Record<InsertParam, unknown> {
  return {
    companyId: row.company_id,
    surveyId: row.survey_id,
    versionId: row.survey_version_id,
    clientSubmissionId: row.client_submission_id,
    language: row.language,
    answers: row.answers,
    startedAt: row.started_at,
    scoreS: row.score_s,
    scoreE: row.score_e,
    scoreB: row.score_b,
    discountDependent: row.discount_dependent,
    exchangeType: row.exchange_type,
    satisfactionLevel: row.satisfaction_level,
    retained: row.retained,
    recoveryGroup: row.recovery_group,
    scoredVersion: row.scored_version,
  };
}

/**
 * Inserts a response with its stored scores unless its client submission id is already stored.
 * @returns the new id, or undefined when the submission id existed (a retry)
 */
export async function insertResponseOnce(run: StatementRunner, row: ResponseRow): Promise<string | undefined> {
  const rows = await run<{ id: string }>(INSERT_RESPONSE_ONCE, insertValues(row));
  return rows[0]?.id;
}

/** Each insert parameter's PostgreSQL type, for the arrays `unnest` spreads into rows. */
const INSERT_TYPES: Record<InsertParam, string> = {
  companyId: 'uuid', surveyId: 'uuid', versionId: 'uuid', clientSubmissionId: 'uuid', language: 'text', answers: 'jsonb',
  startedAt: 'timestamptz', scoreS: 'float8', scoreE: 'float8', scoreB: 'float8', discountDependent: 'bool',
  exchangeType: 'text', satisfactionLevel: 'int2', retained: 'bool', recoveryGroup: 'text', scoredVersion: 'int4',
};

/**
 * The single-row INSERT with its VALUES replaced by one row per element of the parameter arrays: the
 * same columns, conflict target and now(), written from the compiled single-row text so the two
 * cannot drift apart. Returns the submission id with each new id, to match rows to their callers.
 */
const INSERT_RESPONSES_ONCE: HotStatement<InsertParam> = (() => {
  const single = INSERT_RESPONSE_ONCE.text;
  const values = /\) values \((.*?)\) on conflict /.exec(single);
  if (!values?.[1]) throw new Error(`ll_insert_responses_once: unexpected single-row text ${single}`);
  const unnested = INSERT_RESPONSE_ONCE.order.map((param, index) => `$${index + 1}::${INSERT_TYPES[param]}[]`);
  const columns = values[1].split(', ').map((expression) => {
    const placeholder = /^\$(\d+)$/.exec(expression);
    return placeholder ? `u.c${placeholder[1]}` : expression;
  });
  const aliases = unnested.map((_, index) => `c${index + 1}`).join(', ');
  const text =
    single.slice(0, values.index) +
    `) select ${columns.join(', ')} from unnest(${unnested.join(', ')}) as u(${aliases}) on conflict ` +
    single.slice(values.index + values[0].length).replace(/returning "id"$/, 'returning "id", "company_id", "client_submission_id"');
  return { name: 'll_insert_responses_once', text, order: INSERT_RESPONSE_ONCE.order };
})();

/**
 * Inserts several responses in one statement, each unless its (company, client submission id) is
 * stored already or comes earlier in `rows`.
 * @returns the new ids by submissionKey(company, client submission id)
 */
export async function insertResponsesOnce(run: StatementRunner, rows: readonly ResponseRow[]): Promise<Map<string, string>> {
  const columns = rows.map(insertValues);
  const arrays = Object.fromEntries(INSERT_PARAMS.map((param) => [param, columns.map((values) => values[param])]));
  const inserted = await run<{ id: string; company_id: string; client_submission_id: string }>(INSERT_RESPONSES_ONCE, arrays);
  return new Map(inserted.map((row) => [submissionKey(row.company_id, row.client_submission_id), row.id]));
}

/** How a batch's returned rows are matched to its submissions. */
export function submissionKey(companyId: string, clientSubmissionId: string): string {
  return `${companyId}/${clientSubmissionId.toLowerCase()}`;
}

/**
 * Inserts an invite's response unless it conflicts with a stored one: the invite's response (unique
 * company_id, invite_id) or the same client submission id. Waits for a concurrent insert of either
 * to commit or roll back first, so exactly one of many concurrent submissions is stored.
 * @returns the new id, or undefined when one of them was already stored
 */
export async function insertInviteResponseOnce(db: Db, response: NewResponse): Promise<string | undefined> {
  const row = await db.insertInto('response').values(response).onConflict((conflict) => conflict.doNothing()).returning('id').executeTakeFirst();
  return row?.id;
}

/** One version of the company's survey (a respondent mid-survey answers the version they started). */
export async function findSurveyVersion(scope: TenantScope, surveyId: string, version: number) {
  return scope.db
    .selectFrom('survey_version')
    .select(['id', 'definition'])
    .where('company_id', '=', scope.companyId)
    .where('survey_id', '=', surveyId)
    .where('version', '=', version)
    .executeTakeFirst();
}

/** A response of the company by its client submission id (ids are unique per company). */
export async function findResponseBySubmissionId(scope: TenantScope, clientSubmissionId: string) {
  return scope.db
    .selectFrom('response')
    .select(['id', 'survey_id as surveyId', 'invite_id as inviteId'])
    .where('company_id', '=', scope.companyId)
    .where('client_submission_id', '=', clientSubmissionId)
    .executeTakeFirst();
}

/** The compiled-once statements, by name (for tests and the bench to inspect). */
export const HOT_STATEMENTS = { SURVEY_HEAD, INSERT_RESPONSE_ONCE, INSERT_RESPONSES_ONCE } as const;
