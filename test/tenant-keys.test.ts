/**
 * The schema can be distributed by company (docs/SCALING.md): every tenant table has company_id not
 * null, and its primary key, unique constraints and indexes, and foreign keys to other tenant tables
 * include company_id, read from the catalog (pg_constraint, pg_index, pg_attribute) of both databases.
 */
import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDatabase } from './helper.js';

/** Tables with a company_id that are not distributed by it: global or reference tables (docs/SCALING.md). */
const GLOBAL_TABLES = new Set(['app_user', 'session', 'one_time_link', 'survey_link']);
/** The companies themselves, a reference table (docs/SCALING.md): a foreign key to it must go from company_id to its id. */
const ROOT_TABLE = 'company';

interface KeyRow {
  table: string;
  name: string;
  kind: 'p' | 'u' | 'f' | 'i';
  columns: string[];
  referenced: string | null;
  referencedColumns: string[] | null;
}

/**
 * What stops `schema` from being distributed by company_id, one sentence per problem; empty when nothing.
 * @example expect(await tenantKeyProblems(db, 'public')).toEqual([])
 */
async function tenantKeyProblems(db: Kysely<any>, schema: string): Promise<string[]> {
  const columns = await sql<{ table: string; notNull: boolean }>`
    select c.relname as "table", a.attnotnull as "notNull"
    from pg_attribute a
    join pg_class c on c.oid = a.attrelid
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = ${schema} and c.relkind in ('r', 'p') and a.attname = 'company_id' and a.attnum > 0 and not a.attisdropped
  `.execute(db);
  const tenantTables = new Map(columns.rows.filter((row) => !GLOBAL_TABLES.has(row.table)).map((row) => [row.table, row.notNull]));

  // Constraints, plus unique indexes that back no constraint (created with `create unique index`).
  const keys = await sql<KeyRow>`
    select c.relname as "table", k.conname as name, k.contype as kind,
      array(select a.attname::text from unnest(k.conkey) with ordinality as u(attnum, ord)
        join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum order by u.ord) as columns,
      r.relname as referenced,
      case when k.contype = 'f' then array(select a.attname::text from unnest(k.confkey) with ordinality as u(attnum, ord)
        join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.attnum order by u.ord) end as "referencedColumns"
    from pg_constraint k
    join pg_class c on c.oid = k.conrelid
    join pg_namespace n on n.oid = c.relnamespace
    left join pg_class r on r.oid = k.confrelid
    where n.nspname = ${schema} and k.contype in ('p', 'u', 'f')
    union all
    select c.relname, ic.relname, 'i',
      array(select a.attname::text from unnest(i.indkey::int2[]) with ordinality as u(attnum, ord)
        join pg_attribute a on a.attrelid = i.indrelid and a.attnum = u.attnum order by u.ord),
      null, null
    from pg_index i
    join pg_class c on c.oid = i.indrelid
    join pg_class ic on ic.oid = i.indexrelid
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = ${schema} and i.indisunique
      and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid and k.contype in ('p', 'u'))
  `.execute(db);

  const problems: string[] = [];
  for (const [table, notNull] of [...tenantTables].sort()) {
    if (!notNull) problems.push(`${table}.company_id may be null: every row of a tenant table belongs to one company`);
    const tableKeys = keys.rows.filter((key) => key.table === table);
    if (!tableKeys.some((key) => key.kind === 'p')) problems.push(`${table} has no primary key: give it primary key (company_id, id)`);
    for (const key of tableKeys) {
      if (key.kind === 'f') {
        const referenced = key.referenced!;
        const toTenant = tenantTables.has(referenced);
        if (!toTenant && referenced !== ROOT_TABLE) continue; // a reference table (app_user) may be referenced by any column
        const referencedCompany = referenced === ROOT_TABLE ? 'id' : 'company_id';
        const at = key.columns.indexOf('company_id');
        if (at === -1 || key.referencedColumns![at] !== referencedCompany) {
          problems.push(
            `${table}.${key.name} (${key.columns.join(', ')}) → ${referenced} (${key.referencedColumns!.join(', ')}) does not pair company_id with ${referenced}.${referencedCompany}: make it (company_id, …) → (${referencedCompany}, …)`,
          );
        }
      } else if (!key.columns.includes('company_id')) {
        const what = { p: 'primary key', u: 'unique constraint', i: 'unique index' }[key.kind];
        problems.push(`${table}.${key.name}: the ${what} (${key.columns.join(', ')}) lacks company_id: make it (company_id, ${key.columns.join(', ')})`);
      }
    }
  }
  return problems.sort();
}

describeEachDatabase('tenant keys', (context) => {
  const schemaOf = () => context.database().schema ?? 'public';

  it('finds the company tables of the schema', async () => {
    const { rows } = await sql<{ table: string }>`
      select c.relname as "table" from pg_attribute a
      join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = ${schemaOf()} and c.relkind = 'r' and a.attname = 'company_id' and not a.attisdropped
      order by 1
    `.execute(context.database().db);
    const tenant = rows.map((row) => row.table).filter((table) => !GLOBAL_TABLES.has(table));
    expect(tenant).toEqual(
      expect.arrayContaining(['api_key', 'audit_event', 'change_event', 'invite', 'membership', 'purchase', 'response', 'survey', 'survey_version']),
    );
  });

  it('has company_id in every key and foreign key between tenant tables', async () => {
    expect(await tenantKeyProblems(context.database().db, schemaOf())).toEqual([]);
  });

  it('reports keys and a foreign key without company_id, a nullable company_id and a missing primary key', async () => {
    const db = context.database().db;
    try {
      await sql`create table bad_parent (company_id uuid not null, id uuid primary key)`.execute(db);
      await sql`create table bad_child (
        company_id uuid, id uuid not null, token text unique, parent_id uuid references bad_parent (id),
        primary key (company_id, id))`.execute(db);
      await sql`create table bad_loose (company_id uuid, note text)`.execute(db);
      await sql`create unique index bad_child_token_upper_idx on bad_child (upper(token), id)`.execute(db);
      const problems = await tenantKeyProblems(db, schemaOf());
      expect(problems).toEqual([
        expect.stringMatching(/^bad_child\.bad_child_parent_id_fkey \(parent_id\) → bad_parent \(id\) does not pair company_id/),
        expect.stringMatching(/^bad_child\.bad_child_token_key: the unique constraint \(token\) lacks company_id/),
        expect.stringMatching(/^bad_child\.bad_child_token_upper_idx: the unique index .* lacks company_id/),
        expect.stringMatching(/^bad_loose has no primary key/),
        expect.stringMatching(/^bad_loose\.company_id may be null/),
        expect.stringMatching(/^bad_parent\.bad_parent_pkey: the primary key \(id\) lacks company_id/),
      ]);
    } finally {
      await sql`drop table if exists bad_loose`.execute(db);
      await sql`drop table if exists bad_child`.execute(db);
      await sql`drop table if exists bad_parent`.execute(db);
    }
  });
});
