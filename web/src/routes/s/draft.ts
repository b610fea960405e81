/**
 * The respondent's unsent answers and the screen they are on, kept in sessionStorage so a reload
 * or a lost connection does not lose them. The client submission id is kept with them: a submission whose acknowledgement
 * was lost, then retried after a reload, is still recognised by the API as the same response.
 */
import type { Answers } from '$lib/api.js';

export interface Draft {
  clientSubmissionId: string;
  /** When the respondent first opened the survey (ISO date-time), sent as `startedAt`. */
  startedAt: string;
  answers: Answers;
  /** The index of the screen shown (model/steps.ts surveySteps), 0 on the first. */
  step: number;
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
  const step = Number.isInteger(candidate.step) && candidate.step! >= 0 ? candidate.step! : 0;
  return { clientSubmissionId: candidate.clientSubmissionId, startedAt, answers, step };
}

/** sessionStorage (or localStorage), or null where the browser refuses it (some private modes): the form still works, unsaved. */
function storage(kind: 'sessionStorage' | 'localStorage' = 'sessionStorage'): Storage | null {
  try {
    return window[kind];
  } catch (error) {
    console.warn(`Answers will not survive a reload: ${kind} is unavailable.`, error);
    return null;
  }
}

export function loadDraft(key: string): Draft {
  return parseDraft(storage()?.getItem(key) ?? null) ?? { clientSubmissionId: newSubmissionId(), startedAt: new Date().toISOString(), answers: {}, step: 0 };
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

/**
 * The version a respondent started at a link (the page's path), kept beside the draft: a reload after
 * the company published a newer version asks for the one they started (`?version=`), so their
 * answers and questions stay as they were.
 */
const startedKey = (path: string) => `loyalty-lens:started:${path}`;

export function startedVersion(path: string): number | undefined {
  const stored = Number(storage()?.getItem(startedKey(path)) ?? Number.NaN);
  return Number.isInteger(stored) && stored >= 1 ? stored : undefined;
}

export function rememberStartedVersion(path: string, version: number): void {
  try {
    storage()?.setItem(startedKey(path), String(version));
  } catch {
    // Storage full or refused: a reload then loads the published version.
  }
}

export function forgetStartedVersion(path: string): void {
  storage()?.removeItem(startedKey(path));
}

/**
 * Marks in localStorage that this browser has answered the survey, for a survey that takes one
 * response per browser: a reload after the thank-you shows the thank-you, not an empty form.
 */
const answeredKey = (surveyId: string) => `loyalty-lens:answered:${surveyId}`;

export function markAnswered(surveyId: string): void {
  try {
    storage('localStorage')?.setItem(answeredKey(surveyId), new Date().toISOString());
  } catch (error) {
    console.warn('This browser could not note that the survey was answered.', error);
  }
}

export function hasAnswered(surveyId: string): boolean {
  return storage('localStorage')?.getItem(answeredKey(surveyId)) != null;
}

/**
 * The language a respondent answered in at a link (its path), kept in localStorage: opening the link
 * again shows "you have already answered" in that language, which the API's error does not carry.
 */
const languageKey = (path: string) => `loyalty-lens:language:${path}`;

export function rememberAnsweredLanguage(path: string, language: string): void {
  try {
    storage('localStorage')?.setItem(languageKey(path), language);
  } catch {
    // Storage refused: the state page falls back to the browser's language.
  }
}

export function answeredLanguage(path: string): string | null {
  return storage('localStorage')?.getItem(languageKey(path)) ?? null;
}
