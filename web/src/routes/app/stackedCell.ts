/**
 * A figure with its interval as two lines, "62.2%" over "(95% CI 54.6–69.3%)", so a table of
 * intervals fits a phone; the cell shows it with `white-space: pre`.
 * @example stacked('62.2% (95% CI 54.6–69.3%)') // => '62.2%\n(95% CI 54.6–69.3%)'
 */
export function stacked(text: string): string {
  return text.replace(' (', '\n(');
}
