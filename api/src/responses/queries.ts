/**
 * Response queries. First argument is the database or a transaction.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database, NewResponse } from '../db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Inserts a response unless its client submission id is already stored.
 * @returns the new id, or undefined when the submission id existed (a retry)
 */
export async function insertResponseOnce(db: Db, response: NewResponse): Promise<string | undefined> {
  const row = await db
    .insertInto('response')
    .values(response)
    .onConflict((conflict) => conflict.column('client_submission_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function findResponseBySubmissionId(db: Db, clientSubmissionId: string) {
  return db
    .selectFrom('response')
    .select(['id', 'survey_id as surveyId'])
    .where('client_submission_id', '=', clientSubmissionId)
    .executeTakeFirst();
}
