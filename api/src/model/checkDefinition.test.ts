import { describe, expect, it } from 'vitest';
import { checkDefinition, type DefinitionProblem } from './checkDefinition.js';
import type { Question, SurveyDefinition } from './definition.js';
import { fullTemplate, shortTemplate } from './template.js';

/** The full template with one question changed (by id), as an untyped object so a test can break it. */
function withQuestion(id: string, change: (question: Record<string, unknown>) => void): SurveyDefinition {
  const definition = fullTemplate();
  const question = definition.questions.find((q) => q.id === id) as unknown as Record<string, unknown> | undefined;
  if (!question) throw new Error(`no question ${id}`);
  change(question);
  return definition;
}

const indexOf = (id: string) => fullTemplate().questions.findIndex((q) => q.id === id);
const codesAndPaths = (problems: DefinitionProblem[]) => problems.map(({ code, path }) => ({ code, path }));

describe('checkDefinition', () => {
  it('passes both templates', () => {
    expect(checkDefinition(fullTemplate())).toEqual([]);
    expect(checkDefinition(shortTemplate())).toEqual([]);
  });

  it('refuses something that is not an object', () => {
    for (const input of [null, 'survey', 3, []]) expect(checkDefinition(input)).toEqual([expect.objectContaining({ path: '', code: 'SCHEMA' })]);
  });

  it('refuses a definition without questions, naming the missing fields', () => {
    const [problem] = checkDefinition({});
    expect(problem).toMatchObject({ path: '', code: 'SCHEMA' });
    expect(problem!.message).toMatch(/questions/);
    expect(codesAndPaths(checkDefinition({ ...shortTemplate(), questions: [] }))).toEqual([{ code: 'SCHEMA', path: '/questions' }]);
  });

  it('refuses a second question with the same id, at the second one', () => {
    const definition = fullTemplate();
    definition.questions[3] = { ...definition.questions[3]!, id: definition.questions[1]!.id } as Question;
    const problems = checkDefinition(definition);
    expect(codesAndPaths(problems)).toContainEqual({ code: 'DUPLICATE_ID', path: '/questions/3/id' });
    expect(problems.find((p) => p.code === 'DUPLICATE_ID')!.message).toContain('sat_product');
  });

  it.each(['Sat_overall', '1st', 'has space', 'a/b', '__proto__', 'x'.repeat(64), ''])('refuses the unsafe id %j', (id) => {
    const problems = checkDefinition(withQuestion('sat_product', (q) => (q.id = id)));
    expect(codesAndPaths(problems)).toEqual([{ code: 'SCHEMA', path: `/questions/${indexOf('sat_product')}/id` }]);
    expect(problems[0]!.message).toMatch(/^question 2\b/);
  });

  it('refuses a second question holding a single-valued role, naming the first holder', () => {
    const problems = checkDefinition(withQuestion('sat_product', (q) => (q.role = 'overall_satisfaction')));
    expect(codesAndPaths(problems)).toEqual([{ code: 'ROLE_TAKEN', path: `/questions/${indexOf('sat_product')}/role` }]);
    expect(problems[0]!.message).toContain('sat_overall');
    expect(problems[0]!.message).toContain('sat_product');
  });

  it('refuses a recommend question that is not a 0–10 scale', () => {
    const problems = checkDefinition(withQuestion('recommend', (q) => (q.max = 5)));
    expect(codesAndPaths(problems)).toEqual([{ code: 'ROLE_MISMATCH', path: `/questions/${indexOf('recommend')}/role` }]);
    expect(problems[0]!.message).toMatch(/recommend.*0 to 10/);
  });

  it('refuses a had_problem question that is not a yes/no choice', () => {
    const maybe = checkDefinition(
      withQuestion('had_problem', (q) => (q.options = [...(q.options as object[]), { value: 'maybe', label: { en: 'Maybe', ru: 'Может быть', et: 'Võib-olla', ka: 'შესაძლოა' } }])),
    );
    expect(codesAndPaths(maybe)).toEqual([{ code: 'ROLE_MISMATCH', path: `/questions/${indexOf('had_problem')}/role` }]);
    expect(maybe[0]!.message).toMatch(/yes, no/);
    const asScale = checkDefinition(withQuestion('sat_product', (q) => (q.role = 'had_problem')));
    expect(codesAndPaths(asScale)).toContainEqual({ code: 'ROLE_MISMATCH', path: `/questions/${indexOf('sat_product')}/role` });
  });

  it('refuses a role on a question of the wrong construct', () => {
    const problems = checkDefinition(withQuestion('sat_overall', (q) => (q.construct = 'emotional')));
    expect(codesAndPaths(problems)).toEqual([{ code: 'ROLE_MISMATCH', path: `/questions/${indexOf('sat_overall')}/role` }]);
  });

  it('refuses a show-if naming no question of the survey', () => {
    const problems = checkDefinition(withQuestion('problem_resolved', (q) => (q.showIf = { questionId: 'had_trouble', equals: 'yes' })));
    expect(codesAndPaths(problems)).toEqual([{ code: 'SHOW_IF_UNKNOWN_QUESTION', path: `/questions/${indexOf('problem_resolved')}/showIf/questionId` }]);
    expect(problems[0]!.message).toContain('problem_resolved');
  });

  it('refuses a show-if pointing at a later question or at itself', () => {
    const later = checkDefinition(withQuestion('sat_product', (q) => (q.showIf = { questionId: 'had_problem', equals: 'yes' })));
    expect(codesAndPaths(later)).toEqual([{ code: 'SHOW_IF_NOT_EARLIER', path: `/questions/${indexOf('sat_product')}/showIf/questionId` }]);
    const itself = checkDefinition(withQuestion('sat_product', (q) => (q.showIf = { questionId: 'sat_product', equals: 3 })));
    expect(codesAndPaths(itself)).toEqual([{ code: 'SHOW_IF_NOT_EARLIER', path: `/questions/${indexOf('sat_product')}/showIf/questionId` }]);
  });

  it.each([
    ['an option the choice does not have', 'maybe'],
    ['a number for a choice', 1],
  ])('refuses a show-if on %s', (_what, equals) => {
    const problems = checkDefinition(withQuestion('problem_resolved', (q) => (q.showIf = { questionId: 'had_problem', equals })));
    expect(codesAndPaths(problems)).toEqual([{ code: 'SHOW_IF_IMPOSSIBLE_VALUE', path: `/questions/${indexOf('problem_resolved')}/showIf/equals` }]);
  });

  it.each([
    ['a number outside the scale', 6],
    ['text for a scale', '5'],
  ])('refuses a show-if on %s', (_what, equals) => {
    const problems = checkDefinition(withQuestion('sat_product', (q) => (q.showIf = { questionId: 'sat_overall', equals })));
    expect(codesAndPaths(problems)).toEqual([{ code: 'SHOW_IF_IMPOSSIBLE_VALUE', path: `/questions/${indexOf('sat_product')}/showIf/equals` }]);
  });

  it('accepts a show-if on a point of an earlier scale', () => {
    expect(checkDefinition(withQuestion('sat_product', (q) => (q.showIf = { questionId: 'sat_overall', equals: 1 })))).toEqual([]);
  });

  it.each([
    ['scale', 'sat_product', 5, 5],
    ['scale', 'sat_product', 5, 1],
    ['count', 'told_positive', 10, 10],
  ])('refuses a %s whose min is not below its max', (_type, id, min, max) => {
    const problems = checkDefinition(withQuestion(id, (q) => Object.assign(q, { min, max })));
    expect(codesAndPaths(problems)).toEqual([{ code: 'EMPTY_RANGE', path: `/questions/${indexOf(id)}/max` }]);
  });

  it('refuses point labels that are not one per point', () => {
    const problems = checkDefinition(withQuestion('share_of_wallet', (q) => (q.pointLabels = (q.pointLabels as unknown[]).slice(0, 4))));
    expect(codesAndPaths(problems)).toEqual([{ code: 'POINT_LABELS_COUNT', path: `/questions/${indexOf('share_of_wallet')}/pointLabels` }]);
    expect(problems[0]!.message).toMatch(/share_of_wallet.*5/);
  });

  it('refuses two options with one value', () => {
    const problems = checkDefinition(
      withQuestion('expectation', (q) => {
        const options = q.options as { value: string }[];
        options[3] = { ...options[3]!, value: options[0]!.value };
      }),
    );
    const at = `/questions/${indexOf('expectation')}`;
    expect(codesAndPaths(problems)).toContainEqual({ code: 'DUPLICATE_OPTION', path: `${at}/options/3/value` });
  });

  it('refuses a blank text in any of the four languages when the survey names none', () => {
    const definition = withQuestion('sat_product', (q) => ((q.text as Record<string, string>).ka = '  '));
    definition.title.et = '';
    (definition.questions[indexOf('had_problem')] as { options: { label: Record<string, string> }[] }).options[1]!.label.ru = '';
    const at = (id: string) => `/questions/${indexOf(id)}`;
    expect(codesAndPaths(checkDefinition(definition))).toEqual([
      { code: 'MISSING_TEXT', path: '/title/et' },
      { code: 'MISSING_TEXT', path: `${at('sat_product')}/text/ka` },
      { code: 'MISSING_TEXT', path: `${at('had_problem')}/options/1/label/ru` },
    ]);
  });

  it('asks for texts only in the survey languages when it names them', () => {
    const definition = shortTemplate();
    definition.languages = ['et', 'en'];
    for (const question of definition.questions) question.text.ru = '';
    expect(checkDefinition(definition)).toEqual([]);
    definition.questions[0]!.text.et = '';
    expect(codesAndPaths(checkDefinition(definition))).toEqual([{ code: 'MISSING_TEXT', path: '/questions/0/text/et' }]);
  });

  it('refuses an unknown property, naming it', () => {
    const problems = checkDefinition(withQuestion('sat_product', (q) => (q.colour = 'red')));
    expect(codesAndPaths(problems)).toEqual([{ code: 'SCHEMA', path: `/questions/${indexOf('sat_product')}/colour` }]);
    expect(problems[0]!.message).toMatch(/sat_product.*colour/);
    const top = checkDefinition({ ...shortTemplate(), theme: 'dark' });
    expect(codesAndPaths(top)).toEqual([{ code: 'SCHEMA', path: '/theme' }]);
  });

  it('refuses an unknown question type and a missing field, naming the question', () => {
    const problems = checkDefinition(
      withQuestion('sat_product', (q) => {
        q.type = 'slider';
      }),
    );
    expect(codesAndPaths(problems)).toEqual([{ code: 'SCHEMA', path: `/questions/${indexOf('sat_product')}/type` }]);
    const noText = checkDefinition(withQuestion('recommend', (q) => delete q.text));
    expect(noText.map((p) => p.path)).toEqual([`/questions/${indexOf('recommend')}`]);
    expect(noText[0]!.message).toMatch(/recommend.*text/);
  });

  it('reports every problem at once', () => {
    const definition = withQuestion('sat_product', (q) => Object.assign(q, { min: 5, max: 5, role: 'overall_satisfaction' }));
    definition.questions[indexOf('told_positive')]!.role = 'recommend';
    definition.title.en = '';
    expect(checkDefinition(definition).map((p) => p.code).sort()).toEqual(['EMPTY_RANGE', 'MISSING_TEXT', 'ROLE_MISMATCH', 'ROLE_TAKEN', 'ROLE_TAKEN']);
  });
});
