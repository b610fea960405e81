import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

/** Issue 16: filled in by its owner (see /work/wt/CONTEXT-16.md). */
export const builderRoutes: FastifyPluginAsyncTypebox = async () => {};
