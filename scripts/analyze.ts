/**
 * `npm run analyze -- --input answers.csv [--mapping map.json] [--thresholds 0.7,0.75,0.75] [--lang ru] [--json]`
 * Prints a segment report of a CSV of answers (docs/ANALYZE.md). Exit 0 on success, 2 on bad input.
 */
import { runAnalyze } from './analyze/runAnalyze.js';

process.exitCode = await runAnalyze(process.argv.slice(2), process.stdout, process.stderr);
