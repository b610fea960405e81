import { describe, expect, it } from 'vitest';
import { expectRelativelyClose } from './fixtures/expectClose.js';
import { NPS_Z } from './nps.js';
import { NORMAL_CRITICAL_95, normalCriticalValue } from './normalCriticalValue.js';

describe('normalCriticalValue', () => {
  it('gives R’s qnorm(0.975) = 1.9599639845400536 as the one 95% critical value', () => {
    expectRelativelyClose(NORMAL_CRITICAL_95, 1.9599639845400536, 'Φ⁻¹(0.975)');
    expect(normalCriticalValue(0.95)).toBe(NORMAL_CRITICAL_95);
  });

  it('gives R’s qnorm(0.95) and qnorm(0.995) for 90% and 99%', () => {
    expectRelativelyClose(normalCriticalValue(0.9), 1.6448536269514715, 'Φ⁻¹(0.95)');
    expectRelativelyClose(normalCriticalValue(0.99), 2.5758293035488999, 'Φ⁻¹(0.995)');
  });

  it('leaves the NPS its 1.96, the one place DESIGN.md fixes a rounded value', () => {
    expect(NPS_Z).toBe(1.96);
    expect(NPS_Z).not.toBe(NORMAL_CRITICAL_95);
  });

  it('refuses a level outside (0, 1)', () => {
    expect(() => normalCriticalValue(1)).toThrow(RangeError);
    expect(() => normalCriticalValue(0)).toThrow(RangeError);
  });
});
