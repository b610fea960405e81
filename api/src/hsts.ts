/**
 * Strict-Transport-Security on answers to requests that came over HTTPS (directly, or through a
 * proxy TRUST_PROXY believes). Never over plain HTTP: the app also runs on localhost and LANs without
 * TLS, and a browser ignores HSTS received over HTTP anyway (RFC 6797 §8.1).
 */
import type { FastifyInstance } from 'fastify';

export const HSTS_VALUE = 'max-age=31536000; includeSubDomains';

/** Adds the onRequest hook on the root instance, so API, static files and the SPA shell all get it. */
export function registerHsts(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS_VALUE);
    done();
  });
}
