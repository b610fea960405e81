/**
 * Purchase imports, change events edited by analysts, and per-respondent scores (issue 17).
 *
 * 1. purchase: `currency`, `channel`, `import_id` (the recorded import that wrote it). Imports are
 *    idempotent on the order reference (`external_id`, unique per company since 0001).
 * 2. purchase_import: one row per import (CSV upload or API batch) — who, when, what file, its state
 *    (processing → applied | failed), its counts and the listed bad rows. The report says when purchases
 *    were last imported from here, not from max(purchase.created_at).
 * 3. change_event: `updated_at`, `created_by` (analysts add, edit and remove them).
 * 4. response: the respondent's scores, computed when the response is stored and recomputed for the
 *    customers whose purchase history changed (B's repeat-purchase item): `score_s`, `score_e`,
 *    `score_b` (0..1, rounded to 12 decimals, null when missing), `discount_dependent` (null when
 *    unknown), `exchange_type`, `scored_version` (the survey version number scored with),
 *    `satisfaction_level` (the overall-satisfaction answer as given), `retained` (a purchase within 180
 *    days after the survey; null while unobserved or without purchase history), `recovery_group`
 *    (no_problem, resolved, partly, not_resolved; null when not asked or not told), `scored_at`; and
 *    `channel` (the invite's channel, copied when the response is stored). Segments follow from these
 *    and the survey's current thresholds (reports/filter.ts segmentSql), so changing a threshold
 *    needs no rescoring.
 *
 * Imports no app code: migrations never change after they land.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table purchase_import (
      id uuid not null default gen_random_uuid(),
      company_id uuid not null references company (id) on delete cascade,
      created_by uuid references app_user (id) on delete set null,
      source text not null check (source in ('csv', 'api')),
      file_name text check (length(file_name) between 1 and 255),
      status text not null default 'processing' check (status in ('processing', 'applied', 'failed')),
      rows_total integer not null default 0 check (rows_total >= 0),
      rows_processed integer not null default 0 check (rows_processed >= 0),
      rows_inserted integer not null default 0 check (rows_inserted >= 0),
      rows_unchanged integer not null default 0 check (rows_unchanged >= 0),
      error_count integer not null default 0 check (error_count >= 0),
      errors jsonb not null default '[]'::jsonb check (jsonb_typeof(errors) = 'array'),
      started_at timestamptz not null default now(),
      finished_at timestamptz,
      primary key (company_id, id)
    )`.execute(db);
  await sql`create index purchase_import_company_time_idx on purchase_import (company_id, started_at desc)`.execute(db);

  await sql`alter table purchase add column currency text check (currency ~ '^[A-Z]{3}$')`.execute(db);
  await sql`alter table purchase add column channel text check (length(channel) between 1 and 100)`.execute(db);
  await sql`alter table purchase add column import_id uuid`.execute(db);
  await sql`alter table purchase add constraint purchase_import_fkey
    foreign key (company_id, import_id) references purchase_import (company_id, id) on delete set null (import_id)`.execute(db);

  await sql`alter table change_event add column updated_at timestamptz not null default now()`.execute(db);
  await sql`alter table change_event add column created_by uuid references app_user (id) on delete set null`.execute(db);

  await sql`alter table response add column score_s double precision check (score_s between 0 and 1)`.execute(db);
  await sql`alter table response add column score_e double precision check (score_e between 0 and 1)`.execute(db);
  await sql`alter table response add column score_b double precision check (score_b between 0 and 1)`.execute(db);
  await sql`alter table response add column discount_dependent boolean`.execute(db);
  await sql`alter table response add column exchange_type text check (exchange_type in ('criminal', 'partial', 'equal', 'pleasant_surprise'))`.execute(db);
  await sql`alter table response add column satisfaction_level smallint`.execute(db);
  await sql`alter table response add column retained boolean`.execute(db);
  await sql`alter table response add column recovery_group text check (recovery_group in ('no_problem', 'resolved', 'partly', 'not_resolved'))`.execute(db);
  await sql`alter table response add column scored_version integer`.execute(db);
  await sql`alter table response add column scored_at timestamptz`.execute(db);
  await sql`alter table response add column channel text check (length(channel) between 1 and 100)`.execute(db);
  await sql`create index response_company_survey_submitted_idx on response (company_id, survey_id, submitted_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index response_company_survey_submitted_idx`.execute(db);
  for (const column of ['score_s', 'score_e', 'score_b', 'discount_dependent', 'exchange_type', 'satisfaction_level', 'retained', 'recovery_group', 'scored_version', 'scored_at', 'channel']) {
    await sql`alter table response drop column ${sql.ref(column)}`.execute(db);
  }
  await sql`alter table change_event drop column created_by`.execute(db);
  await sql`alter table change_event drop column updated_at`.execute(db);
  await sql`alter table purchase drop constraint purchase_import_fkey`.execute(db);
  for (const column of ['currency', 'channel', 'import_id']) {
    await sql`alter table purchase drop column ${sql.ref(column)}`.execute(db);
  }
  await sql`drop table purchase_import`.execute(db);
}
