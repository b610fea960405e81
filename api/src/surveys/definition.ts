/**
 * The shape of a survey definition, stored as JSON in survey_version.definition.
 * One definition per published version; answers are validated against it, the analytics
 * module reads constructs and scale ranges from it, and the respondent page renders it.
 */
export const LANGUAGES = ['en', 'ru', 'et', 'ka'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A text in every supported language. `{company}` is replaced by the survey's company name. */
export type LocalText = Record<Language, string>;

export type Construct =
  | 'satisfaction'
  | 'exchange'
  | 'emotional'
  | 'behavioural'
  | 'discount'
  | 'recovery'
  | 'word_of_mouth'
  | 'loyalist_expectations'
  | 'open';

/** Shown only when another question has the given answer (e.g. problem_resolved when had_problem = yes). */
export interface ShowIf {
  questionId: string;
  equals: string | number;
}

interface QuestionBase {
  id: string;
  construct: Construct;
  text: LocalText;
  required: boolean;
  showIf?: ShowIf;
}

/** Whole numbers min..max; answer is a number. `reversed` flips the 0..1 scaling. */
export interface ScaleQuestion extends QuestionBase {
  type: 'scale';
  min: number;
  max: number;
  reversed?: boolean;
  /** Labels of the two ends (and optionally every point, in order min..max). */
  minLabel: LocalText;
  maxLabel: LocalText;
  pointLabels?: LocalText[];
}

/** One of a fixed list of values; answer is the option's value (a string). */
export interface ChoiceQuestion extends QuestionBase {
  type: 'choice';
  options: { value: string; label: LocalText }[];
}

/** A whole number count (people told); answer is a number. */
export interface CountQuestion extends QuestionBase {
  type: 'count';
  min: number;
  max: number;
}

/** Free text; answer is a string of at most maxLength characters. */
export interface TextQuestion extends QuestionBase {
  type: 'text';
  maxLength: number;
}

export type Question = ScaleQuestion | ChoiceQuestion | CountQuestion | TextQuestion;

/** Segment thresholds τS, τE, τB on the 0..1 construct scores (DESIGN.md "Primary segment"). */
export interface Thresholds {
  satisfaction: number;
  emotional: number;
  behavioural: number;
}

export interface SurveyDefinition {
  title: LocalText;
  /** Shown at the top of the survey page. */
  intro: LocalText;
  thankYou: LocalText;
  questions: Question[];
  thresholds: Thresholds;
}

export const DEFAULT_THRESHOLDS: Thresholds = { satisfaction: 0.75, emotional: 0.75, behavioural: 0.75 };

/** Answers as stored in response.answers: question id → number (scale, count) or string (choice, text). Unanswered ids are absent. */
export type Answers = Record<string, number | string>;
