import { openDatabase } from '../api/src/db/database.js';
import { surveySegmentReport } from '../api/src/reports/service.js';
const database = await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/ll_prof', maxConnections: 4 });
const survey = await database.db.selectFrom('survey').select(['id', 'company_id']).where('name', '=', 'Report').executeTakeFirstOrThrow();
const scope = { ...database, companyId: survey.company_id };
for (let i = 0; i < 3; i++) { const t = performance.now(); await surveySegmentReport(scope, survey.id); console.log('warm', (performance.now() - t).toFixed(0), 'ms'); }
await database.close();
