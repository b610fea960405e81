/**
 * Service recovery (DESIGN.md): loyal share and mean E for no problem / resolved / partly / not
 * resolved, each split by whether a gesture (apology or small gift) was received. Memory: a few
 * counters and streaming means per group; a saved state is per cell [n, loyal, unclassified, then
 * the mean state of E], merged by adding the counts and pooling the means.
 */
import { expectState, stateNumber, stateNumbers, stateObject } from './jsonState.js';
import { createMeanAccumulator, UNIT_SCALE, type MeanAccumulator, type MeanResult } from './meanSummary.js';
import type { AnalyticsWarning } from './result.js';
import type { JsonState, MergeableAccumulator, ScoredRespondent } from './scoredRespondent.js';
import type { SurveyScoring } from './surveyScoring.js';
import { shareOf, type ShareResult } from './wilson.js';

export type RecoveryGroup = 'no_problem' | 'resolved' | 'partly' | 'not_resolved';
export const RECOVERY_GROUPS: readonly RecoveryGroup[] = ['no_problem', 'resolved', 'partly', 'not_resolved'];
export type GestureSplit = 'all' | 'gesture' | 'no_gesture';
const SPLITS: readonly GestureSplit[] = ['all', 'gesture', 'no_gesture'];

export interface RecoveryCell {
  /** Loyal share among the group's classified respondents (unclassified left out of n). */
  loyal: ShareResult;
  /** The group's unclassified respondents: not in `loyal`'s n, counted here. */
  unclassified: number;
  /** Mean emotional score E among those with an E. */
  emotional: MeanResult;
}

export interface ServiceRecoveryResult {
  /** `all` counts everyone in the group; `gesture`/`no_gesture` those who answered gesture_received. */
  groups: { group: RecoveryGroup; all: RecoveryCell; gesture: RecoveryCell; no_gesture: RecoveryCell }[];
  /** Had a problem but did not say how it ended: in no group. */
  unknownResolution: number;
  warnings: AnalyticsWarning[];
}

interface CellCounts {
  n: number;
  loyal: number;
  unclassified: number;
  emotional: MeanAccumulator;
}

/**
 * Accumulate the recovery table from the questions holding the roles had_problem, problem_resolved
 * and gesture_received in each respondent's own version.
 *
 * @example
 * const recovery = createServiceRecovery(compileSurveyScoring(fullTemplate()));
 * scored.forEach(recovery.add);
 * recovery.finish().groups[1]!.gesture.loyal.share; // loyal share after a resolved problem with a gesture
 */
export function createServiceRecovery(scoring: SurveyScoring): MergeableAccumulator<ServiceRecoveryResult> {
  const asked = scoring.versions.some((version) => version.model.roleIds.had_problem !== null);
  const cells = RECOVERY_GROUPS.map(() =>
    SPLITS.map((): CellCounts => ({ n: 0, loyal: 0, unclassified: 0, emotional: createMeanAccumulator() })),
  );
  let unknownResolution = 0;
  const count = (cell: CellCounts, scored: ScoredRespondent) => {
    cell.n++;
    if (scored.segment === 'loyal') cell.loyal++;
    if (scored.segment === 'unclassified') cell.unclassified++;
    if (scored.scores.emotional !== null) cell.emotional.add(scored.scores.emotional);
  };
  return {
    state: (): JsonState => ({
      cells: cells.flat().map((cell) => [cell.n, cell.loyal, cell.unclassified, ...cell.emotional.state()]),
      unknownResolution,
    }),
    merge(saved: JsonState) {
      const entries = stateObject(saved, 'service recovery');
      const flat = cells.flat();
      const savedCells = entries.cells;
      expectState(Array.isArray(savedCells) && savedCells.length === flat.length, 'service recovery cells');
      const values = savedCells.map((cell) => stateNumbers(cell, 6, 'service recovery cell'));
      const unknown = stateNumber(entries.unknownResolution, 'service recovery unknown resolution');
      flat.forEach((cell, i) => {
        const [n, loyal, unclassified, ...emotional] = values[i]!;
        cell.n += n!;
        cell.loyal += loyal!;
        cell.unclassified += unclassified!;
        cell.emotional.merge(emotional as [number, number, number]);
      });
      unknownResolution += unknown;
    },
    add(scored: ScoredRespondent) {
      const roles = scored.model.roleIds;
      if (roles.had_problem === null) return;
      const answers = scored.respondent.answers;
      const hadProblem = answers[roles.had_problem];
      let group: number;
      if (hadProblem === 'no') group = 0;
      else if (hadProblem === 'yes') {
        group = roles.problem_resolved === null ? -1 : RECOVERY_GROUPS.indexOf(answers[roles.problem_resolved] as RecoveryGroup);
        if (group <= 0) {
          unknownResolution++;
          return;
        }
      } else return;
      const row = cells[group]!;
      count(row[0]!, scored);
      const gesture = roles.gesture_received === null ? undefined : answers[roles.gesture_received];
      if (gesture === 'yes') count(row[1]!, scored);
      else if (gesture === 'no') count(row[2]!, scored);
    },
    finish(): ServiceRecoveryResult {
      const warnings: AnalyticsWarning[] = [];
      if (!asked) {
        warnings.push({ code: 'RECOVERY_NOT_ASKED', params: {} });
      }
      const cell = (counts: CellCounts): RecoveryCell => ({
        loyal: shareOf(counts.loyal, counts.n - counts.unclassified),
        unclassified: counts.unclassified,
        emotional: counts.emotional.finish(UNIT_SCALE),
      });
      return {
        groups: RECOVERY_GROUPS.map((group, g) => ({
          group,
          all: cell(cells[g]![0]!),
          gesture: cell(cells[g]![1]!),
          no_gesture: cell(cells[g]![2]!),
        })),
        unknownResolution,
        warnings,
      };
    },
  };
}
