/**
 * Flags of `npm run analyze -- --input answers.csv [--mapping map.json] [--id COLUMN] [--respondents out.csv]
 * [--thresholds τS,τE,τB] [--lang en|ru|et|ka] [--json] [--resamples N] [--seed N]` (docs/ANALYZE.md).
 */
import { LANGUAGES, type Language, type Thresholds } from '../../api/src/model/definition.js';
import { InputError } from './inputError.js';

export interface AnalyzeArguments {
  input: string;
  mapping: string | null;
  /** The column holding the respondent id (carried to --respondents, never analysed). */
  id: string | null;
  /** Where to write one CSV row per respondent. */
  respondents: string | null;
  thresholds: Thresholds | null;
  lang: Language;
  json: boolean;
  resamples: number | null;
  seed: number | null;
}

const WITH_VALUE = new Set(['--input', '--mapping', '--id', '--respondents', '--thresholds', '--lang', '--resamples', '--seed']);

/**
 * Parse "0.7,0.75,0.75" as τS, τE, τB, each between 0 and 1.
 *
 * @example
 * parseThresholds('0.7,0.75,0.8'); // => { satisfaction: 0.7, emotional: 0.75, behavioural: 0.8 }
 */
export function parseThresholds(text: string): Thresholds {
  const parts = text.split(',').map((part) => part.trim());
  const values = parts.map(Number);
  if (parts.length !== 3 || parts.some((part) => part === '') || values.some((value) => !(value >= 0 && value <= 1))) {
    throw new InputError(`--thresholds needs three numbers from 0 to 1 in the order τS,τE,τB (e.g. 0.75,0.75,0.75); got "${text}".`);
  }
  return { satisfaction: values[0]!, emotional: values[1]!, behavioural: values[2]! };
}

function wholeNumber(flag: string, text: string, min: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new InputError(`${flag} needs a whole number ≥ ${min}; got "${text}".`);
  return value;
}

/**
 * Parse the CLI arguments (after `--`); throws InputError on an unknown flag, a missing value or a bad one.
 *
 * @example
 * parseArguments(['--input', 'answers.csv', '--json']).json; // => true
 */
export function parseArguments(argv: readonly string[]): AnalyzeArguments {
  const values = new Map<string, string>();
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag === '--json') {
      json = true;
      continue;
    }
    if (!WITH_VALUE.has(flag)) {
      throw new InputError(`Unknown flag "${flag}". Use --input FILE [--mapping FILE] [--id COLUMN] [--respondents FILE] [--thresholds τS,τE,τB] [--lang en|ru|et|ka] [--json].`);
    }
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new InputError(`${flag} needs a value.`);
    if (values.has(flag)) throw new InputError(`${flag} is given twice; give it once.`);
    values.set(flag, value);
    i++;
  }
  const input = values.get('--input');
  if (input === undefined) throw new InputError('--input FILE is required: the CSV of answers to analyse.');
  const lang = values.get('--lang') ?? 'en';
  if (!(LANGUAGES as readonly string[]).includes(lang)) {
    throw new InputError(`--lang must be one of ${LANGUAGES.join(', ')}; got "${lang}".`);
  }
  const thresholds = values.get('--thresholds');
  const resamples = values.get('--resamples');
  const seed = values.get('--seed');
  return {
    input,
    mapping: values.get('--mapping') ?? null,
    id: values.get('--id')?.trim() ?? null,
    respondents: values.get('--respondents') ?? null,
    thresholds: thresholds === undefined ? null : parseThresholds(thresholds),
    lang: lang as Language,
    json,
    resamples: resamples === undefined ? null : wholeNumber('--resamples', resamples, 1),
    seed: seed === undefined ? null : wholeNumber('--seed', seed, 0),
  };
}
