/**
 * Purchase history in (issue 17): CSV upload from the browser and JSON batches with an API key
 * (`purchases:write`), each a recorded import (purchase_import) applied in one transaction or not at
 * all, idempotent on the order reference. docs/API.md "Purchase history", docs/PURCHASES.md.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { tenantOf } from '../accounts/plugin.js';
import { auditFromRequest } from '../audit/service.js';
import { ApiError, ErrorResponse } from '../errors.js';
import { MAX_PURCHASE_FILE_BYTES, spooledCsvPurchaseRecords } from './csv.js';
import type { PurchaseColumn } from './fields.js';
import {
  MAX_BATCH_PURCHASES,
  PurchaseBatchBody,
  PurchaseImportListQuery,
  PurchaseImportListResponse,
  PurchaseImportParams,
  PurchaseImportResponse,
  PurchaseUploadQuery,
  type PurchaseItem,
} from './schemas.js';
import { getImport, importJson, importPurchases, listImports, type ImportItem, type PurchaseDatabase } from './service.js';

const writePurchases = { access: { anyOf: ['purchases:write' as const] } };
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };
/**
 * How long the socket of an upload may sit idle while its rows are checked and applied (a million
 * rows take minutes on a busy machine), instead of CONNECTION_TIMEOUT_MS; restored when it answers.
 */
const IMPORT_IDLE_MS = 30 * 60 * 1000;

/** Lets the request's connection wait for a long import, then gives it back its usual idle limit. */
function allowLongImport(request: FastifyRequest, reply: FastifyReply): void {
  const socket = request.raw.socket as Partial<typeof request.raw.socket> | undefined;
  // An injected request (tests) has no real socket to keep open.
  if (typeof socket?.setTimeout !== 'function') return;
  const usual = socket.timeout ?? 0;
  socket.setTimeout(IMPORT_IDLE_MS);
  reply.raw.once('close', () => socket.setTimeout?.(usual));
}

/** A JSON batch of MAX_BATCH_PURCHASES purchases of about 250 bytes each, with room. */
const BATCH_BODY_LIMIT = 8 * 1024 * 1024;

const BATCH_FIELDS: Record<PurchaseColumn, keyof PurchaseItem> = {
  customer_ref: 'customerRef',
  order_ref: 'orderRef',
  purchased_at: 'purchasedAt',
  amount: 'amount',
  currency: 'currency',
  channel: 'channel',
};

function createdByOf(request: FastifyRequest): string | null {
  return request.principal?.kind === 'user' ? request.principal.userId : null;
}

/** The file name from `?fileName=` or the X-File-Name header (percent-encoded for names beyond ASCII). */
function fileNameOf(request: FastifyRequest, query: string | undefined): string | null {
  const header = request.headers['x-file-name'];
  let name = query ?? (typeof header === 'string' ? header : undefined);
  if (name === undefined) return null;
  try {
    name = decodeURIComponent(name);
  } catch {
    throw new ApiError('VALIDATION_FAILED', 'X-File-Name is not valid percent-encoding; encode it with encodeURIComponent.', [{ path: '/headers/x-file-name', message: 'is not valid percent-encoding' }]);
  }
  name = name.trim().slice(0, 255);
  return name === '' ? null : name;
}

async function* batchItems(body: PurchaseBatchBody): AsyncGenerator<ImportItem> {
  for (const [index, purchase] of body.purchases.entries()) {
    yield {
      line: index,
      input: {
        customer_ref: purchase.customerRef,
        order_ref: purchase.orderRef,
        purchased_at: purchase.purchasedAt,
        amount: typeof purchase.amount === 'number' ? String(purchase.amount) : purchase.amount,
        currency: purchase.currency,
        channel: purchase.channel,
      },
    };
  }
}

export const purchaseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const databaseOf = (request: FastifyRequest): PurchaseDatabase => ({ ...tenantOf(request), kind: app.databaseKind, acquireClient: app.acquireDatabaseClient });

  // The raw request stream: the file goes to a temporary file as it arrives, never into memory (csv.ts limits its size).
  app.addContentTypeParser('text/csv', { bodyLimit: MAX_PURCHASE_FILE_BYTES }, (_request, payload, done) => done(null, payload));

  app.post(
    '/purchase-imports',
    {
      config: writePurchases,
      bodyLimit: MAX_PURCHASE_FILE_BYTES,
      schema: {
        querystring: PurchaseUploadQuery,
        description: 'Body: the CSV file as text/csv (UTF-8), columns customer_ref, order_ref, purchased_at, amount, currency, channel; see docs/PURCHASES.md.',
        response: { 201: PurchaseImportResponse, ...errors, 413: ErrorResponse, 415: ErrorResponse, 422: ErrorResponse },
      },
    },
    async (request, reply) => {
      const body = request.body as Readable | undefined;
      if (!body || typeof (body as Partial<Readable>).pipe !== 'function') {
        throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'Send the purchase file as the body with Content-Type: text/csv (docs/PURCHASES.md).');
      }
      allowLongImport(request, reply);
      try {
        const record = await importPurchases(databaseOf(request), spooledCsvPurchaseRecords(body), {
          id: request.query.id,
          source: 'csv',
          fileName: fileNameOf(request, request.query.fileName),
          createdBy: createdByOf(request),
          pathOf: (line, column) => `/lines/${line}${column ? `/${column}` : ''}`,
          audit: (trx, details) => auditFromRequest(request, 'purchases_imported', `purchase_import:${details.importId}`, details, trx),
        });
        return reply.code(201).send({ import: importJson(record) });
      } finally {
        // What the import did not read (it stopped before the end) is discarded, so the answer can go out.
        if (!body.readableEnded) body.resume();
      }
    },
  );

  app.post(
    '/purchases',
    {
      config: writePurchases,
      bodyLimit: BATCH_BODY_LIMIT,
      schema: {
        body: PurchaseBatchBody,
        description: `Up to ${MAX_BATCH_PURCHASES} purchases, stored all or none, idempotent on orderRef; recorded as an import (source api).`,
        response: { 201: PurchaseImportResponse, ...errors, 413: ErrorResponse },
      },
    },
    async (request, reply) => {
      allowLongImport(request, reply);
      const record = await importPurchases(databaseOf(request), batchItems(request.body), {
        source: 'api',
        fileName: null,
        createdBy: createdByOf(request),
        pathOf: (index, column) => `/purchases/${index}${column ? `/${BATCH_FIELDS[column]}` : ''}`,
        audit: (trx, details) => auditFromRequest(request, 'purchases_imported', `purchase_import:${details.importId}`, details, trx),
      });
      return reply.code(201).send({ import: importJson(record) });
    },
  );

  app.get(
    '/purchase-imports',
    { config: writePurchases, schema: { querystring: PurchaseImportListQuery, response: { 200: PurchaseImportListResponse, ...errors } } },
    async (request) => listImports(tenantOf(request), { offset: request.query.offset ?? 0, limit: request.query.limit ?? 20 }),
  );

  app.get(
    '/purchase-imports/:id',
    { config: writePurchases, schema: { params: PurchaseImportParams, response: { 200: PurchaseImportResponse, ...errors } } },
    async (request) => ({ import: importJson(await getImport(tenantOf(request), request.params.id)) }),
  );
};
