/**
 * WCAG 2 contrast for the live check of the branding page. A stand-in with the signature of
 * api/src/model/contrast.ts (the branding API's, on its own branch): once both are merged this file
 * becomes `export { contrastRatio, MIN_CONTRAST_ON_WHITE } from '…/api/src/model/contrast.js'`.
 */
export const MIN_CONTRAST_ON_WHITE = 4.5;

const channel = (value: number) => {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};
const luminance = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((start) => channel(Number.parseInt(hex.slice(start, start + 2), 16))) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};

/** (L_lighter + 0.05) / (L_darker + 0.05) of two #rrggbb colours. @example contrastRatio('#767676', '#ffffff') // ≈ 4.54 */
export function contrastRatio(first: string, second: string): number {
  const [lighter, darker] = [luminance(first), luminance(second)].sort((a, b) => b - a) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}
