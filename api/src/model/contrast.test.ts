import { describe, expect, it } from 'vitest';
import { contrastRatio, contrastText, isHexColour, MIN_CONTRAST_ON_WHITE, relativeLuminance } from './contrast.js';

// Expected ratios: WebAIM's contrast checker (#777777 4.48:1, #767676 4.54:1, #0000ff 8.59:1, #ff0000 4:1)
// and the WCAG 2 formula evaluated separately in Python (values to 4 decimals).
describe('contrastRatio', () => {
  it.each([
    ['#777777', 4.4781],
    ['#767676', 4.5422],
    ['#000000', 21],
    ['#0000ff', 8.5925],
    ['#ff0000', 3.9985],
    ['#ffcc00', 1.512],
    ['#ffffff', 1],
  ])('gives %s on white %f', (colour, expected) => {
    expect(contrastRatio(colour, '#ffffff')).toBeCloseTo(expected, 3);
  });

  it('does not depend on the order of the two colours or the case of the digits', () => {
    expect(contrastRatio('#ffffff', '#0A5CFF')).toBe(contrastRatio('#0a5cff', '#FFFFFF'));
  });

  it('puts the WCAG AA line between #777777 and #767676', () => {
    expect(contrastRatio('#777777', '#ffffff')).toBeLessThan(MIN_CONTRAST_ON_WHITE);
    expect(contrastRatio('#767676', '#ffffff')).toBeGreaterThanOrEqual(MIN_CONTRAST_ON_WHITE);
  });
});

describe('relativeLuminance', () => {
  it('weighs the primaries as WCAG does', () => {
    expect(relativeLuminance('#ff0000')).toBeCloseTo(0.2126, 10);
    expect(relativeLuminance('#00ff00')).toBeCloseTo(0.7152, 10);
    expect(relativeLuminance('#0000ff')).toBeCloseTo(0.0722, 10);
    expect(relativeLuminance('#777777')).toBeCloseTo(0.184475, 6);
  });

  it('refuses what is not #rrggbb', () => {
    for (const colour of ['#fff', 'red', '#gggggg', '777777', '#7777777']) {
      expect(isHexColour(colour), colour).toBe(false);
      expect(() => relativeLuminance(colour), colour).toThrow(RangeError);
    }
  });
});

describe('contrastText', () => {
  it('shows two decimals, never rounding a failing ratio up to the minimum', () => {
    expect(contrastText(contrastRatio('#777777', '#ffffff'))).toBe('4.48');
    expect(contrastText(2.9061)).toBe('2.91');
    expect(contrastText(4.4999)).toBe('4.49');
    expect(contrastText(21)).toBe('21');
  });
});
