import { describe, expect, it } from 'vitest';
import { checkDefinition } from './checkDefinition.js';
import { DEFAULT_THRESHOLDS, LANGUAGES, type LocalText, type Question, type SurveyDefinition } from './definition.js';
import { AGREE_LABELS, AGREE_LABELS_7, PRESETS, RATING_LABELS, createQuestion, presetOf, withRange } from './presets.js';
import { roleMismatch } from './roles.js';

const text = (word: string): LocalText => ({ en: word, ru: word, et: word, ka: word });
const definitionOf = (questions: Question[]): SurveyDefinition => ({
  title: text('T'),
  intro: text('I'),
  thankYou: text('Thanks'),
  questions,
  thresholds: DEFAULT_THRESHOLDS,
});

/** Every LocalText inside a value. */
function localTexts(value: unknown): LocalText[] {
  if (Array.isArray(value)) return value.flatMap(localTexts);
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 4 && LANGUAGES.every((language) => keys.includes(language))) return [value as LocalText];
    return Object.values(value).flatMap(localTexts);
  }
  return [];
}

describe('question presets', () => {
  it.each(PRESETS)('%s makes a question the definition check accepts once its text is written', (preset) => {
    const question = { ...createQuestion(preset, 'q1'), text: text('Question?') };
    expect(checkDefinition(definitionOf([question]))).toEqual([]);
    expect(presetOf(question)).toBe(preset);
  });

  it.each(PRESETS)('%s has every label in all four languages', (preset) => {
    const { text: _questionText, ...rest } = createQuestion(preset, 'q1');
    for (const label of localTexts(rest)) for (const language of LANGUAGES) expect(label[language].trim()).not.toBe('');
  });

  it('leaves the question text to the analyst, except the standard NPS wording', () => {
    expect(createQuestion('rating', 'q').text).toEqual(text(''));
    expect(createQuestion('nps', 'q').text.ru).toBe('Насколько вероятно, что вы порекомендуете {company} другу или коллеге?');
  });

  it('makes the NPS item fit the recommend role, in the emotional construct', () => {
    const nps = createQuestion('nps', 'likely');
    expect(nps).toMatchObject({ type: 'scale', min: 0, max: 10, role: 'recommend', construct: 'emotional' });
    expect(roleMismatch('recommend', nps)).toBeNull();
  });

  it('labels every point of rating and agree scales, the ends from the outer points', () => {
    const agree = createQuestion('agree', 'q');
    expect(agree.type === 'scale' && agree.pointLabels?.map((label) => label.en)).toEqual([
      'Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree',
    ]);
    expect(agree.type === 'scale' && agree.minLabel.en).toBe('Strongly disagree');
    expect(RATING_LABELS).toHaveLength(5);
  });

  it('uses yes/no values the roles expect', () => {
    const yesNo = createQuestion('yesNo', 'had_issue');
    expect(roleMismatch('had_problem', yesNo)).toBeNull();
  });

  it('writes Russian without masculine-only forms', () => {
    const russian = [...AGREE_LABELS, ...AGREE_LABELS_7, ...RATING_LABELS].map((label) => label.ru).join(' ');
    expect(russian).not.toMatch(/соглас(ен|илс)|доволен|ожидал\b/i);
  });

  it('hands every question its own label objects, so editing one does not change another', () => {
    const a = createQuestion('agree', 'a');
    const b = createQuestion('agree', 'b');
    if (a.type !== 'scale' || b.type !== 'scale') throw new Error('scale expected');
    a.pointLabels![0]!.ru = 'x';
    expect(b.pointLabels![0]!.ru).toBe('Совсем не так');
    expect(AGREE_LABELS[0]!.ru).toBe('Совсем не так');
  });
});

describe('withRange', () => {
  it('turns an agree scale into the 7-point agree scale and back', () => {
    const agree = createQuestion('agree', 'q');
    if (agree.type !== 'scale') throw new Error('scale expected');
    const seven = withRange(agree, 1, 7);
    expect(seven.pointLabels).toEqual(AGREE_LABELS_7);
    expect(seven.maxLabel).toEqual(AGREE_LABELS_7[6]);
    expect(checkDefinition(definitionOf([{ ...seven, text: text('Q') }]))).toEqual([]);
    expect(withRange(seven, 1, 5).pointLabels).toEqual(AGREE_LABELS);
  });

  it('drops point labels that no longer fit, keeping the ends', () => {
    const rating = createQuestion('rating', 'q');
    if (rating.type !== 'scale') throw new Error('scale expected');
    const wider = withRange(rating, 1, 10);
    expect(wider.pointLabels).toBeUndefined();
    expect(wider.minLabel.en).toBe('Very poor');
    expect(withRange(rating, 0, 4).pointLabels).toHaveLength(5);
  });
});
