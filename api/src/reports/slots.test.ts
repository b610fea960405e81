import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import { ReportSlots } from './slots.js';

/** A real reply to set Retry-After on. */
async function withReply(run: (reply: import('fastify').FastifyReply) => void): Promise<void> {
  const app = Fastify();
  app.get('/', async (_request, reply) => {
    run(reply);
    return {};
  });
  await app.inject({ url: '/' });
  await app.close();
}

describe('ReportSlots', () => {
  it('gives each company its limit and the process its own, and takes nothing for a refusal', async () => {
    const slots = new ReportSlots(2, 3);
    await withReply((reply) => {
      const a1 = slots.acquire(reply, 'a');
      slots.acquire(reply, 'a');
      expect(() => slots.acquire(reply, 'a')).toThrow(ApiError);
      expect(reply.getHeader('retry-after')).toBe('2');
      slots.acquire(reply, 'b');
      expect(() => slots.acquire(reply, 'c')).toThrow(/on this server/);
      expect(slots.inUse()).toEqual({ total: 3, byCompany: { a: 2, b: 1 } });
      a1();
      a1();
      expect(slots.inUse()).toEqual({ total: 2, byCompany: { a: 1, b: 1 } });
      expect(() => slots.acquire(reply, 'c')).not.toThrow();
    });
  });
});
