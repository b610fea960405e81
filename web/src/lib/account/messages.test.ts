import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '$lib/i18n.js';
import { API_KEYS_MESSAGES } from '../../routes/app/api-keys/messages.js';
import { AUDIT_MESSAGES } from '../../routes/app/audit/messages.js';
import { COMPANY_MESSAGES } from '../../routes/app/company/messages.js';
import { USERS_MESSAGES } from '../../routes/app/users/messages.js';
import { ACCOUNT_MESSAGES, errorText, minutesText } from './messages.js';

const TABLES = { account: ACCOUNT_MESSAGES, users: USERS_MESSAGES, apiKeys: API_KEYS_MESSAGES, audit: AUDIT_MESSAGES, company: COMPANY_MESSAGES };
const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();

describe.each(Object.entries(TABLES))('the %s strings', (_name, table) => {
  const english = table.en as Record<string, string>;
  it.each(LANGUAGES)('are all there in %s, non-empty, with the English placeholders', (language) => {
    const messages = table[language] as Record<string, string>;
    expect(Object.keys(messages).sort()).toEqual(Object.keys(english).sort());
    for (const [key, text] of Object.entries(english)) {
      expect(messages[key]?.trim(), key).not.toBe('');
      expect(placeholders(messages[key] ?? ''), key).toEqual(placeholders(text));
    }
  });
});

describe('account wording', () => {
  it('says how many minutes to wait the way each language counts them', () => {
    expect(minutesText('en', 1)).toBe('1 minute');
    expect(minutesText('en', 15)).toBe('15 minutes');
    expect([1, 3, 5, 21].map((n) => minutesText('ru', n))).toEqual(['1 минуту', '3 минуты', '5 минут', '21 минуту']);
    expect(minutesText('et', 5)).toBe('5 minuti');
    expect(minutesText('ka', 5)).toBe('5 წუთში');
  });

  it('words an error code it knows and names one it does not', () => {
    expect(errorText('ru', 'LAST_ADMIN')).toMatch(/администратор/);
    expect(errorText('en', 'WEAK_PASSWORD')).toBe('Choose a password of at least 12 characters.');
    expect(errorText('ka', 'SOMETHING_NEW')).toContain('SOMETHING_NEW');
  });
});
