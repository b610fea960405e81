import { describe, expect, it } from 'vitest';
import { LANGUAGES } from './definition.js';
import { placeholders, WARNING_CODES, WARNING_PARTS, PART_NAMES, WARNING_TEXTS, warningText } from './warnings.js';

describe('warning registry', () => {
  it.each(LANGUAGES)('has a non-empty text for every code in %s, and no text without a code', (language) => {
    expect(Object.keys(WARNING_TEXTS[language]).sort()).toEqual([...WARNING_CODES].sort());
    for (const code of WARNING_CODES) expect(WARNING_TEXTS[language][code].trim(), code).not.toBe('');
  });

  it.each(LANGUAGES)('keeps the same placeholders in %s as in English', (language) => {
    for (const code of WARNING_CODES) {
      expect(placeholders(WARNING_TEXTS[language][code]), code).toEqual(placeholders(WARNING_TEXTS.en[code]));
    }
  });

  it.each(LANGUAGES)('names every report part in %s', (language) => {
    for (const part of WARNING_PARTS) expect(PART_NAMES[language][part].trim(), part).not.toBe('');
  });

  it('holds the codes the versioned scoring reports', () => {
    expect(WARNING_CODES).toEqual(expect.arrayContaining(['DAMAGED_ANSWERS', 'UNKNOWN_VERSION', 'VERSION_SCALE_CHANGED', 'VERSION_LEVEL_SCALE_CHANGED']));
    expect(placeholders(WARNING_TEXTS.en.DAMAGED_ANSWERS)).toEqual(['count']);
    expect(placeholders(WARNING_TEXTS.en.UNKNOWN_VERSION).sort()).toEqual(['count', 'version']);
    expect(placeholders(WARNING_TEXTS.en.VERSION_SCALE_CHANGED).sort()).toEqual(['count', 'items', 'newestVersion', 'version']);
    expect(placeholders(WARNING_TEXTS.en.VERSION_LEVEL_SCALE_CHANGED).sort()).toEqual(['count', 'max', 'min', 'newestMax', 'newestMin', 'newestVersion', 'version']);
  });
});

describe('warningText', () => {
  it('formats numbers for the language', () => {
    expect(warningText({ code: 'CHANGE_UNDATED', params: { count: 12345 } }, 'en')).toMatch(/: 12,345\.$/);
    expect(warningText({ code: 'CHANGE_UNDATED', params: { count: 12345 } }, 'ru')).toMatch(/: 12\s345\.$/);
    expect(warningText({ code: 'NO_SPREAD', params: { value: 0.5 } }, 'et')).toContain('0,5');
  });

  it('names segments, constructs, groups and template predictors in the language, and keeps a custom id', () => {
    expect(warningText({ code: 'TOO_FEW_ITEMS', params: { construct: 'emotional', count: 3 } }, 'ru')).toBe(
      'Остались без сегмента, потому что ответили меньше чем на половину пунктов шкалы «Привязанность (E)»: 3.',
    );
    expect(warningText({ code: 'GROUP_SMALL_SAMPLE', params: { group: 'before', n: 8, min: 30 } }, 'ru')).toMatch(/^До изменения: /);
    expect(warningText({ code: 'DRIVERS_PREDICTOR_UNANSWERED', params: { predictor: 'sat_price' } }, 'ka')).toContain('„ფასი“');
    expect(warningText({ code: 'DRIVERS_PREDICTOR_UNANSWERED', params: { predictor: 'q7' } }, 'en')).toContain('“q7”');
  });

  it('joins lists the way the language does', () => {
    expect(warningText({ code: 'DRIVERS_NO_VARIANCE', params: { variables: ['sat_price', 'outcome'] } }, 'en')).toBe(
      'No variation in “Price” and the outcome: the relative weights cannot be computed.',
    );
    expect(warningText({ code: 'DRIVERS_NO_VARIANCE', params: { variables: ['sat_price', 'outcome'] } }, 'ru')).toContain(
      '«Цена» и итоговый показатель',
    );
  });

  it('starts a warning about one of several results with its name', () => {
    expect(warningText({ code: 'ALPHA_SMALL_SAMPLE', params: { n: 12, min: 30, construct: 'emotional' } }, 'en')).toBe(
      'Attachment (E): few complete answers (n = 12, fewer than 30): alpha is imprecise.',
    );
    expect(warningText({ code: 'SMALL_SAMPLE', params: { n: 12, min: 30, outcome: 'behavioural' } }, 'et')).toMatch(/^Tagasitulek \(B\): /);
  });
});

describe('warningText without the platform’s locale data (Chromium has none for Georgian lists and numbers)', () => {
  it('joins a Georgian list with და and writes 12 345,67', () => {
    const listFormat = Intl.ListFormat.supportedLocalesOf;
    const numberFormat = Intl.NumberFormat.supportedLocalesOf;
    Intl.ListFormat.supportedLocalesOf = () => [];
    Intl.NumberFormat.supportedLocalesOf = () => [];
    try {
      expect(warningText({ code: 'ALPHA_EMPTY', params: { items: ['a', 'b', 'c'] } }, 'ka')).toContain('(„a“, „b“ და „c“)');
      expect(warningText({ code: 'CHANGE_UNDATED', params: { count: 12345.67 } }, 'ka')).toMatch(/: 12\u00a0345,67\.$/);
      expect(warningText({ code: 'CHANGE_UNDATED', params: { count: 12345.67 } }, 'en')).toMatch(/: 12,345\.67\.$/);
    } finally {
      Intl.ListFormat.supportedLocalesOf = listFormat;
      Intl.NumberFormat.supportedLocalesOf = numberFormat;
    }
  });
});
