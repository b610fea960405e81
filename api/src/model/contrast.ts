/**
 * WCAG 2 colour contrast, for the company's accent colour (buttons and links on a white page).
 * Pure: the API checks a colour before storing it and the branding page warns while one is picked.
 */

/** WCAG 2 AA for normal-size text (success criterion 1.4.3). */
export const MIN_CONTRAST_ON_WHITE = 4.5;

const HEX_COLOUR = /^#[0-9a-f]{6}$/i;

/** Whether `colour` is `#rrggbb` (either case). @example isHexColour('#0A5Cff') // true */
export function isHexColour(colour: string): boolean {
  return HEX_COLOUR.test(colour);
}

/** One sRGB channel (0–255) linearised, as WCAG 2's relative-luminance definition does it. */
function linearChannel(value: number): number {
  const channel = value / 255;
  return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
}

/**
 * WCAG 2 relative luminance of an sRGB colour: 0.2126 R + 0.7152 G + 0.0722 B over linearised
 * channels (https://www.w3.org/TR/WCAG22/#dfn-relative-luminance). O(1).
 * @example relativeLuminance('#ffffff') // 1
 */
export function relativeLuminance(colour: string): number {
  if (!isHexColour(colour)) throw new RangeError(`${colour} is not a #rrggbb colour`);
  const [red, green, blue] = [1, 3, 5].map((start) => linearChannel(Number.parseInt(colour.slice(start, start + 2), 16))) as [number, number, number];
  return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
}

/**
 * WCAG 2 contrast ratio (L_lighter + 0.05) / (L_darker + 0.05), from 1 to 21, in either order
 * (https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio). O(1).
 * @example contrastRatio('#767676', '#ffffff') // ≈ 4.54
 */
export function contrastRatio(first: string, second: string): number {
  const [lighter, darker] = [relativeLuminance(first), relativeLuminance(second)].sort((a, b) => b - a) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}

/**
 * The ratio as a person reads it, to two decimals as contrast checkers show it; a colour just below
 * the minimum is cut instead of rounded, so it never reads as reaching it.
 * @example contrastText(contrastRatio('#777777', '#ffffff')) // '4.48'
 */
export function contrastText(ratio: number): string {
  const rounded = Math.round(ratio * 100) / 100;
  return String(ratio < MIN_CONTRAST_ON_WHITE && rounded >= MIN_CONTRAST_ON_WHITE ? Math.floor(ratio * 100) / 100 : rounded);
}
