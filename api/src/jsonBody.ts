/**
 * The one body parser of the API (application/json), shared by every write route:
 * - the raw bytes must be valid UTF-8 (RFC 8259 §8.1); a fatal decoder refuses them instead of
 *   silently replacing bad bytes with U+FFFD → 400 INVALID_JSON;
 * - __proto__ and constructor.prototype keys are refused (Fastify's secure-json-parse) → 400 INVALID_JSON;
 * - no string, key or value, anywhere in the body may hold NUL or half of a surrogate pair (PostgreSQL
 *   text and jsonb refuse NUL; a lone surrogate is no character and no valid UTF-8 once stored)
 *   → 400 VALIDATION_FAILED naming the first such field by its JSON pointer, field code INVALID_CHARACTERS.
 * Both characters can only arrive as `\u` escapes (the decoder refuses encoded surrogates, JSON refuses
 * raw control characters), so a body without a backslash-u skips the walk.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from './errors.js';
import { hasInvalidCharacters } from './model/answers.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A key as a JSON-pointer segment (RFC 6901: ~ → ~0, / → ~1). */
const pointerSegment = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

/**
 * The JSON pointer of the first string (key or value, in document order) holding NUL or a lone surrogate.
 * Iterative, so deep nesting cannot overflow the stack.
 * @example firstInvalidText({ answers: { comment: 'a\u0000' } }) // → '/answers/comment'
 */
export function firstInvalidText(root: unknown): string | undefined {
  const stack: Array<[unknown, string]> = [[root, '']];
  while (stack.length > 0) {
    const [value, pointer] = stack.pop()!;
    if (typeof value === 'string') {
      if (hasInvalidCharacters(value)) return pointer || '/';
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    const children: Array<[unknown, string]> = [];
    if (Array.isArray(value)) {
      value.forEach((item, index) => children.push([item, `${pointer}/${index}`]));
    } else {
      for (const [key, item] of Object.entries(value)) {
        const childPointer = `${pointer}/${pointerSegment(key)}`;
        if (hasInvalidCharacters(key)) return childPointer;
        children.push([item, childPointer]);
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return undefined;
}

/** Replaces Fastify's JSON and text parsers: JSON only (anything else → 415), checked as described above. */
export function registerJsonBodyParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request: FastifyRequest, raw: Buffer, done) => {
    let text: string;
    try {
      text = utf8.decode(raw);
    } catch {
      done(new ApiError('INVALID_JSON', 'The body is not valid UTF-8; send JSON encoded as UTF-8.'), undefined);
      return;
    }
    parseJson(request, text, (error, body) => {
      if (error) return done(error, undefined);
      const badField = text.includes('\\u') ? firstInvalidText(body) : undefined;
      if (badField !== undefined) {
        const message = 'holds a NUL character or half of a surrogate pair; remove it';
        return done(
          new ApiError('VALIDATION_FAILED', `${badField} ${message}.`, [{ path: badField, message, code: 'INVALID_CHARACTERS' }]),
          undefined,
        );
      }
      done(null, body);
    });
  });
}
