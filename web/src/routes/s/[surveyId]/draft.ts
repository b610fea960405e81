/**
 * The respondent's unsent answers, kept in sessionStorage so a reload or a lost connection does
 * not lose them. The client submission id is kept with them: a submission whose acknowledgement
 * was lost, then retried after a reload, is still recognised by the API as the same response.
 */
import type { Answers } from '$lib/api.js';

export interface Draft {
  clientSubmissionId: string;
  /** When the respondent first opened the survey (ISO date-time), sent as `startedAt`. */
  startedAt: string;
  answers: Answers;
}

/** A random UUID; crypto.randomUUID exists only in secure contexts, getRandomValues everywhere. */
export function newSubmissionId(cryptoApi: Crypto = crypto): string {
  if (typeof cryptoApi.randomUUID === 'function') return cryptoApi.randomUUID();
  const bytes = cryptoApi.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const draftKey = (surveyId: string, version: number) => `loyalty-lens:draft:${surveyId}:${version}`;

/** Only numbers and strings survive: a NaN from a bad number input is stored as null and dropped here. */
export function parseDraft(stored: string | null): Draft | null {
  if (stored === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    return null; // written by an older page or edited by hand: start afresh rather than fail
  }
  const candidate = parsed as Partial<Draft> | null;
  if (typeof candidate?.clientSubmissionId !== 'string' || typeof candidate.answers !== 'object' || !candidate.answers) {
    return null;
  }
  const answers: Answers = {};
  for (const [id, value] of Object.entries(candidate.answers)) {
    if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) answers[id] = value;
  }
  const startedAt = typeof candidate.startedAt === 'string' ? candidate.startedAt : new Date().toISOString();
  return { clientSubmissionId: candidate.clientSubmissionId, startedAt, answers };
}

/** sessionStorage, or null where the browser refuses it (some private modes): the form still works, unsaved. */
function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch (error) {
    console.warn('Answers will not survive a reload: sessionStorage is unavailable.', error);
    return null;
  }
}

export function loadDraft(key: string): Draft {
  return parseDraft(storage()?.getItem(key) ?? null) ?? { clientSubmissionId: newSubmissionId(), startedAt: new Date().toISOString(), answers: {} };
}

export function saveDraft(key: string, draft: Draft): void {
  try {
    storage()?.setItem(key, JSON.stringify(draft));
  } catch (error) {
    console.warn('Answers could not be saved for a reload (storage full or refused).', error);
  }
}

export function clearDraft(key: string): void {
  storage()?.removeItem(key);
}
