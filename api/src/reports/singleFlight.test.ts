import { describe, expect, it } from 'vitest';
import { SingleFlight } from './singleFlight.js';

/** A promise with its resolve and reject handed out. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('SingleFlight', () => {
  it('runs identical work once while it is in flight and hands every caller the same result', async () => {
    const flights = new SingleFlight<number>();
    const gate = deferred<number>();
    let calls = 0;
    const work = () => (calls++, gate.promise);
    const callers = [flights.run('a', work), flights.run('a', work), flights.run('a', work)];
    await Promise.resolve();
    expect(calls).toBe(1);
    gate.resolve(7);
    expect(await Promise.all(callers)).toEqual([7, 7, 7]);
    expect(flights.size).toBe(0);
  });

  it('runs different keys apart, and starts afresh once the work has settled', async () => {
    const flights = new SingleFlight<string>();
    let calls = 0;
    const work = (value: string) => async () => (calls++, value);
    expect(await Promise.all([flights.run('a', work('A')), flights.run('b', work('B'))])).toEqual(['A', 'B']);
    expect(await flights.run('a', work('again'))).toBe('again');
    expect(calls).toBe(3);
  });

  it('gives every waiting caller the failure, then forgets it', async () => {
    const flights = new SingleFlight<number>();
    const gate = deferred<number>();
    const first = flights.run('a', () => gate.promise);
    const second = flights.run('a', () => Promise.resolve(1));
    gate.reject(new Error('database gone'));
    await expect(first).rejects.toThrow('database gone');
    await expect(second).rejects.toThrow('database gone');
    expect(await flights.run('a', () => Promise.resolve(2))).toBe(2);
  });

  it('turns work that throws synchronously into a rejection and forgets it', async () => {
    const flights = new SingleFlight<number>();
    await expect(
      flights.run('a', () => {
        throw new Error('bad');
      }),
    ).rejects.toThrow('bad');
    expect(flights.size).toBe(0);
  });
});
