import { describe, expect, it } from 'vitest';
import { PURCHASES_MESSAGES, problemText } from './messages.js';

describe('the purchase page strings', () => {
  it('words a listed problem by its code in each language, with the line and column', () => {
    const problem = { path: '/lines/10000/amount', line: 10_000, code: 'NOT_AN_AMOUNT', message: 'must be a number…' };
    expect(problemText('en', problem)).toBe('Line 10,000, amount: is not an amount of at least 0 with at most two decimals after a dot, such as 12.50');
    expect(problemText('ru', problem)).toBe('Строка 10\u00a0000, amount: это не сумма от 0 с не более чем двумя знаками после точки, например 12.50');
    expect(problemText('ka', { ...problem, path: '/lines/7', line: 7, code: 'WRONG_CELL_COUNT' })).toBe('სტრიქონი 7: უჯრების რაოდენობა სათაურს არ ემთხვევა');
  });

  it("falls back to the server's message for a code the page does not know", () => {
    expect(problemText('et', { path: '/lines/3/channel', line: 3, code: 'SOMETHING_NEW', message: 'is odd' })).toBe('Rida 3, channel: is odd');
  });

  it('has a text for every key in every language, none left in English', () => {
    const english = PURCHASES_MESSAGES.en;
    for (const language of ['ru', 'et', 'ka'] as const) {
      for (const [key, text] of Object.entries(PURCHASES_MESSAGES[language])) {
        expect(text.trim(), `${language}.${key}`).not.toBe('');
        if (!['percent', 'lineProblem', 'lineProblemNoColumn'].includes(key) && english[key as keyof typeof english].length > 12) {
          expect(text, `${language}.${key}`).not.toBe(english[key as keyof typeof english]);
        }
      }
    }
  });
});
