/** The branding page's checks before anything is sent (the API checks the same again). */
import { MIN_CONTRAST_ON_WHITE, contrastRatio } from './contrast.js';

export const MAX_LOGO_BYTES = 200 * 1024;
export const LOGO_TYPES = ['image/png', 'image/jpeg'] as const;

/** `#RGB`, `RGB`, `#rrggbb` or `rrggbb` as the API's `#rrggbb` (lower case), or null when it is no colour. */
export function normalHex(input: string): string | null {
  const text = input.trim().replace(/^#/, '').toLowerCase();
  if (/^[0-9a-f]{6}$/.test(text)) return `#${text}`;
  if (/^[0-9a-f]{3}$/.test(text)) return `#${[...text].map((digit) => digit + digit).join('')}`;
  return null;
}

/** The colour's contrast on white and whether it passes WCAG AA for text (4.5:1). */
export function contrastOnWhite(hex: string): { ratio: number; passes: boolean } {
  const ratio = contrastRatio(hex, '#ffffff');
  return { ratio, passes: ratio >= MIN_CONTRAST_ON_WHITE };
}

/** Why a file cannot be a logo, or null: its type as the browser reports it and its size (the server reads its bytes). */
export function logoProblem(file: Pick<File, 'type' | 'size'>): 'type' | 'size' | null {
  if (!(LOGO_TYPES as readonly string[]).includes(file.type)) return 'type';
  if (file.size > MAX_LOGO_BYTES) return 'size';
  return null;
}

/** Whether a privacy link is an http(s) URL. */
export function isWebUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * A contrast ratio to two decimals in `language` (4,54 in ru, et and ka); a ratio just below 4.5 is
 * cut, not rounded, so it never reads as passing.
 */
export function ratioText(language: string, ratio: number): string {
  const rounded = ratio < MIN_CONTRAST_ON_WHITE ? Math.floor(ratio * 100) / 100 : Math.round(ratio * 100) / 100;
  const known = Intl.NumberFormat.supportedLocalesOf([language]).length > 0;
  const text = new Intl.NumberFormat(known ? language : 'en', { maximumFractionDigits: 2 }).format(rounded);
  // Browsers without Georgian number data write en-US; Georgian uses a decimal comma.
  return !known && language === 'ka' ? text.replace('.', ',') : text;
}
