/** The synthetic population generator: what the demo seed, the planted-truth test and the benchmarks import. */
export {
  DEFAULT_END,
  DEFAULT_START,
  generatePopulation,
  type PlantedLabels,
  type PopulationOptions,
  type SyntheticPurchase,
  type SyntheticRespondent,
} from './generatePopulation.js';
export { questionSet, type QuestionSet, type QuestionSetName } from './questionSet.js';
export {
  DEFAULT_TRUTHS,
  LOYALTY_TYPES,
  PLANTED_SEGMENTS,
  PROBLEM_PATHS,
  SATISFACTION_LEVELS,
  expectedFigures,
  retention180,
  validateTruths,
  type ExpectedFigures,
  type LoyaltyType,
  type PlantedSegment,
  type PlantedTruths,
  type ProblemPath,
  type ProblemResolution,
  type RecoveryPath,
  type SatisfactionLevel,
} from './truths.js';
