/**
 * The story the demo's full check-up tells (issue 18): a year of Demo Coffee in which the dashboard
 * shows what the product is for. Planted through the population generator (scripts/population):
 * - satisfied is not loyal: 28 % of the classified are satisfied but not loyal, and at the same
 *   satisfaction they come back within 180 days far less often than the loyal (about 50 % against 92 %);
 * - the recovery paradox: a problem resolved with a gesture leaves customers more loyal than no problem;
 * - word of mouth: the upset tell several times more people about a bad experience than a good one;
 * - two change events: a new logo in March that changes nothing, and a price rise in July after which
 *   loyalists turn (the loyal share falls from 30 % to 20 %, defectors and satisfied-not-loyal grow).
 * A test (test/demo-story.test.ts) reads these back through the report API on the seeded demo.
 */
import { DEFAULT_TRUTHS, type PlantedTruths } from '../population/index.js';

/** Twelve months of answers, up to the day the purchase history was last imported. */
export const STORY_START = new Date('2025-11-20T00:00:00Z');
export const STORY_END = new Date('2026-11-20T00:00:00Z');

/** At the same satisfaction the loyal stay and the satisfied-not-loyal leave. */
const RETENTION_SHIFT: PlantedTruths['retention180ShiftBySegment'] = { loyal: 0.12, satisfied_not_loyal: -0.3, price_hunter: -0.15 };

export const STORY_TRUTHS: PlantedTruths = { ...DEFAULT_TRUTHS, retention180ShiftBySegment: RETENTION_SHIFT };

/** After the price rise: a third of the loyal turn, into defectors, price hunters and satisfied-not-loyal. */
export const TURNED_TRUTHS: PlantedTruths = {
  ...STORY_TRUTHS,
  segmentShares: { loyal: 0.2, price_hunter: 0.14, satisfied_not_loyal: 0.3, hostage: 0.08, defector: 0.28 },
};

export interface StoryEvent {
  occurredAt: Date;
  title: string;
  /** The truths of the answers from this event on. */
  truths: PlantedTruths;
}

/** In date order; each event's truths hold until the next. */
export const STORY_EVENTS: readonly StoryEvent[] = [
  { occurredAt: new Date('2026-03-02T00:00:00Z'), title: 'New logo and cups', truths: STORY_TRUTHS },
  { occurredAt: new Date('2026-07-01T00:00:00Z'), title: 'Price rise (+12 %)', truths: TURNED_TRUTHS },
];

export interface StoryPeriod {
  start: Date;
  end: Date;
  truths: PlantedTruths;
  /** Respondents in this period: its share of `total`, by length (the last takes the rounding). */
  n: number;
}

/**
 * The story's periods between events whose truths differ, with respondents spread evenly in time.
 * @example storyPeriods(20_000) // [{ start: 2025-11-20, end: 2026-07-01, n: 14,444, truths: STORY_TRUTHS }, { …, n: 5,556, truths: TURNED_TRUTHS }]
 */
export function storyPeriods(total: number): StoryPeriod[] {
  const cuts: { at: Date; truths: PlantedTruths }[] = [{ at: STORY_START, truths: STORY_TRUTHS }];
  for (const event of STORY_EVENTS) {
    if (event.truths !== cuts[cuts.length - 1]!.truths) cuts.push({ at: event.occurredAt, truths: event.truths });
  }
  const span = STORY_END.getTime() - STORY_START.getTime();
  let given = 0;
  return cuts.map((cut, index) => {
    const end = cuts[index + 1]?.at ?? STORY_END;
    const n = index === cuts.length - 1 ? total - given : Math.round((total * (end.getTime() - cut.at.getTime())) / span);
    given += n;
    return { start: cut.at, end, truths: cut.truths, n };
  });
}
