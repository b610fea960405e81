import { describe, expect, it } from 'vitest';
import type { Answers, Question, ScaleQuestion, SurveyDefinition } from '../model/definition.js';
import { fullTemplate, shortTemplate } from '../model/template.js';
import type { Respondent } from './scoring.js';
import { mulberry32 } from './seededRandom.js';
import { segmentReport, type SegmentReport } from './segmentReport.js';
import { compileSurveyScoring } from './surveyScoring.js';

const DAY = 86_400_000;
const FAST = { bootstrap: { resamples: 200, seed: 11 } };

/** The template questions the custom survey renames q1…q12 (every role), plus a 1–7 agree item in E as q13. */
const TEMPLATE_IDS = [
  'sat_overall', 'sat_service', 'sat_price', 'expectation', 'recommend', 'repurchase', 'promo_decided',
  'full_price_return', 'had_problem', 'problem_resolved', 'told_positive', 'told_negative',
];
const template = fullTemplate();
const agreeItem: ScaleQuestion = {
  ...(template.questions.find((q) => q.id === 'feel_loss') as ScaleQuestion),
  id: 'feel_attached',
  min: 1,
  max: 7,
};
const ids = [...TEMPLATE_IDS, 'feel_attached'];
const customId = (id: string) => `q${ids.indexOf(id) + 1}`;

const templateSurvey: SurveyDefinition = {
  ...template,
  questions: [...TEMPLATE_IDS.map((id) => template.questions.find((q) => q.id === id)!), agreeItem],
};
const customSurvey: SurveyDefinition = {
  ...templateSurvey,
  questions: templateSurvey.questions.map((q): Question => ({
    ...q,
    id: customId(q.id),
    ...(q.showIf ? { showIf: { ...q.showIf, questionId: customId(q.showIf.questionId) } } : {}),
  })),
};

/** Seeded respondents answering the template survey (with purchases, so retention is in the report too). */
function respondents(count: number): Respondent[] {
  const random = mulberry32(5);
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const start = Date.UTC(2025, 0, 1);
  return Array.from({ length: count }, (_, i) => {
    const mood = between(1, 5);
    const near = (low: number, high: number, centre: number) => Math.min(high, Math.max(low, centre + between(-1, 1)));
    const hadProblem = random() < 0.3;
    const answers: Answers = {
      sat_overall: mood,
      sat_service: near(1, 5, mood),
      sat_price: between(1, 5),
      expectation: ['not_delivered', 'partly', 'as_expected', 'exceeded'][between(0, 3)]!,
      recommend: near(0, 10, mood * 2),
      repurchase: near(1, 5, mood),
      promo_decided: random() < 0.3 ? 'yes' : 'no',
      full_price_return: between(1, 5),
      had_problem: hadProblem ? 'yes' : 'no',
      told_positive: between(0, 6),
      told_negative: between(0, 4),
      feel_attached: near(1, 7, mood + 1),
    };
    if (hadProblem) answers.problem_resolved = ['resolved', 'partly', 'not_resolved'][between(0, 2)]!;
    if (i % 17 === 0) delete answers.repurchase;
    const surveyedAt = start + i * DAY;
    return { answers, surveyedAt, purchases: { purchasedAt: [surveyedAt - 30 * DAY, surveyedAt + between(1, 400) * DAY] } };
  });
}

/** The same respondents with their answers under the custom survey's ids. */
const renamed = (list: Respondent[]): Respondent[] =>
  list.map((r) => ({ ...r, answers: Object.fromEntries(Object.entries(r.answers).map(([id, value]) => [customId(id), value])) }));

/** A report with every custom id (q1…q13, in any text) written as the template id it stands for. */
const withTemplateIds = (report: SegmentReport): unknown =>
  JSON.parse(JSON.stringify(report).replace(/\bq(\d+)\b/g, (_, n: string) => ids[Number(n) - 1]!));

describe('a custom survey whose questions carry roles, not the template ids', () => {
  it('gets the same report as the template survey given the same answers', () => {
    const people = respondents(400);
    const options = { ...FAST, changeEvent: { at: Date.UTC(2025, 4, 1), label: 'new recipe' } };
    const expected = segmentReport(templateSurvey, people, options);
    const actual = segmentReport(customSurvey, renamed(people), options);
    expect(withTemplateIds(actual)).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(actual.nps?.n).toBe(400);
    expect(actual.csat?.question).toBe('q1');
    expect(actual.drivers.predictors).toEqual(['q2', 'q3', 'q4']);
    expect(actual.reliability.map((r) => [r.construct, r.items])).toEqual([
      ['satisfaction', ['q1', 'q2', 'q3']],
      ['emotional', ['q5', 'q13']],
    ]);
    expect(actual.serviceRecovery.groups[0]!.all.loyal.n).toBeGreaterThan(0);
    expect(actual.wordOfMouth.overall.ratio.n).toBe(400);
  });
});

/** Version 1 asked overall satisfaction on 1–7 and had stay_vs_competitor; version 2 is the short template. */
const version1: SurveyDefinition = {
  ...shortTemplate(),
  questions: shortTemplate().questions.map((q) => (q.id === 'sat_overall' && q.type === 'scale' ? { ...q, max: 7 } : q)),
};
const version2: SurveyDefinition = { ...shortTemplate(), questions: shortTemplate().questions.filter((q) => q.id !== 'stay_vs_competitor') };
const versions = [
  { version: 2, definition: version2 },
  { version: 1, definition: version1 },
];

describe('compileSurveyScoring', () => {
  it('lays out every version in the newest version’s items, a changed scale or a removed item unanswered', () => {
    const scoring = compileSurveyScoring(versions);
    expect(scoring.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(scoring.newest.version).toBe(2);
    expect(scoring.newest.newestItems).toBeNull();
    const newestIds = scoring.newest.model.items.map((item) => item.id);
    const first = scoring.byNumber[1]!;
    expect([...first.newestItems!].map((index) => (index < 0 ? null : first.model.items[index]!.id))).toEqual(
      newestIds.map((id) => (id === 'sat_overall' ? null : id)),
    );
    expect(first.changedItems).toEqual(['sat_overall']);
    expect(first.levelChanged).toBe(true);
    expect(scoring.levels).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('a report over two versions', () => {
  const people1: Respondent[] = [
    { version: 1, answers: { sat_overall: 7, recommend: 10, repurchase: 5, stay_vs_competitor: 5, promo_decided: 'no' } },
    { version: 1, answers: { sat_overall: 6, recommend: 9, repurchase: 2, stay_vs_competitor: 1, promo_decided: 'yes', full_price_return: 1 } },
  ];
  const people2: Respondent[] = [
    { version: 2, answers: { sat_overall: 5, recommend: 10, repurchase: 5, promo_decided: 'no' } },
    { version: 2, answers: { sat_overall: 4, recommend: 3, repurchase: 1, promo_decided: 'no' } },
  ];

  it('scores each respondent with its own version: segments add up to those of each version alone', () => {
    const both = segmentReport(versions, [...people1, ...people2], FAST);
    const alone1 = segmentReport(version1, people1, FAST);
    const alone2 = segmentReport(version2, people2, FAST);
    expect(both.versions).toEqual([
      { version: 1, n: 2 },
      { version: 2, n: 2 },
    ]);
    expect(both.segments.map((s) => s.share.successes)).toEqual(
      alone1.segments.map((s, i) => s.share.successes + alone2.segments[i]!.share.successes),
    );
    expect(both.nps?.n).toBe(4);
    expect(both.csat?.n).toBe(2);
    expect(both.warnings.filter((w) => w.code === 'VERSION_SCALE_CHANGED' || w.code === 'VERSION_LEVEL_SCALE_CHANGED')).toHaveLength(2);
  });

  it('scores a respondent naming an unknown version with the newest one, and says so', () => {
    const report = segmentReport(versions, [{ version: 9, answers: { sat_overall: 5 } }], FAST);
    expect(report.versions.map((v) => v.n)).toEqual([0, 0]);
    expect(report.csat?.n).toBe(1);
    expect(report.warnings.find((w) => w.code === 'UNKNOWN_VERSION')).toEqual({ part: 'versions', code: 'UNKNOWN_VERSION', params: { count: 1, version: 2 } });
  });
});

describe('damaged answers', () => {
  it('reads answers that do not fit their question as unanswered, counts them and never throws', () => {
    const damaged: Answers = {
      sat_overall: 9,
      sat_service: 'good' as never,
      recommend: 10.5,
      expectation: 'toString',
      promo_decided: 'perhaps',
      told_positive: -1,
      told_negative: 3,
      had_problem: 'yes',
      problem_resolved: 'resolved',
    };
    const clean: Answers = { told_negative: 3, had_problem: 'yes', problem_resolved: 'resolved' };
    const report = segmentReport(fullTemplate(), [{ answers: damaged }, { answers: { sat_overall: 4, recommend: 7 } }], FAST);
    const expected = segmentReport(fullTemplate(), [{ answers: clean }, { answers: { sat_overall: 4, recommend: 7 } }], FAST);
    const warning = report.warnings.find((w) => w.code === 'DAMAGED_ANSWERS');
    expect(warning).toEqual({ part: 'versions', code: 'DAMAGED_ANSWERS', params: { count: 1 } });
    expect({ ...report, warnings: report.warnings.filter((w) => w !== warning) }).toEqual(expected);
  });
});
