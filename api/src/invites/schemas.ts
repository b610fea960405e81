import { Type, type Static } from 'typebox';
import { LanguageSchema } from '../model/definition.js';
import { Uuid } from '../surveys/schemas.js';

/** One purchase's invite as the API shows it; `url` is the respondent's link (`<origin>/s/i/<token>`). */
export const InviteSchema = Type.Object({
  id: Type.String(),
  customerRef: Type.Union([Type.String(), Type.Null()]),
  orderRef: Type.Union([Type.String(), Type.Null()]),
  purchasedAt: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  language: Type.Union([LanguageSchema, Type.Null()]),
  expiresAt: Type.Union([Type.String(), Type.Null()]),
  channel: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  /** When its one response arrived; null while it has none. */
  answeredAt: Type.Union([Type.String(), Type.Null()]),
  url: Type.String(),
});
export type Invite = Static<typeof InviteSchema>;

/**
 * An invite for one purchase, made at order time. Idempotent on `orderRef`: a second call with the
 * same one answers 200 with the invite already made, changing nothing.
 */
export const CreateInviteBody = Type.Object(
  {
    customerRef: Type.String({ minLength: 1, maxLength: 200, description: 'your customer id, as in the purchase history' }),
    orderRef: Type.String({ minLength: 1, maxLength: 200, description: 'your order or receipt number; one invite per order and survey' }),
    purchasedAt: Type.String({ maxLength: 40, description: 'when the purchase was made: 2026-03-01 or 2026-03-01T09:30:00Z; not later than tomorrow' }),
    email: Type.Optional(Type.String({ maxLength: 254, description: 'where your mailer sends the link' })),
    language: Type.Optional(LanguageSchema),
    expiresAt: Type.Optional(Type.String({ maxLength: 40, description: 'after this the link takes no answer; a date alone means the end of that day (UTC)' })),
    channel: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'how the link is sent, e.g. email, receipt, sms' })),
  },
  { additionalProperties: false },
);
export type CreateInviteBody = Static<typeof CreateInviteBody>;

export const InviteResponse = Type.Object({ invite: InviteSchema });

export const ImportResult = Type.Object({
  created: Type.Integer({ description: 'invites made by this import' }),
  unchanged: Type.Integer({ description: 'rows whose order_ref already had an invite (left as it was)' }),
  total: Type.Integer({ description: 'rows in the file' }),
});

export const InviteListQuery = Type.Object(
  {
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  },
  { additionalProperties: false },
);
export const InviteListResponse = Type.Object({ invites: Type.Array(InviteSchema), total: Type.Integer() });

export const InviteParams = Type.Object({ id: Uuid, inviteId: Uuid }, { additionalProperties: false });

export const QrQuery = Type.Object(
  { size: Type.Optional(Type.Integer({ minimum: 128, maximum: 2048, default: 512, description: 'PNG width and height in pixels' })) },
  { additionalProperties: false },
);

/** A respondent's invite link `/s/i/<token>`; any text that is no token answers 404 INVITE_NOT_FOUND. */
export const InviteTokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 128 }) }, { additionalProperties: false });
