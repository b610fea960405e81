/**
 * One computation for identical requests in flight: the second caller of `run` with a key whose work
 * is still running gets the same promise instead of starting it again. Many managers opening the same
 * dashboard at once, or a client looping on a report, cost one report at a time, not one each — so
 * reports cannot crowd answer submission out of the CPU (issue 14, DESIGN.md "Budgets"). Nothing is
 * kept once the work settles: the next call computes afresh, so no answer is ever staler than the
 * request that started it.
 */
export class SingleFlight<T> {
  private readonly inFlight = new Map<string, Promise<T>>();

  /**
   * @example const report = await flights.run(`${companyId} ${surveyId}`, () => computeReport());
   */
  run(key: string, work: () => Promise<T>): Promise<T> {
    const running = this.inFlight.get(key);
    if (running) return running;
    const started = Promise.resolve()
      .then(work)
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, started);
    return started;
  }

  /** Keys with work running, for tests. */
  get size(): number {
    return this.inFlight.size;
  }
}
