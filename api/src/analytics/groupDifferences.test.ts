/**
 * Group differences and exchange type × segment, through the segment report, against R
 * (fixtures/statistics/generate.R: t.test, prop.test, chisq.test on respondents.csv); the tested
 * parts merged from a random split equal one accumulator; the parts a survey does not ask are null.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../model/definition.js';
import { fullTemplate, shortTemplate } from '../model/template.js';
import { expectDeepClose } from './fixtures/statistics/deepClose.js';
import { fixtureRespondents } from './fixtures/statistics/respondents.js';
import { createReportTests } from './reportTests.js';
import { expectChiLikeR, expected, expectTwoProportionsLikeR, expectWelchLikeR } from './fixtures/statistics/expectLikeR.js';
import { scoreAndSegment } from './scoredRespondent.js';
import type { Respondent } from './scoring.js';
import { mulberry32 } from './seededRandom.js';
import { segmentReport } from './segmentReport.js';
import { createRetention } from './retention.js';
import { createServiceRecovery } from './serviceRecovery.js';
import { compileSurveyScoring } from './surveyScoring.js';

const FAST = { bootstrap: { resamples: 10 } };
describe('group differences and exchange type × segment', () => {
  const respondents = fixtureRespondents();
  const report = segmentReport(fullTemplate(), respondents, FAST);

  it('matches R for E and the loyal share, resolved vs no problem (t.test, prop.test)', () => {
    const recovery = report.groupDifferences.recovery!;
    expect([recovery.groupA, recovery.groupB]).toEqual(['resolved', 'no_problem']);
    expectWelchLikeR(recovery.emotional, expected.groupDifferences.recoveryEmotional, 'E');
    expectTwoProportionsLikeR(recovery.loyalShare, expected.groupDifferences.recoveryLoyalShare, 'loyal share');
  });

  it('matches R for 180-day retention, loyal vs satisfied_not_loyal, with the small group warned', () => {
    const retention = report.groupDifferences.retention!;
    expectTwoProportionsLikeR(retention.retained, expected.groupDifferences.retention, 'retention');
    expect(retention.retained.warnings).toEqual([{ code: 'GROUP_SMALL_SAMPLE', params: { group: 'loyal', n: 23, min: 30 } }]);
    expect(report.warnings).toContainEqual({ part: 'group_differences', code: 'GROUP_SMALL_SAMPLE', params: { group: 'loyal', n: 23, min: 30 } });
  });

  it('matches R for exchange type × segment (chisq.test, Cramér’s V)', () => {
    const table = report.exchangeBySegment;
    expect(table.exchanges).toEqual(['criminal', 'partial', 'equal', 'pleasant_surprise']);
    expect(table.segments).toEqual(['loyal', 'price_hunter', 'satisfied_not_loyal', 'hostage', 'defector']);
    expect(table.counts).toEqual(expected.exchangeBySegment.counts);
    expectChiLikeR(table.chiSquare!, expected.exchangeBySegment.chiSquare, 'exchange');
  });

  it('merging the tested parts of a random split (through JSON) equals one accumulator', () => {
    const survey = fullTemplate();
    const scoring = compileSurveyScoring(survey);
    const run = (list: readonly Respondent[]) => {
      const tests = createReportTests(survey, scoring, DEFAULT_THRESHOLDS);
      const recovery = createServiceRecovery(scoring);
      const retention = createRetention(scoring);
      for (const respondent of list) {
        const scored = scoreAndSegment(scoring, DEFAULT_THRESHOLDS, respondent);
        tests.add(scored);
        recovery.add(scored);
        retention.add(scored);
      }
      return { tests, recovery, retention };
    };
    const whole = run(respondents);
    const random = mulberry32(11);
    const parts = [[], [], [], []] as Respondent[][];
    for (const respondent of respondents) parts[Math.floor(random() * parts.length)]!.push(respondent);
    const merged = run([]).tests;
    for (const part of parts) merged.merge(JSON.parse(JSON.stringify(run(part).tests.state())));
    const recovery = whole.recovery.finish();
    const retention = whole.retention.finish();
    expectDeepClose(merged.finish(recovery, retention), whole.tests.finish(recovery, retention), 'tests');
    const { satisfactionLoyalty, groupDifferences, exchangeBySegment, itemNonResponse } = report;
    expectDeepClose({ satisfactionLoyalty, groupDifferences, exchangeBySegment, itemNonResponse }, (({ warnings: _, ...rest }) => rest)(whole.tests.finish(recovery, retention)), 'report');
  });

  it('leaves what the short template does not ask null, with warnings, and computes the rest', () => {
    const short = segmentReport(shortTemplate(), fixtureRespondents(shortTemplate(), 300), FAST);
    expect(short.groupDifferences.recovery).toBeNull();
    expect(short.exchangeBySegment.chiSquare).toBeNull();
    expect(short.satisfactionLoyalty.emotional?.n).toBeGreaterThan(250);
    expect(short.retention.n).toBeGreaterThan(0);
    expect(short.groupDifferences.retention?.retained.nA).toBe(short.retention.bySegment[0]!.retained.n);
    expect(short.warnings).toContainEqual({ part: 'group_differences', code: 'RECOVERY_NOT_ASKED', params: {} });
    expect(short.warnings).toContainEqual({ part: 'exchange_by_segment', code: 'EXCHANGE_NOT_ASKED', params: {} });
    expect(short.exchangeBySegment.counts.flat().every((count) => count === 0)).toBe(true);
  });
});
