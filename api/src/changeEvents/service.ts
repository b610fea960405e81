/**
 * Change events: analysts add, edit and remove dated events of the company or of one survey; the
 * report compares before and after any of them. Each change is audited in its own transaction.
 */
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { TenantScope } from '../db/tenant.js';
import { ApiError } from '../errors.js';
import { parseInstant } from '../model/instant.js';
import { getSurveyHead } from '../surveys/service.js';
import { deleteChangeEvent, findChangeEvents, insertChangeEvent, updateChangeEvent, type ChangeEventRow } from './queries.js';
import type { ChangeEvent, CreateChangeEventBody, UpdateChangeEventBody } from './schemas.js';

type Audit = (trx: Transaction<Database>, row: ChangeEventRow) => Promise<void>;

const EARLIEST = Date.UTC(2000, 0, 1);
const YEAR_MS = 366 * 24 * 60 * 60 * 1000;

export function changeEventJson(row: ChangeEventRow): ChangeEvent {
  return {
    id: row.id,
    surveyId: row.survey_id,
    title: row.title,
    description: row.description,
    occurredAt: row.occurred_at.toISOString(),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    createdBy: row.created_by,
  };
}

const notFound = (id: string) => new ApiError('CHANGE_EVENT_NOT_FOUND', `The company has no change event with the id ${id}.`);

function occurredAtOf(text: string): Date {
  const instant = parseInstant(text.trim(), { dateOnly: 'allowed' });
  const problem = !instant
    ? 'must be a real date such as 2026-03-01 or 2026-03-01T09:30:00Z'
    : instant.ms < EARLIEST
      ? 'is before 2000-01-01'
      : instant.ms > Date.now() + YEAR_MS
        ? 'is more than a year ahead'
        : undefined;
  if (problem) throw new ApiError('VALIDATION_FAILED', `/occurredAt ${problem}.`, [{ path: '/occurredAt', message: problem }]);
  return new Date(instant!.ms);
}

function titleOf(text: string): string {
  const title = text.trim();
  if (title === '') throw new ApiError('VALIDATION_FAILED', '/title is empty; name the change.', [{ path: '/title', message: 'must not be blank' }]);
  return title;
}

const descriptionOf = (text: string | null | undefined) => (text?.trim() ? text.trim() : null);

/** A survey id of the company, or null for a company-wide event. @throws ApiError SURVEY_NOT_FOUND */
async function surveyOf(scope: TenantScope, surveyId: string | null | undefined): Promise<string | null> {
  if (surveyId === null || surveyId === undefined) return null;
  await getSurveyHead(scope, surveyId);
  return surveyId;
}

/** The company's events, newest first; with a survey, its own and the company-wide ones. @throws ApiError SURVEY_NOT_FOUND */
export async function listChangeEvents(scope: TenantScope, surveyId?: string): Promise<ChangeEvent[]> {
  if (surveyId !== undefined) await getSurveyHead(scope, surveyId);
  return (await findChangeEvents(scope, surveyId)).map(changeEventJson);
}

/**
 * @example await createChangeEvent(tenant, { title: 'New recipe', occurredAt: '2026-03-01' }, userId, audit)
 * @throws ApiError VALIDATION_FAILED naming the field; SURVEY_NOT_FOUND
 */
export async function createChangeEvent(scope: TenantScope, body: CreateChangeEventBody, createdBy: string | null, audit: Audit): Promise<ChangeEvent> {
  const values = {
    company_id: scope.companyId,
    title: titleOf(body.title),
    description: descriptionOf(body.description),
    occurred_at: occurredAtOf(body.occurredAt),
    survey_id: await surveyOf(scope, body.surveyId),
    created_by: createdBy,
  };
  return scope.db.transaction().execute(async (trx) => {
    const row = await insertChangeEvent(trx, values);
    await audit(trx, row);
    return changeEventJson(row);
  });
}

/** @throws ApiError CHANGE_EVENT_NOT_FOUND; VALIDATION_FAILED; SURVEY_NOT_FOUND */
export async function editChangeEvent(scope: TenantScope, id: string, body: UpdateChangeEventBody, audit: Audit): Promise<ChangeEvent> {
  const values = {
    ...(body.title !== undefined ? { title: titleOf(body.title) } : {}),
    ...(body.description !== undefined ? { description: descriptionOf(body.description) } : {}),
    ...(body.occurredAt !== undefined ? { occurred_at: occurredAtOf(body.occurredAt) } : {}),
    ...(body.surveyId !== undefined ? { survey_id: await surveyOf(scope, body.surveyId) } : {}),
  };
  return scope.db.transaction().execute(async (trx) => {
    const row = await updateChangeEvent(trx, scope.companyId, id, values);
    if (!row) throw notFound(id);
    await audit(trx, row);
    return changeEventJson(row);
  });
}

/** @throws ApiError CHANGE_EVENT_NOT_FOUND */
export async function removeChangeEvent(scope: TenantScope, id: string, audit: Audit): Promise<void> {
  await scope.db.transaction().execute(async (trx) => {
    const row = await deleteChangeEvent(trx, scope.companyId, id);
    if (!row) throw notFound(id);
    await audit(trx, row);
  });
}
