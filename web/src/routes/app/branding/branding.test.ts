import { describe, expect, it } from 'vitest';
import { contrastOnWhite, isWebUrl, logoProblem, normalHex, ratioText } from './branding.js';
import { contrastRatio } from './contrast.js';

describe('branding checks', () => {
  it('computes WCAG contrast', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastOnWhite('#1f4e79').passes).toBe(true);
    expect(contrastOnWhite('#ffcc00').passes).toBe(false);
  });

  it('reads hex colours the way people type them', () => {
    expect(normalHex('#1F4E79')).toBe('#1f4e79');
    expect(normalHex('abc')).toBe('#aabbcc');
    expect(normalHex('#12345')).toBeNull();
    expect(normalHex('red')).toBeNull();
  });

  it('refuses a logo of another type or over 200 KB before uploading', () => {
    expect(logoProblem({ type: 'image/png', size: 1000 })).toBeNull();
    expect(logoProblem({ type: 'image/gif', size: 1000 })).toBe('type');
    expect(logoProblem({ type: 'image/jpeg', size: 200 * 1024 + 1 })).toBe('size');
  });

  it('accepts only web links as the privacy notice', () => {
    expect(isWebUrl('https://example.com/privacy')).toBe(true);
    expect(isWebUrl('javascript:alert(1)')).toBe(false);
    expect(isWebUrl('example.com')).toBe(false);
  });
});

describe('ratioText', () => {
  it('writes the ratio as each language does, never rounding up to a pass', () => {
    expect(ratioText('en', 4.4999)).toBe('4.49');
    expect(ratioText('ru', 8.9)).toBe('8,9');
    expect(ratioText('ka', 4.541)).toBe('4,54');
  });
});
