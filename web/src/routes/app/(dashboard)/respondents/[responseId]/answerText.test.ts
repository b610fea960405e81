import { describe, expect, it } from 'vitest';
import { fullTemplate } from '../../../../../../../api/src/model/template.js';
import { answerText } from './answerText.js';

const questions = new Map(fullTemplate().questions.map((question) => [question.id, question]));
const none = new Map<string, string | number | null>();

describe('a respondent’s answer in words', () => {
  it('names a choice by its option’s label in the page language', () => {
    const question = questions.get('had_problem')!;
    expect(question.type).toBe('choice');
    const option = question.type === 'choice' ? question.options.find((candidate) => candidate.value === 'yes')! : null;
    expect(answerText('ru', question, 'yes', 'Demo Coffee', none)).toBe(option!.label.ru);
  });

  it('gives a scale point its range and, at an end, its label', () => {
    const question = questions.get('recommend')!;
    if (question.type !== 'scale') throw new Error('recommend is a scale');
    expect(answerText('en', question, question.max, 'Demo Coffee', none)).toBe(`${question.max} of ${question.min}–${question.max} (${question.maxLabel.en})`);
    expect(answerText('ka', question, 7, 'Demo Coffee', none)).toMatch(/^7 სკალაზე 0–10/);
  });

  it('tells a follow-up never asked from a question left unanswered', () => {
    const followUp = questions.get('problem_resolved')!;
    expect(followUp.showIf).toBeDefined();
    expect(answerText('en', followUp, null, 'Demo Coffee', new Map([['had_problem', 'no']]))).toBe('Not asked (it follows another answer)');
    expect(answerText('en', followUp, null, 'Demo Coffee', new Map([['had_problem', 'yes']]))).toBe('Not answered');
    expect(answerText('en', undefined, 'something', 'Demo Coffee', none)).toBe('something');
  });
});
