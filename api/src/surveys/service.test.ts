import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helper.js';
import { insertCompany } from '../companies/queries.js';
import { ApiError } from '../errors.js';
import { fullTemplate, shortTemplate } from '../model/template.js';
import { createSurvey } from './service.js';

describeEachDatabase('creating a survey', (ctx) => {
  const count = async (table: 'survey' | 'survey_version') =>
    Number((await ctx.database().db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

  it('writes a survey and its first version when the definition passes the check', async () => {
    const db = ctx.database().db;
    const companyId = await insertCompany(db, { name: 'Kohvik' });
    const { surveyId, versionId } = await createSurvey(db, { companyId, name: 'Check-up', definition: fullTemplate(), publish: true });
    const version = await db.selectFrom('survey_version').select(['survey_id', 'version', 'definition']).where('id', '=', versionId).executeTakeFirstOrThrow();
    expect(version).toEqual({ survey_id: surveyId, version: 1, definition: fullTemplate() });
  });

  it('refuses a definition that breaks a rule with INVALID_DEFINITION per field, and writes nothing', async () => {
    const db = ctx.database().db;
    const companyId = await insertCompany(db, { name: 'Pagar' });
    const [surveysBefore, versionsBefore] = [await count('survey'), await count('survey_version')];
    const definition = shortTemplate();
    definition.questions[1] = { ...definition.questions[1]!, id: definition.questions[0]!.id };
    definition.title.ka = '';

    const failure = await createSurvey(db, { companyId, name: 'Broken', definition, publish: true }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    const apiError = failure as ApiError;
    expect(apiError.code).toBe('INVALID_DEFINITION');
    expect(apiError.status).toBe(422);
    expect(apiError.fields.map(({ path, code }) => ({ path, code }))).toEqual([
      { path: '/definition/title/ka', code: 'MISSING_TEXT' },
      { path: '/definition/questions/1/id', code: 'DUPLICATE_ID' },
    ]);
    expect(apiError.message).toMatch(/^The survey cannot be saved: the title has no ka text \(and 1 more\)\.$/);
    expect([await count('survey'), await count('survey_version')]).toEqual([surveysBefore, versionsBefore]);
  });

  it('refuses something that is not a definition at all', async () => {
    const db = ctx.database().db;
    const companyId = await insertCompany(db, { name: 'Leib' });
    await expect(createSurvey(db, { companyId, name: 'Nothing', definition: 'a survey', publish: false })).rejects.toMatchObject({
      code: 'INVALID_DEFINITION',
      fields: [{ path: '/definition', code: 'SCHEMA' }],
    });
  });
});
