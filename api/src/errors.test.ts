import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { ERROR_CODES, ErrorResponse } from './errors.js';

it('documents every error code in docs/API.md', () => {
  const doc = fs.readFileSync(path.resolve(import.meta.dirname, '..', '..', 'docs', 'API.md'), 'utf8');
  const undocumented = Object.keys(ERROR_CODES).filter((code) => !doc.includes(`\`${code}\``));
  expect(undocumented).toEqual([]);
});

it('lists exactly the registry\'s codes in the error body schema', () => {
  const codes = ErrorResponse.properties.error.properties.code.anyOf.map((literal) => literal.const);
  expect(codes).toEqual(Object.keys(ERROR_CODES));
});
