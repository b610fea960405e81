/**
 * The survey builder's API (api/src/surveys/builderRoutes.ts) on PGlite and PostgreSQL: create from
 * every source, drafts that may lack translations but never break the model, publish as the next
 * version with the old one untouched, close and reopen, link names unique across companies, the
 * settings, the version history with what changed, and the access rules. Every refused request is
 * checked to have stored nothing.
 */
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { blankDefinition } from '../api/src/model/blank.js';
import type { SurveyDefinition } from '../api/src/model/definition.js';
import { fullTemplate, shortTemplate } from '../api/src/model/template.js';
import { createSurvey as createCheckedSurvey } from '../api/src/surveys/service.js';
import { buildTestApp, createSurvey, describeEachDatabase, signedInMember } from './helper.js';

type Member = Awaited<ReturnType<typeof signedInMember>>;
interface FieldProblem {
  path: string;
  code?: string;
}

describeEachDatabase('survey builder API', (ctx) => {
  let app: FastifyInstance;
  let companyId: string;
  /** A published short-template survey of the company, made outside the builder. */
  let existingId: string;
  let otherCompanyId: string;
  let otherSurveyId: string;
  let analyst: Member;
  let manager: Member;
  let otherAnalyst: Member;

  beforeAll(async () => {
    app = await buildTestApp(ctx.database());
    ({ companyId, surveyId: existingId } = await createSurvey(ctx.database(), shortTemplate(), { companyName: 'Builder Bakery' }));
    ({ companyId: otherCompanyId, surveyId: otherSurveyId } = await createSurvey(ctx.database(), shortTemplate(), { companyName: 'Other Bakery' }));
    analyst = await signedInMember(ctx.database(), companyId, 'analyst');
    manager = await signedInMember(ctx.database(), companyId, 'manager');
    otherAnalyst = await signedInMember(ctx.database(), otherCompanyId, 'analyst');
  });
  afterAll(async () => app.close());

  const db = () => ctx.database().db;

  async function call(method: InjectOptions['method'], url: string, payload?: unknown, who: Member = analyst) {
    return app.inject({ method, url, headers: who.headers, ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }) });
  }

  async function create(body: Record<string, unknown>, who: Member = analyst) {
    const res = await call('POST', '/api/surveys', body, who);
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  /** What the database holds for the survey: its row, link names and versions. */
  async function stored(surveyId: string) {
    const survey = await db().selectFrom('survey').selectAll().where('id', '=', surveyId).executeTakeFirst();
    const links = await db().selectFrom('survey_link').select('slug').where('survey_id', '=', surveyId).execute();
    const versions = await db().selectFrom('survey_version').selectAll().where('survey_id', '=', surveyId).orderBy('version').execute();
    return { survey, slugs: links.map((link) => link.slug), versions };
  }

  async function surveyCount(company = companyId): Promise<number> {
    const row = await db().selectFrom('survey').select((eb) => eb.fn.countAll<string>().as('n')).where('company_id', '=', company).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function auditActions(surveyId: string): Promise<string[]> {
    const rows = await db().selectFrom('audit_event').select('action').where('target', '=', `survey:${surveyId}`).orderBy('at').execute();
    return rows.map((row) => row.action);
  }

  function fieldsOf(res: { json(): unknown }): FieldProblem[] {
    return (res.json() as { error: { fields: FieldProblem[] } }).error.fields;
  }

  /** The short template with `change` applied to a copy. */
  function shortWith(change: (definition: SurveyDefinition) => void): SurveyDefinition {
    const definition = shortTemplate();
    change(definition);
    return definition;
  }

  it('creates a survey from the full and the short template: a draft, nothing published, no problems, a link name from its name', async () => {
    for (const [from, template] of [['full', fullTemplate()], ['short', shortTemplate()]] as const) {
      const detail = await create({ name: `Spring check-up ${from}`, from });
      expect(detail).toMatchObject({
        name: `Spring check-up ${from}`,
        status: 'draft',
        slug: `spring-check-up-${from}`,
        link: `/s/spring-check-up-${from}`,
        publishedVersion: null,
        oneResponsePerBrowser: false,
        responseCount: 0,
        inviteCount: 0,
        published: null,
        draft: template,
        problems: [],
        versions: [],
      });
      const row = await stored(detail.id);
      expect(row.survey).toMatchObject({ company_id: companyId, status: 'draft', published_version: null, draft_definition: template });
      expect(row.versions).toEqual([]);
      expect(row.slugs).toEqual([`spring-check-up-${from}`]);
      expect(await auditActions(detail.id)).toEqual(['survey_created']);
    }
  });

  it('creates a blank survey whose empty texts are listed as problems, and none other', async () => {
    const detail = await create({ name: 'Blank', from: 'blank' });
    expect(detail.draft).toEqual(blankDefinition());
    expect(detail.problems.length).toBeGreaterThan(4);
    expect(new Set(detail.problems.map((problem: FieldProblem) => problem.code))).toEqual(new Set(['MISSING_TEXT']));
    expect(detail.problems).toContainEqual(expect.objectContaining({ path: '/questions/0/text/ka', code: 'MISSING_TEXT' }));
  });

  it("copies another survey of the company: its draft when it has one, else its published version", async () => {
    const published = await create({ name: 'Copy of the existing one', from: 'copy', copyOf: existingId });
    expect(published.draft).toEqual(shortTemplate());
    const source = await create({ name: 'Source with a draft', from: 'short' });
    const edited = shortWith((d) => (d.title.en = 'Edited before copying'));
    expect((await call('PUT', `/api/surveys/${source.id}/draft`, { definition: edited })).statusCode).toBe(200);
    const copy = await create({ name: 'Copy of the draft', from: 'copy', copyOf: source.id });
    expect(copy.draft).toEqual(edited);
    expect(copy.id).not.toBe(source.id);
  });

  it("refuses to copy another company's survey with 404 naming /copyOf, and stores nothing", async () => {
    const before = await surveyCount();
    const res = await call('POST', '/api/surveys', { name: 'Stolen', from: 'copy', copyOf: otherSurveyId });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('SURVEY_NOT_FOUND');
    expect(fieldsOf(res)).toEqual([expect.objectContaining({ path: '/copyOf' })]);
    expect(await surveyCount()).toBe(before);
  });

  it('creates a survey from a definition sent whole, missing texts allowed, structural problems refused with nothing stored', async () => {
    const definition = shortWith((d) => {
      d.languages = ['et', 'en'];
      d.questions[0]!.text.et = '';
    });
    const detail = await create({ name: 'Sent whole', from: 'definition', definition });
    expect(detail.draft).toEqual(definition);
    expect(detail.problems).toEqual([expect.objectContaining({ path: '/questions/0/text/et', code: 'MISSING_TEXT' })]);

    const before = await surveyCount();
    const broken = shortWith((d) => (d.questions[1]!.id = d.questions[0]!.id));
    const res = await call('POST', '/api/surveys', { name: 'Broken', from: 'definition', definition: broken, slug: 'broken-one' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('INVALID_DEFINITION');
    expect(fieldsOf(res)).toContainEqual(expect.objectContaining({ path: '/definition/questions/1/id', code: 'DUPLICATE_ID' }));
    expect(await surveyCount()).toBe(before);
    expect(await db().selectFrom('survey_link').select('slug').where('slug', '=', 'broken-one').execute()).toEqual([]);
  });

  it('refuses a body whose source fields do not go together, naming the field', async () => {
    const before = await surveyCount();
    for (const [body, path] of [
      [{ name: 'No source', from: 'copy' }, '/copyOf'],
      [{ name: 'No definition', from: 'definition' }, '/definition'],
      [{ name: 'Both', from: 'short', copyOf: existingId }, '/copyOf'],
      [{ name: 'Both', from: 'full', definition: shortTemplate() }, '/definition'],
      [{ name: '', from: 'short' }, '/name'],
      [{ name: 'Odd source', from: 'template' }, '/from'],
      [{ name: 'Bad slug', from: 'short', slug: 'Has Spaces' }, '/slug'],
      [{ name: 'Bad slug', from: 'short', slug: 'two--hyphens' }, '/slug'],
      [{ name: 'Bad slug', from: 'short', slug: otherSurveyId }, '/slug'],
    ] as const) {
      const res = await call('POST', '/api/surveys', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(fieldsOf(res).map((field) => field.path), JSON.stringify(body)).toContain(path);
    }
    expect(await surveyCount()).toBe(before);
  });

  it('makes readable, unique link names from Russian, Georgian and Estonian names, and a random one from nothing', async () => {
    expect((await create({ name: 'Весенний опрос', from: 'short' })).slug).toBe('vesenniy-opros');
    expect((await create({ name: 'Весенний опрос', from: 'short' })).slug).toBe('vesenniy-opros-2');
    expect((await create({ name: 'Весенний  опрос!', from: 'short' })).slug).toBe('vesenniy-opros-3');
    expect((await create({ name: 'გამოკითხვა', from: 'short' })).slug).toBe('gamokitkhva');
    expect((await create({ name: 'Kliendi rahulolu – õunad', from: 'short' })).slug).toBe('kliendi-rahulolu-ounad');
    expect((await create({ name: '!!! ?', from: 'short' })).slug).toMatch(/^survey-[a-z0-9]{6}$/);
    const long = await create({ name: 'A very long survey name '.repeat(5), from: 'short' });
    expect(long.slug.length).toBeLessThanOrEqual(60);
    expect(long.slug).toMatch(/^a-very-long-survey-name-a-very-long/);
  });

  it('answers 409 SLUG_TAKEN for a link name another survey holds, of this company or another, and stores nothing', async () => {
    await create({ name: 'Holder', from: 'short', slug: 'summer-sale' });
    const before = await surveyCount();
    const res = await call('POST', '/api/surveys', { name: 'Second', from: 'short', slug: 'summer-sale' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('SLUG_TAKEN');
    expect(fieldsOf(res)).toEqual([expect.objectContaining({ path: '/slug' })]);
    expect(await surveyCount()).toBe(before);

    const otherBefore = await surveyCount(otherCompanyId);
    const across = await call('POST', '/api/surveys', { name: 'Elsewhere', from: 'short', slug: 'summer-sale' }, otherAnalyst);
    expect(across.statusCode).toBe(409);
    expect(across.json().error.code).toBe('SLUG_TAKEN');
    expect(await surveyCount(otherCompanyId)).toBe(otherBefore);
    // A name-made slug steps around another company's: the directory is global.
    expect((await create({ name: 'Summer sale', from: 'short' }, otherAnalyst)).slug).toBe('summer-sale-2');
  });

  it('gives a link name asked for at once by two requests to exactly one of them', async () => {
    const before = await surveyCount() + (await surveyCount(otherCompanyId));
    const answers = await Promise.all([
      call('POST', '/api/surveys', { name: 'Race one', from: 'short', slug: 'race-for-it' }),
      call('POST', '/api/surveys', { name: 'Race two', from: 'short', slug: 'race-for-it' }, otherAnalyst),
    ]);
    expect(answers.map((res) => res.statusCode).sort()).toEqual([201, 409]);
    expect(answers.find((res) => res.statusCode === 409)!.json().error.code).toBe('SLUG_TAKEN');
    expect(await surveyCount() + (await surveyCount(otherCompanyId))).toBe(before + 1);
    expect(await db().selectFrom('survey_link').select('slug').where('slug', '=', 'race-for-it').execute()).toHaveLength(1);
  });

  it('saves a draft with missing translations and lists them as problems', async () => {
    const { id } = await create({ name: 'Drafting', from: 'short' });
    const definition = shortWith((d) => {
      d.questions[2]!.text.ka = '';
      d.intro.ru = '  ';
    });
    const res = await call('PUT', `/api/surveys/${id}/draft`, { definition });
    expect(res.statusCode, res.body).toBe(200);
    const detail = res.json();
    expect(detail.draft).toEqual(definition);
    expect(detail.status).toBe('draft');
    expect(detail.problems).toEqual([
      expect.objectContaining({ path: '/intro/ru', code: 'MISSING_TEXT' }),
      expect.objectContaining({ path: '/questions/2/text/ka', code: 'MISSING_TEXT' }),
    ]);
    expect((await stored(id)).survey!.draft_definition).toEqual(definition);
    expect((await call('GET', `/api/surveys/${id}/builder`)).json()).toEqual(detail);
  });

  it('refuses a draft with a duplicate id, a show-if on a later question or a role that does not fit: 422 naming the field, nothing stored', async () => {
    const { id } = await create({ name: 'Refusing', from: 'short' });
    const before = await stored(id);
    const cases: [SurveyDefinition | unknown, string, string][] = [
      [shortWith((d) => (d.questions[3]!.id = 'recommend')), '/definition/questions/3/id', 'DUPLICATE_ID'],
      [shortWith((d) => (d.questions[1]!.showIf = { questionId: 'promo_decided', equals: 'yes' })), '/definition/questions/1/showIf/questionId', 'SHOW_IF_NOT_EARLIER'],
      [
        shortWith((d) => {
          const q = d.questions[2]!;
          q.role = 'recommend';
          delete d.questions[1]!.role;
        }),
        '/definition/questions/2/role',
        'ROLE_MISMATCH',
      ],
      [{ ...shortTemplate(), colour: 'red' }, '/definition/colour', 'SCHEMA'],
      ['a survey', '/definition', 'SCHEMA'],
    ];
    for (const [definition, path, code] of cases) {
      const res = await call('PUT', `/api/surveys/${id}/draft`, { definition });
      expect(res.statusCode, path).toBe(422);
      expect(res.json().error.code).toBe('INVALID_DEFINITION');
      expect(fieldsOf(res), path).toContainEqual(expect.objectContaining({ path, code }));
      expect(fieldsOf(res).some((field) => field.code === 'MISSING_TEXT')).toBe(false);
    }
    expect(await stored(id)).toEqual(before);
  });

  it('publishes version 1, then an edit of the open survey as version 2, leaving version 1 as it was', async () => {
    const { id } = await create({ name: 'Publishing', from: 'short' });
    const first = await call('POST', `/api/surveys/${id}/publish`);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ status: 'published', publishedVersion: 1, draft: null, problems: [], published: shortTemplate() });
    expect(first.json().versions).toEqual([
      { version: 1, createdAt: expect.any(String), createdBy: analyst.email, responseCount: 0, changes: [{ kind: 'created' }] },
    ]);
    const versionOne = (await stored(id)).versions[0]!;
    expect(versionOne).toMatchObject({ version: 1, created_by: analyst.userId, definition: shortTemplate() });

    const next = shortWith((d) => {
      d.questions = d.questions.filter((q) => q.id !== 'stay_vs_competitor');
      d.questions[0]!.text.ru = 'Насколько вы довольны покупкой?';
      d.thresholds.behavioural = 0.7;
    });
    const saved = await call('PUT', `/api/surveys/${id}/draft`, { definition: next });
    expect(saved.json()).toMatchObject({ status: 'published', publishedVersion: 1, draft: next, published: shortTemplate() });
    // Respondents still get version 1 while the next is drafted.
    expect((await app.inject({ url: `/api/surveys/${id}` })).json()).toMatchObject({ version: 1, definition: shortTemplate() });

    const second = await call('POST', `/api/surveys/${id}/publish`);
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json()).toMatchObject({ status: 'published', publishedVersion: 2, draft: null, published: next });
    expect(second.json().versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(second.json().versions[0].changes).toEqual([
      { kind: 'survey', fields: ['thresholds'] },
      { kind: 'removed', questionId: 'stay_vs_competitor' },
      { kind: 'changed', questionId: 'sat_overall', fields: ['text.ru'] },
    ]);
    const rows = (await stored(id)).versions;
    expect(rows.map((row) => row.version)).toEqual([1, 2]);
    expect(rows[0]).toEqual(versionOne);
    expect((await app.inject({ url: `/api/surveys/${id}` })).json()).toMatchObject({ version: 2, definition: next });

    const v1 = await call('GET', `/api/surveys/${id}/versions/1`);
    expect(v1.statusCode).toBe(200);
    expect(v1.json()).toEqual({ version: 1, createdAt: versionOne.created_at.toISOString(), definition: shortTemplate() });
    expect((await call('GET', `/api/surveys/${id}/versions/2`, undefined, manager)).json().definition).toEqual(next);
    const v3 = await call('GET', `/api/surveys/${id}/versions/3`);
    expect(v3.statusCode).toBe(404);
    expect(v3.json().error.code).toBe('VERSION_NOT_FOUND');
    expect((await call('GET', `/api/surveys/${id}/versions/0`)).statusCode).toBe(400);
    expect((await call('GET', `/api/surveys/${id}/versions/99999999999`)).statusCode).toBe(400);

    expect(await auditActions(id)).toEqual(['survey_created', 'survey_published', 'survey_published']);
    const audit = await db().selectFrom('audit_event').select('details').where('target', '=', `survey:${id}`).where('action', '=', 'survey_published').orderBy('at').execute();
    expect(audit.map((row) => row.details.version)).toEqual([1, 2]);
  });

  it('answers 409 NOTHING_TO_PUBLISH without a draft or with a draft equal to the published version', async () => {
    const { id } = await create({ name: 'Nothing new', from: 'short' });
    expect((await call('POST', `/api/surveys/${id}/publish`)).statusCode).toBe(200);
    const none = await call('POST', `/api/surveys/${id}/publish`);
    expect(none.statusCode).toBe(409);
    expect(none.json().error.code).toBe('NOTHING_TO_PUBLISH');
    expect((await call('PUT', `/api/surveys/${id}/draft`, { definition: shortTemplate() })).statusCode).toBe(200);
    const same = await call('POST', `/api/surveys/${id}/publish`);
    expect(same.statusCode).toBe(409);
    expect(same.json().error.code).toBe('NOTHING_TO_PUBLISH');
    expect((await stored(id)).versions).toHaveLength(1);
  });

  it('refuses to publish a draft with a missing text: 422 naming it, nothing published', async () => {
    const { id } = await create({ name: 'Untranslated', from: 'definition', definition: shortWith((d) => (d.questions[0]!.text.ka = '')) });
    const before = await stored(id);
    const res = await call('POST', `/api/surveys/${id}/publish`);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('INVALID_DEFINITION');
    expect(fieldsOf(res)).toEqual([expect.objectContaining({ path: '/definition/questions/0/text/ka', code: 'MISSING_TEXT' })]);
    expect(await stored(id)).toEqual(before);
    expect(await auditActions(id)).toEqual(['survey_created']);
  });

  it('takes a draft larger than the default body limit (a long survey in four languages)', async () => {
    const { id } = await create({ name: 'Long one', from: 'full' });
    const definition = fullTemplate();
    definition.intro.en = 'Thank you for taking part. '.repeat(3000);
    expect(JSON.stringify({ definition }).length).toBeGreaterThan(64 * 1024);
    const res = await call('PUT', `/api/surveys/${id}/draft`, { definition });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect((await stored(id)).survey!.draft_definition!.intro.en).toBe(definition.intro.en);
  });

  it('publishes a closed survey\'s draft and so reopens it', async () => {
    const { id } = await create({ name: 'Closed and edited', from: 'short' });
    await call('POST', `/api/surveys/${id}/publish`);
    await call('POST', `/api/surveys/${id}/close`);
    const saved = await call('PUT', `/api/surveys/${id}/draft`, { definition: shortWith((d) => (d.title.ka = 'ახალი სათაური')) });
    expect(saved.json()).toMatchObject({ status: 'closed', publishedVersion: 1 });
    const res = await call('POST', `/api/surveys/${id}/publish`);
    expect(res.json()).toMatchObject({ status: 'published', publishedVersion: 2 });
    expect(res.json().versions[0].changes).toEqual([{ kind: 'survey', fields: ['title.ka'] }]);
  });

  it('takes a version stored unpublished before the builder existed as the draft, and publishes that version', async () => {
    const { surveyId, versionId } = await createCheckedSurvey(db(), { companyId, name: 'Old draft', definition: shortTemplate(), publish: false });
    const detail = (await call('GET', `/api/surveys/${surveyId}/builder`)).json();
    expect(detail).toMatchObject({ status: 'draft', publishedVersion: null, draft: shortTemplate(), published: null, versions: [] });
    expect((await call('GET', '/api/surveys')).json().surveys.find((survey: { id: string }) => survey.id === surveyId).hasDraft).toBe(true);
    const res = await call('POST', `/api/surveys/${surveyId}/publish`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'published', publishedVersion: 1, draft: null, published: shortTemplate() });
    expect((await stored(surveyId)).versions.map((row) => [row.id, row.version])).toEqual([[versionId, 1]]);
  });

  it('publishes once when two publishes race: one version, the other answers NOTHING_TO_PUBLISH', async () => {
    const { id } = await create({ name: 'Racing publish', from: 'short' });
    const answers = await Promise.all([call('POST', `/api/surveys/${id}/publish`), call('POST', `/api/surveys/${id}/publish`)]);
    expect(answers.map((res) => res.statusCode).sort()).toEqual([200, 409]);
    expect((await stored(id)).versions.map((row) => row.version)).toEqual([1]);
  });

  it('closes a published survey and reopens it; refuses the other moves with 409 INVALID_STATUS_CHANGE', async () => {
    const { id } = await create({ name: 'Open and shut', from: 'short' });
    const expectRefused = async (route: string) => {
      const before = await stored(id);
      const res = await call('POST', `/api/surveys/${id}/${route}`);
      expect(res.statusCode, route).toBe(409);
      expect(res.json().error.code).toBe('INVALID_STATUS_CHANGE');
      expect(await stored(id)).toEqual(before);
    };
    await expectRefused('close');
    await expectRefused('reopen');
    expect((await call('POST', `/api/surveys/${id}/publish`)).statusCode).toBe(200);
    await expectRefused('reopen');
    const closed = await call('POST', `/api/surveys/${id}/close`);
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', publishedVersion: 1 });
    expect((await stored(id)).survey!.status).toBe('closed');
    await expectRefused('close');
    const reopened = await call('POST', `/api/surveys/${id}/reopen`);
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json()).toMatchObject({ status: 'published', publishedVersion: 1 });
    expect(await auditActions(id)).toEqual(['survey_created', 'survey_published', 'survey_closed', 'survey_reopened']);
  });

  it('discards a draft and keeps the published version', async () => {
    const { id } = await create({ name: 'Discarding', from: 'short' });
    await call('POST', `/api/surveys/${id}/publish`);
    await call('PUT', `/api/surveys/${id}/draft`, { definition: shortWith((d) => (d.title.en = 'Changed my mind')) });
    const res = await call('DELETE', `/api/surveys/${id}/draft`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ draft: null, problems: [], status: 'published', publishedVersion: 1, published: shortTemplate() });
    expect((await stored(id)).survey!.draft_definition).toBeNull();
    expect((await call('DELETE', `/api/surveys/${id}/draft`)).statusCode).toBe(200);
    expect(await auditActions(id)).toEqual(['survey_created', 'survey_published', 'survey_draft_discarded']);
  });

  it('changes the name, the link name (null removes it) and one response per browser', async () => {
    const { id } = await create({ name: 'Settings', from: 'short', slug: 'settings-one' });
    const renamed = await call('PATCH', `/api/surveys/${id}`, { name: 'Settings renamed', slug: 'settings-two', oneResponsePerBrowser: true });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Settings renamed', slug: 'settings-two', link: '/s/settings-two', oneResponsePerBrowser: true });
    expect((await stored(id)).slugs).toEqual(['settings-two']);
    // The old name is free again.
    expect((await create({ name: 'Takes the old one', from: 'short', slug: 'settings-one' })).slug).toBe('settings-one');

    const unlinked = await call('PATCH', `/api/surveys/${id}`, { slug: null });
    expect(unlinked.json()).toMatchObject({ slug: null, link: `/s/${id}`, name: 'Settings renamed' });
    expect((await stored(id)).slugs).toEqual([]);

    const audit = await db().selectFrom('audit_event').select('details').where('target', '=', `survey:${id}`).where('action', '=', 'survey_updated').orderBy('at').execute();
    expect(audit.map((row) => row.details)).toEqual([{ name: 'Settings renamed', slug: 'settings-two', oneResponsePerBrowser: true }, { slug: null }]);
  });

  it('refuses a bad or taken setting with nothing changed', async () => {
    const { id } = await create({ name: 'Guarded', from: 'short', slug: 'guarded' });
    await create({ name: 'Neighbour', from: 'short', slug: 'neighbour' });
    const before = await stored(id);
    const taken = await call('PATCH', `/api/surveys/${id}`, { name: 'Would rename', slug: 'neighbour' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('SLUG_TAKEN');
    for (const [body, path] of [
      [{}, '/'],
      [{ name: '' }, '/name'],
      [{ slug: 'x' }, '/slug'],
      [{ slug: 'no--no' }, '/slug'],
      [{ oneResponsePerBrowser: 'yes' }, '/oneResponsePerBrowser'],
      [{ status: 'closed' }, '/status'],
    ] as const) {
      const res = await call('PATCH', `/api/surveys/${id}`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(fieldsOf(res).map((field) => field.path).join(' '), JSON.stringify(body)).toContain(path);
    }
    expect(await stored(id)).toEqual(before);
  });

  it('lists the surveys with link name, link, published version, draft and last change', async () => {
    const { id } = await create({ name: 'Listed', from: 'short', slug: 'listed-one' });
    const list = (await call('GET', '/api/surveys', undefined, manager)).json().surveys;
    const item = list.find((survey: { id: string }) => survey.id === id);
    expect(item).toMatchObject({ name: 'Listed', status: 'draft', slug: 'listed-one', link: '/s/listed-one', publishedVersion: null, hasDraft: true, responseCount: 0 });
    expect(Date.parse(item.updatedAt)).toBeGreaterThan(Date.now() - 60_000);
    await call('POST', `/api/surveys/${id}/publish`);
    const after = (await call('GET', '/api/surveys')).json().surveys.find((survey: { id: string }) => survey.id === id);
    expect(after).toMatchObject({ status: 'published', publishedVersion: 1, hasDraft: false });
    expect(list.find((survey: { id: string }) => survey.id === existingId)).toMatchObject({ slug: null, link: `/s/${existingId}`, publishedVersion: 1, hasDraft: false });
  });

  it("answers 404 SURVEY_NOT_FOUND on every route for another company's survey, and changes nothing", async () => {
    const before = await stored(otherSurveyId);
    for (const [method, url, payload] of [
      ['GET', `/api/surveys/${otherSurveyId}/builder`],
      ['PUT', `/api/surveys/${otherSurveyId}/draft`, { definition: shortTemplate() }],
      ['DELETE', `/api/surveys/${otherSurveyId}/draft`],
      ['PATCH', `/api/surveys/${otherSurveyId}`, { name: 'Mine now' }],
      ['POST', `/api/surveys/${otherSurveyId}/publish`],
      ['POST', `/api/surveys/${otherSurveyId}/close`],
      ['POST', `/api/surveys/${otherSurveyId}/reopen`],
      ['GET', `/api/surveys/${otherSurveyId}/versions/1`],
    ] as const) {
      const res = await call(method, url, payload);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json().error.code).toBe('SURVEY_NOT_FOUND');
    }
    expect(await stored(otherSurveyId)).toEqual(before);
  });

  it('lets a manager read the builder but change nothing (403)', async () => {
    const { id } = await create({ name: 'Managed', from: 'short' });
    expect((await call('GET', `/api/surveys/${id}/builder`, undefined, manager)).statusCode).toBe(200);
    const before = await stored(id);
    const count = await surveyCount();
    for (const [method, url, payload] of [
      ['POST', '/api/surveys', { name: 'Manager made', from: 'short' }],
      ['PUT', `/api/surveys/${id}/draft`, { definition: shortTemplate() }],
      ['DELETE', `/api/surveys/${id}/draft`],
      ['PATCH', `/api/surveys/${id}`, { name: 'Manager renamed' }],
      ['POST', `/api/surveys/${id}/publish`],
      ['POST', `/api/surveys/${id}/close`],
    ] as const) {
      const res = await call(method, url, payload, manager);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
    expect(await stored(id)).toEqual(before);
    expect(await surveyCount()).toBe(count);
  });
});
