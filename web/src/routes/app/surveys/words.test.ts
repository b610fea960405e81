import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '$lib/i18n.js';
import { SURVEYS_MESSAGES, changeText, fieldText, problemText } from './messages.js';

describe('builder words', () => {
  it('has every string in every language', () => {
    const keys = Object.keys(SURVEYS_MESSAGES.en).sort();
    for (const language of LANGUAGES) {
      expect(Object.keys(SURVEYS_MESSAGES[language]).sort()).toEqual(keys);
      for (const value of Object.values(SURVEYS_MESSAGES[language])) expect(value.trim()).not.toBe('');
    }
  });

  it('words a missing translation by the language of its path', () => {
    expect(problemText('en', { path: '/questions/3/text/ru', code: 'MISSING_TEXT', message: 'x' })).toBe('The Russian text is missing.');
    expect(problemText('ru', { path: '/definition/title/ka', code: 'MISSING_TEXT', message: 'x' })).toBe('Нет текста на грузинском.');
  });

  it('keeps the server’s detail of a schema problem', () => {
    expect(problemText('en', { path: '/questions/0/id', code: 'SCHEMA', message: 'id must match pattern' })).toBe('Check this field: id must match pattern');
    expect(problemText('et', { path: '/x', message: 'odd' })).toBe('Kontrollige seda välja: odd');
  });

  it('says what a version changed', () => {
    expect(changeText('en', { kind: 'changed', questionId: 'q3', fields: ['text.ru', 'required'] })).toBe('Changed question q3: text (Russian), required answer.');
    expect(changeText('ru', { kind: 'survey', fields: ['title.et'] })).toBe('Изменён опрос: заголовок (эстонский).');
    expect(changeText('ka', { kind: 'created' })).toBe('პირველი ვერსია.');
    expect(fieldText('en', 'somethingNew')).toBe('somethingNew');
  });

  it('writes Russian without masculine-only forms', () => {
    const russian = Object.values(SURVEYS_MESSAGES.ru).join(' ');
    expect(russian).not.toMatch(/\(а\)|согласен|доволен|опубликовал\b/);
  });
});
