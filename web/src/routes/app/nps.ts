/** NPS wording and shares for the dashboard, without the DOM. */
import type { SurveySummary } from '$lib/api.js';
import { formatNumber, numberFormat } from '$lib/i18n.js';
import { t, type Language, type MessageKey } from './messages.js';

type NpsSummary = SurveySummary['nps'];

export interface NpsGroup {
  key: Extract<MessageKey, 'promoters' | 'passives' | 'detractors'>;
  count: number;
  /** 0..1 of those who answered the recommend question. */
  share: number;
  colour: string;
}

/** Detractors first: the bar reads from 0 (left) to 10 (right), as the question does. */
export function npsGroups(nps: NpsSummary): NpsGroup[] {
  const share = (count: number) => (nps.n > 0 ? count / nps.n : 0);
  return [
    { key: 'detractors', count: nps.detractors, share: share(nps.detractors), colour: '#b42318' },
    { key: 'passives', count: nps.passives, share: share(nps.passives), colour: '#6b7280' },
    { key: 'promoters', count: nps.promoters, share: share(nps.promoters), colour: '#1a7f37' },
  ];
}

/** "NPS 23 (95% CI 19 to 27), n = 2,000", rounded to whole points, in the reader's language. */
export function npsSentence(nps: NpsSummary, language: Language): string {
  if (nps.nps === null || nps.n === 0) return t(language, 'npsNone');
  const whole = numberFormat(language, { maximumFractionDigits: 0, signDisplay: 'negative' });
  const n = formatNumber(language, nps.n);
  if (!nps.ci95) return t(language, 'npsWithoutInterval', { nps: whole.format(nps.nps), n });
  return t(language, 'npsWithInterval', {
    nps: whole.format(nps.nps),
    level: numberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(nps.ci95.level),
    lower: whole.format(nps.ci95.lower),
    upper: whole.format(nps.ci95.upper),
    n,
  });
}

export function formatShare(share: number, language: Language): string {
  return numberFormat(language, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(share);
}
