import { describe, expect, it } from 'vitest';
import { cut, nextFreeSlug, randomSlug, slugFromName, slugProblem } from './builderSlug.js';

describe('slugs', () => {
  it('refuses double hyphens and UUID shapes the schema pattern lets through', () => {
    expect(slugProblem('spring-check-up')).toBeNull();
    expect(slugProblem('spring--sale')).toMatch(/two hyphens/);
    expect(slugProblem('d0000000-0000-4000-8000-000000000001')).toMatch(/UUID/);
    expect(slugProblem('ab')).toMatch(/3–60/);
    expect(slugProblem('-abc')).toMatch(/3–60/);
  });

  it('transliterates Russian and Georgian, drops accents and everything else', () => {
    expect(slugFromName('Весенний опрос 2025')).toBe('vesenniy-opros-2025');
    expect(slugFromName('Щедрый ёжик')).toBe('shchedryy-ezhik');
    expect(slugFromName('ყავის ხარისხი')).toBe('qavis-khariskhi');
    expect(slugFromName('Õunad ja šokolaad')).toBe('ounad-ja-sokolaad');
    expect(slugFromName('Straße & Café')).toBe('strasse-cafe');
    expect(slugFromName('☕ !!')).toBeNull();
    expect(slugFromName('ab')).toBeNull();
  });

  it('cuts a long name at a hyphen near the end, at most 60 characters', () => {
    const slug = slugFromName('word '.repeat(30))!;
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug.endsWith('word')).toBe(true);
    expect(cut('a'.repeat(70), 60)).toBe('a'.repeat(60));
  });

  it('numbers a taken slug, keeping within 60 characters', () => {
    expect(nextFreeSlug('check-up', new Set())).toBe('check-up');
    expect(nextFreeSlug('check-up', new Set(['check-up', 'check-up-2']))).toBe('check-up-3');
    const long = 'x'.repeat(60);
    expect(nextFreeSlug(long, new Set([long]))).toBe(`${'x'.repeat(58)}-2`);
  });

  it('makes random slugs of six letters or digits', () => {
    const slugs = new Set(Array.from({ length: 50 }, () => randomSlug()));
    expect(slugs.size).toBe(50);
    for (const slug of slugs) expect(slug).toMatch(/^survey-[a-z0-9]{6}$/);
  });
});
