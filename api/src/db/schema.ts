/**
 * Kysely table types, one interface per table, rolled up into `Database`.
 * Timestamps come back from pg as Date; bigint as string; jsonb already parsed.
 */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { Answers, Language, SurveyDefinition } from '../model/definition.js';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string, string>;

export interface CompanyTable {
  id: Generated<string>;
  name: string;
  created_at: CreatedAt;
  /** Branding shown on every survey of the company: logo (PNG or JPEG, ≤ 200 KB, checked by its bytes). */
  logo: Buffer | null;
  logo_type: 'image/png' | 'image/jpeg' | null;
  /** `#rrggbb`, lower case, passing WCAG AA (4.5:1) on white. */
  accent_color: string | null;
  privacy_url: string | null;
  branding_updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export type SurveyStatus = 'draft' | 'published' | 'closed';

export interface SurveyTable {
  id: Generated<string>;
  company_id: string;
  name: string;
  status: SurveyStatus;
  /** The version that takes answers; null while nothing is published. */
  published_version: number | null;
  /** The next version being edited; null when there is none. Not checked for missing translations until published. */
  draft_definition: ColumnType<SurveyDefinition | null, string | null, string | null>;
  /** The anonymous link takes one response per browser (a reload after the thank-you shows the thank-you). */
  one_response_per_browser: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** The readable public slug of `/s/<slug>`: a global directory (reference table), unique across companies. */
export interface SurveyLinkTable {
  slug: string;
  company_id: string;
  survey_id: string;
  created_at: CreatedAt;
}

export interface SurveyVersionTable {
  id: Generated<string>;
  company_id: string;
  survey_id: string;
  version: number;
  definition: Json<SurveyDefinition>;
  created_at: CreatedAt;
  /** Who published it (null for the demo seed and for versions from before 0004). */
  created_by: string | null;
}

export interface InviteTable {
  id: Generated<string>;
  company_id: string;
  survey_id: string;
  token: string;
  customer_ref: string | null;
  /** The purchase the invite is for; an import is idempotent on it (unique per survey). */
  order_ref: string | null;
  purchased_at: Date | null;
  email: string | null;
  /** Opens the survey in this language. */
  language: Language | null;
  expires_at: Date | null;
  channel: string | null;
  created_at: CreatedAt;
  used_at: Date | null;
}

export interface ResponseTable {
  id: Generated<string>;
  company_id: string;
  survey_id: string;
  survey_version_id: string;
  invite_id: string | null;
  customer_ref: string | null;
  client_submission_id: string;
  language: Language;
  answers: Json<Answers>;
  started_at: Date | null;
  submitted_at: ColumnType<Date, Date | string | undefined, never>;
  /** Stored scores (migrations/0005): 0..1 rounded to 12 decimals, null when missing. */
  score_s: ColumnType<number | null, number | null | undefined, number | null>;
  score_e: ColumnType<number | null, number | null | undefined, number | null>;
  score_b: ColumnType<number | null, number | null | undefined, number | null>;
  discount_dependent: ColumnType<boolean | null, boolean | null | undefined, boolean | null>;
  exchange_type: ColumnType<ExchangeTypeColumn | null, ExchangeTypeColumn | null | undefined, ExchangeTypeColumn | null>;
  /** The overall-satisfaction answer as given (on its version's scale); null when unanswered. */
  satisfaction_level: ColumnType<number | null, number | null | undefined, number | null>;
  /** A purchase within 180 days after the survey; null while unobserved or without purchase history. */
  retained: ColumnType<boolean | null, boolean | null | undefined, boolean | null>;
  recovery_group: ColumnType<RecoveryGroupColumn | null, RecoveryGroupColumn | null | undefined, RecoveryGroupColumn | null>;
  /** The survey version number the scores were computed with; null: not scored yet. */
  scored_version: ColumnType<number | null, number | null | undefined, number | null>;
  scored_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** The invite's channel, copied when the response is stored. */
  channel: ColumnType<string | null, string | null | undefined, string | null>;
}

export type ExchangeTypeColumn = 'criminal' | 'partial' | 'equal' | 'pleasant_surprise';
export type RecoveryGroupColumn = 'no_problem' | 'resolved' | 'partly' | 'not_resolved';

export interface PurchaseTable {
  id: Generated<string>;
  company_id: string;
  customer_ref: string;
  external_id: string | null;
  purchased_at: Date;
  amount_cents: ColumnType<string, number | string, number | string>;
  /** ISO 4217 code, upper case; null: the company's usual currency. */
  currency: ColumnType<string | null, string | null | undefined, string | null>;
  channel: ColumnType<string | null, string | null | undefined, string | null>;
  /** The recorded import that wrote the row (null: seeded, or its import record was removed). */
  import_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
}

/** A stored partial segment-report state: one survey, one UTC day (migrations/0006, reports/state.ts). */
export interface ReportStateTable {
  company_id: string;
  survey_id: string;
  /** The UTC day: select it as `day::text` ('YYYY-MM-DD'); pg would read a date in local time. */
  day: string;
  basis: string;
  observed_until: ColumnType<Date | null, Date | string | null, Date | string | null>;
  folded_until: ColumnType<Date, Date | string, Date | string>;
  n: number;
  state: ColumnType<unknown, string, string>;
  folded_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface PurchaseImportTable {
  id: Generated<string>;
  company_id: string;
  created_by: string | null;
  source: 'csv' | 'api';
  file_name: string | null;
  status: ColumnType<'processing' | 'applied' | 'failed', 'processing' | 'applied' | 'failed' | undefined, 'processing' | 'applied' | 'failed'>;
  rows_total: ColumnType<number, number | undefined, number>;
  rows_processed: ColumnType<number, number | undefined, number>;
  rows_inserted: ColumnType<number, number | undefined, number>;
  rows_unchanged: ColumnType<number, number | undefined, number>;
  error_count: ColumnType<number, number | undefined, number>;
  /** The bad rows, up to a cap: `{ line, field?, reason }`. */
  errors: ColumnType<unknown[], string | undefined, string>;
  started_at: CreatedAt;
  finished_at: Date | null;
}

export interface ChangeEventTable {
  id: Generated<string>;
  company_id: string;
  survey_id: string | null;
  occurred_at: Date;
  title: string;
  description: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  created_by: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Written out here (the data layer imports no feature); accounts/permissions.ts checks they stay the same. */
export type RoleColumn = 'admin' | 'analyst' | 'manager';
export type ApiKeyScopeColumn = 'responses:write' | 'purchases:write' | 'reports:read' | 'exports:read' | 'invites:write';

/** A person who signs in; global, since one person may belong to several companies. Email stored lower-case. */
export interface AppUserTable {
  id: Generated<string>;
  email: string;
  name: string | null;
  /** `scrypt$N$r$p$salt$hash` (accounts/password.ts); null until the invitation link is used. */
  password_hash: string | null;
  created_at: CreatedAt;
}

export interface MembershipTable {
  company_id: string;
  user_id: string;
  role: RoleColumn;
  created_at: CreatedAt;
}

export interface SessionTable {
  /** SHA-256 of the cookie's token: a stolen database does not hold usable sessions. */
  id_hash: string;
  user_id: string;
  /** The company this session works in; null when the user belongs to none. */
  company_id: string | null;
  csrf_token: string;
  created_at: CreatedAt;
  last_seen_at: ColumnType<Date, Date | string | undefined, Date | string>;
  expires_at: Date;
}

export type OneTimeLinkKind = 'invitation' | 'password_reset' | 'setup';

export interface OneTimeLinkTable {
  token_hash: string;
  kind: OneTimeLinkKind;
  email: string | null;
  company_id: string | null;
  role: RoleColumn | null;
  user_id: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  expires_at: Date;
  used_at: Date | null;
}

export interface ApiKeyTable {
  company_id: string;
  id: Generated<string>;
  name: string;
  scopes: ApiKeyScopeColumn[];
  prefix: string;
  secret_hash: string;
  created_by: string | null;
  created_at: CreatedAt;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface AuditEventTable {
  company_id: string;
  id: Generated<string>;
  at: ColumnType<Date, Date | string | undefined, never>;
  action: string;
  actor_kind: 'user' | 'api_key' | 'system';
  actor_id: string | null;
  actor_label: string;
  target: string | null;
  details: Json<Record<string, unknown>>;
  address: string | null;
}

export interface Database {
  app_user: AppUserTable;
  membership: MembershipTable;
  session: SessionTable;
  one_time_link: OneTimeLinkTable;
  api_key: ApiKeyTable;
  audit_event: AuditEventTable;
  company: CompanyTable;
  survey: SurveyTable;
  survey_version: SurveyVersionTable;
  survey_link: SurveyLinkTable;
  invite: InviteTable;
  response: ResponseTable;
  purchase: PurchaseTable;
  purchase_import: PurchaseImportTable;
  change_event: ChangeEventTable;
  report_state: ReportStateTable;
}

export type SurveyRow = Selectable<SurveyTable>;
export type NewResponse = Insertable<ResponseTable>;
