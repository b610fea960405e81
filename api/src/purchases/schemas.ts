import { Type, type Static } from 'typebox';
import { Uuid } from '../surveys/schemas.js';

/** The most purchases one JSON batch may hold; more go in several requests. */
export const MAX_BATCH_PURCHASES = 10_000;

const Problem = Type.Object({
  /** `/lines/<line>/<column>` for a CSV file, `/purchases/<index>/<field>` for a JSON batch. */
  path: Type.String(),
  /** The CSV line (the header is line 1) or the batch item's index. */
  line: Type.Integer(),
  message: Type.String(),
  code: Type.String(),
});

/** One recorded import: a CSV upload or a JSON batch. */
export const PurchaseImportSchema = Type.Object({
  id: Uuid,
  source: Type.Union([Type.Literal('csv'), Type.Literal('api')]),
  fileName: Type.Union([Type.String(), Type.Null()]),
  /** processing while its rows are read and checked; applied (every row stored or already there) or failed (nothing stored). */
  status: Type.Union([Type.Literal('processing'), Type.Literal('applied'), Type.Literal('failed')]),
  rowsTotal: Type.Integer({ description: 'rows in the file or batch (known once it is read)' }),
  rowsProcessed: Type.Integer({ description: 'rows read and checked so far' }),
  rowsInserted: Type.Integer({ description: 'purchases this import added' }),
  rowsUnchanged: Type.Integer({ description: 'rows whose order_ref was already stored, with the same content (left as it was)' }),
  errorCount: Type.Integer({ description: 'problems found in all' }),
  errors: Type.Array(Problem, { description: 'the first 100 problems, by line' }),
  startedAt: Type.String({ format: 'date-time' }),
  finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  /** The user who uploaded it; null for an API key. */
  createdBy: Type.Union([Uuid, Type.Null()]),
});
export type PurchaseImport = Static<typeof PurchaseImportSchema>;

export const PurchaseImportResponse = Type.Object({ import: PurchaseImportSchema });
export const PurchaseImportListResponse = Type.Object({ imports: Type.Array(PurchaseImportSchema), total: Type.Integer() });
export const PurchaseImportParams = Type.Object({ id: Uuid }, { additionalProperties: false });

export const PurchaseImportListQuery = Type.Object(
  {
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
  },
  { additionalProperties: false },
);

export const PurchaseUploadQuery = Type.Object(
  {
    fileName: Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: 'the file name to record (else the X-File-Name header)' })),
    id: Type.Optional({ ...Uuid, description: 'an id of your choosing for the import, so its progress can be polled while the upload runs' }),
  },
  { additionalProperties: false },
);

const Purchase = Type.Object(
  {
    customerRef: Type.String({ minLength: 1, maxLength: 200, description: 'your customer id, as in the invites and responses' }),
    orderRef: Type.String({ minLength: 1, maxLength: 200, description: 'your order or receipt number; the import is idempotent on it' }),
    purchasedAt: Type.String({ maxLength: 40, description: '2026-03-01 or 2026-03-01T09:30:00Z; after 2000, not later than tomorrow' }),
    amount: Type.Union([Type.Number({ minimum: 0 }), Type.String({ maxLength: 20 })], { description: 'at least 0, at most two decimals: 12.5 or "12.50"' }),
    currency: Type.Optional(Type.String({ maxLength: 3, description: 'ISO 4217, e.g. EUR' })),
    channel: Type.Optional(Type.String({ maxLength: 100, description: 'where it was bought, e.g. store, web, app' })),
  },
  { additionalProperties: false },
);
export type PurchaseItem = Static<typeof Purchase>;

export const PurchaseBatchBody = Type.Object({ purchases: Type.Array(Purchase, { minItems: 1, maxItems: MAX_BATCH_PURCHASES }) }, { additionalProperties: false });
export type PurchaseBatchBody = Static<typeof PurchaseBatchBody>;
