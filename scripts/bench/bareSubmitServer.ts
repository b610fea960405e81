/**
 * The ingest bench's second limit (DESIGN.md "Budgets"): a bare Fastify server whose one route parses and
 * validates the same body as `POST /api/surveys/:id/responses` (the same TypeBox schemas and validator
 * compiler) and answers 201 without a database. Started by scripts/bench/ingest.ts as a child process;
 * prints "bare submit route on http://…" once it listens.
 */
import { randomUUID } from 'node:crypto';
import { TypeBoxValidatorCompiler, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import { SubmitResponseBody, SubmitResponseResult } from '../../api/src/responses/schemas.js';
import { SurveyParams } from '../../api/src/surveys/schemas.js';

const app = Fastify({ logger: false }).withTypeProvider<TypeBoxTypeProvider>();
app.setValidatorCompiler(TypeBoxValidatorCompiler);
app.post(
  '/api/surveys/:id/responses',
  { schema: { params: SurveyParams, body: SubmitResponseBody, response: { 201: SubmitResponseResult } } },
  async (_request, reply) => reply.code(201).send({ id: randomUUID(), duplicate: false }),
);
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
if (!address || typeof address === 'string') throw new Error('the bare server has no port');
console.log(`bare submit route on http://127.0.0.1:${address.port}`);
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void app.close().then(() => process.exit(0)));
