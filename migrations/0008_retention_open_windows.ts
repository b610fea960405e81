/**
 * 180-day retention is unknown while a response's window is still open, even when the customer has
 * bought again already (analytics/scoring.ts retainedWithin180Days): counting the early returners and
 * leaving out those not back yet overstated retention. Rows stored as retained under the old rule may
 * now be unknown, so they are queued for rescoring (the server rescores rows with scored_version null
 * in the background after it starts: responses/scores.ts), and the stored report states, which count
 * retention, are dropped to be folded again on the next report.
 *
 * Imports no app code: migrations never change after they land.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`update response set scored_version = null where retained is true`.execute(db);
  await sql`delete from report_state`.execute(db);
}

export async function down(): Promise<void> {
  // Nothing to undo: rescored rows are right under either rule's code once rescored by it.
}
