import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

export interface InviteRouteOptions {
  /** The address respondents reach the app at (PUBLIC_URL), for the links in exports and QR codes. */
  publicUrl: string | undefined;
}

/** Issue 16: filled in by its owner (see /work/wt/CONTEXT-16.md). */
export const inviteRoutes: FastifyPluginAsyncTypebox<InviteRouteOptions> = async () => {};
