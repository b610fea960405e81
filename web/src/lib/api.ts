/**
 * The one API client every load and form calls (the sveltejs/realworld pattern). Pass the load
 * event's `fetch` from loads; components pass the global `fetch`.
 *
 * Payload types are the API's own TypeBox schemas and definition types, imported with
 * `import type` only: one definition per payload, and no API runtime code in the browser bundle.
 */
import { error } from '@sveltejs/kit';
import type { Static } from 'typebox';
import type { SegmentReportResponse, SummaryResponse } from '../../../api/src/reports/schemas.js';
import type { ErrorResponse } from '../../../api/src/errors.js';
import type { SubmitResponseBody } from '../../../api/src/responses/schemas.js';
import type {
  Answers,
  CountQuestion,
  Language,
  LocalText,
  Question,
  ScaleQuestion,
  SurveyDefinition,
  TextQuestion,
} from '../../../api/src/model/definition.js';
import type { PublishedSurveyResponse, SurveyListResponse } from '../../../api/src/surveys/schemas.js';
import type {
  ApiKey as ApiKeySchema,
  AuditAction,
  AuditEntry as AuditEntrySchema,
  AuditListResponse,
  CompanyResponse,
  CreatedApiKeyResponse,
  ErasureResponse,
  LinkInfoResponse,
  Member as MemberSchema,
  MemberListResponse,
  OneTimeLink as OneTimeLinkSchema,
  SessionResponse,
  SignInBody,
  UseLinkBody,
} from '../../../api/src/accounts/schemas.js';
import type { ApiKeyScope, Permission, Role } from '../../../api/src/accounts/permissions.js';

export type { Answers, CountQuestion, Language, LocalText, Question, ScaleQuestion, SurveyDefinition, TextQuestion };
export type { ApiKeyScope, AuditAction, Permission, Role, SignInBody };

/** GET /api/session: the signed-in user, their companies, the active one, its permissions and the CSRF token. */
export type Session = SessionResponse;
export type CompanyMembership = Session['companies'][number];
/** GET /api/links/:token: what a one-time link is for. */
export type LinkInfo = Static<typeof LinkInfoResponse>;
export type UseLink = Static<typeof UseLinkBody>;
export type Member = Static<typeof MemberSchema>;
export type MemberList = Static<typeof MemberListResponse>;
/** An invitation or password-reset link, shown once to the admin who made it. */
export type OneTimeLink = Static<typeof OneTimeLinkSchema>;
export type ApiKey = Static<typeof ApiKeySchema>;
/** `secret` is the whole key, shown this once. */
export type CreatedApiKey = Static<typeof CreatedApiKeyResponse>;
export type Company = Static<typeof CompanyResponse>;
export type AuditEntry = Static<typeof AuditEntrySchema>;
export type AuditPage = Static<typeof AuditListResponse>;
export type Erasure = Static<typeof ErasureResponse>['erased'];

/** GET /api/surveys/:id — the published version a respondent answers. */
export type SurveyForRespondent = Static<typeof PublishedSurveyResponse>;

/** One row of GET /api/surveys. */
export type SurveyListItem = Static<typeof SurveyListResponse>['surveys'][number];

/** GET /api/surveys/:id/summary; promoters, passives and detractors are respondent counts. */
export type SurveySummary = Static<typeof SummaryResponse>;

/**
 * GET /api/surveys/:id/report: the full segment report, typed by the route's response schema
 * (api/src/reports/schemas.ts SegmentReportSchema), with the survey's latest change event.
 */
export type SurveyReport = Static<typeof SegmentReportResponse>;
export type SegmentReport = SurveyReport['report'];

/** POST to survey.submitPath. The same clientSubmissionId never makes a second response; `version` is the version the page loaded. */
export type ResponseSubmission = SubmitResponseBody;

/**
 * One per-field problem; `path` is a JSON pointer into the request body, like `/answers/recommend`.
 * `code` and `params`, where present, are the model's (e.g. OUT_OF_RANGE `{ min, max }`), for the
 * page to word in its language; `message` is the server's English.
 */
export type FieldError = Static<typeof ErrorResponse>['error']['fields'][number];

/** A code of the API's error registry (api/src/errors.ts). */
export type ErrorCode = Static<typeof ErrorResponse>['error']['code'];

/** The API answered with an error status: `{ error: { code, message, fields } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
    /** Seconds from the Retry-After header of a 429, when the server sent one. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The request never got an answer (offline, DNS, connection reset): safe to retry. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('The server could not be reached', { cause });
    this.name = 'NetworkError';
  }
}

export type Fetch = typeof fetch;

/** One call to the API: JSON in and out, an error status as ApiError, no answer as NetworkError. */
export async function request<T>(fetchFn: Fetch, path: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetchFn(path, { ...init, headers: { accept: 'application/json', ...init.headers } });
  } catch (cause) {
    throw new NetworkError(cause);
  }
  const text = await response.text();
  let body: unknown = undefined;
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      // A proxy or gateway page (HTML) instead of the API's JSON: report the status, not the parse.
      throw new ApiError(response.status, 'UNEXPECTED_RESPONSE', `The server answered ${response.status} without JSON.`);
    }
  }
  if (!response.ok) throw toApiError(response.status, body, response.headers.get('retry-after'));
  return body as T;
}

/** The ApiError of an error answer's status and parsed body (also for XMLHttpRequest uploads). */
export function toApiError(status: number, body: unknown, retryAfter: string | null = null): ApiError {
  const error = (body as { error?: Partial<{ code: unknown; message: unknown; fields: unknown }> } | undefined)?.error;
  const code = typeof error?.code === 'string' ? error.code : `HTTP_${status}`;
  const message = typeof error?.message === 'string' ? error.message : `The server answered ${status}.`;
  const fields = Array.isArray(error?.fields)
    ? error.fields.filter((field): field is FieldError => typeof field?.path === 'string' && typeof field?.message === 'string')
    : [];
  const retryAfterSeconds = retryAfter !== null && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter) : null;
  return new ApiError(status, code, message, fields, retryAfterSeconds);
}

export const surveyPath = (surveyId: string) => `/api/surveys/${encodeURIComponent(surveyId)}`;

export function getSurvey(fetchFn: Fetch, surveyId: string): Promise<SurveyForRespondent> {
  return request(fetchFn, surveyPath(surveyId));
}

/** `?version=N` when the respondent started an earlier version (draft.ts startedVersion), else nothing. */
const versionQuery = (version: number | undefined) => (version === undefined ? '' : `?version=${version}`);

/**
 * GET /api/s/:slug — the survey behind an anonymous link `/s/<slug>`; a survey id is a slug too, so
 * old links and printed QR codes keep working. With `version`, the earlier version the respondent
 * started (kept while it is older than the published one).
 */
export function getSurveyByLink(fetchFn: Fetch, slug: string, version?: number): Promise<SurveyForRespondent> {
  return request(fetchFn, `/api/s/${encodeURIComponent(slug)}${versionQuery(version)}`);
}

/** GET /api/s/i/:token — the survey of a per-purchase invite `/s/i/<token>`, with the invite's language. */
export function getSurveyByInvite(fetchFn: Fetch, token: string, version?: number): Promise<SurveyForRespondent> {
  return request(fetchFn, `/api/s/i/${encodeURIComponent(token)}${versionQuery(version)}`);
}

/** POST to the survey's own `submitPath` (the anonymous link's or the invite's). The same clientSubmissionId never makes a second response. */
export async function submitResponse(fetchFn: Fetch, submitPath: string, submission: ResponseSubmission): Promise<void> {
  await request<unknown>(fetchFn, submitPath, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(submission),
  });
}

/** A plain link target: the browser streams the download, so it is not fetched here. */
export function exportCsvUrl(surveyId: string): string {
  return `${surveyPath(surveyId)}/export.csv`;
}

/** For loads: turns an API failure into SvelteKit's error page with the API's status and message. */
export function failLoad(failure: unknown): never {
  if (failure instanceof ApiError) {
    error(failure.status >= 400 && failure.status <= 599 ? failure.status : 502, { message: failure.message, code: failure.code });
  }
  if (failure instanceof NetworkError) error(503, { message: failure.message, code: 'NETWORK' });
  throw failure;
}
