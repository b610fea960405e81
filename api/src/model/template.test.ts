/**
 * The template texts follow docs/TRANSLATION.md: what a rule there can check mechanically is
 * checked here, for both templates and every text a respondent sees.
 */
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language, type LocalText, type SurveyDefinition } from './definition.js';
import { fullTemplate, shortTemplate } from './template.js';

/** Every respondent-facing text of a definition, with where it is. */
function texts(definition: SurveyDefinition): { at: string; text: LocalText }[] {
  const found = [
    { at: 'title', text: definition.title },
    { at: 'intro', text: definition.intro },
    { at: 'thankYou', text: definition.thankYou },
  ];
  for (const question of definition.questions) {
    found.push({ at: question.id, text: question.text });
    if (question.type === 'scale') {
      found.push({ at: `${question.id}/minLabel`, text: question.minLabel }, { at: `${question.id}/maxLabel`, text: question.maxLabel });
      question.pointLabels?.forEach((label, i) => found.push({ at: `${question.id}/pointLabels/${i}`, text: label }));
    }
    if (question.type === 'choice') question.options.forEach((option) => found.push({ at: `${question.id}/${option.value}`, text: option.label }));
  }
  return found;
}

const ALL = [...texts(fullTemplate()), ...texts(shortTemplate())];
const written = (language: Language) => ALL.map(({ at, text }) => ({ at, text: text[language] }));

describe('template texts', () => {
  it('exist in every language', () => {
    for (const language of LANGUAGES) {
      expect(written(language).filter(({ text }) => text.trim() === '').map(({ at }) => at), language).toEqual([]);
    }
  });

  it('claim no fixed time in the intro (the respondent page computes the estimate)', () => {
    const time = /minute|минут|minut|წუთ/i;
    for (const template of [fullTemplate(), shortTemplate()]) {
      for (const language of LANGUAGES) expect(template.intro[language]).not.toMatch(time);
    }
  });

  it('use no masculine-only first person or agreement in Russian', () => {
    // Past tense and short adjectives that agree with a male speaker: «я ожидал», «согласен», «доволен»…
    const masculine = /(?<![а-яё])(я|бы)\s+[а-яё]+л(?![а-яё])|(?<![а-яё])(согласен|доволен|недоволен|удовлетворён|уверен|остался|почувствовал|ожидал)(?![а-яё])/iu;
    expect(written('ru').filter(({ text }) => masculine.test(text)).map(({ at, text }) => `${at}: ${text}`)).toEqual([]);
  });

  it('use the quotation marks of each language', () => {
    const straight = /"/;
    expect(ALL.filter(({ text }) => LANGUAGES.some((language) => straight.test(text[language]))).map(({ at }) => at)).toEqual([]);
    const quoted = ALL.filter(({ text }) => /[«“„]/.test(text.en + text.ru + text.et + text.ka));
    expect(quoted.length).toBeGreaterThan(0);
    for (const { at, text } of quoted) {
      expect(text.en, at).toMatch(/“[^”]+”/);
      expect(text.ru, at).toMatch(/«[^»]+»/);
      expect(text.et, at).toMatch(/„[^“]+“/);
      expect(text.ka, at).toMatch(/„[^“]+“/);
    }
  });

  it('attach Georgian postpositions to {company} with a hyphen', () => {
    // A case ending written straight onto the placeholder would run into the company's name.
    expect(written('ka').filter(({ text }) => /\{company\}[\u10D0-\u10FF]/u.test(text)).map(({ at }) => at)).toEqual([]);
  });

  it('never write an Estonian case ending onto {company}', () => {
    expect(written('et').filter(({ text }) => /\{company\}['’-]?[a-zõäöü]/u.test(text)).map(({ at }) => at)).toEqual([]);
  });

  it('label every point of share_of_wallet in every language, its ends being the first and the last point', () => {
    const question = fullTemplate().questions.find((q) => q.id === 'share_of_wallet');
    if (question?.type !== 'scale') throw new Error('share_of_wallet is a scale');
    expect(question.pointLabels?.map((label) => label.en)).toEqual(['None', 'Some', 'About half', 'Most', 'All']);
    for (const language of LANGUAGES) {
      expect(question.pointLabels?.[0]?.[language]).toBe(question.minLabel[language]);
      expect(question.pointLabels?.[4]?.[language]).toBe(question.maxLabel[language]);
    }
  });

  it('gives each question its own label objects, so editing one point label leaves the end label alone', () => {
    const question = fullTemplate().questions.find((q) => q.id === 'share_of_wallet');
    if (question?.type !== 'scale' || !question.pointLabels?.[0]) throw new Error('share_of_wallet has point labels');
    question.pointLabels[0].ru = 'changed';
    expect(question.minLabel.ru).toBe('Ни одной');
  });
});
