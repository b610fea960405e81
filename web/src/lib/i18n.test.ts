import { describe, expect, it } from 'vitest';
import { LANGUAGES as API_LANGUAGES } from '../../../api/src/model/definition.js';
import { LANGUAGES, LANGUAGE_NAMES, MESSAGES, chooseLanguage, localize, t } from './i18n.js';

describe('i18n', () => {
  const englishKeys = Object.keys(MESSAGES.en).sort();

  it.each(LANGUAGES)('has every UI string, non-empty, in %s', (language) => {
    const messages = MESSAGES[language];
    expect(Object.keys(messages).sort()).toEqual(englishKeys);
    for (const key of englishKeys) expect(messages[key as keyof typeof messages].trim()).not.toBe('');
  });

  it.each(LANGUAGES)('keeps the same placeholders in %s as in English', (language) => {
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
    for (const key of englishKeys) {
      const k = key as keyof typeof MESSAGES.en;
      expect(placeholders(MESSAGES[language][k]), key).toEqual(placeholders(MESSAGES.en[k]));
    }
  });

  it('offers exactly the languages the API accepts', () => {
    expect([...LANGUAGES].sort()).toEqual([...API_LANGUAGES].sort());
    expect(Object.keys(LANGUAGE_NAMES).sort()).toEqual([...API_LANGUAGES].sort());
  });

  it('replaces every {company} in a survey text', () => {
    const text = { en: '{company} and {company}', ru: '', et: '', ka: '' };
    expect(localize(text, 'en', 'Kohvik')).toBe('Kohvik and Kohvik');
  });

  it('fills placeholders and leaves unknown ones alone', () => {
    expect(t('en', 'errorWholeNumber', { min: 0, max: 1000 })).toBe('Enter a whole number from 0 to 1000.');
    expect(t('en', 'characterCount', { used: 3 })).toBe('3 of {max} characters');
  });

  it('prefers ?lang=, then the browser language by primary subtag, then English', () => {
    expect(chooseLanguage('ka', ['ru-RU'])).toBe('ka');
    expect(chooseLanguage('xx', ['de-DE', 'ru-RU'])).toBe('ru');
    expect(chooseLanguage(null, ['ET'])).toBe('et');
    expect(chooseLanguage(null, ['de-DE'])).toBe('en');
    expect(chooseLanguage(null, [])).toBe('en');
  });
});
