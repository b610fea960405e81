/**
 * Surveys a company builds, brands and sends (issue 16).
 *
 * 1. survey: `draft_definition` (the next version being edited; survey_version rows stay published and
 *    immutable), `one_response_per_browser`, `updated_at`.
 * 2. survey_link: the readable public slug of `/s/<slug>`. A global directory (a reference table under
 *    Citus, docs/SCALING.md): a respondent's link names no company, so the slug → (company, survey)
 *    lookup must not fan out to every shard. Slugs are unique across all companies.
 * 3. survey_version: `created_by` (who published it).
 * 4. invite: one per purchase — order_ref (idempotent key per survey), purchased_at, email, language,
 *    expires_at, channel; `unique (company_id, survey_id, order_ref)`.
 * 5. company branding: logo bytes and type, accent colour, privacy-notice link.
 * 6. API key scope `invites:write` (creating invites at order time).
 *
 * Imports no app code: migrations never change after they land.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table survey add column draft_definition jsonb check (draft_definition is null or jsonb_typeof(draft_definition) = 'object')`.execute(db);
  await sql`alter table survey add column one_response_per_browser boolean not null default false`.execute(db);
  await sql`alter table survey add column updated_at timestamptz not null default now()`.execute(db);

  await sql`
    create table survey_link (
      slug text primary key check (slug ~ '^[a-z0-9](?:[a-z0-9-]{1,58}[a-z0-9])$' and slug !~ '--'),
      company_id uuid not null references company (id) on delete cascade,
      survey_id uuid not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index survey_link_survey_idx on survey_link (company_id, survey_id)`.execute(db);

  await sql`alter table survey_version add column created_by uuid references app_user (id) on delete set null`.execute(db);

  await sql`alter table invite add column order_ref text check (length(order_ref) between 1 and 200)`.execute(db);
  await sql`alter table invite add column purchased_at timestamptz`.execute(db);
  await sql`alter table invite add column email text check (length(email) between 3 and 254)`.execute(db);
  await sql`alter table invite add column language text check (language in ('en', 'ru', 'et', 'ka'))`.execute(db);
  await sql`alter table invite add column expires_at timestamptz`.execute(db);
  await sql`alter table invite add column channel text check (length(channel) between 1 and 100)`.execute(db);
  await sql`alter table invite add constraint invite_order_key unique (company_id, survey_id, order_ref)`.execute(db);

  await sql`alter table company add column logo bytea check (octet_length(logo) <= 204800)`.execute(db);
  await sql`alter table company add column logo_type text check (logo_type in ('image/png', 'image/jpeg'))`.execute(db);
  await sql`alter table company add column accent_color text check (accent_color ~ '^#[0-9a-f]{6}$')`.execute(db);
  await sql`alter table company add column privacy_url text check (length(privacy_url) between 8 and 2000)`.execute(db);
  await sql`alter table company add column branding_updated_at timestamptz not null default now()`.execute(db);
  await sql`alter table company add constraint company_logo_type check ((logo is null) = (logo_type is null))`.execute(db);

  await sql`alter table api_key drop constraint api_key_scopes_check`.execute(db);
  await sql`alter table api_key add constraint api_key_scopes_check check (cardinality(scopes) >= 1
    and scopes <@ array['responses:write', 'purchases:write', 'reports:read', 'exports:read', 'invites:write'])`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table api_key drop constraint api_key_scopes_check`.execute(db);
  await sql`alter table api_key add constraint api_key_scopes_check check (cardinality(scopes) >= 1
    and scopes <@ array['responses:write', 'purchases:write', 'reports:read', 'exports:read'])`.execute(db);
  for (const column of ['logo', 'logo_type', 'accent_color', 'privacy_url', 'branding_updated_at']) {
    await sql`alter table company drop column ${sql.ref(column)}`.execute(db);
  }
  await sql`alter table invite drop constraint invite_order_key`.execute(db);
  for (const column of ['order_ref', 'purchased_at', 'email', 'language', 'expires_at', 'channel']) {
    await sql`alter table invite drop column ${sql.ref(column)}`.execute(db);
  }
  await sql`alter table survey_version drop column created_by`.execute(db);
  await sql`drop table survey_link`.execute(db);
  for (const column of ['draft_definition', 'one_response_per_browser', 'updated_at']) {
    await sql`alter table survey drop column ${sql.ref(column)}`.execute(db);
  }
}
