/**
 * Question type presets of the survey builder (/app/surveys/[id]): each makes a Question of the
 * definition with its scale labels or options written in all four languages, ready to be worded.
 * Only the NPS preset brings its question text (the standard wording); the others leave the
 * question text empty, for the analyst to write. Pure: imports only the definition.
 */
import type { ChoiceQuestion, CountQuestion, LocalText, Question, ScaleQuestion, TextQuestion } from './definition.js';

export const PRESETS = ['nps', 'rating', 'agree', 'yesNo', 'choice', 'count', 'text'] as const;
export type PresetId = (typeof PRESETS)[number];

const t = (en: string, ru: string, et: string, ka: string): LocalText => ({ en, ru, et, ka });
export const EMPTY_TEXT: LocalText = Object.freeze(t('', '', '', '')) as LocalText;
const empty = (): LocalText => t('', '', '', '');

/** Rating 1–5, worst to best. */
export const RATING_LABELS: readonly LocalText[] = [
  t('Very poor', 'Очень плохо', 'Väga halb', 'ძალიან ცუდი'),
  t('Poor', 'Плохо', 'Halb', 'ცუდი'),
  t('Fair', 'Удовлетворительно', 'Rahuldav', 'დამაკმაყოფილებელი'),
  t('Good', 'Хорошо', 'Hea', 'კარგი'),
  t('Excellent', 'Отлично', 'Suurepärane', 'შესანიშნავი'),
];

/** Agreement 1–5. Russian avoids «не согласен» (masculine): the scale says how true the statement is. */
export const AGREE_LABELS: readonly LocalText[] = [
  t('Strongly disagree', 'Совсем не так', 'Ei nõustu üldse', 'სრულიად არ ვეთანხმები'),
  t('Disagree', 'Скорее не так', 'Pigem ei nõustu', 'არ ვეთანხმები'),
  t('Neither agree nor disagree', 'И да, и нет', 'Ei nõustu ega vaidle vastu', 'არც ვეთანხმები, არც არ ვეთანხმები'),
  t('Agree', 'Скорее так', 'Pigem nõustun', 'ვეთანხმები'),
  t('Strongly agree', 'Совершенно верно', 'Nõustun täielikult', 'სრულიად ვეთანხმები'),
];

/** Agreement 1–7, for when a finer scale is wanted (the builder offers it when an agree scale becomes 1–7). */
export const AGREE_LABELS_7: readonly LocalText[] = [
  t('Strongly disagree', 'Совсем не так', 'Ei nõustu üldse', 'სრულიად არ ვეთანხმები'),
  t('Disagree', 'Не так', 'Ei nõustu', 'არ ვეთანხმები'),
  t('Somewhat disagree', 'Скорее не так', 'Pigem ei nõustu', 'უფრო არ ვეთანხმები'),
  t('Neither agree nor disagree', 'И да, и нет', 'Ei nõustu ega vaidle vastu', 'არც ვეთანხმები, არც არ ვეთანხმები'),
  t('Somewhat agree', 'Скорее так', 'Pigem nõustun', 'უფრო ვეთანხმები'),
  t('Agree', 'Так', 'Nõustun', 'ვეთანხმები'),
  t('Strongly agree', 'Совершенно верно', 'Nõustun täielikult', 'სრულიად ვეთანხმები'),
];

const NPS_TEXT = t(
  'How likely are you to recommend {company} to a friend or colleague?',
  'Насколько вероятно, что вы порекомендуете {company} другу или коллеге?',
  'Kui tõenäoliselt soovitaksite ettevõtet {company} sõbrale või kolleegile?',
  'რამდენად სავარაუდოა, რომ {company}-ს მეგობარს ან კოლეგას ურჩევთ?',
);
const NPS_MIN = t('Not at all likely', 'Совсем маловероятно', 'Üldse mitte tõenäoliselt', 'სულაც არ არის სავარაუდო');
const NPS_MAX = t('Extremely likely', 'Очень вероятно', 'Väga tõenäoliselt', 'ძალიან სავარაუდოა');

const YES = t('Yes', 'Да', 'Jah', 'დიახ');
const NO = t('No', 'Нет', 'Ei', 'არა');

/** "Option 1", «Вариант 1», "Variant 1", "ვარიანტი 1". */
export function optionLabel(n: number): LocalText {
  return t(`Option ${n}`, `Вариант ${n}`, `Variant ${n}`, `ვარიანტი ${n}`);
}

const copy = (text: LocalText): LocalText => ({ ...text });
const copyAll = (texts: readonly LocalText[]): LocalText[] => texts.map(copy);

function scaleFromLabels(id: string, construct: ScaleQuestion['construct'], labels: readonly LocalText[]): ScaleQuestion {
  return {
    id,
    type: 'scale',
    construct,
    text: empty(),
    required: false,
    min: 1,
    max: labels.length,
    minLabel: copy(labels[0]!),
    maxLabel: copy(labels[labels.length - 1]!),
    pointLabels: copyAll(labels),
  };
}

/**
 * A new question of a preset, with the given id.
 * @example createQuestion('nps', 'recommend') // => { type: 'scale', min: 0, max: 10, role: 'recommend', construct: 'emotional', … }
 */
export function createQuestion(preset: PresetId, id: string): Question {
  switch (preset) {
    case 'nps':
      return {
        id,
        type: 'scale',
        construct: 'emotional',
        role: 'recommend',
        text: copy(NPS_TEXT),
        required: true,
        min: 0,
        max: 10,
        minLabel: copy(NPS_MIN),
        maxLabel: copy(NPS_MAX),
      } satisfies ScaleQuestion;
    case 'rating':
      return scaleFromLabels(id, 'satisfaction', RATING_LABELS);
    case 'agree':
      return scaleFromLabels(id, 'emotional', AGREE_LABELS);
    case 'yesNo':
      return {
        id,
        type: 'choice',
        construct: 'recovery',
        text: empty(),
        required: false,
        options: [
          { value: 'yes', label: copy(YES) },
          { value: 'no', label: copy(NO) },
        ],
      } satisfies ChoiceQuestion;
    case 'choice':
      return {
        id,
        type: 'choice',
        construct: 'open',
        text: empty(),
        required: false,
        options: [1, 2, 3].map((n) => ({ value: `option_${n}`, label: optionLabel(n) })),
      } satisfies ChoiceQuestion;
    case 'count':
      return { id, type: 'count', construct: 'word_of_mouth', text: empty(), required: false, min: 0, max: 100 } satisfies CountQuestion;
    case 'text':
      return { id, type: 'text', construct: 'open', text: empty(), required: false, maxLength: 1000 } satisfies TextQuestion;
  }
}

const sameLabels = (a: readonly LocalText[] | undefined, b: readonly LocalText[]) =>
  a !== undefined && a.length === b.length && a.every((label, i) => label.en === b[i]!.en);

/** Which preset a question looks like (for the type picker of an existing question), or null for a custom scale. */
export function presetOf(question: Question): PresetId | null {
  switch (question.type) {
    case 'scale':
      if (question.min === 0 && question.max === 10) return 'nps';
      if (sameLabels(question.pointLabels, AGREE_LABELS) || sameLabels(question.pointLabels, AGREE_LABELS_7)) return 'agree';
      if (sameLabels(question.pointLabels, RATING_LABELS)) return 'rating';
      return null;
    case 'choice': {
      const values = question.options.map((option) => option.value).sort();
      return values.length === 2 && values[0] === 'no' && values[1] === 'yes' ? 'yesNo' : 'choice';
    }
    case 'count':
      return 'count';
    case 'text':
      return 'text';
  }
}

/**
 * A scale with a new range: an agree scale becoming 5 or 7 points gets that scale's point labels;
 * other point labels are kept when the number of points stays, else dropped (the end labels stay).
 * @example withRange(createQuestion('agree', 'q'), 1, 7).pointLabels?.length // => 7
 */
export function withRange(question: ScaleQuestion, min: number, max: number): ScaleQuestion {
  const points = max - min + 1;
  const { pointLabels, ...rest } = question;
  const wasAgree = sameLabels(pointLabels, AGREE_LABELS) || sameLabels(pointLabels, AGREE_LABELS_7);
  if (wasAgree && (points === 5 || points === 7)) {
    const labels = points === 5 ? AGREE_LABELS : AGREE_LABELS_7;
    return { ...rest, min, max, pointLabels: copyAll(labels), minLabel: copy(labels[0]!), maxLabel: copy(labels[points - 1]!) };
  }
  if (pointLabels && pointLabels.length === points) return { ...rest, min, max, pointLabels };
  return { ...rest, min, max };
}
