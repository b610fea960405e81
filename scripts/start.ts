/**
 * `npm start`: builds the web app when its build is missing or older than its sources, migrates the
 * database, seeds the demo company (idempotent; not in production), creates the demo accounts or the first admin's setup
 * link (accounts/firstRun.ts), serves, and prints where to go.
 */
import { firstRun } from '../api/src/accounts/firstRun.js';
import { configOrExit, startServer } from '../api/src/server.js';
import { DEMO_COMPANY_ID, DEMO_FULL_SURVEY_ID, DEMO_SLUGS, DEMO_SURVEY_ID, seedDemo } from './demo/seed.js';
import { ensureWebBuild } from './webBuild.js';

const config = configOrExit();
try {
  ensureWebBuild(config.webBuildDir);
  const { url } = await startServer(config, {
    beforeListen: async (database) => {
      // Production starts empty: no demo company, no demo accounts; the first admin's setup link instead.
      if (!config.production) {
        const seeded = await seedDemo(database.longRunningDb);
        console.log(seeded.created ? `Seeded "Demo Coffee" with ${seeded.responses} demo responses.` : 'Demo data already present.');
      }
      await firstRun(database.longRunningDb, { production: config.production, demoCompanyId: DEMO_COMPANY_ID, baseUrl: config.publicUrl ?? `http://localhost:${config.port}` });
    },
  });
  console.log(`\nLoyalty Lens is running (${config.databaseUrl ? 'PostgreSQL' : `embedded database in ${config.dataDir}`}).`);
  if (config.production) {
    console.log(`  Sign in:  ${url}/signin\n`);
  } else {
    console.log(`  Sign in:              ${url}/signin   (demo accounts above)`);
    console.log(`  Survey (respondent):  ${url}/s/${DEMO_SLUGS[DEMO_SURVEY_ID]}   (full check-up: ${url}/s/${DEMO_SLUGS[DEMO_FULL_SURVEY_ID]})`);
    console.log(`  Invites (analyst):    ${url}/api/surveys/${DEMO_FULL_SURVEY_ID}/invites.csv   (200 demo invite links, signed in)`);
    console.log(`  Dashboard (analyst):  ${url}/app   (full check-up: ${url}/app?survey=${DEMO_FULL_SURVEY_ID})`);
    console.log(`  CSV export:           ${url}/api/surveys/${DEMO_SURVEY_ID}/export.csv   (signed in)\n`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
