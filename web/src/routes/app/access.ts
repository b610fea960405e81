import { error } from '@sveltejs/kit';
import type { Permission, Session } from '$lib/api.js';

/** For an /app page's load: a role without `permission` sees "not available to your role" instead of the API's 403. */
export function requirePermission(session: Session, permission: Permission): void {
  if (!session.permissions.includes(permission)) error(403, { message: 'Your role does not allow this.', code: 'FORBIDDEN' });
}
