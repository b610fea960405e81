/**
 * Poisson random variates from a uniform generator, the algorithms NumPy's `random_poisson` uses, so
 * a reference script can reproduce a stream exactly: Knuth's multiplication method for λ < 10 and
 * PTRS, transformed rejection with squeeze (Hörmann 1993, "The transformed rejection method for
 * generating Poisson random variables", Insurance: Mathematics and Economics 12), for λ ≥ 10.
 */

const LOG_GAMMA_SERIES = [
  8.333333333333333e-2, -2.777777777777778e-3, 7.936507936507937e-4, -5.952380952380952e-4, 8.417508417508418e-4,
  -1.917526917526918e-3, 6.41025641025641e-3, -2.955065359477124e-2, 1.796443723688307e-1, -1.3924322169059,
];

/**
 * log Γ(x) for x > 0 by the Stirling series with argument shift below 7 (NumPy `random_loggam`).
 *
 * @example
 * logGamma(5); // => 3.1780538303479458 (log 24)
 */
export function logGamma(x: number): number {
  if (x === 1 || x === 2) return 0;
  const shift = x < 7 ? Math.trunc(7 - x) : 0;
  let x0 = x + shift;
  const x2 = (1 / x0) * (1 / x0);
  let series = LOG_GAMMA_SERIES[9]!;
  for (let k = 8; k >= 0; k--) series = series * x2 + LOG_GAMMA_SERIES[k]!;
  let result = series / x0 + 0.5 * 1.8378770664093453 + (x0 - 0.5) * Math.log(x0) - x0;
  for (let k = 1; k <= shift; k++) {
    result -= Math.log(x0 - 1);
    x0 -= 1;
  }
  return result;
}

/**
 * One Poisson(λ) variate drawn with `random` (uniform on [0, 1)).
 *
 * @example
 * poissonVariate(mulberry32(1), 3); // => a whole number ≥ 0, the same for the same seed
 */
export function poissonVariate(random: () => number, lambda: number): number {
  return poissonSampler(lambda)(random);
}

/**
 * Draws Poisson(λ) variates for one λ, with the constants of λ computed once: the bootstrap draws the
 * same λ a thousand times (wordOfMouth.ts). Every draw equals `poissonVariate(random, lambda)` from the
 * same stream, bit for bit (the same operations on the same values).
 *
 * @example
 * const draw = poissonSampler(40); draw(random); draw(random);
 */
export function poissonSampler(lambda: number): (random: () => number) => number {
  if (lambda === 0) return () => 0;
  if (lambda < 10) {
    const limit = Math.exp(-lambda);
    return (random) => {
      let count = 0;
      let product = 1;
      for (;;) {
        product *= random();
        if (product > limit) count++;
        else return count;
      }
    };
  }
  const slam = Math.sqrt(lambda);
  const logLambda = Math.log(lambda);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const inverseAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const logInverseAlpha = Math.log(inverseAlpha);
  const vr = 0.9277 - 3.6224 / (b - 2);
  return (random) => {
    for (;;) {
      const u = random() - 0.5;
      const v = random();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (Math.log(v) + logInverseAlpha - Math.log(a / (us * us) + b) <= -lambda + k * logLambda - logGamma(k + 1)) {
        return k;
      }
    }
  };
}
