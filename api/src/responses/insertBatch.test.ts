/**
 * The submission batcher on a real PostgreSQL: concurrent submissions share INSERTs, each stored
 * exactly once (a repeated submission id within one batch included), a row PostgreSQL refuses fails
 * only its own caller, and a database that cannot be reached fails every caller with nothing stored.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shortTemplate } from '../model/template.js';
import { openTestDatabase, postgresIsAvailable, type TestDatabase } from '../../../test/databases.js';
import { SHORT_ANSWERS } from '../../../test/db-chaos.js';
import { buildTestApp, createSurvey } from '../../../test/helper.js';
import { InsertBatcher } from './insertBatch.js';
import type { ResponseRow } from './queries.js';

const postgresUp = await postgresIsAvailable();

describe.skipIf(!postgresUp)('InsertBatcher [postgres]', () => {
  let database: TestDatabase;
  let survey: { companyId: string; surveyId: string; versionId: string };
  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    survey = await createSurvey(database, shortTemplate());
  });
  afterAll(async () => database?.close());

  const row = (clientSubmissionId: string, satisfaction: number, versionId = survey.versionId): ResponseRow => ({
    company_id: survey.companyId,
    survey_id: survey.surveyId,
    survey_version_id: versionId,
    client_submission_id: clientSubmissionId,
    language: 'et',
    answers: JSON.stringify({ sat_overall: satisfaction }),
    started_at: new Date('2026-11-30T08:00:00Z'),
    score_s: (satisfaction - 1) / 4,
    score_e: null,
    score_b: 0.5,
    discount_dependent: false,
    exchange_type: null,
    satisfaction_level: satisfaction,
    retained: null,
    recovery_group: 'no_problem',
    scored_version: 1,
  });

  const storedOf = async (ids: readonly string[]) =>
    database.db
      .selectFrom('response')
      .select(['id', 'client_submission_id', 'answers', 'language', 'started_at', 'score_s', 'score_e', 'score_b', 'discount_dependent', 'satisfaction_level', 'recovery_group', 'scored_version', 'scored_at'])
      .where('client_submission_id', 'in', ids)
      .execute();

  it('sends what queues behind a running insert as one statement and stores each submission once, with every column', async () => {
    const batcher = new InsertBatcher(database.acquireRequestClient!, { maxInFlight: 1 });
    const ids = Array.from({ length: 40 }, () => randomUUID());
    // The 11th to 20th repeat the first ten: retries that arrive with their first attempt.
    const submissions = [...ids.map((id, k) => row(id, 1 + (k % 5))), ...ids.slice(0, 10).map((id) => row(id.toUpperCase(), 3))];
    const results = await Promise.all(submissions.map((submission) => batcher.insert(submission)));

    expect(batcher.sent.largest).toBeGreaterThan(1);
    expect(batcher.sent.statements).toBeLessThan(submissions.length);
    const stored = await storedOf(ids);
    expect(stored).toHaveLength(40);
    const byId = new Map(stored.map((found) => [found.client_submission_id, found]));
    ids.forEach((id, k) => {
      const found = byId.get(id)!;
      expect(results[k]).toBe(found.id);
      expect(found.answers).toEqual({ sat_overall: 1 + (k % 5) });
      expect(found).toMatchObject({ language: 'et', score_s: (k % 5) / 4, score_e: null, score_b: 0.5, discount_dependent: false, satisfaction_level: 1 + (k % 5), recovery_group: 'no_problem', scored_version: 1 });
      expect(new Date(found.started_at!).toISOString()).toBe('2026-11-30T08:00:00.000Z');
      expect(found.scored_at).not.toBeNull();
    });
    // Each repeat is told its submission id is taken (the service then answers with the stored id).
    expect(results.slice(40)).toEqual(Array(10).fill(undefined));
    // And a later submission of a stored id inserts nothing.
    expect(await batcher.insert(row(ids[0]!, 5))).toBeUndefined();
    expect((await storedOf([ids[0]!]))[0]!.answers).toEqual({ sat_overall: 1 });
  });

  it('fails only the submission whose row PostgreSQL refuses; the rest of its batch is stored', async () => {
    const batcher = new InsertBatcher(database.acquireRequestClient!, { maxInFlight: 1 });
    const ids = Array.from({ length: 12 }, () => randomUUID());
    // The fifth names a version that does not exist: the foreign key refuses it.
    const outcomes = await Promise.allSettled(ids.map((id, k) => batcher.insert(row(id, 4, k === 4 ? randomUUID() : survey.versionId))));
    expect(batcher.sent.largest).toBeGreaterThan(1);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(ids.map((_, k) => (k === 4 ? 'rejected' : 'fulfilled')));
    expect((outcomes[4] as PromiseRejectedResult).reason.code).toBe('23503');
    const stored = await storedOf(ids);
    expect(stored.map((found) => found.client_submission_id).sort()).toEqual(ids.filter((_, k) => k !== 4).sort());
  });

  it('fails every caller when no connection can be had, storing nothing', async () => {
    const unreachable = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    const batcher = new InsertBatcher(() => Promise.reject(unreachable), { maxInFlight: 1 });
    const ids = Array.from({ length: 6 }, () => randomUUID());
    const outcomes = await Promise.allSettled(ids.map((id) => batcher.insert(row(id, 2))));
    expect(outcomes.every((outcome) => outcome.status === 'rejected' && outcome.reason === unreachable)).toBe(true);
    expect(await storedOf(ids)).toEqual([]);
  });

  it('answers concurrent submissions through the route: 201 once per submission id, 200 with the same id for its retries', async () => {
    const app = await buildTestApp(database);
    try {
      const ids = Array.from({ length: 30 }, () => randomUUID());
      const payload = (id: string) => ({ clientSubmissionId: id, language: 'ru', answers: SHORT_ANSWERS });
      const answers = await Promise.all(
        [...ids, ...ids.slice(0, 8)].map((id) => app.inject({ method: 'POST', url: `/api/surveys/${survey.surveyId}/responses`, payload: payload(id) })),
      );
      const stored = await storedOf(ids);
      expect(stored).toHaveLength(30);
      const storedId = new Map(stored.map((found) => [found.client_submission_id, found.id]));
      const byId = new Map<string, { status: number; id: string }[]>();
      answers.forEach((answer, k) => {
        const id = [...ids, ...ids.slice(0, 8)][k]!;
        byId.set(id, [...(byId.get(id) ?? []), { status: answer.statusCode, id: answer.json().id }]);
      });
      for (const [id, got] of byId) {
        expect(got.map((one) => one.id)).toEqual(got.map(() => storedId.get(id)));
        expect(got.filter((one) => one.status === 201)).toHaveLength(1);
        expect(got.filter((one) => one.status === 200)).toHaveLength(got.length - 1);
      }
    } finally {
      await app.close();
    }
  });
});
