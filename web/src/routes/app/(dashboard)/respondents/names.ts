/**
 * The drill-down's coded values in words: segments (the model's names, as the report says them),
 * loyalty types, recovery groups, exchange types and response languages. A value the page does not
 * know (an old link, a hand-edited URL) is shown as written rather than breaking the page.
 */
import { t as tApp, type MessageKey } from '../../messages.js';
import { t, type DrillMessageKey, type Language } from './messages.js';

const SEGMENTS = ['loyal', 'price_hunter', 'satisfied_not_loyal', 'hostage', 'defector', 'unclassified'];
const LOYALTY_TYPES = ['true', 'latent', 'spurious', 'none', 'unknown'];
const RECOVERY_GROUPS = ['no_problem', 'resolved', 'partly', 'not_resolved'];
const EXCHANGE_TYPES = ['criminal', 'partial', 'equal', 'pleasant_surprise'];
const RESPONSE_LANGUAGES = ['en', 'ru', 'et', 'ka'];

function named(language: Language, known: readonly string[], prefix: string, value: string): string {
  return known.includes(value) ? t(language, `${prefix}${value}` as DrillMessageKey) : value;
}

export const segmentName = (language: Language, segment: string): string =>
  SEGMENTS.includes(segment) ? tApp(language, `segment_${segment}` as MessageKey) : segment;
export const loyaltyTypeName = (language: Language, type: string): string => named(language, LOYALTY_TYPES, 'type_', type);
export const recoveryGroupName = (language: Language, group: string): string => named(language, RECOVERY_GROUPS, 'recovery_', group);
export const exchangeTypeName = (language: Language, type: string): string => named(language, EXCHANGE_TYPES, 'exchange_', type);
export const languageName = (language: Language, responseLanguage: string): string => named(language, RESPONSE_LANGUAGES, 'language_', responseLanguage);
/** The construct's name with its letter, e.g. "Attachment (E)". */
export const scoreName = (language: Language, score: 'S' | 'E' | 'B'): string =>
  tApp(language, ({ S: 'construct_satisfaction', E: 'construct_emotional', B: 'construct_behavioural' } as const)[score]);
