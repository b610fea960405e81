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
