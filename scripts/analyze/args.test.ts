import { describe, expect, it } from 'vitest';
import { parseArguments, parseThresholds } from './args.js';
import { InputError } from './inputError.js';

describe('parseArguments', () => {
  it('reads every flag', () => {
    expect(
      parseArguments(['--input', 'a.csv', '--mapping', 'm.json', '--id', ' Resp ID ', '--respondents', 'out.csv', '--thresholds', '0.7,0.75,0.8', '--lang', 'ru', '--json', '--resamples', '200', '--seed', '9']),
    ).toEqual({
      input: 'a.csv',
      mapping: 'm.json',
      id: 'Resp ID',
      respondents: 'out.csv',
      thresholds: { satisfaction: 0.7, emotional: 0.75, behavioural: 0.8 },
      lang: 'ru',
      json: true,
      resamples: 200,
      seed: 9,
    });
  });
  it('defaults to English text and the survey thresholds', () => {
    expect(parseArguments(['--input', 'a.csv'])).toMatchObject({ lang: 'en', json: false, thresholds: null, mapping: null, id: null, respondents: null });
  });
  it.each([
    [['--input', 'a.csv', '--colour'], /Unknown flag "--colour"/],
    [['--json'], /--input FILE is required/],
    [['--input'], /--input needs a value/],
    [['--input', 'a.csv', '--lang', 'de'], /--lang must be one of en, ru, et, ka/],
    [['--input', 'a.csv', '--resamples', '0'], /--resamples needs a whole number ≥ 1/],
    [['--input', 'a.csv', '--id'], /--id needs a value/],
    [['--input', 'a.csv', '--id', 'a', '--id', 'b'], /--id is given twice/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseArguments(argv)).toThrow(InputError);
    expect(() => parseArguments(argv)).toThrow(message);
  });
});

describe('parseThresholds', () => {
  it.each(['0.7,0.75', '0.7,0.75,1.2', 'a,b,c', '0.7,,0.8', '0.7,0.75,0.75,0.75'])('refuses "%s"', (text) => {
    expect(() => parseThresholds(text)).toThrow(/three numbers from 0 to 1 in the order τS,τE,τB/);
  });
  it('accepts the ends 0 and 1', () => {
    expect(parseThresholds('0, 1 ,0.5')).toEqual({ satisfaction: 0, emotional: 1, behavioural: 0.5 });
  });
});
