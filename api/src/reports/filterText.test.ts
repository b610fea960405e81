import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database } from '../db/schema.js';
import { DEFAULT_THRESHOLDS } from '../model/definition.js';
import { filterSql } from './filter.js';
import { inlineCondition, sqlLiteral } from './filterText.js';

const db = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (kysely) => new PostgresIntrospector(kysely),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

describe('inlineCondition', () => {
  it('inlines every parameter as an escaped literal and leaves no placeholder', () => {
    const text = inlineCondition(db, filterSql({ channel: "o'brien\\", from: '2026-01-01', to: '2026-01-31', segment: 'loyal' }, { thresholds: DEFAULT_THRESHOLDS }, 'r'));
    expect(text).not.toMatch(/\$\d/);
    expect(text).toContain(`"r"."channel" =  E'o''brien\\\\' and`);
    expect(text).toContain(`"r"."submitted_at" >= '2026-01-01T00:00:00.000Z'::timestamptz`);
    expect(text).toContain(`"r"."submitted_at" < '2026-02-01T00:00:00.000Z'::timestamptz`);
    expect(text).toContain(`(0.75)::double precision`);
    expect(text).toMatch(/= 'loyal'\)$/);
  });

  it('is `true` for an empty filter, and numbers past $9 are replaced whole', () => {
    expect(inlineCondition(db, filterSql({}, { thresholds: DEFAULT_THRESHOLDS }, 'r'))).toBe('true');
    const text = inlineCondition(db, filterSql({ language: 'ru', channel: 'a', source: 'link', segment: 'hostage', from: '2026-01-01', to: '2026-02-01' }, { thresholds: DEFAULT_THRESHOLDS }, 'r'));
    expect(text).not.toMatch(/\$\d|\)\d/);
  });

  it('does not read a placeholder inside an inlined value', () => {
    expect(inlineCondition(db, filterSql({ channel: '$1 $2' }, { thresholds: DEFAULT_THRESHOLDS }, 'r'))).toBe(`("r"."channel" = '$1 $2')`);
  });

  it('refuses what it cannot inline safely', () => {
    expect(() => sqlLiteral(Number.NaN)).toThrow();
    expect(() => sqlLiteral({})).toThrow();
    expect(sqlLiteral(-0.5)).toBe('(-0.5)');
  });
});
