/**
 * Readable link names (`/s/<slug>`) for surveys: checking one a client chose, and making one from a
 * survey's name when it chose none — Cyrillic and Georgian transliterated roughly, Latin letters
 * stripped of their accents (Estonian õ ä ö ü š ž), anything else dropped. Pure; the uniqueness
 * check is the survey_link primary key (builderQueries.ts).
 */
import { randomBytes } from 'node:crypto';
import { SLUG_PATTERN } from './builderSchemas.js';
import { isUuid } from './schemas.js';

const SLUG = new RegExp(SLUG_PATTERN);
export const SLUG_MAX_LENGTH = 60;

/**
 * Why a slug the schema let through still cannot be used, or null when it can: a double hyphen (the
 * table refuses it) or the shape of a UUID (`/s/<uuid>` opens the survey with that id).
 * @example slugProblem('spring--sale') // => 'must not hold two hyphens in a row'
 */
export function slugProblem(slug: string): string | null {
  if (!SLUG.test(slug)) return 'must be 3–60 characters of a-z, 0-9 and single hyphens, starting and ending with a letter or digit';
  if (slug.includes('--')) return 'must not hold two hyphens in a row';
  if (isUuid(slug)) return 'must not look like a survey id (a UUID)';
  return null;
}

const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', і: 'i', ї: 'yi', є: 'ye', ґ: 'g', ў: 'u',
};

/** Georgian's national romanization, without its apostrophes. */
const GEORGIAN: Record<string, string> = {
  ა: 'a', ბ: 'b', გ: 'g', დ: 'd', ე: 'e', ვ: 'v', ზ: 'z', თ: 't', ი: 'i', კ: 'k', ლ: 'l', მ: 'm', ნ: 'n', ო: 'o',
  პ: 'p', ჟ: 'zh', რ: 'r', ს: 's', ტ: 't', უ: 'u', ფ: 'p', ქ: 'k', ღ: 'gh', ყ: 'q', შ: 'sh', ჩ: 'ch', ც: 'ts',
  ძ: 'dz', წ: 'ts', ჭ: 'ch', ხ: 'kh', ჯ: 'j', ჰ: 'h',
};

const LATIN_EXTRA: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/**
 * A slug made from a name, or null when too little of it is letters or digits (fewer than 3).
 * @example slugFromName('Весенний опрос 2025') // => 'vesenniy-opros-2025'
 * @example slugFromName('Kliendi rahulolu – õun') // => 'kliendi-rahulolu-oun'
 */
export function slugFromName(name: string): string | null {
  let latin = '';
  for (const char of name.toLowerCase()) latin += CYRILLIC[char] ?? GEORGIAN[char] ?? LATIN_EXTRA[char] ?? char;
  const plain = latin
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const slug = cut(plain, SLUG_MAX_LENGTH);
  return slug.length >= 3 && slugProblem(slug) === null ? slug : null;
}

/** `slug` at most `max` characters long, cut at a hyphen where one is near the end. */
export function cut(slug: string, max: number): string {
  if (slug.length <= max) return slug;
  const head = slug.slice(0, max);
  const hyphen = head.lastIndexOf('-');
  return (hyphen >= max - 15 && hyphen >= 3 ? head.slice(0, hyphen) : head).replace(/-+$/, '');
}

/** `survey-` and six random letters or digits, for a name with nothing to make a slug of. */
export function randomSlug(prefix = 'survey'): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(6);
  let suffix = '';
  for (const byte of bytes) suffix += alphabet[byte % alphabet.length];
  return `${cut(prefix, SLUG_MAX_LENGTH - 7)}-${suffix}`;
}

/**
 * The first of `base`, `base-2`, `base-3`… not in `taken`.
 * @example nextFreeSlug('check-up', new Set(['check-up', 'check-up-2'])) // => 'check-up-3'
 */
export function nextFreeSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${cut(base, SLUG_MAX_LENGTH - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
