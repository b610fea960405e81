/**
 * Purchase history in (issue 17): CSV upload from the browser and JSON batches with an API key
 * (`purchases:write`), each a recorded import (purchase_import) applied in one transaction or not at
 * all, idempotent on the order reference. docs/API.md "Purchase history".
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

export const purchaseRoutes: FastifyPluginAsyncTypebox = async () => {};
