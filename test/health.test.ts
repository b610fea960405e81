import { expect, it } from 'vitest';
import { buildTestApp } from './helper.js';
import { openTestDatabase } from './databases.js';

it('answers 503 from the health check when the database is gone', async () => {
  const database = await openTestDatabase('pglite');
  const app = await buildTestApp(database);
  expect((await app.inject({ url: '/api/health' })).statusCode).toBe(200);
  await database.close();
  const res = await app.inject({ url: '/api/health' });
  expect(res.statusCode).toBe(503);
  expect(res.json().error.code).toBe('DATABASE_UNAVAILABLE');
  await app.close();
});
