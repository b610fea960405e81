/**
 * The language machinery and the UI strings every page may load: the respondent survey, the landing
 * and error pages, the language switcher. Survey texts themselves come from the definition
 * (LocalText); these are the words around them. `{name}` placeholders are filled by `t`.
 * The dashboard's strings live beside it (routes/app/messages.ts), so a phone answering a survey
 * does not download them (DESIGN.md: 60 KB of gzipped JavaScript).
 */
import type { AnswerProblem, AnswerProblemCode } from '../../../api/src/model/answers.js';
import type { Language, LocalText } from '../../../api/src/model/definition.js';

export type { Language };

/** Each language's name in that language, for the switcher (a Georgian reader looks for ქართული). */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  ru: 'Русский',
  et: 'Eesti',
  ka: 'ქართული',
};

/** The survey languages, from the names above: Record<Language, …> makes the compiler check none is missing. */
export const LANGUAGES = Object.keys(LANGUAGE_NAMES) as Language[];

const en = {
  language: 'Language',
  required: 'required',
  requiredNote: 'Questions marked “required” must be answered.',
  submit: 'Send answers',
  submitting: 'Sending…',
  retry: 'Try again',
  thankYou: 'Thank you! Your answers have been received.',
  errorSummary: 'Some answers need your attention. Please check the highlighted questions.',
  errorNetwork: 'We could not reach the server. Your answers are kept on this device: check your connection and try again.',
  errorServer: 'Something went wrong on our side. Your answers are kept: please try again in a minute.',
  characterCount: '{used} of {max} characters',
  countHint: 'A whole number from {min} to {max}.',
  notFoundTitle: 'Survey not found',
  notFoundBody: 'This link does not lead to a survey. Please check that it was copied in full.',
  loadErrorTitle: 'The survey could not be loaded',
  loadErrorBody: 'Please check your connection and reload the page.',
  reload: 'Reload',
  appName: 'Loyalty Lens',
  landingIntro: 'Find out which customers are satisfied but not loyal, and which are genuinely loyal.',
  takeDemoSurvey: 'Take the demo survey',
  openDashboard: 'Open the analyst dashboard',
  next: 'Next',
  back: 'Back',
  stepOf: 'Step {step} of {total}',
  privacyNotice: 'Privacy notice',
  closedTitle: 'This survey is closed',
  closedBody: 'The survey no longer takes answers. Thank you for wanting to share your opinion.',
  expiredTitle: 'This invitation has expired',
  expiredBody: 'The link was valid for a limited time and can no longer be used. Thank you for wanting to share your opinion.',
  usedTitle: 'You have already answered — thank you',
  usedBody: 'We have received your answers to this invitation. There is nothing more to do.',
};

export type MessageKey = keyof typeof en;
type Messages = Record<MessageKey, string>;

const ru: Messages = {
  language: 'Язык',
  required: 'обязательно',
  requiredNote: 'На вопросы с пометкой «обязательно» нужно ответить.',
  submit: 'Отправить ответы',
  submitting: 'Отправляем…',
  retry: 'Попробовать ещё раз',
  thankYou: 'Спасибо! Ваши ответы получены.',
  errorSummary: 'Некоторые ответы требуют внимания. Проверьте выделенные вопросы.',
  errorNetwork: 'Не удалось связаться с сервером. Ваши ответы сохранены на этом устройстве: проверьте подключение и повторите попытку.',
  errorServer: 'У нас произошёл сбой. Ваши ответы сохранены — попробуйте ещё раз через минуту.',
  characterCount: 'Символов: {used} из {max}',
  countHint: 'Целое число от {min} до {max}.',
  notFoundTitle: 'Опрос не найден',
  notFoundBody: 'По этой ссылке опроса нет. Проверьте, что ссылка скопирована полностью.',
  loadErrorTitle: 'Не удалось загрузить опрос',
  loadErrorBody: 'Проверьте подключение и перезагрузите страницу.',
  reload: 'Перезагрузить',
  appName: 'Loyalty Lens',
  landingIntro: 'Узнайте, какие клиенты довольны, но не лояльны, а какие по-настоящему лояльны.',
  takeDemoSurvey: 'Пройти демо-опрос',
  openDashboard: 'Открыть панель аналитика',
  next: 'Далее',
  back: 'Назад',
  stepOf: 'Шаг {step} из {total}',
  privacyNotice: 'Политика конфиденциальности',
  closedTitle: 'Опрос завершён',
  closedBody: 'Опрос больше не принимает ответы. Спасибо, что хотели поделиться мнением.',
  expiredTitle: 'Срок действия приглашения истёк',
  expiredBody: 'Ссылка действовала ограниченное время и больше не работает. Спасибо, что хотели поделиться мнением.',
  usedTitle: 'Вы уже ответили — спасибо',
  usedBody: 'Ваши ответы по этому приглашению получены. Больше ничего делать не нужно.',
};

const et: Messages = {
  language: 'Keel',
  required: 'kohustuslik',
  requiredNote: 'Küsimustele märkega „kohustuslik“ tuleb vastata.',
  submit: 'Saada vastused',
  submitting: 'Saadame…',
  retry: 'Proovi uuesti',
  thankYou: 'Aitäh! Teie vastused on kätte saadud.',
  errorSummary: 'Mõned vastused vajavad tähelepanu. Palun vaadake esiletõstetud küsimused üle.',
  errorNetwork: 'Serveriga ei õnnestunud ühendust saada. Teie vastused on selles seadmes alles: kontrollige ühendust ja proovige uuesti.',
  errorServer: 'Meil tekkis tõrge. Teie vastused on alles: proovige minuti pärast uuesti.',
  characterCount: '{used} / {max} tähemärki',
  countHint: 'Täisarv vahemikus {min} kuni {max}.',
  notFoundTitle: 'Küsitlust ei leitud',
  notFoundBody: 'Selle lingi taga pole küsitlust. Palun kontrollige, kas link on täielikult kopeeritud.',
  loadErrorTitle: 'Küsitlust ei õnnestunud laadida',
  loadErrorBody: 'Palun kontrollige ühendust ja laadige leht uuesti.',
  reload: 'Laadi uuesti',
  appName: 'Loyalty Lens',
  landingIntro: 'Saage teada, millised kliendid on rahul, kuid mitte lojaalsed, ja millised on tõeliselt lojaalsed.',
  takeDemoSurvey: 'Täida näidisküsitlus',
  openDashboard: 'Ava analüütiku töölaud',
  next: 'Edasi',
  back: 'Tagasi',
  stepOf: 'Samm {step}/{total}',
  privacyNotice: 'Privaatsusteave',
  closedTitle: 'Küsitlus on lõppenud',
  closedBody: 'Küsitlus ei võta enam vastuseid vastu. Aitäh, et soovisite oma arvamust jagada.',
  expiredTitle: 'Kutse on aegunud',
  expiredBody: 'Link kehtis piiratud aja ja seda ei saa enam kasutada. Aitäh, et soovisite oma arvamust jagada.',
  usedTitle: 'Olete juba vastanud — aitäh',
  usedBody: 'Oleme teie vastused sellele kutsele kätte saanud. Rohkem pole vaja midagi teha.',
};

const ka: Messages = {
  language: 'ენა',
  required: 'სავალდებულო',
  requiredNote: 'კითხვებს ნიშნით „სავალდებულო“ პასუხი უნდა გაეცეს.',
  submit: 'პასუხების გაგზავნა',
  submitting: 'იგზავნება…',
  retry: 'ხელახლა ცდა',
  thankYou: 'გმადლობთ! თქვენი პასუხები მიღებულია.',
  errorSummary: 'ზოგიერთ პასუხს ყურადღება სჭირდება. გთხოვთ, გადახედოთ მონიშნულ კითხვებს.',
  errorNetwork: 'სერვერთან დაკავშირება ვერ მოხერხდა. თქვენი პასუხები ამ მოწყობილობაზეა შენახული: შეამოწმეთ კავშირი და სცადეთ ხელახლა.',
  errorServer: 'ჩვენთან ტექნიკური შეფერხებაა. თქვენი პასუხები შენახულია: სცადეთ ხელახლა ერთ წუთში.',
  characterCount: '{used} / {max} სიმბოლო',
  countHint: 'მთელი რიცხვი {min}-დან {max}-მდე.',
  notFoundTitle: 'გამოკითხვა ვერ მოიძებნა',
  notFoundBody: 'ამ ბმულზე გამოკითხვა არ მოიძებნა. გთხოვთ, შეამოწმოთ, სრულად არის თუ არა ბმული დაკოპირებული.',
  loadErrorTitle: 'გამოკითხვის ჩატვირთვა ვერ მოხერხდა',
  loadErrorBody: 'გთხოვთ, შეამოწმოთ კავშირი და გადატვირთოთ გვერდი.',
  reload: 'გადატვირთვა',
  appName: 'Loyalty Lens',
  landingIntro: 'გაიგეთ, რომელი მომხმარებელია კმაყოფილი, მაგრამ არა ერთგული, და რომელია ნამდვილად ერთგული.',
  takeDemoSurvey: 'სადემონსტრაციო გამოკითხვის შევსება',
  openDashboard: 'ანალიტიკოსის პანელის გახსნა',
  next: 'შემდეგი',
  back: 'უკან',
  stepOf: 'ნაბიჯი {step} {total}-დან',
  privacyNotice: 'კონფიდენციალურობის პოლიტიკა',
  closedTitle: 'გამოკითხვა დასრულებულია',
  closedBody: 'გამოკითხვა პასუხებს აღარ იღებს. გმადლობთ, რომ აზრის გაზიარება მოისურვეთ.',
  expiredTitle: 'მოწვევას ვადა გაუვიდა',
  expiredBody: 'ბმული შეზღუდული დროით მოქმედებდა და მისი გამოყენება აღარ შეიძლება. გმადლობთ, რომ აზრის გაზიარება მოისურვეთ.',
  usedTitle: 'თქვენ უკვე უპასუხეთ — გმადლობთ',
  usedBody: 'ამ მოწვევაზე თქვენი პასუხები მიღებულია. მეტი არაფრის გაკეთება არ არის საჭირო.',
};

export const MESSAGES: Record<Language, Messages> = { en, ru, et, ka };

/** A noun's forms per CLDR plural category (Intl.PluralRules); `other` stands in for a category not given. */
type NounForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/**
 * The intro's length line in each language: minutes and questions agree with their numbers
 * (Russian 1 минута / 2–4 минуты / 5 минут; Estonian 1 minut / 4 minutit; Georgian keeps the
 * singular after a numeral).
 */
const SURVEY_LENGTH: Record<Language, { about: string; minutes: NounForms; questions: NounForms }> = {
  en: { about: 'About {minutes} · {questions}', minutes: { one: 'minute', other: 'minutes' }, questions: { one: 'question', other: 'questions' } },
  ru: {
    about: 'Примерно {minutes} · {questions}',
    minutes: { one: 'минута', few: 'минуты', many: 'минут', other: 'минуты' },
    questions: { one: 'вопрос', few: 'вопроса', many: 'вопросов', other: 'вопроса' },
  },
  et: { about: 'Umbes {minutes} · {questions}', minutes: { one: 'minut', other: 'minutit' }, questions: { one: 'küsimus', other: 'küsimust' } },
  ka: { about: 'დაახლოებით {minutes} · {questions}', minutes: { other: 'წუთი' }, questions: { other: 'კითხვა' } },
};

/** `count` and the form of the noun that agrees with it, as `language` writes them. */
function counted(language: Language, count: number, forms: NounForms): string {
  return `${formatNumber(language, count)}\u00a0${forms[new Intl.PluralRules(language).select(count)] ?? forms.other}`;
}

/**
 * How long a survey takes, for its intro.
 * @example surveyLength('ru', 4, 23) // => 'Примерно 4 минуты · 23 вопроса'
 */
export function surveyLength(language: Language, minutes: number, questions: number): string {
  const words = SURVEY_LENGTH[language];
  return interpolate(words.about, { minutes: counted(language, minutes, words.minutes), questions: counted(language, questions, words.questions) });
}

export type MessageParams = Record<string, string | number>;

/**
 * How CLDR groups the digits of a whole number in languages some browsers have no number data for:
 * Debian's Chromium formats `ka` as en-US ("5,000", which a Georgian reads as five with decimals).
 */
const DIGIT_GROUPING: Partial<Record<Language, { separator: string; minimumGroupingDigits: number }>> = {
  ka: { separator: '\u00a0', minimumGroupingDigits: 2 },
};

/**
 * A whole number with its digits grouped in threes, grouping only from 3 + minimumGroupingDigits digits.
 * @example groupDigits(10000, '\u00a0', 2) // => '10 000'; groupDigits(5000, '\u00a0', 2) // => '5000'
 */
export function groupDigits(value: number, separator: string, minimumGroupingDigits: number): string {
  const digits = String(Math.abs(value));
  const grouped = digits.length < 3 + minimumGroupingDigits ? digits : digits.replace(/\B(?=(\d{3})+$)/g, separator);
  return value < 0 ? `-${grouped}` : grouped;
}

/**
 * CLDR's decimal separator of the languages in DIGIT_GROUPING (Georgian writes 63,4%); their
 * percent and decimal patterns otherwise match English's.
 */
const DECIMAL_SEPARATOR: Partial<Record<Language, string>> = { ka: ',' };

/**
 * Intl.NumberFormat for `language`, or, where the browser has no number data for it (Debian's Chromium
 * and Georgian), English's format with CLDR's separators and grouping put back.
 * @example numberFormat('ka', { style: 'percent', maximumFractionDigits: 1 }).format(0.634) // => '63,4%'; (12345.6) // => '12 345,6'
 */
export function numberFormat(language: Language, options: Intl.NumberFormatOptions = {}): { format(value: number): string } {
  const grouping = DIGIT_GROUPING[language];
  if (Intl.NumberFormat.supportedLocalesOf([language]).length > 0 || !grouping) return new Intl.NumberFormat(language, options);
  const english = new Intl.NumberFormat('en', { ...options, useGrouping: false });
  const decimal = DECIMAL_SEPARATOR[language] ?? '.';
  return {
    format(value: number) {
      const written = english.format(value).replace('.', decimal);
      // The first run of digits is the whole part; it alone is grouped.
      return written.replace(/\d+/, (digits) => groupDigits(Number(digits), grouping.separator, grouping.minimumGroupingDigits).padStart(digits.length, '0'));
    },
  };
}

/** A number as `language` writes it: the browser's Intl where it knows the language, else CLDR's grouping. */
export function formatNumber(language: Language, value: number): string {
  const grouping = DIGIT_GROUPING[language];
  if (Intl.NumberFormat.supportedLocalesOf([language]).length > 0 || !grouping || !Number.isInteger(value)) {
    return new Intl.NumberFormat(language).format(value);
  }
  return groupDigits(value, grouping.separator, grouping.minimumGroupingDigits);
}

/**
 * `template` with each `{name}` placeholder filled from `params`; a placeholder without a value stays as written.
 * A value ending in a full stop before the template's own ends the sentence once: a Russian date
 * ("1 марта 2026 г.") at the end of "…с {date}." must not read "г..".
 * @example interpolate('В Loyalty Lens с {date}.', { date: '1 мар. 2026 г.' }) // => 'В Loyalty Lens с 1 мар. 2026 г.'
 */
export function interpolate(template: string, params: MessageParams = {}): string {
  return template.replace(/\{(\w+)\}(\.?)/g, (placeholder, name: string, stop: string) => {
    if (!(name in params)) return placeholder;
    const value = String(params[name]);
    return stop && value.endsWith('.') ? value : `${value}${stop}`;
  });
}

/**
 * The UI string `key` in `language`, with `{name}` placeholders filled from `params`; numbers are
 * written as the language writes them (1,000 in English, 1 000 in Russian).
 */
export function t(language: Language, key: MessageKey, params: MessageParams = {}): string {
  const written = Object.fromEntries(Object.entries(params).map(([name, value]) => [name, typeof value === 'number' ? formatNumber(language, value) : value]));
  return interpolate(MESSAGES[language][key], written);
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The browser's preferred languages, best first (older browsers have only navigator.language). */
export function browserLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

/**
 * The language to show: `?lang=` when it names one we have, else the first browser language we
 * have (by its primary subtag: `ru-RU` → ru), else English.
 */
export function chooseLanguage(requested: string | null, browserLanguages: readonly string[]): Language {
  if (isLanguage(requested)) return requested;
  for (const tag of browserLanguages) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLanguage(primary)) return primary;
  }
  return 'en';
}

/** A survey text in `language` with `{company}` replaced by the survey's company name. */
export function localize(text: LocalText, language: Language, companyName: string): string {
  return text[language].replaceAll('{company}', companyName);
}

/** The parameters of an answer problem, numbers already written the way the language writes them. */
interface ProblemWords {
  min: string;
  max: string;
  maxLength: string;
  length: string;
  /** maxLength as a number, for the word that agrees with it. */
  maxLengthCount: number;
}
type ProblemTexts = Record<AnswerProblemCode, (words: ProblemWords) => string>;

/**
 * The answer check's problem codes (model/answers.ts) in each language, worded for the respondent:
 * what to do, not what the check found. OUT_OF_RANGE is worded for a row of points and a typed
 * number alike ("give", «укажите», "märkige", მიუთითეთ). NOT_AN_OPTION's `options` are values, not
 * labels, so they are not shown.
 */
const enProblems: ProblemTexts = {
  UNKNOWN_QUESTION: () => 'This survey has changed since you opened it. Please reload the page and answer again.',
  REQUIRED: () => 'Please answer this question.',
  NOT_A_WHOLE_NUMBER: ({ min, max }) => `Enter a whole number from ${min} to ${max}.`,
  OUT_OF_RANGE: ({ min, max }) => `Please give a number from ${min} to ${max}.`,
  NOT_AN_OPTION: () => 'Please choose one of the options.',
  NOT_TEXT: () => 'Please type your answer as text.',
  TOO_LONG: ({ maxLength, length, maxLengthCount }) =>
    `Please shorten your answer to ${maxLength} ${maxLengthCount === 1 ? 'character' : 'characters'} or fewer (it now has ${length}).`,
  INVALID_CHARACTERS: () => 'Your answer contains a character that cannot be saved. Please delete it, or type the answer instead of pasting it.',
  HIDDEN_BY_SHOW_IF: () => 'Given your earlier answers, this question does not apply to you. Please reload the page and check your answers.',
};

/** After «до» the noun is genitive: до 1 (21, 31…) символа, до 2 (5, 5 000…) символов. */
const ruCharactersGenitive = (count: number) => (new Intl.PluralRules('ru').select(count) === 'one' ? 'символа' : 'символов');

const ruProblems: ProblemTexts = {
  UNKNOWN_QUESTION: () => 'Опрос изменился с тех пор, как вы его открыли. Обновите страницу и ответьте ещё раз.',
  REQUIRED: () => 'Пожалуйста, ответьте на этот вопрос.',
  NOT_A_WHOLE_NUMBER: ({ min, max }) => `Введите целое число от ${min} до ${max}.`,
  OUT_OF_RANGE: ({ min, max }) => `Укажите число от ${min} до ${max}.`,
  NOT_AN_OPTION: () => 'Выберите один из вариантов.',
  NOT_TEXT: () => 'Введите ответ текстом.',
  TOO_LONG: ({ maxLength, length, maxLengthCount }) =>
    `Пожалуйста, сократите ответ до ${maxLength} ${ruCharactersGenitive(maxLengthCount)} (сейчас ${length}).`,
  INVALID_CHARACTERS: () => 'В ответе есть символ, который не удаётся сохранить. Удалите его или наберите текст вручную, а не вставляйте.',
  HIDDEN_BY_SHOW_IF: () => 'Судя по вашим предыдущим ответам, этот вопрос к вам не относится. Обновите страницу и проверьте ответы.',
};

const etProblems: ProblemTexts = {
  UNKNOWN_QUESTION: () => 'Küsitlust on pärast selle avamist muudetud. Palun laadige leht uuesti ja vastake veel kord.',
  REQUIRED: () => 'Palun vastake sellele küsimusele.',
  NOT_A_WHOLE_NUMBER: ({ min, max }) => `Sisestage täisarv vahemikus ${min} kuni ${max}.`,
  OUT_OF_RANGE: ({ min, max }) => `Palun märkige arv vahemikus ${min} kuni ${max}.`,
  NOT_AN_OPTION: () => 'Palun valige üks vastusevariantidest.',
  NOT_TEXT: () => 'Palun kirjutage vastus tekstina.',
  TOO_LONG: ({ maxLength, length }) => `Palun lühendage vastust kuni ${maxLength} tähemärgini (praegu ${length}).`,
  INVALID_CHARACTERS: () => 'Vastuses on märk, mida ei saa salvestada. Palun kustutage see või tippige vastus ise, selle asemel et kleepida.',
  HIDDEN_BY_SHOW_IF: () => 'Teie varasemate vastuste järgi see küsimus teie kohta ei käi. Palun laadige leht uuesti ja kontrollige vastuseid.',
};

const kaProblems: ProblemTexts = {
  UNKNOWN_QUESTION: () => 'გამოკითხვა შეიცვალა მას შემდეგ, რაც გახსენით. გთხოვთ, გადატვირთოთ გვერდი და თავიდან უპასუხოთ.',
  REQUIRED: () => 'გთხოვთ, უპასუხოთ ამ კითხვას.',
  NOT_A_WHOLE_NUMBER: ({ min, max }) => `შეიყვანეთ მთელი რიცხვი ${min}-დან ${max}-მდე.`,
  OUT_OF_RANGE: ({ min, max }) => `მიუთითეთ რიცხვი ${min}-დან ${max}-მდე.`,
  NOT_AN_OPTION: () => 'გთხოვთ, აირჩიოთ ერთ-ერთი პასუხი.',
  NOT_TEXT: () => 'გთხოვთ, პასუხი ტექსტად ჩაწეროთ.',
  TOO_LONG: ({ maxLength, length }) => `გთხოვთ, შეამოკლოთ პასუხი ${maxLength} სიმბოლომდე (ახლა: ${length}).`,
  INVALID_CHARACTERS: () => 'პასუხში არის სიმბოლო, რომლის შენახვაც ვერ ხერხდება. გთხოვთ, წაშალოთ ის ან პასუხი ჩასმის ნაცვლად ხელით აკრიფოთ.',
  HIDDEN_BY_SHOW_IF: () => 'თქვენი წინა პასუხების მიხედვით, ეს კითხვა თქვენ არ გეხებათ. გთხოვთ, გადატვირთოთ გვერდი და გადაამოწმოთ პასუხები.',
};

export const ANSWER_PROBLEM_TEXTS: Record<Language, ProblemTexts> = { en: enProblems, ru: ruProblems, et: etProblems, ka: kaProblems };

/** Whether a code from the server is one of the answer check's, so it can be worded here. */
export function isAnswerProblemCode(code: unknown): code is AnswerProblemCode {
  return typeof code === 'string' && Object.hasOwn(enProblems, code);
}

/**
 * An answer problem (from the model's answer check, on this page or from the server) in `language`,
 * numbers written as that language writes them (1,000 · 1 000).
 * @example answerProblemText('ru', { code: 'OUT_OF_RANGE', params: { min: 0, max: 1000 } }) // => 'Укажите число от 0 до 1 000.'
 */
export function answerProblemText(language: Language, problem: Pick<AnswerProblem, 'code' | 'params'>): string {
  const word = (value: string | number | undefined) => (typeof value === 'number' ? formatNumber(language, value) : String(value ?? ''));
  const { min, max, maxLength, length } = problem.params;
  return ANSWER_PROBLEM_TEXTS[language][problem.code]({
    min: word(min),
    max: word(max),
    maxLength: word(maxLength),
    length: word(length),
    maxLengthCount: typeof maxLength === 'number' ? maxLength : 0,
  });
}

/**
 * A `t` for a page's own table of strings (account and admin pages keep theirs beside them):
 * fills `{name}` placeholders, numbers written as the language writes them.
 * @example const t = translator({ en: { hello: 'Hi {name}' }, … }); t('en', 'hello', { name: 'Ana' }) // => 'Hi Ana'
 */
export function translator<K extends string>(tables: Record<Language, Record<K, string>>) {
  return (language: Language, key: K, params: MessageParams = {}): string => {
    const written = Object.fromEntries(Object.entries(params).map(([name, value]) => [name, typeof value === 'number' ? formatNumber(language, value) : value]));
    return interpolate(tables[language][key], written);
  };
}

/**
 * CLDR's Georgian dates ("d MMM. y" medium, "d MMMM, y" long), for browsers whose Georgian date data
 * is missing or poor: Debian's Chromium writes `ka` dates as en-US ("Dec 1, 2026"), other builds
 * fall back to the root pattern ("2026 M12 1").
 */
const GEORGIAN_MONTHS = {
  medium: ['იან', 'თებ', 'მარ', 'აპრ', 'მაი', 'ივნ', 'ივლ', 'აგვ', 'სექ', 'ოქტ', 'ნოე', 'დეკ'],
  long: ['იანვარი', 'თებერვალი', 'მარტი', 'აპრილი', 'მაისი', 'ივნისი', 'ივლისი', 'აგვისტო', 'სექტემბერი', 'ოქტომბერი', 'ნოემბერი', 'დეკემბერი'],
};

/** How long a date is written: medium "1 Dec 2026", long "1 December 2026". */
export type DateStyle = 'medium' | 'long';

/** Whether the platform writes Georgian dates in Georgian: a month name in Georgian script, not "Dec" or "M12". */
function knowsGeorgianDates(): boolean {
  const written = new Intl.DateTimeFormat('ka', { dateStyle: 'long' }).format(new Date(2026, 11, 1));
  return /[\u10d0-\u10ff]/.test(written);
}

function georgianDate(moment: Date, style: DateStyle): string {
  const month = GEORGIAN_MONTHS[style][moment.getMonth()];
  return style === 'long' ? `${moment.getDate()} ${month}, ${moment.getFullYear()}` : `${moment.getDate()} ${month}. ${moment.getFullYear()}`;
}

/**
 * A day as `language` writes it, in the browser's time zone.
 * @example formatDate('ru', '2026-12-02T10:00:00Z') // => '2 дек. 2026 г.'; formatDate('ka', …, 'long') // => '2 დეკემბერი, 2026'
 */
export function formatDate(language: Language, iso: string, style: DateStyle = 'medium'): string {
  const moment = new Date(iso);
  if (language === 'ka' && !knowsGeorgianDates()) return georgianDate(moment, style);
  return new Intl.DateTimeFormat(language, { dateStyle: style }).format(moment);
}

/** A moment as `language` writes a date and time, in the browser's time zone (e.g. 2 Dec 2026, 14:05). */
export function formatDateTime(language: Language, iso: string): string {
  const moment = new Date(iso);
  if (language === 'ka' && !knowsGeorgianDates()) {
    const time = `${String(moment.getHours()).padStart(2, '0')}:${String(moment.getMinutes()).padStart(2, '0')}`;
    return `${georgianDate(moment, 'medium')}, ${time}`;
  }
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(moment);
}
