/**
 * The report's tested parts (satisfactionLoyalty, groupDifferences, exchangeBySegment,
 * itemNonResponse) fit the route's schema when computed, when null (a survey without emotional
 * items, the short template without recovery or exchange questions) and when empty.
 */
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { fixtureRespondents } from '../analytics/fixtures/statistics/respondents.js';
import { segmentReport } from '../analytics/segmentReport.js';
import type { SurveyDefinition } from '../model/definition.js';
import { fullTemplate, shortTemplate } from '../model/template.js';
import { SegmentReportSchema } from './schemas.js';
import { withWarningMessages } from './warningMessages.js';

const withoutEmotional = (): SurveyDefinition => {
  const definition = fullTemplate();
  definition.questions = definition.questions.filter((q) => q.construct !== 'emotional');
  return definition;
};

describe('the tested parts in the report schema', () => {
  for (const [name, definition, count] of [
    ['the full template', fullTemplate(), 400],
    ['a survey without emotional items', withoutEmotional(), 200],
    ['the short template', shortTemplate(), 200],
    ['no respondents', fullTemplate(), 0],
  ] as const) {
    it(`validates ${name}`, () => {
      const report = withWarningMessages(segmentReport(definition, fixtureRespondents(definition, count), { bootstrap: { resamples: 10 } }));
      const errors = [...Value.Errors(SegmentReportSchema, report)].slice(0, 5).map((e) => `${e.instancePath}: ${e.message}`);
      expect(errors).toEqual([]);
      expect(report.itemNonResponse.items.length).toBeGreaterThan(0);
    });
  }

  it('refuses a tested part with a field the schema does not know (closed objects)', () => {
    const report = withWarningMessages(segmentReport(fullTemplate(), fixtureRespondents(fullTemplate(), 50), { bootstrap: { resamples: 10 } }));
    const tampered = { ...report, satisfactionLoyalty: { ...report.satisfactionLoyalty, extra: 1 } };
    expect(Value.Check(SegmentReportSchema, tampered)).toBe(false);
  });
});
