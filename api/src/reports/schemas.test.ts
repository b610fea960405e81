import { describe, expect, it } from 'vitest';
import { Value } from 'typebox/value';
import { mulberry32 } from '../analytics/seededRandom.js';
import type { Respondent } from '../analytics/scoring.js';
import { segmentReport, type SegmentReportOptions } from '../analytics/segmentReport.js';
import type { Answers, SurveyDefinition } from '../model/definition.js';
import { fullTemplate, shortTemplate } from '../model/template.js';
import { SegmentReportSchema } from './schemas.js';
import { withWarningMessages } from './warningMessages.js';

const DAY = 86_400_000;
const START = Date.UTC(2025, 0, 1);

/** `count` respondents answering every question of `definition` in range, some skipped, with purchases. */
function respondents(definition: SurveyDefinition, count: number, seed = 7): Respondent[] {
  const random = mulberry32(seed);
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  return Array.from({ length: count }, (_, i) => {
    const answers: Answers = {};
    for (const question of definition.questions) {
      if (random() < 0.1) continue;
      if (question.showIf && answers[question.showIf.questionId] !== question.showIf.equals) continue;
      if (question.type === 'scale') answers[question.id] = between(question.min, question.max);
      else if (question.type === 'count') answers[question.id] = between(0, 8);
      else if (question.type === 'choice') answers[question.id] = question.options[between(0, question.options.length - 1)]!.value;
      else answers[question.id] = 'fine';
    }
    const surveyedAt = START + between(0, 300) * DAY;
    if (i % 3 === 0) return { answers, surveyedAt };
    return { answers, surveyedAt, purchases: { purchasedAt: [surveyedAt - 30 * DAY, surveyedAt + between(1, 400) * DAY], observedUntil: START + 500 * DAY } };
  });
}

/** The report as the route sends it, with the schema's first complaints when it does not fit. */
function checked(definition: SurveyDefinition, list: Respondent[], options: SegmentReportOptions = {}) {
  const report = withWarningMessages(segmentReport(definition, list, options));
  const errors = [...Value.Errors(SegmentReportSchema, report)].slice(0, 5).map((error) => `${error.instancePath}: ${error.message}`);
  return { report, errors };
}

const changeEvent = { changeEvent: { at: START + 150 * DAY, label: 'New recipe' } };

describe('the segment report JSON Schema', () => {
  it('validates a full-template report with purchases and a change event', () => {
    const { report, errors } = checked(fullTemplate(), respondents(fullTemplate(), 400), changeEvent);
    expect(errors).toEqual([]);
    expect(report.changeEvent?.before.n).toBeGreaterThan(0);
    expect(report.retention.n).toBeGreaterThan(0);
  });

  it('validates a short-template report', () => {
    expect(checked(shortTemplate(), respondents(shortTemplate(), 60), changeEvent).errors).toEqual([]);
  });

  it('validates the reports whose figures cannot be computed: no one, one respondent, identical answers', () => {
    const one = respondents(fullTemplate(), 1);
    const same = Array.from({ length: 5 }, () => one[0]!);
    for (const list of [[], one, same, [{ answers: {} }]]) {
      expect(checked(fullTemplate(), list, changeEvent).errors).toEqual([]);
      expect(checked(shortTemplate(), list).errors).toEqual([]);
    }
  });

  it('refuses a report with a field the schema does not describe', () => {
    const { report } = checked(fullTemplate(), respondents(fullTemplate(), 20));
    expect(Value.Check(SegmentReportSchema, report)).toBe(true);
    expect(Value.Check(SegmentReportSchema, { ...report, retention: { ...report.retention, median: 1 } })).toBe(false);
    expect(Value.Check(SegmentReportSchema, { ...report, n: Number.NaN })).toBe(false);
  });
});
