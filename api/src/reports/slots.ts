/**
 * How many reports and exports may run at once, per company and in the whole process, so that heavy
 * reads cannot take every database connection and CPU slice from answer submission (DESIGN.md
 * "Budgets": submission p99 ≤ 50 ms while 16 clients loop on the report). Beyond either limit the
 * route answers 429 REPORT_BUSY with Retry-After instead of queueing: a queue would hold sockets and
 * memory for work the client may no longer want.
 */
import type { FastifyReply } from 'fastify';
import { ApiError } from '../errors.js';

/** Seconds a refused client is told to wait: about one report on a large survey. */
export const REPORT_RETRY_AFTER_SECONDS = 2;

export class ReportSlots {
  private running = 0;
  private readonly runningByCompany = new Map<string, number>();

  constructor(
    readonly perCompany: number,
    readonly perProcess: number,
  ) {}

  /**
   * Takes a slot for the company, or throws REPORT_BUSY (with Retry-After set on the reply).
   * The returned release is idempotent: call it when the work is over, however it ended.
   * @example const release = slots.acquire(reply, companyId); try { … } finally { release(); }
   */
  acquire(reply: FastifyReply, companyId: string): () => void {
    const companyRunning = this.runningByCompany.get(companyId) ?? 0;
    if (companyRunning >= this.perCompany || this.running >= this.perProcess) {
      reply.header('retry-after', String(REPORT_RETRY_AFTER_SECONDS));
      const scope = companyRunning >= this.perCompany ? `for this company (${this.perCompany})` : `on this server (${this.perProcess})`;
      throw new ApiError(
        'REPORT_BUSY',
        `As many reports and exports as allowed ${scope} are running; try again in ${REPORT_RETRY_AFTER_SECONDS} s.`,
      );
    }
    this.running++;
    this.runningByCompany.set(companyId, companyRunning + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running--;
      const left = (this.runningByCompany.get(companyId) ?? 1) - 1;
      if (left === 0) this.runningByCompany.delete(companyId);
      else this.runningByCompany.set(companyId, left);
    };
  }

  /** Slots in use, for tests and logs. */
  inUse(): { total: number; byCompany: Record<string, number> } {
    return { total: this.running, byCompany: Object.fromEntries(this.runningByCompany) };
  }
}
