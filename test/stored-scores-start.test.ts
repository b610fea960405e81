/**
 * The server scores the responses stored without their scores after it starts listening
 * (api/src/server.ts → responses/scores.ts scoreUnscoredResponses), on a PGlite data directory.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import { loadConfig } from '../api/src/config.js';
import { openDatabase } from '../api/src/db/database.js';
import { migrateToLatest } from '../api/src/db/migrate.js';
import { insertCompany } from '../api/src/companies/queries.js';
import { shortTemplate } from '../api/src/model/template.js';
import { startServer } from '../api/src/server.js';
import { createSurvey } from '../api/src/surveys/service.js';
import { validShort } from './inputs-fixtures.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'll-scores-start-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

it('scores the unscored responses in the background once listening, and answers meanwhile', async () => {
  const database = await openDatabase({ dataDir });
  try {
    await migrateToLatest(database.db);
    const companyId = await insertCompany(database.db, { name: 'Start' });
    const { surveyId, versionId } = await createSurvey(database.db, { companyId, name: 'Start', definition: shortTemplate(), publish: true });
    await database.db.insertInto('response').values(Array.from({ length: 30 }, () => ({
      company_id: companyId, survey_id: surveyId, survey_version_id: versionId, client_submission_id: randomUUID(), language: 'en' as const, answers: JSON.stringify(validShort),
    }))).execute();
  } finally {
    await database.close();
  }

  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', WEB_BUILD_DIR: path.join(os.tmpdir(), 'loyalty-lens-no-web-build') });
  const server = await startServer(config);
  const health = await fetch(`${server.url.replace('localhost', '127.0.0.1')}/api/health`);
  expect(health.status).toBe(200);
  // Closing waits for the batch running (all 30 rows fit in one), then closes the database.
  await server.close();

  const reopened = await openDatabase({ dataDir });
  try {
    const rows = await reopened.db.selectFrom('response').select(['scored_version', 'score_s', 'score_e', 'score_b']).execute();
    expect(rows).toHaveLength(30);
    expect(rows.every((row) => row.scored_version === 1 && row.score_s === 0.75 && row.score_e === 0.9 && row.score_b === 0.75)).toBe(true);
  } finally {
    await reopened.close();
  }
});
