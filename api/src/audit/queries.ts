/**
 * The audit log: appended to, read by admins page by page; never updated or deleted (a trigger
 * refuses both, migrations/0003).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { TenantScope } from '../db/tenant.js';
import type { AuditAction } from '../accounts/schemas.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface AuditActor {
  kind: 'user' | 'api_key' | 'system';
  id: string | null;
  /** The user's email or the key's name, kept as it was when the entry was written. */
  label: string;
}

export interface NewAuditEvent {
  companyId: string;
  action: AuditAction;
  actor: AuditActor;
  target?: string | null;
  details?: Record<string, unknown>;
  address?: string | null;
}

/** @example await insertAuditEvents(trx, [{ companyId, action: 'export', actor, details: { rows } }]); */
export async function insertAuditEvents(db: Db, events: readonly NewAuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto('audit_event')
    .values(
      events.map((event) => ({
        company_id: event.companyId,
        action: event.action,
        actor_kind: event.actor.kind,
        actor_id: event.actor.id,
        actor_label: event.actor.label,
        target: event.target ?? null,
        details: JSON.stringify(event.details ?? {}),
        address: event.address ?? null,
      })),
    )
    .execute();
}

/**
 * The company's entries newest first, after the position `after` (exclusive), with `cursorAt`: the
 * time to the microsecond as text, which a Date would cut to milliseconds and so repeat or skip rows.
 * @example await findAuditEvents(tenant, { limit: 51, action: 'export', from: '2026-01-01T00:00:00Z' })
 */
export async function findAuditEvents(
  scope: TenantScope,
  filter: { limit: number; after?: { at: string; id: string } | undefined; action?: AuditAction | undefined; from?: string | undefined; to?: string | undefined },
) {
  let query = scope.db
    .selectFrom('audit_event')
    .select(['id', 'at', 'action', 'actor_kind', 'actor_id', 'actor_label', 'target', 'details', 'address'])
    .select(sql<string>`to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('cursorAt'))
    .where('company_id', '=', scope.companyId);
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.from) query = query.where('at', '>=', new Date(filter.from));
  if (filter.to) query = query.where('at', '<', new Date(filter.to));
  if (filter.after) query = query.where(sql<boolean>`(at, id) < (${filter.after.at}::timestamptz, ${filter.after.id}::uuid)`);
  return query.orderBy('at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
}
