/**
 * The API's warnings carry an English `message` beside their code and params, for scripts that read
 * the JSON; the dashboard and the CLI render the code in their own language (model/warnings.ts).
 */
import { WARNING_CODES, warningText, type Warning } from '../model/warnings.js';

const CODES: ReadonlySet<string> = new Set(WARNING_CODES);

function isWarning(value: object): value is Warning {
  return 'code' in value && 'params' in value && typeof value.code === 'string' && CODES.has(value.code);
}

/** `T` with an English `message` on every warning in it. */
export type WithMessages<T> = T extends Warning
  ? T & { message: string }
  : T extends readonly (infer Item)[]
    ? WithMessages<Item>[]
    : T extends object
      ? { [K in keyof T]: WithMessages<T[K]> }
      : T;

/**
 * A copy of `value` in which every warning, however deeply nested, also has its English `message`.
 *
 * @example
 * withWarningMessages({ warnings: [{ code: 'NO_ANSWERS', params: {} }] });
 * // => { warnings: [{ code: 'NO_ANSWERS', params: {}, message: 'No answers: the figure cannot be computed.' }] }
 */
export function withWarningMessages<T>(value: T): WithMessages<T> {
  return addMessages(value) as WithMessages<T>;
}

function addMessages(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(addMessages);
  if (value === null || typeof value !== 'object') return value;
  if (isWarning(value)) return { ...value, message: warningText(value, 'en') };
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, addMessages(item)]));
}
