/**
 * Companies as tenants, and the accounts that sign in to them.
 *
 * 1. `company_id` on survey_version, invite and response, filled from their survey, and every key of a
 *    company table re-made to include it: primary keys (company_id, id), unique constraints
 *    (company_id, …) and foreign keys (company_id, x_id) → (company_id, id). This is the shape Citus
 *    needs to distribute each table by company_id and keep one company's rows, and joins, on one node
 *    (docs/SCALING.md). Plain indexes on survey(id) and survey_version(id) keep the public survey link,
 *    which knows only the survey id, a single index lookup.
 * 2. Accounts: app_user (global: one person, one password, several companies), membership (company,
 *    user, role), session (server-side sessions, only a hash of the cookie stored), one_time_link
 *    (invitations, password resets and the first admin's setup, hashed), api_key (per company, hashed),
 *    audit_event (per company, append-only: a trigger refuses UPDATE and DELETE).
 *
 * Imports no app code: migrations never change after they land.
 */
import { sql, type Kysely } from 'kysely';

/** Tables that gain company_id, with the survey column that says which company. */
const FILLED_FROM_SURVEY = ['survey_version', 'invite', 'response'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of FILLED_FROM_SURVEY) {
    await sql`alter table ${sql.table(table)} add column company_id uuid`.execute(db);
    await sql`update ${sql.table(table)} t set company_id = s.company_id from survey s where s.id = t.survey_id`.execute(db);
    await sql`alter table ${sql.table(table)} alter column company_id set not null`.execute(db);
  }

  // Foreign keys on single ids go first: they depend on the primary keys being re-made.
  for (const [table, constraint] of [
    ['survey_version', 'survey_version_survey_id_fkey'],
    ['invite', 'invite_survey_id_fkey'],
    ['response', 'response_survey_id_fkey'],
    ['response', 'response_survey_version_id_fkey'],
    ['response', 'response_invite_id_fkey'],
    ['change_event', 'change_event_survey_id_fkey'],
  ] as const) {
    await sql`alter table ${sql.table(table)} drop constraint ${sql.ref(constraint)}`.execute(db);
  }
  for (const [table, constraint] of [
    ['survey_version', 'survey_version_survey_version_key'],
    ['invite', 'invite_token_key'],
    ['response', 'response_invite_id_key'],
    ['response', 'response_client_submission_id_key'],
  ] as const) {
    await sql`alter table ${sql.table(table)} drop constraint ${sql.ref(constraint)}`.execute(db);
  }
  for (const table of ['survey', 'survey_version', 'invite', 'response', 'purchase', 'change_event']) {
    await sql`alter table ${sql.table(table)} drop constraint ${sql.ref(`${table}_pkey`)}`.execute(db);
    await sql`alter table ${sql.table(table)} add constraint ${sql.ref(`${table}_pkey`)} primary key (company_id, id)`.execute(db);
  }

  await sql`create index survey_id_idx on survey (id)`.execute(db);
  await sql`create index survey_version_id_idx on survey_version (id)`.execute(db);
  await sql`alter table survey_version add constraint survey_version_survey_version_key unique (company_id, survey_id, version)`.execute(db);
  await sql`alter table invite add constraint invite_token_key unique (company_id, token)`.execute(db);
  await sql`create index invite_token_idx on invite (token)`.execute(db);
  await sql`alter table response add constraint response_invite_key unique (company_id, invite_id)`.execute(db);
  await sql`alter table response add constraint response_client_submission_key unique (company_id, client_submission_id)`.execute(db);

  await sql`alter table survey_version add constraint survey_version_survey_fkey
    foreign key (company_id, survey_id) references survey (company_id, id) on delete cascade`.execute(db);
  await sql`alter table invite add constraint invite_survey_fkey
    foreign key (company_id, survey_id) references survey (company_id, id) on delete cascade`.execute(db);
  await sql`alter table response add constraint response_survey_fkey
    foreign key (company_id, survey_id) references survey (company_id, id) on delete cascade`.execute(db);
  await sql`alter table response add constraint response_survey_version_fkey
    foreign key (company_id, survey_version_id) references survey_version (company_id, id)`.execute(db);
  await sql`alter table response add constraint response_invite_fkey
    foreign key (company_id, invite_id) references invite (company_id, id)`.execute(db);
  await sql`alter table change_event add constraint change_event_survey_fkey
    foreign key (company_id, survey_id) references survey (company_id, id) on delete cascade`.execute(db);
  // A response's company is its survey's; survey_version and invite are held to it by the keys above.
  await sql`create index response_company_customer_idx on response (company_id, customer_ref) where customer_ref is not null`.execute(db);
  await sql`create index invite_company_customer_idx on invite (company_id, customer_ref) where customer_ref is not null`.execute(db);

  await sql`
    create table app_user (
      id uuid primary key default gen_random_uuid(),
      email text not null check (length(email) between 3 and 254 and email = lower(email)),
      name text check (length(name) between 1 and 200),
      password_hash text,
      created_at timestamptz not null default now(),
      constraint app_user_email_key unique (email)
    )`.execute(db);

  await sql`
    create table membership (
      company_id uuid not null references company (id) on delete cascade,
      user_id uuid not null references app_user (id) on delete cascade,
      role text not null check (role in ('admin', 'analyst', 'manager')),
      created_at timestamptz not null default now(),
      constraint membership_pkey primary key (company_id, user_id)
    )`.execute(db);
  await sql`create index membership_user_idx on membership (user_id)`.execute(db);

  await sql`
    create table session (
      id_hash text primary key,
      user_id uuid not null references app_user (id) on delete cascade,
      company_id uuid references company (id) on delete set null,
      csrf_token text not null,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null
    )`.execute(db);
  await sql`create index session_user_idx on session (user_id)`.execute(db);

  await sql`
    create table one_time_link (
      token_hash text primary key,
      kind text not null check (kind in ('invitation', 'password_reset', 'setup')),
      email text,
      company_id uuid references company (id) on delete cascade,
      role text check (role in ('admin', 'analyst', 'manager')),
      user_id uuid references app_user (id) on delete cascade,
      created_by uuid references app_user (id) on delete set null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz
    )`.execute(db);

  await sql`
    create table api_key (
      company_id uuid not null references company (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      name text not null check (length(name) between 1 and 100),
      scopes text[] not null check (cardinality(scopes) >= 1
        and scopes <@ array['responses:write', 'purchases:write', 'reports:read', 'exports:read']),
      prefix text not null,
      secret_hash text not null,
      created_by uuid references app_user (id) on delete set null,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz,
      constraint api_key_pkey primary key (company_id, id)
    )`.execute(db);

  await sql`
    create table audit_event (
      company_id uuid not null references company (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      at timestamptz not null default clock_timestamp(),
      action text not null,
      actor_kind text not null check (actor_kind in ('user', 'api_key', 'system')),
      actor_id uuid,
      actor_label text not null,
      target text,
      details jsonb not null default '{}'::jsonb check (jsonb_typeof(details) = 'object'),
      address text,
      constraint audit_event_pkey primary key (company_id, id)
    )`.execute(db);
  await sql`create index audit_event_company_time_idx on audit_event (company_id, at desc, id desc)`.execute(db);
  await sql`
    create function audit_event_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'The audit log is append-only.' using errcode = 'restrict_violation';
    end
    $$`.execute(db);
  await sql`
    create trigger audit_event_append_only before update or delete on audit_event
      for each row when (pg_trigger_depth() = 0) execute function audit_event_append_only()`.execute(db);
}

/** The single-column keys of 0001 are not re-made: going back means restoring a backup taken before 0003. */
export async function down(): Promise<void> {
  throw new Error('0003_companies_and_accounts cannot be undone in place; restore the backup taken before it');
}
