/**
 * Every error code the API answers with, in one registry (like fastify's lib/errors.js).
 * Errors look like `{ "error": { "code", "message", "fields": [{ "path", "message", "code"?, "params"? }] } }`.
 */
import { Type, type TLiteral } from 'typebox';
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, description: 'The request body, query or parameters do not match the schema.' },
  INVALID_JSON: { status: 400, description: 'The request body is not valid JSON.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, description: 'The request body is not application/json.' },
  BODY_TOO_LARGE: { status: 413, description: 'The request body is larger than the server accepts.' },
  INVALID_ANSWERS: { status: 422, description: 'One or more answers do not fit the survey definition.' },
  INVALID_DEFINITION: { status: 422, description: 'The survey definition breaks one or more rules of the survey model.' },
  SURVEY_NOT_FOUND: { status: 404, description: 'No survey has this id.' },
  VERSION_NOT_FOUND: { status: 404, description: 'The survey has no published version with this number.' },
  SURVEY_NOT_PUBLISHED: { status: 404, description: 'The survey exists but is not published, so it takes no answers.' },
  SURVEY_CLOSED: { status: 410, description: 'The survey was closed by its company and takes no more answers.' },
  INVITE_NOT_FOUND: { status: 404, description: 'No invite has this token; check the link in the email or on the receipt.' },
  INVITE_EXPIRED: { status: 410, description: 'The invite expired (its expires_at has passed) and takes no answers.' },
  INVITE_USED: { status: 409, description: 'The invite already has its one response.' },
  INVALID_VERSION: { status: 422, description: 'The response names a survey version that was never published (or is newer than the published one); reload the survey.' },
  SLUG_TAKEN: { status: 409, description: 'Another survey already uses this link name; choose another.' },
  NOTHING_TO_PUBLISH: { status: 409, description: 'The survey has no draft to publish; edit it first.' },
  INVALID_STATUS_CHANGE: { status: 409, description: 'The survey cannot move to that status from where it is (e.g. close a draft never published).' },
  INVALID_FILTER: { status: 400, description: 'A report filter (from, to, version, language, segment, channel, source, event) is unknown or malformed; the message names the parameter.' },
  CHANGE_EVENT_NOT_FOUND: { status: 404, description: 'No change event of this company has this id.' },
  RESPONDENT_NOT_FOUND: { status: 404, description: 'No response of this survey has this id.' },
  IMPORT_NOT_FOUND: { status: 404, description: 'No purchase import of this company has this id.' },
  INVALID_IMPORT: { status: 422, description: 'The uploaded file has bad rows; every one is listed with its line and reason, and nothing was stored.' },
  INVALID_LOGO: { status: 422, description: 'The logo is not a PNG or JPEG image (checked by its bytes), or is larger than 200 KB.' },
  LOGO_NOT_FOUND: { status: 404, description: 'The company has no logo (or there is no such company).' },
  LOW_CONTRAST: { status: 422, description: 'The accent colour has less than 4.5:1 contrast on white (WCAG AA); choose a darker one.' },
  SUBMISSION_ID_CONFLICT: {
    status: 409,
    description: 'The client submission id was already used for a different survey.',
  },
  RATE_LIMITED: { status: 429, description: 'Too many submissions from one address in a minute; try again shortly.' },
  BAD_REQUEST: { status: 400, description: 'The HTTP request itself is malformed: a URL that is not valid percent-encoding, a bad Content-Length.' },
  HEADERS_TOO_LARGE: { status: 431, description: 'The request headers are larger than the server accepts.' },
  REQUEST_TIMEOUT: { status: 408, description: 'The request was not received in full within REQUEST_TIMEOUT_MS.' },
  REPORT_BUSY: { status: 429, description: 'Too many reports or exports are running at once; try again after Retry-After seconds.' },
  UNAUTHENTICATED: { status: 401, description: 'Sign in first (session cookie) or send an API key as Authorization: Bearer.' },
  SESSION_EXPIRED: { status: 401, description: 'The session ended (8 h without use, 7 days in all, or signed out); sign in again.' },
  INVALID_API_KEY: { status: 401, description: 'The API key is unknown or revoked.' },
  INVALID_CREDENTIALS: { status: 401, description: 'The email or the password is wrong (the answer does not say which).' },
  SIGN_IN_LIMITED: { status: 429, description: 'Too many sign-in attempts for this account or from this address; try again in the minutes given.' },
  FORBIDDEN: { status: 403, description: 'Your role or the API key scope in this company does not allow this.' },
  CSRF_REJECTED: { status: 403, description: 'A state-changing request with the session cookie lacks the X-CSRF-Token header of that session.' },
  NO_COMPANY: { status: 403, description: 'The account belongs to no company yet, or X-Company-Id names one it is not a member of.' },
  LINK_INVALID: { status: 410, description: 'The one-time link is unknown, used already or expired; ask an admin for a new one.' },
  USER_NOT_FOUND: { status: 404, description: 'No member of this company has this id.' },
  API_KEY_NOT_FOUND: { status: 404, description: 'No API key of this company has this id.' },
  ALREADY_MEMBER: { status: 409, description: 'This email already belongs to a member of the company.' },
  LAST_ADMIN: { status: 409, description: 'The company would be left without an admin; make someone else admin first.' },
  RESET_NOT_ALLOWED: { status: 409, description: 'The member also belongs to another company; an admin of one company cannot reset the password of an account others use.' },
  WEAK_PASSWORD: { status: 400, description: 'The password is shorter than 12 characters or longer than 1,024 bytes.' },
  ROUTE_NOT_FOUND: { status: 404, description: 'No API route matches this method and path.' },
  DATABASE_UNAVAILABLE: { status: 503, description: 'The database does not answer.' },
  INTERNAL: { status: 500, description: 'An unexpected error; the server log has the details.' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldProblem {
  /** JSON pointer into the request, e.g. `/answers/recommend`. */
  path: string;
  message: string;
  /** Where the problem has one: a code from the model (e.g. OUT_OF_RANGE) and its parameters, for clients to word. */
  code?: string;
  params?: Record<string, string | number>;
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields: FieldProblem[] };
}

/** An error the API reports to the client as it is (4xx, or 503 for the database). */
export class ApiError extends Error {
  readonly status: number;
  /** Sent as Retry-After when set (a limit that lifts after this many seconds). */
  retryAfterSeconds?: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = ERROR_CODES[code].status;
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, fields: this.fields } };
  }
}

/**
 * The registry's codes as a schema, so the docs and the web client's types list them instead of
 * `string`. The tuple type is what lets Static<> infer the union from a list built at run time.
 */
export const ErrorCodeSchema = Type.Union(
  (Object.keys(ERROR_CODES) as ErrorCode[]).map((code) => Type.Literal(code)) as [TLiteral<ErrorCode>, ...TLiteral<ErrorCode>[]],
);

/** The error body as a schema, for every route's 4xx/5xx responses. */
export const ErrorResponse = Type.Object({
  error: Type.Object({
    code: ErrorCodeSchema,
    message: Type.String(),
    fields: Type.Array(
      Type.Object({
        path: Type.String(),
        message: Type.String(),
        code: Type.Optional(Type.String()),
        params: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]))),
      }),
    ),
  }),
});
