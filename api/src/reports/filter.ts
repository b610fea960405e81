/**
 * Report filters (issue 17): one parser and one SQL condition shared by the report, its trend, the
 * drill-down and the export, so every part of a filtered report counts the same respondents.
 *
 * - `from`, `to`: calendar days `YYYY-MM-DD` in UTC, both inclusive (a response submitted on `to`
 *   counts); `from` after `to` is refused.
 * - `version`: a survey version number (whole, ≥ 1); whether the survey has it is checked by the
 *   caller, which knows the versions (`assertKnownVersion`).
 * - `language`: en, ru, et, ka — the language the response was given in.
 * - `segment`: a primary segment (analytics/segments.ts), decided from the stored scores and the
 *   survey's current thresholds (`segmentSql`), so changing a threshold needs no rescoring.
 * - `channel`: the channel of the invite the response came through (response.channel).
 * - `source`: `invite` (through an invite link) or `link` (the survey's public link or QR code).
 * Bad values → 400 INVALID_FILTER naming the parameter (`fields[0].path` is `/query/<name>`).
 */
import { sql, type RawBuilder } from 'kysely';
import { Type, type Static } from 'typebox';
import { LANGUAGES, type Language, type Thresholds } from '../model/definition.js';
import { SEGMENTS, type LoyaltyType, type Segment } from '../analytics/segments.js';
import { roundScore } from '../analytics/scoring.js';
import { ApiError } from '../errors.js';

export const REPORT_SOURCES = ['invite', 'link'] as const;
export type ReportSource = (typeof REPORT_SOURCES)[number];

export interface ReportFilter {
  from?: string;
  to?: string;
  version?: number;
  language?: Language;
  segment?: Segment;
  channel?: string;
  source?: ReportSource;
}

/** The filter parameters as the query string carries them: strings, checked by `parseReportFilter` for messages that name the parameter. */
export const ReportFilterQuery = Type.Object({
  from: Type.Optional(Type.String({ description: 'First day, YYYY-MM-DD (UTC), inclusive.' })),
  to: Type.Optional(Type.String({ description: 'Last day, YYYY-MM-DD (UTC), inclusive.' })),
  version: Type.Optional(Type.String({ description: 'A published survey version number.' })),
  language: Type.Optional(Type.String({ description: 'en, ru, et or ka.' })),
  segment: Type.Optional(Type.String({ description: `One of ${SEGMENTS.join(', ')}.` })),
  channel: Type.Optional(Type.String({ description: "The invite's channel, as imported (e.g. email, receipt)." })),
  source: Type.Optional(Type.String({ description: 'invite or link.' })),
});
export type ReportFilterQuery = Static<typeof ReportFilterQuery>;

/** The names of the filter parameters, in the order the docs list them. */
export const FILTER_PARAMETERS = ['from', 'to', 'version', 'language', 'segment', 'channel', 'source'] as const;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function refuse(parameter: string, message: string): never {
  throw new ApiError('INVALID_FILTER', `${parameter}: ${message}`, [{ path: `/query/${parameter}`, message }]);
}

/** A real calendar day YYYY-MM-DD (2026-02-30 is refused), between years 2000 and 2100. */
function parseDay(parameter: string, value: string): string {
  const match = DAY.exec(value);
  if (!match) refuse(parameter, `"${value}" is not a date; write it as YYYY-MM-DD.`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    refuse(parameter, `"${value}" is not a day of the calendar.`);
  }
  if (year < 2000 || year > 2100) refuse(parameter, `"${value}" is outside the years 2000–2100.`);
  return value;
}

/**
 * The filter of a report request; empty parameters count as absent.
 * @example parseReportFilter({ from: '2026-01-01', segment: 'loyal' }) // => { from: '2026-01-01', segment: 'loyal' }
 */
export function parseReportFilter(query: Partial<Record<(typeof FILTER_PARAMETERS)[number], string | undefined>>): ReportFilter {
  const filter: ReportFilter = {};
  const given = (name: (typeof FILTER_PARAMETERS)[number]) => {
    const value = query[name];
    return value === undefined || value === '' ? undefined : value;
  };
  const from = given('from');
  const to = given('to');
  if (from !== undefined) filter.from = parseDay('from', from);
  if (to !== undefined) filter.to = parseDay('to', to);
  if (filter.from !== undefined && filter.to !== undefined && filter.from > filter.to) {
    refuse('from', `${filter.from} is after to (${filter.to}).`);
  }
  const version = given('version');
  if (version !== undefined) {
    if (!/^[1-9]\d{0,8}$/.test(version)) refuse('version', `"${version}" is not a version number (a whole number from 1).`);
    filter.version = Number(version);
  }
  const language = given('language');
  if (language !== undefined) {
    if (!(LANGUAGES as readonly string[]).includes(language)) refuse('language', `"${language}" is not one of ${LANGUAGES.join(', ')}.`);
    filter.language = language as Language;
  }
  const segment = given('segment');
  if (segment !== undefined) {
    if (!(SEGMENTS as readonly string[]).includes(segment)) refuse('segment', `"${segment}" is not a segment; use one of ${SEGMENTS.join(', ')}.`);
    filter.segment = segment as Segment;
  }
  const channel = given('channel');
  if (channel !== undefined) {
    if (channel.length > 100) refuse('channel', 'is longer than 100 characters.');
    filter.channel = channel;
  }
  const source = given('source');
  if (source !== undefined) {
    if (!(REPORT_SOURCES as readonly string[]).includes(source)) refuse('source', `"${source}" is not one of ${REPORT_SOURCES.join(', ')}.`);
    filter.source = source as ReportSource;
  }
  return filter;
}

/** 400 INVALID_FILTER when the filter names a version the survey does not have. */
export function assertKnownVersion(filter: ReportFilter, versions: readonly { version: number }[]): void {
  if (filter.version === undefined) return;
  if (!versions.some((v) => v.version === filter.version)) {
    refuse('version', `the survey has no published version ${filter.version} (it has ${versions.map((v) => v.version).join(', ') || 'none'}).`);
  }
}

/** True when the filter restricts nothing. */
export function isEmptyFilter(filter: ReportFilter): boolean {
  return FILTER_PARAMETERS.every((name) => filter[name] === undefined);
}

/** The first instant after the day `to` (exclusive upper bound), and the first instant of `from`. */
export function filterInstants(filter: ReportFilter): { from?: Date; before?: Date } {
  const instants: { from?: Date; before?: Date } = {};
  if (filter.from !== undefined) instants.from = new Date(`${filter.from}T00:00:00.000Z`);
  if (filter.to !== undefined) instants.before = new Date(new Date(`${filter.to}T00:00:00.000Z`).getTime() + 86_400_000);
  return instants;
}

/** Thresholds rounded as the scores are (DESIGN.md: compare at 12 decimals), bound as float8 parameters. */
function roundedThresholds(thresholds: Thresholds): Record<keyof Thresholds, RawBuilder<number>> {
  const bound = (value: number) => sql<number>`${roundScore(value)}::double precision`;
  return { satisfaction: bound(thresholds.satisfaction), emotional: bound(thresholds.emotional), behavioural: bound(thresholds.behavioural) };
}

/**
 * The primary segment of a response from its stored scores (migrations/0005) and the thresholds, as
 * analytics/segments.ts primarySegment decides it: the stored scores are rounded to 12 decimals
 * already, so they compare with τ directly. `alias` is the response table's alias in the query.
 * @example sql`select ${segmentSql(thresholds, 'r')} as segment from response r`
 */
export function segmentSql(thresholds: Thresholds, alias = 'response'): RawBuilder<Segment> {
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  const [s, e, b, d] = [column('score_s'), column('score_e'), column('score_b'), column('discount_dependent')];
  const t = roundedThresholds(thresholds);
  return sql<Segment>`case
    when ${s} is null or ${e} is null or ${b} is null then 'unclassified'
    when ${e} >= ${t.emotional} and ${b} >= ${t.behavioural} then 'loyal'
    when ${d} is true and ${e} < ${t.emotional} then 'price_hunter'
    when ${s} >= ${t.satisfaction} then 'satisfied_not_loyal'
    when ${b} >= ${t.behavioural} then 'hostage'
    else 'defector' end`;
}

/**
 * The loyalty type of a response from its stored scores (analytics/segments.ts loyaltyType): true
 * (E and B high), latent (E high), spurious (B high), none, unknown (E or B missing).
 */
export function loyaltyTypeSql(thresholds: Thresholds, alias = 'response'): RawBuilder<LoyaltyType> {
  const e = sql.ref(`${alias}.score_e`);
  const b = sql.ref(`${alias}.score_b`);
  const t = roundedThresholds(thresholds);
  return sql<LoyaltyType>`case
    when ${e} is null or ${b} is null then 'unknown'
    when ${e} >= ${t.emotional} and ${b} >= ${t.behavioural} then 'true'
    when ${e} >= ${t.emotional} then 'latent'
    when ${b} >= ${t.behavioural} then 'spurious'
    else 'none' end`;
}

/**
 * The filter as one SQL condition over the response table (`alias`), for a Kysely `where`: the survey
 * and company are the caller's conditions; an empty filter is `true`. The version filter needs the
 * version's id (`versionId`), which the caller looked up with `assertKnownVersion`.
 * @example db.selectFrom('response as r').where(filterSql(filter, { thresholds, versionId }, 'r'))
 */
export function filterSql(filter: ReportFilter, context: { thresholds: Thresholds; versionId?: string }, alias = 'response'): RawBuilder<boolean> {
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  const conditions: RawBuilder<unknown>[] = [];
  const { from, before } = filterInstants(filter);
  if (from) conditions.push(sql`${column('submitted_at')} >= ${from}`);
  if (before) conditions.push(sql`${column('submitted_at')} < ${before}`);
  if (filter.version !== undefined) {
    if (context.versionId === undefined) throw new Error('filterSql: a version filter needs the version id (assertKnownVersion first)');
    conditions.push(sql`${column('survey_version_id')} = ${context.versionId}`);
  }
  if (filter.language !== undefined) conditions.push(sql`${column('language')} = ${filter.language}`);
  if (filter.channel !== undefined) conditions.push(sql`${column('channel')} = ${filter.channel}`);
  if (filter.source === 'invite') conditions.push(sql`${column('invite_id')} is not null`);
  if (filter.source === 'link') conditions.push(sql`${column('invite_id')} is null`);
  if (filter.segment !== undefined) conditions.push(sql`${segmentSql(context.thresholds, alias)} = ${filter.segment}`);
  if (conditions.length === 0) return sql<boolean>`true`;
  return sql<boolean>`(${sql.join(conditions, sql` and `)})`;
}
