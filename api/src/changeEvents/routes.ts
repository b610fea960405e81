/**
 * Change events (issue 17): dated events ("new recipe", "price rise") per company or per survey that
 * analysts add, edit and remove; the report compares before and after any of them. docs/API.md
 * "Change events".
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

export const changeEventRoutes: FastifyPluginAsyncTypebox = async () => {};
