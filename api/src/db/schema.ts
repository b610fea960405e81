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
}

export type SurveyStatus = 'draft' | 'published' | 'closed';

export interface SurveyTable {
  id: Generated<string>;
  company_id: string;
  name: string;
  status: SurveyStatus;
  /** The version that takes answers; null while nothing is published. */
  published_version: number | null;
  created_at: CreatedAt;
}

export interface SurveyVersionTable {
  id: Generated<string>;
  survey_id: string;
  version: number;
  definition: Json<SurveyDefinition>;
  created_at: CreatedAt;
}

export interface InviteTable {
  id: Generated<string>;
  survey_id: string;
  token: string;
  customer_ref: string | null;
  created_at: CreatedAt;
  used_at: Date | null;
}

export interface ResponseTable {
  id: Generated<string>;
  survey_id: string;
  survey_version_id: string;
  invite_id: string | null;
  customer_ref: string | null;
  client_submission_id: string;
  language: Language;
  answers: Json<Answers>;
  started_at: Date | null;
  submitted_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface PurchaseTable {
  id: Generated<string>;
  company_id: string;
  customer_ref: string;
  external_id: string | null;
  purchased_at: Date;
  amount_cents: ColumnType<string, number | string, number | string>;
  created_at: CreatedAt;
}

export interface ChangeEventTable {
  id: Generated<string>;
  company_id: string;
  survey_id: string | null;
  occurred_at: Date;
  title: string;
  description: string | null;
  created_at: CreatedAt;
}

export interface Database {
  company: CompanyTable;
  survey: SurveyTable;
  survey_version: SurveyVersionTable;
  invite: InviteTable;
  response: ResponseTable;
  purchase: PurchaseTable;
  change_event: ChangeEventTable;
}

export type SurveyRow = Selectable<SurveyTable>;
export type NewResponse = Insertable<ResponseTable>;
