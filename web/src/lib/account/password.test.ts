import { describe, expect, it } from 'vitest';
import { PASSWORD_MIN_CHARACTERS as API_MINIMUM } from '../../../../api/src/accounts/schemas.js';
import { PASSWORD_MIN_CHARACTERS } from './password.js';

describe('the link page password check', () => {
  it('asks for as many characters as the API does', () => {
    expect(PASSWORD_MIN_CHARACTERS).toBe(API_MINIMUM);
  });
});
