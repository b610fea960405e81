/**
 * The audit log: appended to, read by admins page by page; never updated or deleted (a trigger
 * refuses both, migrations/0003).
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
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
