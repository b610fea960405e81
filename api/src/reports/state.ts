/**
 * The segment report from stored partial states (issue 17; migrations/0006 report_state): one
 * accumulator state per survey × UTC day of submission, folded incrementally behind a watermark and
 * merged at read, so a warm report reads a few hundred small states plus the last minute of responses
 * instead of re-reading and re-scoring every answer. docs/BENCHMARKS.md "Segment report" has the
 * measurements behind the design.
 *
 * A report (`reportFromStates`):
 * 1. cutoff = the database's now() − FOLD_MARGIN_MS, longer than any insert transaction stays open
 *    (statement timeouts are 5 s): a response submitted before the cutoff is committed by now, or never.
 * 2. Per-day counts of the responses before the cutoff (an index range over response
 *    (company_id, survey_id, submitted_at)) against the stored rows' `n`: a day whose count equals
 *    its state's is clean; a day that grew since its fold (its `folded_until` inside the day) gets
 *    the responses after that watermark folded into its state; any other difference (a late insert
 *    with an old submitted_at, a deletion, a missing or invalidated state, another basis or purchase
 *    history) refolds the whole day. So no response is lost whatever the submitted_at it was given.
 * 3. The days to fold are read in one pass (reports/queries.ts respondentLinesQuery through
 *    db/stream.ts), grouped by day, and their states written back (upsert, one row per day).
 * 4. The states of the filter's days and the live tail (submitted at or after the cutoff, one state
 *    per day) are merged into one accumulator — or, with `splitAt` (a change event), into the two sides
 *    of the event, its own day read live, and the sides into the report — and `finish()` gives the
 *    report. The merged day states come back as `days` (for the trend, reports/stateTrend.ts).
 * Submissions never touch report_state: ingest keeps its speed.
 */
import { setImmediate } from 'node:timers/promises';
import { sql, type Kysely } from 'kysely';
import type { JsonState } from '../analytics/scoredRespondent.js';
import type { Respondent } from '../analytics/scoring.js';
import type { Database } from '../db/schema.js';
import { respondentRows, type RespondentRow, type StreamDatabase } from './queries.js';

/** How far behind the database's clock the watermark stays: longer than any insert transaction can stay open. */
export const FOLD_MARGIN_MS = 60_000;
export const DAY_MS = 86_400_000;
/** Longest stretch, in ms, of synchronous scoring before the event loop gets a turn (as reports/service.ts). */
const SLICE_MS = 2;

/** What the store needs of a report accumulator: respondents in, a JSON state out and back in (analytics MergeableAccumulator over raw respondents). */
export interface StatefulReport<Result, State extends JsonState = JsonState> {
  add(respondent: Respondent): void;
  finish(): Result;
  state(): State;
  merge(state: State): void;
}

/**
 * True when the accumulator can save and merge its state (analytics/segmentReport.ts once its
 * `state()`/`merge()` are in); the report then runs from the stored states.
 */
export function isStateful<Result>(accumulator: { add(respondent: Respondent): void; finish(): Result }): accumulator is StatefulReport<Result> {
  const candidate = accumulator as Partial<StatefulReport<Result>>;
  return typeof candidate.state === 'function' && typeof candidate.merge === 'function';
}

export interface ReportStateSpec<Result, State extends JsonState> {
  companyId: string;
  surveyId: string;
  /** A digest of what the states depend on (reportStateBasis); rows of another basis are refolded. */
  basis: string;
  /** A fresh accumulator, made with the same arguments every time. */
  create(): StatefulReport<Result, State>;
  /** respondentLinesQuery of the survey with one more condition on the responses (alias r). */
  statement(where: string): string;
  /** The purchase-history time retention windows are judged against (ms); undefined: no purchase history. */
  observedUntil: number | undefined;
  /** How far behind the database's clock the watermark stays (default FOLD_MARGIN_MS; tests use 0). */
  marginMs?: number;
  /**
   * A change event's instant (ms): the days before its UTC day are merged into one side, the days after
   * into the other, its own day read live and split at the instant; the report merges the two sides
   * (`sides` of the result, for analytics compareAroundEvent).
   */
  splitAt?: number;
  /** UTC days 'YYYY-MM-DD', both inclusive (reports/filter.ts from/to); absent: every day. */
  fromDay?: string;
  toDay?: string;
}

/** What a report from states did, for logs and the bench. */
export interface StateReportStats {
  /** Days merged from stored states as they were. */
  cleanDays: number;
  /** Days refolded whole, and days that got only their responses after the day's watermark. */
  refoldedDays: number;
  extendedDays: number;
  /** Responses read to fold, and read live past the watermark. */
  foldedRows: number;
  liveRows: number;
  cutoff: string;
}

export const dayOf = (ms: number) => new Date(Math.floor(ms / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
export const dayStart = (day: string) => Date.parse(`${day}T00:00:00.000Z`);
const iso = (ms: number) => new Date(ms).toISOString();
const quoted = (value: string) => `'${value.replaceAll("'", "''")}'`;

/** The respondent the analytics module gets from one stored row (as reports/service.ts builds it). */
export function respondentOf(row: RespondentRow, observedUntil: number | undefined): Respondent {
  const [surveyedAt, purchasedAt, answers, version] = row;
  if (observedUntil === undefined || purchasedAt === null) return { answers, surveyedAt, version };
  return { answers, surveyedAt, version, purchases: { purchasedAt, observedUntil } };
}

/** One SQL condition: submitted_at within any of the [from, before) ranges (adjacent ranges joined). */
export function rangesCondition(ranges: [number, number][]): string {
  const sorted = ranges.filter(([from, before]) => from < before).sort((a, b) => a[0] - b[0]);
  const joined: [number, number][] = [];
  for (const range of sorted) {
    const last = joined.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else joined.push([...range]);
  }
  if (joined.length === 0) return 'false';
  const bound = (from: number, before: number) =>
    [Number.isFinite(from) ? `r.submitted_at >= ${quoted(iso(from))}` : 'true', Number.isFinite(before) ? `r.submitted_at < ${quoted(iso(before))}` : 'true'].join(' and ');
  return joined.map(([from, before]) => `(${bound(from, before)})`).join(' or ');
}

/** Feeds every row of `statement` to `add`, giving the event loop a turn every few milliseconds. */
export async function feed(database: StreamDatabase, statement: string, add: (row: RespondentRow) => void): Promise<number> {
  let rows = 0;
  let sliceStart = performance.now();
  for await (const batch of respondentRows(database, statement)) {
    for (let i = 0; i < batch.length; i++) {
      add(batch[i]!);
      if ((i & 1023) === 1023 && performance.now() - sliceStart > SLICE_MS) {
        await setImmediate();
        sliceStart = performance.now();
      }
    }
    rows += batch.length;
    await setImmediate();
    sliceStart = performance.now();
  }
  return rows;
}

/** One merged state and the UTC day ('YYYY-MM-DD') of its respondents. */
export interface DayState<State extends JsonState = JsonState> {
  day: string;
  state: State;
}

interface StoredDay {
  n: number;
  foldedUntil: number;
}

/**
 * The report over the survey's responses in the spec's day range, from the stored day states (folded
 * first where they are missing, stale or behind) plus the responses past the watermark read live.
 * Equals the accumulator fed every response directly (test/report-state.test.ts).
 * `days` are the states it merged, each with its UTC day (a day may come twice: its stored state and
 * its live tail past the watermark), for the trend and the change event (reports/stateTrend.ts).
 * @example const { result, days } = await reportFromStates(database, { companyId, surveyId, basis, create, statement, observedUntil });
 */
export async function reportFromStates<Result, State extends JsonState>(
  database: StreamDatabase,
  spec: ReportStateSpec<Result, State>,
): Promise<{ result: Result; stats: StateReportStats; days: DayState<State>[]; sides?: { before: State; after: State } }> {
  const { db } = database;
  const { companyId, surveyId, basis } = spec;
  const observedUntil = spec.observedUntil === undefined ? null : iso(spec.observedUntil);
  const clock = await sql<{ now: Date }>`select now() as now`.execute(db);
  const cutoff = clock.rows[0]!.now.getTime() - (spec.marginMs ?? FOLD_MARGIN_MS);
  const from = spec.fromDay === undefined ? Number.NEGATIVE_INFINITY : dayStart(spec.fromDay);
  const before = spec.toDay === undefined ? Number.POSITIVE_INFINITY : dayStart(spec.toDay) + DAY_MS;
  const foldedBefore = Math.min(cutoff, before);

  const storedRows = await rangeQuery(db, spec, from, before)
    .select(['n', 'basis', 'observed_until', 'folded_until', sql<string>`day::text`.as('dayText')])
    .execute();
  const stored = new Map<string, StoredDay>();
  for (const row of storedRows) {
    const sameHistory = (row.observed_until?.toISOString() ?? null) === observedUntil;
    if (row.basis === basis && sameHistory) stored.set(row.dayText, { n: row.n, foldedUntil: row.folded_until.getTime() });
  }
  const totals = await dayCounts(db, spec, stored, from, foldedBefore);
  const clean: string[] = [];
  const extend = new Map<string, StoredDay>();
  const refold = new Set<string>();
  for (const [day, total] of totals) {
    const state = stored.get(day);
    if (state && state.n === total) clean.push(day);
    else if (state && state.n < total && state.foldedUntil < dayStart(day) + DAY_MS) extend.set(day, state);
    else refold.add(day);
  }
  const gone = storedRows.map((row) => row.dayText).filter((day) => !totals.has(day));

  // One pass over the days to fold (whole days, and the tails after an extended day's watermark).
  const folding = new Map<string, StatefulReport<Result, State>>();
  const foldedCount = new Map<string, number>();
  const foldRanges = (days: Iterable<string>, tails: Map<string, StoredDay>) => {
    const ranges: [number, number][] = [];
    for (const day of days) ranges.push([dayStart(day), Math.min(dayStart(day) + DAY_MS, foldedBefore)]);
    for (const [day, state] of tails) ranges.push([state.foldedUntil, Math.min(dayStart(day) + DAY_MS, foldedBefore)]);
    return ranges;
  };
  const foldPass = async (ranges: [number, number][]) => {
    if (ranges.length === 0) return 0;
    return feed(database, spec.statement(rangesCondition(ranges)), (row) => {
      const day = dayOf(row[0]);
      let accumulator = folding.get(day);
      if (!accumulator) folding.set(day, (accumulator = spec.create()));
      accumulator.add(respondentOf(row, spec.observedUntil));
      foldedCount.set(day, (foldedCount.get(day) ?? 0) + 1);
    });
  };
  let foldedRows = await foldPass(foldRanges(refold, extend));
  // An extended day whose tail does not add up to its count had a late insert or a deletion before
  // its watermark: refold it whole.
  const states = new Map<string, State>();
  if (extend.size > 0) {
    const kept = await rangeQuery(db, spec, from, before)
      .where('day', 'in', [...extend.keys()])
      .select([sql<string>`day::text`.as('dayText'), 'state'])
      .execute();
    const keptStates = new Map(kept.map((row) => [row.dayText, row.state as State]));
    const again: string[] = [];
    for (const [day, state] of extend) {
      if (state.n + (foldedCount.get(day) ?? 0) === totals.get(day) && keptStates.has(day)) {
        let accumulator = folding.get(day);
        if (!accumulator) folding.set(day, (accumulator = spec.create()));
        accumulator.merge(keptStates.get(day)!);
      } else {
        again.push(day);
        folding.delete(day);
        foldedCount.delete(day);
      }
    }
    foldedRows += await foldPass(foldRanges(again, new Map()));
    for (const day of again) {
      extend.delete(day);
      refold.add(day);
    }
  }
  // What each folded state holds: the day's responses read now, plus an extended day's stored ones.
  const held = new Map<string, number>();
  for (const [day, accumulator] of folding) {
    states.set(day, accumulator.state());
    held.set(day, (foldedCount.get(day) ?? 0) + (extend.get(day)?.n ?? 0));
  }
  folding.clear();
  await writeStates(db, spec, states, held, observedUntil, foldedBefore, gone);

  // Merge the clean days' stored states and the folded ones, then add the live tail (one state per day).
  const report = spec.create();
  const days: DayState<State>[] = [];
  if (clean.length > 0) {
    const rows = await rangeQuery(db, spec, from, before)
      .where('basis', '=', basis)
      .where('day', 'in', clean)
      .select([sql<string>`day::text`.as('dayText'), 'state'])
      .execute();
    for (const row of rows) days.push({ day: row.dayText, state: row.state as State });
  }
  for (const [day, state] of states) days.push({ day, state });
  let liveRows = 0;
  if (before > cutoff) {
    const tail = new Map<string, StatefulReport<Result, State>>();
    liveRows = await feed(database, spec.statement(rangesCondition([[Math.max(cutoff, from), before]])), (row) => {
      const day = dayOf(row[0]);
      let accumulator = tail.get(day);
      if (!accumulator) tail.set(day, (accumulator = spec.create()));
      accumulator.add(respondentOf(row, spec.observedUntil));
    });
    for (const [day, accumulator] of tail) days.push({ day, state: accumulator.state() });
  }
  // Merged in day order whichever way the days were read or folded: sums of doubles depend on their
  // order, and a report must not change in its last digit between the call that folds and the next.
  days.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  let sides: { before: State; after: State } | undefined;
  if (spec.splitAt === undefined) {
    for (const { state } of days) report.merge(state);
  } else {
    const at = spec.splitAt;
    const eventDay = dayOf(at);
    const beforeSide = spec.create();
    const afterSide = spec.create();
    for (const { day, state } of days) {
      if (day < eventDay) beforeSide.merge(state);
      else if (day > eventDay) afterSide.merge(state);
    }
    const eventStart = dayStart(eventDay);
    if (from <= eventStart && eventStart < before) {
      liveRows += await feed(database, spec.statement(rangesCondition([[eventStart, eventStart + DAY_MS]])), (row) =>
        (row[0] < at ? beforeSide : afterSide).add(respondentOf(row, spec.observedUntil)),
      );
    }
    sides = { before: beforeSide.state(), after: afterSide.state() };
    report.merge(sides.before);
    report.merge(sides.after);
  }
  return {
    result: report.finish(),
    stats: { cleanDays: clean.length, refoldedDays: refold.size, extendedDays: extend.size, foldedRows, liveRows, cutoff: iso(cutoff) },
    days,
    ...(sides ? { sides } : {}),
  };
}

/**
 * The survey's responses per UTC day submitted in [from, before). A day whose state was folded after
 * the day ended ("sealed") changes only by a late insert or a deletion, so the sealed region is checked
 * with one count against the sum of its states (3× cheaper than grouping 1 M rows by day) and only the
 * days after it are counted one by one; when the sum differs, every day is counted.
 */
async function dayCounts(
  db: Kysely<Database>,
  spec: { companyId: string; surveyId: string },
  stored: Map<string, StoredDay>,
  from: number,
  before: number,
): Promise<Map<string, number>> {
  const { companyId, surveyId } = spec;
  const perDay = async (start: number) => {
    const counts = await sql<{ day: string; n: string }>`
      select (submitted_at at time zone 'UTC')::date::text as day, count(*) as n
      from response
      where company_id = ${companyId} and survey_id = ${surveyId} and submitted_at < ${iso(before)}
        ${Number.isFinite(start) ? sql`and submitted_at >= ${iso(start)}` : sql``}
      group by 1`.execute(db);
    return new Map(counts.rows.map((row) => [row.day, Number(row.n)]));
  };
  // The sealed region ends where the first unsealed state begins, or after the last sealed one.
  let sealedEnd = Number.NEGATIVE_INFINITY;
  let firstUnsealed = Number.POSITIVE_INFINITY;
  for (const [day, state] of stored) {
    const end = dayStart(day) + DAY_MS;
    if (state.foldedUntil >= end) sealedEnd = Math.max(sealedEnd, end);
    else firstUnsealed = Math.min(firstUnsealed, dayStart(day));
  }
  const split = Math.min(sealedEnd, firstUnsealed, before);
  if (!Number.isFinite(split) || split <= from) return perDay(from);
  let sealedSum = 0;
  const sealed = new Map<string, number>();
  for (const [day, state] of stored) {
    if (dayStart(day) + DAY_MS <= split) {
      sealedSum += state.n;
      sealed.set(day, state.n);
    }
  }
  const total = await sql<{ n: string }>`
    select count(*) as n from response
    where company_id = ${companyId} and survey_id = ${surveyId} and submitted_at < ${iso(split)}
      ${Number.isFinite(from) ? sql`and submitted_at >= ${iso(from)}` : sql``}`.execute(db);
  if (Number(total.rows[0]!.n) !== sealedSum) return perDay(from);
  for (const [day, n] of await perDay(split)) sealed.set(day, n);
  return sealed;
}

/** The survey's stored rows whose day is in [from, before). */
function rangeQuery(db: Kysely<Database>, spec: { companyId: string; surveyId: string }, from: number, before: number) {
  let query = db.selectFrom('report_state').where('company_id', '=', spec.companyId).where('survey_id', '=', spec.surveyId);
  if (Number.isFinite(from)) query = query.where('day', '>=', dayOf(from));
  if (Number.isFinite(before)) query = query.where('day', '<', dayOf(before));
  return query;
}

/** Upserts the folded days (n = how many responses each state holds) and drops the rows of days that have no responses left. */
async function writeStates<State extends JsonState>(
  db: Kysely<Database>,
  spec: { companyId: string; surveyId: string; basis: string },
  states: Map<string, State>,
  held: Map<string, number>,
  observedUntil: string | null,
  foldedUntil: number,
  gone: string[],
): Promise<void> {
  if (states.size === 0 && gone.length === 0) return;
  await db.transaction().execute(async (trx) => {
    if (gone.length > 0) {
      await trx.deleteFrom('report_state').where('company_id', '=', spec.companyId).where('survey_id', '=', spec.surveyId).where('day', 'in', gone).execute();
    }
    const rows = [...states].map(([day, state]) => ({
      company_id: spec.companyId,
      survey_id: spec.surveyId,
      day,
      basis: spec.basis,
      observed_until: observedUntil,
      folded_until: iso(foldedUntil),
      n: held.get(day) ?? 0,
      state: JSON.stringify(state),
    }));
    // A few dozen rows per statement: each state is a few kilobytes of JSON.
    for (let i = 0; i < rows.length; i += 50) {
      await trx
        .insertInto('report_state')
        .values(rows.slice(i, i + 50))
        .onConflict((oc) =>
          oc.columns(['company_id', 'survey_id', 'day']).doUpdateSet((eb) => ({
            basis: eb.ref('excluded.basis'),
            observed_until: eb.ref('excluded.observed_until'),
            folded_until: eb.ref('excluded.folded_until'),
            n: eb.ref('excluded.n'),
            state: eb.ref('excluded.state'),
            folded_at: sql`now()`,
          })),
        )
        .execute();
    }
  });
}
