/**
 * Serialization of one full-template /report response (issue 13): the route's typed response schema
 * (reports/schemas.ts SegmentReportResponse) against the loose one it replaced (the report as an
 * object with any properties, which fast-json-stringify hands to JSON.stringify), and JSON.stringify
 * itself. Both serializers are compiled by Fastify's own serializer compiler
 * (`reply.compileSerializationSchema`), as the route's is. Prints microseconds per response, best of
 * RUNS; no budget, only a comparison.
 *
 *   npx tsx scripts/bench/report-serialization.ts [--respondents 2000] [--iterations 2000]
 */
import Fastify from 'fastify';
import { Type } from 'typebox';
import { segmentReport } from '../../api/src/analytics/segmentReport.js';
import { mulberry32 } from '../../api/src/analytics/seededRandom.js';
import type { Respondent } from '../../api/src/analytics/scoring.js';
import type { Answers } from '../../api/src/model/definition.js';
import { fullTemplate } from '../../api/src/model/template.js';
import { SegmentReportResponse } from '../../api/src/reports/schemas.js';
import { withWarningMessages } from '../../api/src/reports/warningMessages.js';

const DAY = 86_400_000;
const RUNS = 5;

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}
const respondentCount = option('--respondents', 2000);
const iterations = option('--iterations', 2000);

/** The response schema before issue 13: the report passed through as any object. */
const LooseResponse = Type.Object({
  surveyId: Type.String(),
  generatedAt: Type.String(),
  changeEvent: Type.Union([Type.Object({ at: Type.String(), title: Type.String() }), Type.Null()]),
  report: Type.Unsafe({ type: 'object', additionalProperties: true }),
});

function respondents(count: number): Respondent[] {
  const definition = fullTemplate();
  const random = mulberry32(13);
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const start = Date.UTC(2025, 0, 1);
  return Array.from({ length: count }, () => {
    const attitude = between(1, 5);
    const answers: Answers = {};
    for (const question of definition.questions) {
      if (random() < 0.08) continue;
      if (question.showIf && answers[question.showIf.questionId] !== question.showIf.equals) continue;
      if (question.type === 'scale') answers[question.id] = Math.min(question.max, Math.max(question.min, attitude + between(-1, 1)));
      else if (question.type === 'count') answers[question.id] = between(0, 12);
      else if (question.type === 'choice') answers[question.id] = question.options[between(0, question.options.length - 1)]!.value;
      else answers[question.id] = 'Good bread';
    }
    const surveyedAt = start + between(0, 300) * DAY;
    return { answers, surveyedAt, purchases: { purchasedAt: [surveyedAt - between(1, 300) * DAY, surveyedAt + between(1, 400) * DAY], observedUntil: start + 500 * DAY } };
  });
}

const payload = {
  surveyId: '00000000-0000-4000-8000-000000000000',
  generatedAt: new Date().toISOString(),
  changeEvent: { at: '2025-06-01T00:00:00.000Z', title: 'New recipe' },
  report: withWarningMessages(segmentReport(fullTemplate(), respondents(respondentCount), { changeEvent: { at: Date.UTC(2025, 5, 1), label: 'New recipe' } })),
};

const app = Fastify();
let serializers: Record<string, (data: typeof payload) => string> = {};
app.get('/compile', async (_request, reply) => {
  // Fastify types a schema as a plain record; a TypeBox schema is one.
  const compile = (schema: object) => reply.compileSerializationSchema(schema as Record<string, unknown>);
  serializers = {
    'typed schema (now)': compile(SegmentReportResponse),
    'loose schema (before)': compile(LooseResponse),
    'JSON.stringify': (data) => JSON.stringify(data),
  };
  return {};
});
await app.inject({ url: '/compile' });
await app.close();

const expected = JSON.stringify(payload);
console.log(`full-template report of ${respondentCount} respondents: ${(expected.length / 1024).toFixed(1)} KiB of JSON`);
for (const [name, serialize] of Object.entries(serializers)) {
  const json = serialize(payload);
  if (JSON.stringify(JSON.parse(json)) !== expected) throw new Error(`${name} does not produce the same JSON as JSON.stringify`);
  for (let i = 0; i < 200; i++) serialize(payload);
  let best = Infinity;
  for (let run = 0; run < RUNS; run++) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) serialize(payload);
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1000 / iterations);
  }
  console.log(`${name.padEnd(24)} ${best.toFixed(1)} µs per response (best of ${RUNS} × ${iterations})`);
}
