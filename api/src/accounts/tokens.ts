/**
 * Secrets handed to people and servers (session cookies, one-time links, API keys): 32 random bytes,
 * base64url; only their SHA-256 is stored, so a copy of the database opens nothing.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** @example const token = newSecret(); // 43 characters of base64url */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** @example await db.insertInto('session').values({ id_hash: secretHash(token), … }) */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('base64url');
}

/** Compares two strings in time independent of where they differ. */
export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
