import { describe, expect, it, vi } from 'vitest';
import { ANSWER_PROBLEM_CODES, type AnswerProblemCode } from '../../../api/src/model/answers.js';
import { LANGUAGES as API_LANGUAGES } from '../../../api/src/model/definition.js';
import {
  formatDate,
  formatDateTime,
  ANSWER_PROBLEM_TEXTS,
  LANGUAGES,
  LANGUAGE_NAMES,
  MESSAGES,
  answerProblemText,
  chooseLanguage,
  groupDigits,
  interpolate,
  numberFormat,
  isAnswerProblemCode,
  localize,
  surveyLength,
  t,
} from './i18n.js';

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

  it('fills placeholders, numbers as each language writes them, and leaves unknown ones alone', () => {
    expect(t('en', 'countHint', { min: 0, max: 1000 })).toBe('A whole number from 0 to 1,000.');
    expect(t('ru', 'countHint', { min: 0, max: 1000 })).toBe('Целое число от 0 до 1\u00a0000.');
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

describe('answer problems in four languages', () => {
  // What each code's text must show, from the problem's params; the rest show none.
  const shows: Partial<Record<AnswerProblemCode, string[]>> = {
    NOT_A_WHOLE_NUMBER: ['min', 'max'],
    OUT_OF_RANGE: ['min', 'max'],
    TOO_LONG: ['maxLength', 'length'],
  };
  const params = { min: -5, max: 1000, maxLength: 5000, length: 5001, options: 'yes, no', questionId: 'had_problem', equals: 'yes' };

  it('words every code of the answer check, in every language', () => {
    for (const language of LANGUAGES) expect(Object.keys(ANSWER_PROBLEM_TEXTS[language]).sort()).toEqual([...ANSWER_PROBLEM_CODES].sort());
    expect(ANSWER_PROBLEM_CODES.every(isAnswerProblemCode)).toBe(true);
    expect(isAnswerProblemCode('SURVEY_NOT_FOUND')).toBe(false);
    expect(isAnswerProblemCode('toString')).toBe(false);
  });

  it.each(LANGUAGES)('fills each code\'s placeholders with numbers written the %s way', (language) => {
    const numbers = new Intl.NumberFormat(language);
    for (const code of ANSWER_PROBLEM_CODES) {
      const text = answerProblemText(language, { code, params });
      expect(text, code).toMatch(/\S.*[.!]$/);
      expect(text, code).not.toMatch(/undefined|NaN|\{|\}|\$/);
      // Values and ids are not words for a respondent: never shown.
      expect(text, code).not.toMatch(/had_problem|yes, no/);
      for (const name of shows[code] ?? []) expect(text, `${code} shows ${name}`).toContain(numbers.format(params[name as keyof typeof params] as number));
      if (language !== 'en') expect(text, `${code} is translated`).not.toBe(answerProblemText('en', { code, params }));
    }
  });

  it('groups Georgian digits as full ICU does, for browsers without Georgian number data', () => {
    const georgian = new Intl.NumberFormat('ka');
    expect(Intl.NumberFormat.supportedLocalesOf(['ka'])).toEqual(['ka']); // Node has full ICU: the reference
    for (const value of [0, 7, -5, 999, 1000, 5000, 9999, 10000, 123456, 1000000, -25000]) {
      expect(groupDigits(value, '\u00a0', 2), String(value)).toBe(georgian.format(value));
    }
  });

  it('agrees the Russian noun with the number after «до»', () => {
    const tooLong = (maxLength: number) => answerProblemText('ru', { code: 'TOO_LONG', params: { maxLength, length: maxLength + 1 } });
    expect(tooLong(1)).toBe('Пожалуйста, сократите ответ до 1 символа (сейчас 2).');
    expect(tooLong(21)).toContain('до 21 символа');
    expect(tooLong(3)).toContain('до 3 символов');
    expect(tooLong(5000)).toBe('Пожалуйста, сократите ответ до 5\u00a0000 символов (сейчас 5\u00a0001).');
  });

  it('reads naturally in each language', () => {
    const outOfRange = { code: 'OUT_OF_RANGE', params: { min: 0, max: 10 } } as const;
    expect(answerProblemText('en', outOfRange)).toBe('Please give a number from 0 to 10.');
    expect(answerProblemText('ru', outOfRange)).toBe('Укажите число от 0 до 10.');
    expect(answerProblemText('et', outOfRange)).toBe('Palun märkige arv vahemikus 0 kuni 10.');
    expect(answerProblemText('ka', outOfRange)).toBe('მიუთითეთ რიცხვი 0-დან 10-მდე.');
  });
});

describe('dates', () => {
  it('writes a Georgian date in CLDR’s medium form whether or not the runtime has Georgian data', () => {
    const moment = new Date(2026, 11, 1, 9, 5).toISOString();
    expect(formatDate('ka', moment)).toMatch(/^1 დეკ\.? 2026/);
    expect(formatDateTime('ka', moment)).toMatch(/09:05|9:05/);
  });

  it('writes an English date and time with the platform’s Intl', () => {
    expect(formatDate('en', new Date(2026, 11, 1).toISOString())).toBe('Dec 1, 2026');
  });

  it('writes a long Georgian date with the month’s full name', () => {
    expect(formatDate('ka', new Date(2026, 2, 1).toISOString(), 'long')).toBe('1 მარტი, 2026');
  });

  it('falls back to CLDR’s Georgian pattern where the platform writes the root one ("2026 M03 1")', () => {
    const platform = Intl.DateTimeFormat;
    const rootPattern = (moment?: Date | number) =>
      moment instanceof Date ? `${moment.getFullYear()} M${String(moment.getMonth() + 1).padStart(2, '0')} ${moment.getDate()}` : '';
    // A constructor (a class), as the code under test calls it with `new`.
    class RootGeorgian extends platform {
      constructor(locale?: string, options?: Intl.DateTimeFormatOptions) {
        super(locale === 'ka' ? 'en' : locale, options);
        if (locale === 'ka') this.format = rootPattern;
      }
    }
    vi.spyOn(Intl, 'DateTimeFormat').mockImplementation(RootGeorgian as unknown as typeof Intl.DateTimeFormat);
    try {
      const moment = new Date(2026, 2, 1, 14, 5).toISOString();
      expect(formatDate('ka', moment)).toBe('1 მარ. 2026');
      expect(formatDate('ka', moment, 'long')).toBe('1 მარტი, 2026');
      expect(formatDateTime('ka', moment)).toBe('1 მარ. 2026, 14:05');
    } finally {
      vi.restoreAllMocks();
    }
  });

  it('ends a Russian sentence after a date once, not with "г.."', () => {
    const date = formatDate('ru', new Date(2026, 2, 1).toISOString(), 'long');
    expect(date).toBe('1 марта 2026 г.');
    expect(interpolate('В Loyalty Lens с {date}.', { date })).toBe('В Loyalty Lens с 1 марта 2026 г.');
    expect(interpolate('{a}. {b}.', { a: 'Yes', b: 'No' })).toBe('Yes. No.');
  });
});

describe('the intro\'s survey length', () => {
  it('agrees minutes and questions with their numbers in each language', () => {
    expect(surveyLength('en', 4, 23)).toBe('About 4\u00a0minutes · 23\u00a0questions');
    expect(surveyLength('en', 1, 1)).toBe('About 1\u00a0minute · 1\u00a0question');
    expect(surveyLength('ru', 4, 23)).toBe('Примерно 4\u00a0минуты · 23\u00a0вопроса');
    expect(surveyLength('ru', 1, 21)).toBe('Примерно 1\u00a0минута · 21\u00a0вопрос');
    expect(surveyLength('ru', 5, 11)).toBe('Примерно 5\u00a0минут · 11\u00a0вопросов');
    expect(surveyLength('et', 1, 1)).toBe('Umbes 1\u00a0minut · 1\u00a0küsimus');
    expect(surveyLength('et', 4, 23)).toBe('Umbes 4\u00a0minutit · 23\u00a0küsimust');
    expect(surveyLength('ka', 4, 23)).toBe('დაახლოებით 4\u00a0წუთი · 23\u00a0კითხვა');
    expect(surveyLength('ka', 1, 1)).toBe('დაახლოებით 1\u00a0წუთი · 1\u00a0კითხვა');
  });
});

describe('numbers where the platform has no data for the language', () => {
  const cases: [number, Intl.NumberFormatOptions][] = [
    [0.634, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }],
    [1844, {}],
    [12345.6, {}],
    [-0.7, { minimumFractionDigits: 2 }],
    [0.35, { style: 'percent', maximumFractionDigits: 0 }],
  ];

  it('writes Georgian numbers as CLDR does (Node has the data) when the browser has none (Debian’s Chromium)', () => {
    const withData = cases.map(([value, options]) => numberFormat('ka', options).format(value));
    expect(withData.slice(0, 3)).toEqual(['63,4%', '1844', '12\u00a0345,6']);
    vi.spyOn(Intl.NumberFormat, 'supportedLocalesOf').mockReturnValue([]);
    try {
      expect(cases.map(([value, options]) => numberFormat('ka', options).format(value))).toEqual(withData);
    } finally {
      vi.restoreAllMocks();
    }
  });
});
