/**
 * Every version of a survey compiled once for a report (DESIGN.md "A published version never changes;
 * each response is scored with the version it answered"). Each version gets its own scoring model
 * (scoring.ts compileScoring), so a response's S, E, B, D and exchange come from the definition it
 * answered. The parts of the report that list items (reliability, drivers, loyalist expectations)
 * use the newest version's items: every response's item scores are laid out in the newest version's
 * order, items matched by question id, and an item its own version lacks (or asked on another scale)
 * is unanswered there. The parts keyed by raw satisfaction levels use the newest version's level
 * question; a version whose level question has another range stays out of them.
 */
import type { SurveyDefinition, Thresholds } from '../model/definition.js';
import { compileScoring, type ScoredItem, type ScoringModel } from './scoring.js';

/** One version of a survey: its number (1, 2, …) and its definition. */
export interface VersionDefinition {
  version: number;
  definition: SurveyDefinition;
}

/** One version compiled. */
export interface VersionScoring {
  version: number;
  /** Position in `SurveyScoring.versions`. */
  index: number;
  /** This version's own scoring model: its items, constructs and roles. */
  model: ScoringModel;
  /**
   * For each item of the newest version, the index of the same question (same id, same scale) among
   * this version's items, or -1; null for the newest version itself, whose layout it is.
   */
  newestItems: Int32Array | null;
  /** Whether this version's level question has the newest version's range, so its raw levels count. */
  levelFits: boolean;
  /** This version has a level question on another range than the newest version's. */
  levelChanged: boolean;
  /** Ids of the newest version's items this version asks on another scale (unanswered in the item lists). */
  changedItems: string[];
}

export interface SurveyScoring {
  /** Oldest first; the last is the newest. */
  versions: readonly VersionScoring[];
  newest: VersionScoring;
  /** The newest version's segment thresholds (one τ for every version, so segments compare). */
  thresholds: Thresholds;
  /** Versions by number: an array index, not a Map lookup, per response. */
  byNumber: readonly (VersionScoring | undefined)[];
  /** The newest version's overall-satisfaction level question (scoring.ts `levelIndex`), or null. */
  levelQuestion: ScoredItem | null;
  /** Its levels, min..max (`ScoredRespondent.level` indexes these). */
  levels: readonly number[];
  /** The largest count any version's told_positive / told_negative question allows (0 when none asks). */
  largestToldCount: number;
}

/**
 * The whole-number levels of a scale, min..max.
 *
 * @example
 * scaleLevels({ min: 1, max: 5 }); // => [1, 2, 3, 4, 5]
 */
export function scaleLevels(scale: { min: number; max: number }): number[] {
  return Array.from({ length: scale.max - scale.min + 1 }, (_, i) => scale.min + i);
}

const levelItem = (model: ScoringModel): ScoredItem | null => (model.levelIndex === null ? null : model.items[model.levelIndex]!);

/**
 * Compile a survey's versions (or one definition, as version 1) for a report. The version with the
 * highest number is the newest.
 *
 * @example
 * const scoring = compileSurveyScoring([{ version: 1, definition: v1 }, { version: 2, definition: v2 }]);
 * scoring.newest.version; // => 2
 * scoring.byNumber[1]!.model.roleIds.recommend; // the NPS question of version 1
 */
export function compileSurveyScoring(survey: SurveyDefinition | readonly VersionDefinition[]): SurveyScoring {
  const given = Array.isArray(survey) ? (survey as readonly VersionDefinition[]) : [{ version: 1, definition: survey as SurveyDefinition }];
  if (given.length === 0) throw new RangeError('A report needs at least one survey version.');
  const sorted = [...given].sort((a, b) => a.version - b.version);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.version === sorted[i - 1]!.version) throw new RangeError(`Survey version ${sorted[i]!.version} is given twice.`);
  }
  const models = sorted.map(({ definition }) => compileScoring(definition));
  const newestModel = models.at(-1)!;
  const newestLevel = levelItem(newestModel);
  const byNumber: (VersionScoring | undefined)[] = [];
  const versions = sorted.map(({ version }, index): VersionScoring => {
    const model = models[index]!;
    const isNewest = index === sorted.length - 1;
    const changedItems: string[] = [];
    const newestItems = isNewest
      ? null
      : Int32Array.from(newestModel.items, (item) => {
          const own = model.items.findIndex((candidate) => candidate.id === item.id);
          if (own < 0) return -1;
          if (model.items[own]!.min !== item.min || model.items[own]!.max !== item.max) {
            changedItems.push(item.id);
            return -1;
          }
          return own;
        });
    const level = levelItem(model);
    const levelFits = level !== null && newestLevel !== null && level.min === newestLevel.min && level.max === newestLevel.max;
    const scoring: VersionScoring = {
      version,
      index,
      model,
      newestItems,
      levelFits,
      levelChanged: level !== null && newestLevel !== null && !levelFits,
      changedItems,
    };
    if (!Number.isSafeInteger(version) || version < 0) throw new RangeError(`A survey version is a whole number ≥ 0; got ${version}.`);
    byNumber[version] = scoring;
    return scoring;
  });
  const toldMaxima = models.flatMap((model) => [model.roles.told_positive?.max ?? 0, model.roles.told_negative?.max ?? 0]);
  return {
    versions,
    newest: versions.at(-1)!,
    thresholds: sorted.at(-1)!.definition.thresholds,
    byNumber,
    levelQuestion: newestLevel,
    levels: newestLevel ? scaleLevels(newestLevel) : [],
    largestToldCount: Math.max(0, ...toldMaxima),
  };
}

/** Reused buffers for scoring one response after another: the newest layout, and each version's own. */
export interface ScoringBuffers {
  /** Item scores in the newest version's item order. */
  itemScores: Float64Array;
  /** Per version (by `index`), its own item scores; the newest version's is `itemScores` itself. */
  ownItemScores: readonly Float64Array[];
}

/**
 * @example const buffers = createScoringBuffers(scoring); scoreAndSegment(scoring, thresholds, respondent, buffers)
 */
export function createScoringBuffers(scoring: SurveyScoring): ScoringBuffers {
  const itemScores = new Float64Array(scoring.newest.model.items.length);
  return {
    itemScores,
    ownItemScores: scoring.versions.map((version) =>
      version.newestItems === null ? itemScores : new Float64Array(version.model.items.length),
    ),
  };
}
