import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { shortTemplate } from '../api/src/model/template.js';
import { buildTestApp, createSurvey, describeEachDatabase } from './helper.js';
import { validShort } from './inputs-fixtures.js';

describeEachDatabase('answering through a per-purchase invite', (ctx) => {
  let app: FastifyInstance;
  let survey: { companyId: string; surveyId: string; versionId: string };

  beforeAll(async () => {
    app = await buildTestApp(ctx.database());
    survey = await createSurvey(ctx.database(), shortTemplate());
  });
  afterAll(async () => app.close());

  const db = () => ctx.database().db;
  async function newInvite(options: { surveyId?: string; companyId?: string; expiresAt?: Date; language?: 'ru' | null } = {}) {
    const token = randomUUID().replaceAll('-', '');
    const row = await db()
      .insertInto('invite')
      .values({
        company_id: options.companyId ?? survey.companyId,
        survey_id: options.surveyId ?? survey.surveyId,
        token,
        customer_ref: 'CARD-0042',
        order_ref: `ORDER-${randomUUID()}`,
        purchased_at: new Date('2026-03-01T09:30:00Z'),
        language: options.language ?? null,
        expires_at: options.expiresAt ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { token, id: row.id };
  }
  const submit = (token: string, clientSubmissionId = randomUUID(), extra: Record<string, unknown> = {}) =>
    app.inject({ method: 'POST', url: `/api/s/i/${token}/responses`, payload: { clientSubmissionId, language: 'en', answers: validShort, ...extra } });
  const responsesOf = (inviteId: string) => db().selectFrom('response').selectAll().where('invite_id', '=', inviteId).execute();

  it('opens the survey in the invite language and stores the response with its customer and invite', async () => {
    const invite = await newInvite({ language: 'ru' });
    const page = await app.inject({ url: `/api/s/i/${invite.token}` });
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ id: survey.surveyId, invite: { token: invite.token, language: 'ru' }, submitPath: `/api/s/i/${invite.token}/responses`, version: 1 });

    const res = await submit(invite.token);
    expect(res.statusCode).toBe(201);
    const [stored] = await responsesOf(invite.id);
    expect(stored).toMatchObject({ id: res.json().id, customer_ref: 'CARD-0042', invite_id: invite.id, survey_version_id: survey.versionId });
    const { used_at } = await db().selectFrom('invite').select('used_at').where('id', '=', invite.id).executeTakeFirstOrThrow();
    expect(used_at).toBeInstanceOf(Date);

    const again = await app.inject({ url: `/api/s/i/${invite.token}` });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('INVITE_USED');
  });

  it('keeps one response when the same submission is sent twice, and refuses a second one (409)', async () => {
    const invite = await newInvite();
    const clientSubmissionId = randomUUID();
    const first = await submit(invite.token, clientSubmissionId);
    const retry = await submit(invite.token, clientSubmissionId);
    expect([first.statusCode, retry.statusCode]).toEqual([201, 200]);
    expect(retry.json()).toEqual({ id: first.json().id, duplicate: true });
    const otherTab = await submit(invite.token);
    expect(otherTab.statusCode).toBe(409);
    expect(otherTab.json().error.code).toBe('INVITE_USED');
    expect(await responsesOf(invite.id)).toHaveLength(1);
  });

  it('stores exactly one of 20 concurrent submissions with distinct submission ids, and answers 409 to the other 19', async () => {
    const invite = await newInvite();
    const results = await Promise.all(Array.from({ length: 20 }, () => submit(invite.token)));
    const statuses = results.map((res) => res.statusCode).sort();
    expect(statuses).toEqual([201, ...Array<number>(19).fill(409)]);
    expect(results.filter((res) => res.statusCode === 409).every((res) => res.json().error.code === 'INVITE_USED')).toBe(true);
    expect(await responsesOf(invite.id)).toHaveLength(1);
  });

  it('answers 410 INVITE_EXPIRED to an expired invite and 404 INVITE_NOT_FOUND to an unknown one', async () => {
    const expired = await newInvite({ expiresAt: new Date(Date.now() - 60_000) });
    for (const res of [await app.inject({ url: `/api/s/i/${expired.token}` }), await submit(expired.token)]) {
      expect([res.statusCode, res.json().error.code]).toEqual([410, 'INVITE_EXPIRED']);
    }
    expect(await responsesOf(expired.id)).toHaveLength(0);
    for (const res of [await app.inject({ url: '/api/s/i/no-such-token-at-all' }), await submit('no-such-token-at-all')]) {
      expect([res.statusCode, res.json().error.code]).toEqual([404, 'INVITE_NOT_FOUND']);
    }
  });

  it('answers 410 SURVEY_CLOSED on every public route of a closed survey, and 404 SURVEY_NOT_PUBLISHED for a draft', async () => {
    const closed = await createSurvey(ctx.database(), shortTemplate());
    await db().insertInto('survey_link').values({ slug: `closed-${Date.now()}`, company_id: closed.companyId, survey_id: closed.surveyId }).execute();
    const invite = await newInvite({ surveyId: closed.surveyId, companyId: closed.companyId });
    await db().updateTable('survey').set({ status: 'closed' }).where('id', '=', closed.surveyId).execute();
    const { slug } = await db().selectFrom('survey_link').select('slug').where('survey_id', '=', closed.surveyId).executeTakeFirstOrThrow();
    const answers = { clientSubmissionId: randomUUID(), language: 'en', answers: validShort };
    const calls = [
      await app.inject({ url: `/api/surveys/${closed.surveyId}` }),
      await app.inject({ url: `/api/s/${slug}` }),
      await app.inject({ url: `/api/s/i/${invite.token}` }),
      await app.inject({ method: 'POST', url: `/api/surveys/${closed.surveyId}/responses`, payload: answers }),
      await submit(invite.token),
    ];
    expect(calls.map((res) => `${res.statusCode} ${res.json().error.code}`)).toEqual(Array(5).fill('410 SURVEY_CLOSED'));

    const draft = await createSurvey(ctx.database(), shortTemplate(), { publish: false });
    const draftCall = await app.inject({ method: 'POST', url: `/api/surveys/${draft.surveyId}/responses`, payload: { ...answers, clientSubmissionId: randomUUID() } });
    expect([draftCall.statusCode, draftCall.json().error.code]).toEqual([404, 'SURVEY_NOT_PUBLISHED']);
  });

  it('opens a survey by its readable link or by its id, and answers 404 to an unknown link', async () => {
    const slug = `bakery-${Date.now()}`;
    await db().insertInto('survey_link').values({ slug, company_id: survey.companyId, survey_id: survey.surveyId }).execute();
    const bySlug = await app.inject({ url: `/api/s/${slug.toUpperCase()}` });
    expect(bySlug.statusCode).toBe(200);
    expect(bySlug.json()).toMatchObject({ id: survey.surveyId, slug, invite: null, submitPath: `/api/surveys/${survey.surveyId}/responses` });
    const byId = await app.inject({ url: `/api/s/${survey.surveyId}` });
    expect(byId.json().slug).toBe(slug);
    const unknown = await app.inject({ url: '/api/s/no-such-survey' });
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'SURVEY_NOT_FOUND']);
  });

  it('stores a response with the version the page loaded, and refuses a version never published (422 /version)', async () => {
    const versioned = await createSurvey(ctx.database(), shortTemplate());
    const v2 = shortTemplate();
    v2.questions = v2.questions.filter((question) => question.id !== 'full_price_return');
    const { id: v2Id } = await db()
      .insertInto('survey_version')
      .values({ company_id: versioned.companyId, survey_id: versioned.surveyId, version: 2, definition: JSON.stringify(v2) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db().updateTable('survey').set({ published_version: 2 }).where('id', '=', versioned.surveyId).execute();
    const post = (extra: Record<string, unknown>, answers: Record<string, unknown> = validShort) =>
      app.inject({ method: 'POST', url: `/api/surveys/${versioned.surveyId}/responses`, payload: { clientSubmissionId: randomUUID(), language: 'en', answers, ...extra } });

    const midSurvey = await post({ version: 1 });
    expect(midSurvey.statusCode).toBe(201);
    const { full_price_return: _dropped, ...v2Answers } = validShort;
    const current = await post({}, v2Answers);
    expect(current.statusCode).toBe(201);
    const stored = await db().selectFrom('response').select(['id', 'survey_version_id']).where('survey_id', '=', versioned.surveyId).execute();
    expect(new Map(stored.map((row) => [row.id, row.survey_version_id]))).toEqual(
      new Map([
        [midSurvey.json().id, versioned.versionId],
        [current.json().id, v2Id],
      ]),
    );
    const future = await post({ version: 3 });
    expect(future.statusCode).toBe(422);
    expect(future.json().error).toMatchObject({ code: 'INVALID_VERSION', fields: [{ path: '/version' }] });

    const invite = await newInvite({ surveyId: versioned.surveyId, companyId: versioned.companyId });
    expect((await submit(invite.token, randomUUID(), { version: 1 })).statusCode).toBe(201);
  });
});
