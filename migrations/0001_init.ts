/**
 * Core tables: company, survey, survey_version, invite, response, purchase, change_event.
 * Ids are gen_random_uuid() (PostgreSQL 13+ core) so the same migration runs on PostgreSQL 15 and PGlite.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('company')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`length(name) between 1 and 200`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('survey')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('company_id', 'uuid', (c) => c.notNull().references('company.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`length(name) between 1 and 200`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(sql`status in ('draft', 'published', 'closed')`))
    .addColumn('published_version', 'integer')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('survey_published_has_version', sql`status <> 'published' or published_version is not null`)
    .execute();
  await db.schema.createIndex('survey_company_idx').on('survey').column('company_id').execute();

  await db.schema
    .createTable('survey_version')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('survey_id', 'uuid', (c) => c.notNull().references('survey.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('definition', 'jsonb', (c) => c.notNull().check(sql`jsonb_typeof(definition) = 'object'`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('survey_version_survey_version_key', ['survey_id', 'version'])
    .execute();

  await db.schema
    .createTable('invite')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('survey_id', 'uuid', (c) => c.notNull().references('survey.id').onDelete('cascade'))
    .addColumn('token', 'text', (c) => c.notNull().unique().check(sql`length(token) between 16 and 128`))
    .addColumn('customer_ref', 'text', (c) => c.check(sql`length(customer_ref) between 1 and 200`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('used_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('invite_survey_idx').on('invite').column('survey_id').execute();

  await db.schema
    .createTable('response')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('survey_id', 'uuid', (c) => c.notNull().references('survey.id').onDelete('cascade'))
    .addColumn('survey_version_id', 'uuid', (c) => c.notNull().references('survey_version.id'))
    // One response per invite, even under concurrent submits.
    .addColumn('invite_id', 'uuid', (c) => c.unique().references('invite.id'))
    .addColumn('customer_ref', 'text')
    // A retried submission carries the same id: it never creates a second row.
    .addColumn('client_submission_id', 'uuid', (c) => c.notNull().unique())
    .addColumn('language', 'text', (c) => c.notNull().check(sql`language in ('en', 'ru', 'et', 'ka')`))
    .addColumn('answers', 'jsonb', (c) => c.notNull().check(sql`jsonb_typeof(answers) = 'object'`))
    .addColumn('started_at', 'timestamptz')
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('response_survey_submitted_idx').on('response').columns(['survey_id', 'submitted_at', 'id']).execute();
  await db.schema.createIndex('response_customer_idx').on('response').column('customer_ref').where(sql.ref('customer_ref'), 'is not', null).execute();

  await db.schema
    .createTable('purchase')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('company_id', 'uuid', (c) => c.notNull().references('company.id').onDelete('cascade'))
    .addColumn('customer_ref', 'text', (c) => c.notNull().check(sql`length(customer_ref) between 1 and 200`))
    .addColumn('external_id', 'text')
    .addColumn('purchased_at', 'timestamptz', (c) => c.notNull())
    .addColumn('amount_cents', 'bigint', (c) => c.notNull().check(sql`amount_cents >= 0`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('purchase_company_external_key', ['company_id', 'external_id'])
    .execute();
  await db.schema.createIndex('purchase_customer_time_idx').on('purchase').columns(['company_id', 'customer_ref', 'purchased_at']).execute();

  await db.schema
    .createTable('change_event')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('company_id', 'uuid', (c) => c.notNull().references('company.id').onDelete('cascade'))
    .addColumn('survey_id', 'uuid', (c) => c.references('survey.id').onDelete('cascade'))
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull().check(sql`length(title) between 1 and 200`))
    .addColumn('description', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('change_event_company_time_idx').on('change_event').columns(['company_id', 'occurred_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['change_event', 'purchase', 'response', 'invite', 'survey_version', 'survey', 'company']) {
    await db.schema.dropTable(table).execute();
  }
}
