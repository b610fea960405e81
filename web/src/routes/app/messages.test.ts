import { describe, expect, it } from 'vitest';
import { LANGUAGES, MESSAGES as SHARED_MESSAGES } from '$lib/i18n.js';
import { DASHBOARD_MESSAGES, t } from './messages.js';

describe('dashboard messages', () => {
  const englishKeys = Object.keys(DASHBOARD_MESSAGES.en).sort();

  it.each(LANGUAGES)('has every dashboard string, non-empty, in %s', (language) => {
    const messages = DASHBOARD_MESSAGES[language];
    expect(Object.keys(messages).sort()).toEqual(englishKeys);
    for (const key of englishKeys) expect(messages[key as keyof typeof messages].trim()).not.toBe('');
  });

  it.each(LANGUAGES)('keeps the same placeholders in %s as in English', (language) => {
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
    for (const key of englishKeys) {
      const k = key as keyof typeof DASHBOARD_MESSAGES.en;
      expect(placeholders(DASHBOARD_MESSAGES[language][k]), key).toEqual(placeholders(DASHBOARD_MESSAGES.en[k]));
    }
  });

  it('shares no key with the shared strings, so neither table hides the other', () => {
    expect(englishKeys.filter((key) => key in SHARED_MESSAGES.en)).toEqual([]);
  });

  it('fills a dashboard string and falls back to a shared one', () => {
    expect(t('en', 'npsWithoutInterval', { nps: 12, n: 40 })).toBe('NPS 12, n = 40');
    expect(t('ka', 'appName')).toBe(SHARED_MESSAGES.ka.appName);
    expect(t('ru', 'segment_loyal')).toBe(DASHBOARD_MESSAGES.ru.segment_loyal);
  });
});
