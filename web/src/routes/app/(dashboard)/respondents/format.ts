/**
 * Scores and amounts as each language writes them. Where the browser has no number data for a
 * language (Debian's Chromium and Georgian), CLDR's symbols stand in: a decimal comma and a
 * no-break space between thousands, the currency code after the amount.
 */
import { formatNumber, type Language } from '$lib/i18n.js';

const knowsNumbers = (language: Language) => Intl.NumberFormat.supportedLocalesOf([language]).length > 0;

/** A number with exactly `digits` decimals, e.g. 0,82 in Russian and Georgian. */
function decimal(language: Language, value: number, digits: number): string {
  if (knowsNumbers(language) || language !== 'ka') {
    return new Intl.NumberFormat(language, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
  }
  const [whole, fraction] = Math.abs(value).toFixed(digits).split('.');
  return `${value < 0 ? '-' : ''}${formatNumber(language, Number(whole))}${fraction ? `,${fraction}` : ''}`;
}

/** A stored 0..1 construct score with two decimals. */
export function formatScore(language: Language, score: number): string {
  return decimal(language, score, 2);
}

/**
 * A purchase amount in its currency (cents → units); without a currency, the number alone.
 * @example formatAmount('ru', 123456, 'EUR') // => '1 234,56 €'
 */
export function formatAmount(language: Language, amountCents: number, currency: string | null): string {
  const amount = amountCents / 100;
  if (currency && knowsNumbers(language)) {
    try {
      return new Intl.NumberFormat(language, { style: 'currency', currency }).format(amount);
    } catch (failure) {
      // A code Intl does not know as a currency (RangeError) is written after the number instead.
      if (!(failure instanceof RangeError)) throw failure;
    }
  }
  const number = decimal(language, amount, 2);
  return currency ? `${number}\u00a0${currency}` : number;
}
