/**
 * Password hashing with node:crypto scrypt: a random 16-byte salt per password, the cost parameters
 * stored with the hash (`scrypt$N$r$p$salt$hash`, base64url) so they can be raised later without
 * locking anyone out (a hash made with older parameters is re-made at the next sign-in).
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { ApiError } from '../errors.js';
import { PASSWORD_MAX_BYTES, PASSWORD_MIN_CHARACTERS } from './schemas.js';

/** N = 2^15, r = 8, p = 1: 32 MiB and ~50–100 ms per hash on these machines. */
export const SCRYPT_PARAMETERS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

function scrypt(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(password.normalize('NFC'), salt, KEY_LENGTH, { ...options, maxmem: 256 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/**
 * Refuses a password shorter than 12 characters or longer than 1,024 bytes of UTF-8, before any
 * hashing (a megabyte-long password would otherwise cost the server the hashing time of it).
 * @example checkPasswordRules('correct horse battery', '/password')
 */
export function checkPasswordRules(password: string, path = '/password'): void {
  if ([...password].length < PASSWORD_MIN_CHARACTERS) {
    throw new ApiError('WEAK_PASSWORD', `The password must have at least ${PASSWORD_MIN_CHARACTERS} characters.`, [
      { path, message: `must have at least ${PASSWORD_MIN_CHARACTERS} characters`, code: 'TOO_SHORT', params: { min: PASSWORD_MIN_CHARACTERS } },
    ]);
  }
  if (Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_BYTES) {
    throw new ApiError('WEAK_PASSWORD', `The password must be at most ${PASSWORD_MAX_BYTES} bytes long.`, [
      { path, message: `must be at most ${PASSWORD_MAX_BYTES} bytes`, code: 'TOO_LONG', params: { max: PASSWORD_MAX_BYTES } },
    ]);
  }
}

/** @example const stored = await hashPassword('correct horse battery'); */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const { N, r, p } = SCRYPT_PARAMETERS;
  const key = await scrypt(password, salt, { N, r, p });
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** A stored hash nobody's password matches, checked against when the email is unknown, so both take the same time. */
let decoyHash: Promise<string> | undefined;

/**
 * Makes the decoy hash ahead of the first sign-in, so the first unknown email does not take two hashes' time.
 * @example void prepareDecoyHash(); // when the sign-in route is registered
 */
export function prepareDecoyHash(): Promise<string> {
  decoyHash ??= hashPassword(randomBytes(24).toString('base64url'));
  return decoyHash;
}

/**
 * Whether `password` matches `stored`; with `stored` null (unknown email, or no password set yet) it
 * still spends the time of one hash and answers false.
 * @returns `{ ok, outdated }`: outdated when the hash was made with other parameters than today's
 */
export async function verifyPassword(password: string, stored: string | null): Promise<{ ok: boolean; outdated: boolean }> {
  const parts = (stored ?? (await prepareDecoyHash())).split('$');
  const [scheme, n, r, p, salt, hash] = parts;
  if (parts.length !== 6 || scheme !== 'scrypt' || !salt || !hash) throw new Error('a stored password hash is not in the scrypt$N$r$p$salt$hash form');
  const expected = Buffer.from(hash, 'base64url');
  const key = await scrypt(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  const ok = stored !== null && key.length === expected.length && timingSafeEqual(key, expected);
  const { N, r: currentR, p: currentP } = SCRYPT_PARAMETERS;
  return { ok, outdated: Number(n) !== N || Number(r) !== currentR || Number(p) !== currentP };
}
