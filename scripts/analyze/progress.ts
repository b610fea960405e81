/**
 * Progress of a long analyze run on stderr — never stdout, which holds only the report. Shown for
 * files past 100,000 rows: nothing is written before the 100,000th row, then about once a second
 * "rows read, rows per second". Only when stderr is a terminal (the line is redrawn in place and
 * cleared at the end), or when ANALYZE_PROGRESS=1 asks for it elsewhere (then one line per update, so
 * a log file stays readable); ANALYZE_PROGRESS=0 turns it off on a terminal too.
 */
export const PROGRESS_FROM_ROWS = 100_000;

interface ProgressTarget {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface Progress {
  /** Records read so far (header included); cheap to call often. */
  update: (records: number) => void;
  /** Clear the terminal line; call once when reading stops, failed or not. */
  done: () => void;
}

/**
 * A progress reporter for `stderr`, or null when none should be shown (see the module comment).
 *
 * @example
 * const progress = createProgress(process.stderr); // null when stderr is a file or a pipe
 */
export function createProgress(stderr: ProgressTarget, env: NodeJS.ProcessEnv = process.env, now: () => number = Date.now): Progress | null {
  const asked = env.ANALYZE_PROGRESS;
  const terminal = stderr.isTTY === true;
  if (asked === '0' || (!terminal && asked !== '1')) return null;
  const started = now();
  let last = started;
  let shown = false;
  const rows = new Intl.NumberFormat('en');
  return {
    update(records) {
      const read = records - 1;
      if (read < PROGRESS_FROM_ROWS) return;
      const time = now();
      if (shown && time - last < 1000) return;
      last = time;
      shown = true;
      const rate = read / Math.max((time - started) / 1000, 1e-3);
      const text = `analyze: ${rows.format(read)} rows read, ${rows.format(Math.round(rate))} rows/s`;
      stderr.write(terminal ? `\r${text}\u001b[K` : `${text}\n`);
    },
    done() {
      if (shown && terminal) stderr.write('\r\u001b[K');
    },
  };
}
