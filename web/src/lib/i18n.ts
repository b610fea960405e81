/**
 * The language machinery and the UI strings every page may load: the respondent survey, the landing
 * and error pages, the language switcher. Survey texts themselves come from the definition
 * (LocalText); these are the words around them. `{name}` placeholders are filled by `t`.
 * The dashboard's strings live beside it (routes/app/messages.ts), so a phone answering a survey
 * does not download them (DESIGN.md: 60 KB of gzipped JavaScript).
 */
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
  errorRequired: 'Please answer this question.',
  errorWholeNumber: 'Enter a whole number from {min} to {max}.',
  errorTooLong: 'Please shorten your answer to at most {max} characters.',
  errorSummary: 'Some answers need your attention. Please check the highlighted questions.',
  errorNetwork: 'We could not reach the server. Your answers are kept on this device: check your connection and try again.',
  errorServer: 'Something went wrong on our side. Your answers are kept: please try again in a minute.',
  characterCount: '{used} of {max} characters',
  countHint: 'A whole number from {min} to {max}.',
  notFoundTitle: 'Survey not found',
  notFoundBody: 'This survey link is not valid, or the survey has closed. Please check the link you received.',
  loadErrorTitle: 'The survey could not be loaded',
  loadErrorBody: 'Please check your connection and reload the page.',
  reload: 'Reload',
  appName: 'Loyalty Lens',
  landingIntro: 'Find out which customers are satisfied but not loyal, and which are genuinely loyal.',
  takeDemoSurvey: 'Take the demo survey',
  openDashboard: 'Open the analyst dashboard',
};

export type MessageKey = keyof typeof en;
type Messages = Record<MessageKey, string>;

const ru: Messages = {
  language: 'Язык',
  required: 'обязательно',
  requiredNote: 'На вопросы с пометкой «обязательно» нужно ответить.',
  submit: 'Отправить ответы',
  submitting: 'Отправляем…',
  retry: 'Повторить',
  thankYou: 'Спасибо! Ваши ответы получены.',
  errorRequired: 'Пожалуйста, ответьте на этот вопрос.',
  errorWholeNumber: 'Введите целое число от {min} до {max}.',
  errorTooLong: 'Пожалуйста, сократите ответ до {max} символов.',
  errorSummary: 'Некоторые ответы требуют внимания. Проверьте выделенные вопросы.',
  errorNetwork: 'Не удалось связаться с сервером. Ваши ответы сохранены на этом устройстве: проверьте подключение и повторите попытку.',
  errorServer: 'На нашей стороне произошла ошибка. Ваши ответы сохранены: повторите попытку через минуту.',
  characterCount: '{used} из {max} символов',
  countHint: 'Целое число от {min} до {max}.',
  notFoundTitle: 'Опрос не найден',
  notFoundBody: 'Ссылка на опрос недействительна, или опрос закрыт. Проверьте полученную ссылку.',
  loadErrorTitle: 'Не удалось загрузить опрос',
  loadErrorBody: 'Проверьте подключение и перезагрузите страницу.',
  reload: 'Перезагрузить',
  appName: 'Loyalty Lens',
  landingIntro: 'Узнайте, какие клиенты довольны, но не лояльны, а какие по-настоящему лояльны.',
  takeDemoSurvey: 'Пройти демо-опрос',
  openDashboard: 'Открыть панель аналитика',
};

const et: Messages = {
  language: 'Keel',
  required: 'kohustuslik',
  requiredNote: 'Küsimustele märkega „kohustuslik“ tuleb vastata.',
  submit: 'Saada vastused',
  submitting: 'Saadame…',
  retry: 'Proovi uuesti',
  thankYou: 'Aitäh! Teie vastused on kätte saadud.',
  errorRequired: 'Palun vastake sellele küsimusele.',
  errorWholeNumber: 'Sisestage täisarv vahemikus {min} kuni {max}.',
  errorTooLong: 'Palun lühendage vastust kuni {max} tähemärgini.',
  errorSummary: 'Mõned vastused vajavad tähelepanu. Palun vaadake esiletõstetud küsimused üle.',
  errorNetwork: 'Serveriga ei õnnestunud ühendust saada. Teie vastused on selles seadmes alles: kontrollige ühendust ja proovige uuesti.',
  errorServer: 'Meie poolel läks midagi valesti. Teie vastused on alles: proovige minuti pärast uuesti.',
  characterCount: '{used} / {max} tähemärki',
  countHint: 'Täisarv vahemikus {min} kuni {max}.',
  notFoundTitle: 'Küsitlust ei leitud',
  notFoundBody: 'See küsitluse link ei kehti või küsitlus on suletud. Palun kontrollige saadud linki.',
  loadErrorTitle: 'Küsitlust ei õnnestunud laadida',
  loadErrorBody: 'Palun kontrollige ühendust ja laadige leht uuesti.',
  reload: 'Laadi uuesti',
  appName: 'Loyalty Lens',
  landingIntro: 'Saage teada, millised kliendid on rahul, kuid mitte lojaalsed, ja millised on tõeliselt lojaalsed.',
  takeDemoSurvey: 'Täida näidisküsitlus',
  openDashboard: 'Ava analüütiku töölaud',
};

const ka: Messages = {
  language: 'ენა',
  required: 'სავალდებულო',
  requiredNote: 'კითხვებს ნიშნით „სავალდებულო“ პასუხი უნდა გაეცეს.',
  submit: 'პასუხების გაგზავნა',
  submitting: 'იგზავნება…',
  retry: 'ხელახლა ცდა',
  thankYou: 'გმადლობთ! თქვენი პასუხები მიღებულია.',
  errorRequired: 'გთხოვთ, უპასუხოთ ამ კითხვას.',
  errorWholeNumber: 'შეიყვანეთ მთელი რიცხვი {min}-დან {max}-მდე.',
  errorTooLong: 'გთხოვთ, შეამოკლოთ პასუხი {max} სიმბოლომდე.',
  errorSummary: 'ზოგიერთ პასუხს ყურადღება სჭირდება. გთხოვთ, გადახედოთ მონიშნულ კითხვებს.',
  errorNetwork: 'სერვერთან დაკავშირება ვერ მოხერხდა. თქვენი პასუხები ამ მოწყობილობაზეა შენახული: შეამოწმეთ კავშირი და სცადეთ ხელახლა.',
  errorServer: 'ჩვენს მხარეს რაღაც შეფერხდა. თქვენი პასუხები შენახულია: სცადეთ ხელახლა ერთ წუთში.',
  characterCount: '{used} / {max} სიმბოლო',
  countHint: 'მთელი რიცხვი {min}-დან {max}-მდე.',
  notFoundTitle: 'გამოკითხვა ვერ მოიძებნა',
  notFoundBody: 'გამოკითხვის ბმული არასწორია ან გამოკითხვა დახურულია. გთხოვთ, შეამოწმოთ მიღებული ბმული.',
  loadErrorTitle: 'გამოკითხვის ჩატვირთვა ვერ მოხერხდა',
  loadErrorBody: 'გთხოვთ, შეამოწმოთ კავშირი და გადატვირთოთ გვერდი.',
  reload: 'გადატვირთვა',
  appName: 'Loyalty Lens',
  landingIntro: 'გაიგეთ, რომელი მომხმარებელია კმაყოფილი, მაგრამ არა ერთგული, და რომელია ნამდვილად ერთგული.',
  takeDemoSurvey: 'სადემონსტრაციო გამოკითხვის შევსება',
  openDashboard: 'ანალიტიკოსის პანელის გახსნა',
};

export const MESSAGES: Record<Language, Messages> = { en, ru, et, ka };

export type MessageParams = Record<string, string | number>;

/** `template` with each `{name}` placeholder filled from `params`; a placeholder without a value stays as written. */
export function interpolate(template: string, params: MessageParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => (name in params ? String(params[name]) : placeholder));
}

/** The UI string `key` in `language`, with `{name}` placeholders filled from `params`. */
export function t(language: Language, key: MessageKey, params: MessageParams = {}): string {
  return interpolate(MESSAGES[language][key], params);
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
