/**
 * Stored partial states of the segment report (issue 17, reports/state.ts): the accumulator's counts
 * and sums per survey × UTC day of submission, so a report merges a few hundred small states and
 * reads live only the responses newer than the fold's watermark, instead of re-reading every answer.
 *
 * report_state: one row per survey and UTC day with folded responses.
 * - `state`: the accumulator's JSON state over the day's responses submitted before `folded_until`
 *   (the watermark of the fold that wrote it); `n`: how many responses that is.
 * - `basis`: a digest of what the state depends on (the survey's version ids, numbers and definitions
 *   with their thresholds, the change event compared, the state format); a row of another basis is
 *   treated as missing and refolded.
 * - `observed_until`: the purchase-history time the retention windows were judged against.
 * A tenant table keyed by company first (test/tenant-keys.test.ts); it goes with its survey.
 *
 * Imports no app code: migrations never change after they land.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table report_state (
      company_id uuid not null,
      survey_id uuid not null,
      day date not null,
      basis text not null,
      observed_until timestamptz,
      folded_until timestamptz not null,
      n integer not null check (n >= 0),
      state jsonb not null,
      folded_at timestamptz not null default now(),
      primary key (company_id, survey_id, day),
      foreign key (company_id, survey_id) references survey (company_id, id) on delete cascade
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table report_state`.execute(db);
}
