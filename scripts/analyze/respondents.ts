/**
 * `--respondents FILE`: one CSV row per respondent, so the segments go back into a CRM. The scores
 * are the analytics module's own (`scoreAndSegment` on the run's compiled survey scoring, the same
 * thresholds as the report), so the segment counts of the file are the report's. Written to a
 * temporary file beside the target and renamed at the end, so a run stopped by bad input leaves no
 * half-written file that looks like a result.
 */
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import type { Answers, SurveyDefinition, Thresholds } from '../../api/src/model/definition.js';
import { scoreAndSegment } from '../../api/src/analytics/scoredRespondent.js';
import { SCORED_CONSTRUCTS } from '../../api/src/analytics/scoring.js';
import { compileSurveyScoring, createScoringBuffers, type ScoringBuffers, type SurveyScoring } from '../../api/src/analytics/surveyScoring.js';
import { InputError } from './inputError.js';

/** The columns after the id; score_s … exchange_type are named as the platform's stored scores (migration 0005). */
export const RESPONDENT_COLUMNS = ['score_s', 'score_e', 'score_b', 'discount_dependent', 'exchange_type', 'segment', 'loyalty_type', 'unclassified_reason'];

const FLUSH_AT = 1 << 16;

/** RFC 4180: quoted when it holds a comma, a quote or a line break, inner quotes doubled. */
export function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export interface RespondentsWriter {
  /** One respondent: its id (the --id cell, or the row number) and its answers. */
  add(id: string, answers: Answers): void;
  /** Flush, close and move the file into place. */
  finish(): void;
  /** Close and remove the temporary file (bad input stopped the run). */
  abandon(): void;
}

/**
 * Open the respondents file. `idHeader` is the first column's name: the --id column's, or `row`.
 *
 * @example
 * const out = createRespondentsWriter('segments.csv', plan.definition, thresholds, 'Resp ID');
 * out.add('A-17', answers); out.finish();
 */
export function createRespondentsWriter(path: string, definition: SurveyDefinition, thresholds: Thresholds, idHeader: string): RespondentsWriter {
  const scoring: SurveyScoring = compileSurveyScoring(definition);
  const buffers: ScoringBuffers = createScoringBuffers(scoring);
  const noItems = SCORED_CONSTRUCTS.map((construct) => scoring.newest.model.constructItems[construct].length === 0);
  const temporary = `${path}.partial-${process.pid}`;
  let fd: number;
  try {
    fd = openSync(temporary, 'w');
  } catch (error) {
    throw new InputError(`Cannot write the respondents file ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
  }
  let pending = `${[csvCell(idHeader), ...RESPONDENT_COLUMNS].join(',')}\n`;
  const flush = () => {
    writeSync(fd, pending);
    pending = '';
  };
  const number = (value: number | null) => (value === null ? '' : String(value));

  return {
    add(id, answers) {
      const { scores, segment, loyaltyType } = scoreAndSegment(scoring, thresholds, { answers }, buffers);
      let reason = '';
      if (segment === 'unclassified') {
        const values = [scores.satisfaction, scores.emotional, scores.behavioural];
        const parts: string[] = [];
        for (let c = 0; c < SCORED_CONSTRUCTS.length; c++) {
          if (values[c] === null) parts.push(`${SCORED_CONSTRUCTS[c]}:${noItems[c] ? 'no_items' : 'too_few_items'}`);
        }
        reason = parts.join(';');
      }
      pending +=
        `${csvCell(id)},${number(scores.satisfaction)},${number(scores.emotional)},${number(scores.behavioural)},` +
        `${scores.discountDependent === null ? '' : String(scores.discountDependent)},${scores.exchange ?? ''},${segment},${loyaltyType},${reason}\n`;
      if (pending.length >= FLUSH_AT) flush();
    },
    finish() {
      flush();
      closeSync(fd);
      renameSync(temporary, path);
    },
    abandon() {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
      rmSync(temporary, { force: true });
    },
  };
}
