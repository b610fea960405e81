/**
 * Bad input to the analyze CLI (file, column, value, flag): reported on stderr with exit code 2.
 * `line` and `column` are 1-based positions in the input file when the problem is in it.
 */
export class InputError extends Error {
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(message: string, position: { line?: number; column?: number } = {}) {
    super(message);
    this.name = 'InputError';
    this.line = position.line;
    this.column = position.column;
  }
}

/**
 * The same error at a line of the input, for an error raised without one (answersOf without a line):
 * a reader works the line out only when a row fails.
 *
 * @example
 * throw atLine(error, lineOfRow(rowIndex));
 */
export function atLine(error: unknown, line: number): unknown {
  if (!(error instanceof InputError) || error.line !== undefined) return error;
  return new InputError(error.message, error.column === undefined ? { line } : { line, column: error.column });
}
