/**
 * The signed-in client: every call an /app, /signin or /link page makes, with the session's
 * X-CSRF-Token (state-changing requests) and X-Company-Id attached, and a 401 mid-session answered by
 * asking to sign in again. Apart from $lib/api.ts so the respondent page's bundle carries none of it.
 */
import type { Static } from 'typebox';
import type { ApiKeyListResponse, ErasureResponse } from '../../../api/src/accounts/schemas.js';
import type { BrandingResponse } from '../../../api/src/companies/brandingSchemas.js';
import type { CreateInviteBody, ImportResult, InviteSchema } from '../../../api/src/invites/schemas.js';
import type { PurchaseImportSchema } from '../../../api/src/purchases/schemas.js';
import type { CommentsResponse, RespondentResponse, RespondentsResponse } from '../../../api/src/reports/drillDownSchemas.js';
import type { ChangeEventSchema, CreateChangeEventBody, UpdateChangeEventBody } from '../../../api/src/changeEvents/schemas.js';
import type {
  CreateSurveyBody,
  SurveyDetailResponse,
  UpdateSurveyBody,
  VersionChangeSchema,
  VersionResponse,
} from '../../../api/src/surveys/builderSchemas.js';
import {
  ApiError,
  NetworkError,
  request,
  toApiError,
  surveyPath,
  type ApiKey,
  type ApiKeyScope,
  type AuditAction,
  type AuditPage,
  type Company,
  type CreatedApiKey,
  type Erasure,
  type Fetch,
  type LinkInfo,
  type Member,
  type MemberList,
  type OneTimeLink,
  type Role,
  type Session,
  type SignInBody,
  type SurveyDefinition,
  type SurveyListItem,
  type SurveyReport,
  type SurveySummary,
  type UseLink,
} from './api.js';

/**
 * What the client keeps of the session between calls: the token every state-changing request sends
 * as X-CSRF-Token and the company this tab works in (X-Company-Id).
 * Module state, not a store: one browser tab has one session.
 */
const current: { csrfToken: string | null; companyId: string | null } = { csrfToken: null, companyId: null };

/** Keeps a session the API answered with (sign-in, GET /api/session, a used link, a company switch); null forgets it. */
export function rememberSession(session: Session | null): void {
  current.csrfToken = session?.csrfToken ?? null;
  current.companyId = session?.company?.id ?? null;
}

/** Whether a session is kept, i.e. a 401 now means it ended rather than that nobody signed in. */
export function isSignedIn(): boolean {
  return current.csrfToken !== null;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The session's headers for a request with `method`: X-Company-Id always, X-CSRF-Token when it changes state. */
export function sessionHeaders(method: string): Record<string, string> {
  const headers: Record<string, string> = {};
  if (current.companyId) headers['x-company-id'] = current.companyId;
  if (current.csrfToken && STATE_CHANGING.has(method.toUpperCase())) headers['x-csrf-token'] = current.csrfToken;
  return headers;
}

/**
 * Asks the person to sign in again (the /app layout's dialog) and resolves once they have, so the
 * call that met the 401 is sent again; rejects when they choose to leave instead.
 */
export type Reauthenticate = () => Promise<void>;
let reauthenticate: Reauthenticate | null = null;
let pendingReauthentication: Promise<void> | null = null;

/**
 * Sets who answers a session that ended mid-work; returns the function that unsets it.
 * @example $effect(() => onSessionEnded(() => dialog.ask()));
 */
export function onSessionEnded(handler: Reauthenticate): () => void {
  reauthenticate = handler;
  return () => {
    if (reauthenticate === handler) reauthenticate = null;
  };
}

const SESSION_ENDED_CODES = new Set(['UNAUTHENTICATED', 'SESSION_EXPIRED']);

/** Whether a failure means the session is gone (not a wrong password, which is 401 too). */
export function isSessionEnded(failure: unknown): failure is ApiError {
  return failure instanceof ApiError && failure.status === 401 && SESSION_ENDED_CODES.has(failure.code);
}

/**
 * A request in the session: its headers attached; a 401 while signed in asks `reauthenticate` once
 * (calls failing together share one dialog) and sends the request again with the new token.
 */
async function sessionRequest<T>(fetchFn: Fetch, path: string, init: RequestInit = {}): Promise<T> {
  const send = () => request<T>(fetchFn, path, { ...init, headers: { ...sessionHeaders(init.method ?? 'GET'), ...init.headers } });
  try {
    return await send();
  } catch (failure) {
    if (!isSessionEnded(failure) || !isSignedIn() || !reauthenticate) throw failure;
    pendingReauthentication ??= reauthenticate().finally(() => {
      pendingReauthentication = null;
    });
    await pendingReauthentication;
    return send();
  }
}

const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** GET /api/surveys: the active company's surveys (needs sign-in). */
export async function listSurveys(fetchFn: Fetch): Promise<SurveyListItem[]> {
  return (await sessionRequest<{ surveys: SurveyListItem[] }>(fetchFn, '/api/surveys')).surveys;
}

/** Query parameters as the report routes take them (docs/API.md "Report filters"); empty values are left out. */
export type QueryParameters = Readonly<Record<string, string | number | undefined | null>>;

/** `?a=1&b=2` of the parameters that have a value, in the order given; '' without any. */
export function queryString(parameters: QueryParameters = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(parameters)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export function getSummary(fetchFn: Fetch, surveyId: string, filter: QueryParameters = {}): Promise<SurveySummary> {
  return sessionRequest(fetchFn, `${surveyPath(surveyId)}/summary${queryString(filter)}`);
}

/** GET …/report with the report filters, `event` and `period` (docs/API.md "Report filters, trend and change events"). */
export function getReport(fetchFn: Fetch, surveyId: string, filter: QueryParameters = {}): Promise<SurveyReport> {
  return sessionRequest(fetchFn, `${surveyPath(surveyId)}/report${queryString(filter)}`);
}

/** Drill-down (docs/API.md "Drill-down"). */
export type RespondentPage = Static<typeof RespondentsResponse>;
export type RespondentDetail = Static<typeof RespondentResponse>;
export type CommentPage = Static<typeof CommentsResponse>;

/** GET …/respondents: report filters plus loyaltyType, satisfactionLevel, recoveryGroup, sort, order, limit, cursor. */
export function listRespondents(fetchFn: Fetch, surveyId: string, parameters: QueryParameters = {}): Promise<RespondentPage> {
  return sessionRequest(fetchFn, `${surveyPath(surveyId)}/respondents${queryString(parameters)}`);
}

export function getRespondent(fetchFn: Fetch, surveyId: string, responseId: string): Promise<RespondentDetail> {
  return sessionRequest(fetchFn, `${surveyPath(surveyId)}/respondents/${encodeURIComponent(responseId)}`);
}

/** GET …/comments: report filters plus limit and cursor. */
export function listComments(fetchFn: Fetch, surveyId: string, parameters: QueryParameters = {}): Promise<CommentPage> {
  return sessionRequest(fetchFn, `${surveyPath(surveyId)}/comments${queryString(parameters)}`);
}

/** POST /api/session: signs in (no CSRF token yet) and keeps the session. */
export async function signIn(fetchFn: Fetch, credentials: SignInBody): Promise<Session> {
  const session = await request<Session>(fetchFn, '/api/session', json('POST', credentials));
  rememberSession(session);
  return session;
}

/** GET /api/session; a 401 here means nobody is signed in (the caller goes to /signin), so it never asks to sign in again. */
export async function getSession(fetchFn: Fetch): Promise<Session> {
  const session = await request<Session>(fetchFn, '/api/session', { headers: sessionHeaders('GET') });
  rememberSession(session);
  return session;
}

/** DELETE /api/session (this browser) or DELETE /api/sessions (every device). */
export async function signOut(fetchFn: Fetch, everywhere = false): Promise<void> {
  await request<void>(fetchFn, everywhere ? '/api/sessions' : '/api/session', { method: 'DELETE', headers: sessionHeaders('DELETE') });
  rememberSession(null);
}

/** PUT /api/session/company: works in another of the user's companies from now on. */
export async function switchCompany(fetchFn: Fetch, companyId: string): Promise<Session> {
  const session = await sessionRequest<Session>(fetchFn, '/api/session/company', json('PUT', { companyId }));
  rememberSession(session);
  return session;
}

const linkPath = (token: string) => `/api/links/${encodeURIComponent(token)}`;

/** GET /api/links/:token; 410 LINK_INVALID when it is unknown, used or expired. */
export function getLink(fetchFn: Fetch, token: string): Promise<LinkInfo> {
  return request(fetchFn, linkPath(token));
}

/** POST /api/links/:token: accepts an invitation, sets a new password or sets up the first admin, and signs in. */
export async function useLink(fetchFn: Fetch, token: string, body: UseLink): Promise<Session> {
  const session = await request<Session>(fetchFn, linkPath(token), json('POST', body));
  rememberSession(session);
  return session;
}

const userPath = (userId: string) => `/api/users/${encodeURIComponent(userId)}`;

export function listMembers(fetchFn: Fetch): Promise<MemberList> {
  return sessionRequest(fetchFn, '/api/users');
}

/** POST /api/users: an invitation link for the admin to pass on; 409 ALREADY_MEMBER. */
export function inviteMember(fetchFn: Fetch, email: string, role: Role): Promise<OneTimeLink> {
  return sessionRequest(fetchFn, '/api/users', json('POST', { email, role }));
}

export function changeRole(fetchFn: Fetch, userId: string, role: Role): Promise<Member> {
  return sessionRequest(fetchFn, userPath(userId), json('PATCH', { role }));
}

/** DELETE /api/users/:userId; 409 LAST_ADMIN when it would leave the company without an admin. */
export async function removeMember(fetchFn: Fetch, userId: string): Promise<void> {
  await sessionRequest<void>(fetchFn, userPath(userId), { method: 'DELETE' });
}

export function createPasswordReset(fetchFn: Fetch, userId: string): Promise<OneTimeLink> {
  return sessionRequest(fetchFn, `${userPath(userId)}/password-reset`, { method: 'POST' });
}

export async function listApiKeys(fetchFn: Fetch): Promise<ApiKey[]> {
  return (await sessionRequest<Static<typeof ApiKeyListResponse>>(fetchFn, '/api/api-keys')).apiKeys;
}

export function createApiKey(fetchFn: Fetch, name: string, scopes: ApiKeyScope[]): Promise<CreatedApiKey> {
  return sessionRequest(fetchFn, '/api/api-keys', json('POST', { name, scopes }));
}

/** DELETE /api/api-keys/:id answers the key as revoked. */
export function revokeApiKey(fetchFn: Fetch, apiKeyId: string): Promise<ApiKey> {
  return sessionRequest(fetchFn, `/api/api-keys/${encodeURIComponent(apiKeyId)}`, { method: 'DELETE' });
}

export function getCompany(fetchFn: Fetch): Promise<Company> {
  return sessionRequest(fetchFn, '/api/company');
}

export function renameCompany(fetchFn: Fetch, name: string): Promise<Company> {
  return sessionRequest(fetchFn, '/api/company', json('PATCH', { name }));
}

export interface AuditFilter {
  limit?: number;
  cursor?: string;
  action?: AuditAction;
  /** ISO timestamps. */
  from?: string;
  to?: string;
}

/** GET /api/audit, newest first; pass the answer's `nextCursor` as `cursor` for the next page. */
export function listAudit(fetchFn: Fetch, filter: AuditFilter = {}): Promise<AuditPage> {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) if (value !== undefined && value !== '') query.set(name, String(value));
  const search = query.toString();
  return sessionRequest(fetchFn, `/api/audit${search ? `?${search}` : ''}`);
}

/** POST /api/erasures: deletes a customer's responses, invites and purchases, answering how many of each. */
export async function eraseCustomer(fetchFn: Fetch, customerRef: string): Promise<Erasure> {
  return (await sessionRequest<Static<typeof ErasureResponse>>(fetchFn, '/api/erasures', json('POST', { customerRef }))).erased;
}


/** PUT /api/session/password: changes one's own password; the other sessions end, this one goes on. 401 INVALID_CREDENTIALS: wrong current password. */
export async function changePassword(fetchFn: Fetch, currentPassword: string, newPassword: string): Promise<void> {
  await sessionRequest<void>(fetchFn, '/api/session/password', json('PUT', { currentPassword, newPassword }));
}

// ---- The survey builder, invites and branding (issue 16; api/src/surveys/builderSchemas.ts, docs/API.md) ----

export type SurveyDetail = Static<typeof SurveyDetailResponse>;
export type SurveyVersion = Static<typeof VersionResponse>;
export type VersionChange = Static<typeof VersionChangeSchema>;
export type CreateSurvey = Static<typeof CreateSurveyBody>;
export type UpdateSurvey = Static<typeof UpdateSurveyBody>;

/** POST /api/surveys: a new draft survey from a template, blank or a copy. */
export function createSurvey(fetchFn: Fetch, body: CreateSurvey): Promise<SurveyDetail> {
  return sessionRequest(fetchFn, '/api/surveys', json('POST', body));
}

export function getBuilder(fetchFn: Fetch, surveyId: string): Promise<SurveyDetail> {
  return sessionRequest(fetchFn, `${surveyPath(surveyId)}/builder`);
}

/** PUT /api/surveys/:id/draft; 422 INVALID_DEFINITION with the problems as fields (/definition/…), nothing stored. */
export function saveDraft(fetchFn: Fetch, surveyId: string, definition: SurveyDefinition): Promise<SurveyDetail> {
  return sessionRequest(fetchFn, `${surveyPath(surveyId)}/draft`, json('PUT', { definition }));
}

export function discardDraft(fetchFn: Fetch, surveyId: string): Promise<SurveyDetail> {
  return sessionRequest(fetchFn, `${surveyPath(surveyId)}/draft`, { method: 'DELETE' });
}

/** PATCH /api/surveys/:id (name, slug, one response per browser); 409 SLUG_TAKEN. */
export function updateSurvey(fetchFn: Fetch, surveyId: string, body: UpdateSurvey): Promise<SurveyDetail> {
  return sessionRequest(fetchFn, surveyPath(surveyId), json('PATCH', body));
}

/** POST /api/surveys/:id/publish | close | reopen. */
export function changeSurveyStatus(fetchFn: Fetch, surveyId: string, action: 'publish' | 'close' | 'reopen'): Promise<SurveyDetail> {
  return sessionRequest(fetchFn, `${surveyPath(surveyId)}/${action}`, { method: 'POST' });
}

export function getVersion(fetchFn: Fetch, surveyId: string, version: number): Promise<SurveyVersion> {
  return sessionRequest(fetchFn, `${surveyPath(surveyId)}/versions/${version}`);
}

/** One per-purchase invite (docs/API.md "Invites"). */
export type Invite = Static<typeof InviteSchema>;

export type NewInvite = Static<typeof CreateInviteBody>;

export type InviteImport = Static<typeof ImportResult>;

export function listInvites(fetchFn: Fetch, surveyId: string, offset: number, limit: number): Promise<{ invites: Invite[]; total: number }> {
  return sessionRequest(fetchFn, `${surveyPath(surveyId)}/invites?offset=${offset}&limit=${limit}`);
}

/** POST /api/surveys/:id/invites: 201 the new invite, 200 the existing one of that order. */
export async function createInvite(fetchFn: Fetch, surveyId: string, invite: NewInvite): Promise<Invite> {
  return (await sessionRequest<{ invite: Invite }>(fetchFn, `${surveyPath(surveyId)}/invites`, json('POST', invite))).invite;
}

/** POST /api/surveys/:id/invites/import with the CSV as it is; 422 INVALID_IMPORT lists every bad line (/lines/<n>/<column>). */
export function importInvites(fetchFn: Fetch, surveyId: string, csv: string): Promise<InviteImport> {
  return sessionRequest(fetchFn, `${surveyPath(surveyId)}/invites/import`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv });
}

/** Plain link targets (downloads and images): the browser fetches them with the session cookie. */
export const invitesCsvUrl = (surveyId: string) => `${surveyPath(surveyId)}/invites.csv`;
export const surveyQrUrl = (surveyId: string, format: 'svg' | 'png') => `${surveyPath(surveyId)}/qr.${format}`;
export const inviteQrUrl = (surveyId: string, inviteId: string, format: 'svg' | 'png') =>
  `${surveyPath(surveyId)}/invites/${encodeURIComponent(inviteId)}/qr.${format}`;

export type Branding = Static<typeof BrandingResponse>;

export function getBranding(fetchFn: Fetch): Promise<Branding> {
  return sessionRequest(fetchFn, '/api/company/branding');
}

/** PUT /api/company/branding; 422 LOW_CONTRAST naming /accentColor, VALIDATION_FAILED naming /privacyUrl. */
export function saveBranding(fetchFn: Fetch, branding: Pick<Branding, 'accentColor' | 'privacyUrl'>): Promise<Branding> {
  return sessionRequest(fetchFn, '/api/company/branding', json('PUT', branding));
}

/** PUT /api/company/logo with the file's bytes; 413/422 INVALID_LOGO. Answers the branding as it now is. */
export function uploadLogo(fetchFn: Fetch, file: Blob): Promise<Branding> {
  return sessionRequest(fetchFn, '/api/company/logo', { method: 'PUT', headers: { 'content-type': file.type }, body: file });
}

export function removeLogo(fetchFn: Fetch): Promise<Branding> {
  return sessionRequest(fetchFn, '/api/company/logo', { method: 'DELETE' });
}

/** One recorded purchase import (docs/API.md "Purchase history"). */
export type PurchaseImport = Static<typeof PurchaseImportSchema>;

export function listPurchaseImports(fetchFn: Fetch, limit = 20): Promise<{ imports: PurchaseImport[]; total: number }> {
  return sessionRequest(fetchFn, `/api/purchase-imports?limit=${limit}`);
}

export async function getPurchaseImport(fetchFn: Fetch, importId: string): Promise<PurchaseImport> {
  return (await sessionRequest<{ import: PurchaseImport }>(fetchFn, `/api/purchase-imports/${encodeURIComponent(importId)}`)).import;
}

/**
 * POST /api/purchase-imports with the file as it is, through XMLHttpRequest for its upload progress
 * (fetch has none); `importId` (a fresh UUID) lets the page poll the import while it runs. 201 the
 * applied import; 422 INVALID_IMPORT lists the bad lines (/lines/<n>/<column>).
 */
export function uploadPurchases(file: File, importId: string, onUpload: (loaded: number, total: number) => void): Promise<PurchaseImport> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/purchase-imports?id=${encodeURIComponent(importId)}&fileName=${encodeURIComponent(file.name.slice(0, 255) || 'purchases.csv')}`);
    for (const [name, value] of Object.entries({ ...sessionHeaders('POST'), accept: 'application/json', 'content-type': 'text/csv' })) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => onUpload(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.onerror = () => reject(new NetworkError(new Error('the upload was interrupted')));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        reject(new ApiError(xhr.status, 'UNEXPECTED_RESPONSE', `The server answered ${xhr.status} without JSON.`));
        return;
      }
      if (xhr.status === 201) resolve((body as { import: PurchaseImport }).import);
      else reject(toApiError(xhr.status, body, xhr.getResponseHeader('retry-after')));
    };
    xhr.send(file);
  });
}

/** A dated change of the company or one survey (docs/API.md "Change events"). */
export type ChangeEvent = Static<typeof ChangeEventSchema>;
export type NewChangeEvent = Static<typeof CreateChangeEventBody>;
export type ChangeEventEdit = Static<typeof UpdateChangeEventBody>;

export async function listChangeEvents(fetchFn: Fetch): Promise<ChangeEvent[]> {
  return (await sessionRequest<{ changeEvents: ChangeEvent[] }>(fetchFn, '/api/change-events')).changeEvents;
}

export async function createChangeEvent(fetchFn: Fetch, event: NewChangeEvent): Promise<ChangeEvent> {
  return (await sessionRequest<{ changeEvent: ChangeEvent }>(fetchFn, '/api/change-events', json('POST', event))).changeEvent;
}

export async function editChangeEvent(fetchFn: Fetch, id: string, edit: ChangeEventEdit): Promise<ChangeEvent> {
  return (await sessionRequest<{ changeEvent: ChangeEvent }>(fetchFn, `/api/change-events/${encodeURIComponent(id)}`, json('PATCH', edit))).changeEvent;
}

export async function deleteChangeEvent(fetchFn: Fetch, id: string): Promise<void> {
  await sessionRequest<null>(fetchFn, `/api/change-events/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
