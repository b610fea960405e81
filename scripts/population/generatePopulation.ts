/**
 * A seeded synthetic population of survey respondents with planted truths (README.md beside this file).
 * Pure and deterministic for a seed: no I/O, no clock, no Math.random. Streams one respondent at a time,
 * so a million respondents need no more memory than one.
 */
import { LANGUAGES, type Answers, type Language } from '../../api/src/model/definition.js';
import { COMMENTS, PROFILES, type AnswerProfile, type Expectation } from './profiles.js';
import { questionSet, type QuestionSet, type QuestionSetName, type SegmentConstruct } from './questionSet.js';
import { cumulative, geometricCount, integerBetween, mulberry32, pickIndex, quotaStreamFactory } from './random.js';
import {
  DEFAULT_TRUTHS,
  PLANTED_SEGMENTS,
  PROBLEM_PATHS,
  SATISFACTION_LEVELS,
  noProblemLoyalShare,
  noProblemShare,
  retention180,
  validateTruths,
  type LoyaltyType,
  type PlantedSegment,
  type PlantedTruths,
  type ProblemPath,
  type ProblemResolution,
  type RecoveryPath,
  type SatisfactionLevel,
} from './truths.js';

export interface PopulationOptions {
  n: number;
  seed: number;
  questions: QuestionSetName;
  truths?: PlantedTruths;
  /** submittedAt is spread evenly over [start, end); defaults 2025-01-01 to 2026-01-01 (UTC). */
  start?: Date;
  end?: Date;
  /**
   * Leave out purchases after this time (e.g. "now" for demo data), as an import would not have them yet.
   * `planted.retained180` stays the uncensored truth; the analytics' `observedUntil` handles the rest.
   */
  purchasesUntil?: Date;
}

export interface SyntheticPurchase {
  purchasedAt: Date;
  amountCents: number;
}

/** The ground truth behind one respondent, for tests; not an answer, never stored. */
export interface PlantedLabels {
  /** The segment a correct scorer assigns (τ = 0.75): the profile's segment, or unclassified. */
  segment: PlantedSegment | 'unclassified';
  /** The segment profile the answers were drawn from. */
  profile: PlantedSegment;
  /** Loyalty type of the profile (E high/low × B high/low). */
  loyaltyType: LoyaltyType;
  recoveryPath: RecoveryPath;
  /** Two or more purchases in the 365 days before submittedAt (the surveyed purchase included). */
  observedRepeat: boolean;
  /** Any purchase within 180 days after submittedAt. */
  retained180: boolean;
}

export interface SyntheticRespondent {
  answers: Answers;
  language: Language;
  submittedAt: Date;
  /** Chronological: history before submittedAt (the surveyed purchase last among them), then outcomes after. */
  purchases: SyntheticPurchase[];
  planted: PlantedLabels;
}

export const DEFAULT_START = new Date('2025-01-01T00:00:00Z');
export const DEFAULT_END = new Date('2026-01-01T00:00:00Z');

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const COUNT_CAP = 1000;
const COMMENT_CHANCE = 0.12;
const OLD_HISTORY_CHANCE = 0.3;
const LATE_RETURN_CHANCE = 0.25;
const EXPECTATIONS: readonly Expectation[] = ['not_delivered', 'partly', 'as_expected', 'exceeded'];
const SNL_TYPES = ['latent', 'spurious', 'none'] as const;
/** problem_resolved and gesture_received for each problem path. */
const PROBLEM_ANSWERS: Record<ProblemPath, readonly [ProblemResolution, 'yes' | 'no']> = {
  resolved_gesture: ['resolved', 'yes'],
  resolved_no_gesture: ['resolved', 'no'],
  partly_gesture: ['partly', 'yes'],
  partly_no_gesture: ['partly', 'no'],
  not_resolved_gesture: ['not_resolved', 'yes'],
  not_resolved_no_gesture: ['not_resolved', 'no'],
};

/** Pre-computed cumulative weights, so the loop only draws and compares. */
interface Model {
  segment: number[];
  satOverall: Record<PlantedSegment, number[]>;
  snlType: number[];
  recoveryLoyal: number[];
  recoveryOther: number[];
  language: number[];
  profile: Record<PlantedSegment, { low: number[]; recommendHigh: number[]; recommendLow: number[]; expectation: number[] }>;
}

function compile(truths: PlantedTruths): Model {
  const loyal = truths.segmentShares.loyal;
  const pathShares = [noProblemShare(truths), ...PROBLEM_PATHS.map((path) => truths.recovery[path].share)];
  const pathLoyal = [noProblemLoyalShare(truths), ...PROBLEM_PATHS.map((path) => truths.recovery[path].loyalShare)];
  // P(path | loyal) ∝ P(path)·L(path); P(path | other) ∝ P(path)·(1 − L(path)): together they give back P(path).
  const recoveryLoyal = cumulative(pathShares.map((share, i) => (loyal > 0 ? share * (pathLoyal[i] ?? 0) : share)));
  const recoveryOther = cumulative(pathShares.map((share, i) => (loyal < 1 ? share * (1 - (pathLoyal[i] ?? 0)) : share)));
  const bySegment = <T>(f: (segment: PlantedSegment) => T) =>
    Object.fromEntries(PLANTED_SEGMENTS.map((segment) => [segment, f(segment)])) as Record<PlantedSegment, T>;
  return {
    segment: cumulative(PLANTED_SEGMENTS.map((segment) => truths.segmentShares[segment])),
    satOverall: bySegment((segment) => cumulative(SATISFACTION_LEVELS.map((level) => truths.satOverallBySegment[segment][level]))),
    snlType: cumulative(SNL_TYPES.map((type) => truths.satisfiedNotLoyalTypes[type])),
    recoveryLoyal,
    recoveryOther,
    language: cumulative(LANGUAGES.map((language) => truths.languageShares[language])),
    profile: bySegment((segment) => {
      const profile = PROFILES[segment];
      return {
        low: cumulative(profile.lowWeights),
        recommendHigh: cumulative(profile.recommendHighWeights),
        recommendLow: cumulative(profile.recommendLowWeights),
        expectation: cumulative(EXPECTATIONS.map((value) => profile.expectation[value])),
      };
    }),
  };
}

function checkOptions(options: PopulationOptions, start: Date, end: Date): void {
  if (!Number.isSafeInteger(options.n) || options.n < 0) throw new Error(`n must be a whole number ≥ 0, got ${options.n}`);
  if (!Number.isSafeInteger(options.seed)) throw new Error(`seed must be a whole number, got ${options.seed}`);
  if (options.questions !== 'full' && options.questions !== 'short') {
    throw new Error(`questions must be 'full' or 'short', got ${String(options.questions)}`);
  }
  if (!(end.getTime() > start.getTime())) throw new Error(`end (${end.toISOString()}) must be after start (${start.toISOString()})`);
}

/**
 * Generates respondents one at a time, in submittedAt order. Same options, same respondents.
 * Options are checked when it is called, not on the first next().
 *
 * @example
 * for (const respondent of generatePopulation({ n: 2000, seed: 7, questions: 'short' })) {
 *   insert(respondent.answers, respondent.language, respondent.submittedAt);
 * }
 */
export function generatePopulation(options: PopulationOptions): Generator<SyntheticRespondent> {
  const truths = options.truths ?? DEFAULT_TRUTHS;
  const start = options.start ?? DEFAULT_START;
  const end = options.end ?? DEFAULT_END;
  checkOptions(options, start, end);
  const purchasesUntilMs = options.purchasesUntil?.getTime() ?? Number.POSITIVE_INFINITY;
  if (Number.isNaN(purchasesUntilMs)) throw new Error('purchasesUntil must be a valid date');
  validateTruths(truths);
  const window = { startMs: start.getTime(), spanMs: end.getTime() - start.getTime(), purchasesUntilMs };
  return respondents(options.n, options.seed, questionSet(options.questions), truths, window);
}

function* respondents(
  n: number,
  seed: number,
  set: QuestionSet,
  truths: PlantedTruths,
  window: { startMs: number; spanMs: number; purchasesUntilMs: number },
): Generator<SyntheticRespondent> {
  const { startMs, spanMs } = window;
  const model = compile(truths);
  const random = mulberry32(seed);
  const quota = quotaStreamFactory(random);
  const bySegment = () => Object.fromEntries(PLANTED_SEGMENTS.map((segment) => [segment, quota()])) as Record<PlantedSegment, () => number>;
  const byLevel = () => Object.fromEntries(SATISFACTION_LEVELS.map((level) => [level, quota()])) as Record<SatisfactionLevel, () => number>;
  const streams = {
    segment: quota(),
    unclassified: quota(),
    snlType: quota(),
    satOverall: bySegment(),
    recovery: bySegment(),
    retention: byLevel(),
    toldPositive: byLevel(),
    toldNegative: byLevel(),
    // Created only when planted: a stream draws from the PRNG, so without shifts a seed's population stays the same.
    retentionShifted: truths.retention180ShiftBySegment ? bySegment() : undefined,
  };
  const layout = answerLayout(set);
  const skipped: boolean[] = questionSet('full').ids.map(() => false);
  const canBeUnclassified = set.unclassifiable.length > 0;

  for (let i = 0; i < n; i++) {
    const submittedMs = Math.floor(startMs + ((i + random()) / n) * spanMs);
    const language = LANGUAGES[pickIndex(model.language, random())] as Language;

    const profileSegment = PLANTED_SEGMENTS[pickIndex(model.segment, streams.segment())] as PlantedSegment;
    const unclassifiedDraw = streams.unclassified() < truths.unclassifiedShare;
    const unclassified = unclassifiedDraw && canBeUnclassified;
    const level = (pickIndex(model.satOverall[profileSegment], streams.satOverall[profileSegment]()) + 1) as SatisfactionLevel;
    const loyaltyType = loyaltyTypeOf(profileSegment, model, streams.snlType);
    const emotionalHigh = loyaltyType === 'true' || loyaltyType === 'latent';
    const behaviouralHigh = loyaltyType === 'true' || loyaltyType === 'spurious';
    const recoveryIndex = pickIndex(
      profileSegment === 'loyal' ? model.recoveryLoyal : model.recoveryOther,
      streams.recovery[profileSegment](),
    );
    const recoveryPath: RecoveryPath = recoveryIndex === 0 ? 'no_problem' : (PROBLEM_PATHS[recoveryIndex - 1] as RecoveryPath);
    const retained180 = streams.retentionShifted
      ? streams.retentionShifted[profileSegment]() < retention180(truths, profileSegment, level)
      : streams.retention[level]() < truths.retention180BySatOverall[level];
    const toldPositive = geometricCount(truths.wordOfMouth.meanToldPositive[level], streams.toldPositive[level](), COUNT_CAP);
    const toldNegative = geometricCount(truths.wordOfMouth.meanToldNegative[level], streams.toldNegative[level](), COUNT_CAP);

    const profile = PROFILES[profileSegment];
    const shapes = model.profile[profileSegment];
    const observedRepeat = behaviouralHigh || random() < profile.repeatChanceWhenBehaviourLow;
    const all = fullAnswers(random, {
      profileSegment,
      profile,
      shapes,
      level,
      emotionalHigh,
      behaviouralHigh,
      recoveryPath,
      toldPositive,
      toldNegative,
      language,
    });

    // Skip decisions are drawn for every full-template question, so a seed gives the same people in both sets.
    for (let q = 0; q < skipped.length; q++) skipped[q] = random() < truths.optionalSkipRate;
    const missingConstruct = set.unclassifiable[Math.floor(random() * set.unclassifiable.length)];
    const answers = answersFor(layout, all, skipped, unclassified ? missingConstruct : undefined);

    const purchases = purchaseHistory(random, submittedMs, window.purchasesUntilMs, profile, { observedRepeat, retained180, frequentBuyer: behaviouralHigh });
    yield {
      answers,
      language,
      submittedAt: new Date(submittedMs),
      purchases,
      planted: {
        segment: unclassified ? 'unclassified' : profileSegment,
        profile: profileSegment,
        loyaltyType,
        recoveryPath,
        observedRepeat,
        retained180,
      },
    };
  }
}

function loyaltyTypeOf(segment: PlantedSegment, model: Model, snlTypeStream: () => number): LoyaltyType {
  switch (segment) {
    case 'loyal':
      return 'true';
    case 'hostage':
      return 'spurious';
    case 'satisfied_not_loyal':
      return SNL_TYPES[pickIndex(model.snlType, snlTypeStream())] as LoyaltyType;
    case 'price_hunter':
    case 'defector':
      return 'none';
  }
}

interface Draw {
  profileSegment: PlantedSegment;
  profile: AnswerProfile;
  shapes: Model['profile'][PlantedSegment];
  level: SatisfactionLevel;
  emotionalHigh: boolean;
  behaviouralHigh: boolean;
  recoveryPath: RecoveryPath;
  toldPositive: number;
  toldNegative: number;
  language: Language;
}

/**
 * Every full-template answer. Each S, E and B item lies on the side of 0.75 its construct must be on
 * (1–5 items: 4–5 against 1–3; recommend: 8–10 against 0–7), so any subset of answered items — and
 * the observed-repeat item, 1 whenever B is high — keeps the construct on that side.
 */
function fullAnswers(random: () => number, draw: Draw): Answers {
  const { profile, shapes, level } = draw;
  const high = () => (random() < profile.topBoxChance ? 5 : 4);
  const low = () => 1 + pickIndex(shapes.low, random());
  const satisfiedHigh = level >= 4;
  const nearOverall = () => {
    const step = random();
    const value = level + (step < 0.25 ? -1 : step < 0.75 ? 0 : 1);
    return satisfiedHigh ? Math.min(5, Math.max(4, value)) : Math.min(3, Math.max(1, value));
  };
  const emotional = () => (draw.emotionalHigh ? high() : low());
  const behavioural = () => (draw.behaviouralHigh ? high() : low());

  const discountDependent = draw.profileSegment === 'price_hunter';
  const promoDecided = discountDependent || random() < profile.promoChance;
  let fullPriceReturn = discountDependent ? (random() < 0.5 ? 1 : 2) : behavioural();
  if (promoDecided && !discountDependent && fullPriceReturn < 3) fullPriceReturn = 3;

  const answers: Answers = {
    sat_overall: level,
    sat_product: nearOverall(),
    sat_service: nearOverall(),
    sat_price: nearOverall(),
    expectation: EXPECTATIONS[pickIndex(shapes.expectation, random())] as Expectation,
    recommend: draw.emotionalHigh ? 8 + pickIndex(shapes.recommendHigh, random()) : pickIndex(shapes.recommendLow, random()),
    feel_loss: emotional(),
    speak_positively: emotional(),
    repurchase: behavioural(),
    share_of_wallet: behavioural(),
    stay_vs_competitor: behavioural(),
    promo_decided: promoDecided ? 'yes' : 'no',
    full_price_return: fullPriceReturn,
    had_problem: draw.recoveryPath === 'no_problem' ? 'no' : 'yes',
  };
  if (draw.recoveryPath !== 'no_problem') {
    const [resolution, gesture] = PROBLEM_ANSWERS[draw.recoveryPath];
    answers.problem_resolved = resolution;
    answers.gesture_received = gesture;
  }
  answers.told_positive = draw.toldPositive;
  answers.told_negative = draw.toldNegative;
  const loyalist = () => (random() < profile.loyalistExpectationHighChance ? 4 + (random() < 0.5 ? 1 : 0) : integerBetween(random, 1, 3));
  answers.exp_fidelity = loyalist();
  answers.exp_ownership = loyalist();
  answers.exp_stability = loyalist();
  answers.exp_consistency = loyalist();
  if (random() < COMMENT_CHANCE) {
    const bank = COMMENTS[satisfiedHigh ? 'pleased' : 'upset'][draw.language];
    answers.comment = bank[Math.floor(random() * bank.length)] as string;
  }
  return answers;
}

/** The set's questions by their index in the full template, where skip decisions are drawn. */
interface AnswerLayout {
  questions: { id: string; fullIndex: number; skippable: boolean; showIf: { id: string; equals: string | number } | undefined }[];
  constructs: { construct: SegmentConstruct; items: number[]; optional: number[]; requiredCount: number }[];
}

function answerLayout(set: QuestionSet): AnswerLayout {
  const fullIds = questionSet('full').ids;
  const indexOf = (id: string) => fullIds.indexOf(id);
  return {
    questions: set.questions.map((question) => ({
      id: question.id,
      fullIndex: indexOf(question.id),
      skippable: !question.required,
      showIf: question.showIf && { id: question.showIf.questionId, equals: question.showIf.equals },
    })),
    constructs: (['satisfaction', 'emotional', 'behavioural'] as const).map((construct) => {
      const items = set.constructItems[construct];
      return {
        construct,
        items: items.map(indexOf),
        optional: items.filter((id) => !set.required.has(id)).map(indexOf),
        requiredCount: items.filter((id) => set.required.has(id)).length,
      };
    }),
  };
}

/**
 * The set's answers in template order: optional questions may be skipped, showIf is respected, and
 * S, E and B keep at least half their items — except the one construct an unclassified respondent drops.
 */
function answersFor(layout: AnswerLayout, all: Answers, skipped: boolean[], missingConstruct: SegmentConstruct | undefined): Answers {
  for (const { construct, items, optional, requiredCount } of layout.constructs) {
    if (construct === missingConstruct) {
      for (const q of optional) skipped[q] = true;
      continue;
    }
    let answered = requiredCount;
    for (const q of optional) if (!skipped[q]) answered++;
    for (const q of optional) {
      if (answered >= items.length / 2) break;
      if (skipped[q]) {
        skipped[q] = false;
        answered++;
      }
    }
  }
  const answers: Answers = {};
  for (const question of layout.questions) {
    const value = all[question.id];
    if (value === undefined) continue;
    if (question.skippable && skipped[question.fullIndex]) continue;
    if (question.showIf && answers[question.showIf.id] !== question.showIf.equals) continue;
    answers[question.id] = value;
  }
  return answers;
}

/**
 * The surveyed purchase (1–48 h before submittedAt), repeat purchases inside the 365 days before
 * (days 3–355, clear of the window's edge), some older history (days 380–700), and after the survey a
 * purchase within days 2–170 for the retained or, for some others, a late one on days 200–360.
 */
function purchaseHistory(
  random: () => number,
  submittedMs: number,
  untilMs: number,
  profile: AnswerProfile,
  { observedRepeat, retained180, frequentBuyer }: { observedRepeat: boolean; retained180: boolean; frequentBuyer: boolean },
): SyntheticPurchase[] {
  const purchases: SyntheticPurchase[] = [];
  // The amount is drawn even for a purchase left out, so purchasesUntil changes nothing else.
  const add = (ms: number) => {
    const amountCents = integerBetween(random, 250, 1990);
    if (ms <= untilMs) purchases.push({ purchasedAt: new Date(Math.floor(ms)), amountCents });
  };
  const daysBefore = (days: number) => submittedMs - days * DAY_MS;
  const daysAfter = (days: number) => submittedMs + days * DAY_MS;

  if (random() < OLD_HISTORY_CHANCE) add(daysBefore(380 + random() * 320));
  if (observedRepeat) {
    const count = integerBetween(random, profile.priorPurchases[0], profile.priorPurchases[1]);
    const days: number[] = [];
    for (let k = 0; k < count; k++) days.push(3 + random() * 352);
    days.sort((a, b) => b - a);
    for (const day of days) add(daysBefore(day));
  }
  add(submittedMs - (1 + random() * 47) * HOUR_MS);

  if (retained180) {
    let day = 2 + random() * 168;
    add(daysAfter(day));
    const gap = frequentBuyer ? 30 : 90;
    while ((day += gap * (0.5 + random())) < 365) add(daysAfter(day));
  } else if (random() < LATE_RETURN_CHANCE) {
    add(daysAfter(200 + random() * 160));
  }
  return purchases;
}
