/** Strings of /app/api-keys: the company's keys, their scopes, creating one (its secret shown once) and revoking. */
import type { ApiKeyScope } from '$lib/api.js';
import { translator, type Language } from '$lib/i18n.js';

const en = {
  title: 'API keys',
  intro: 'Your servers send an API key as “Authorization: Bearer <key>” to submit responses, import purchases or read reports.',
  keysHeading: 'Keys',
  noKeys: 'There are no API keys yet.',
  keyShown: 'Key',
  scopes: 'May',
  created: 'Created {date}',
  createdBy: 'Created {date} by {who}',
  lastUsed: 'Last used {date}',
  neverUsed: 'Never used',
  revokedOn: 'Revoked {date}',
  revoke: 'Revoke',
  revokeConfirm: 'Revoke “{name}”? Servers that use it are refused from then on.',
  revokeYes: 'Yes, revoke',
  revoked: '“{name}” is revoked.',
  createHeading: 'Create an API key',
  name: 'Name',
  nameHint: 'What it is for, e.g. “Till system import”.',
  chooseScopes: 'What the key may do',
  chooseAtLeastOne: 'Choose at least one.',
  create: 'Create the key',
  secretLabel: 'The new key “{name}”',
  secretWarning: 'Copy the key now and store it somewhere safe: it is shown only this once. If it is lost, revoke it and create a new one.',
  secretDone: 'I have stored it',
  'scope_responses:write': 'Submit survey responses',
  'scope_purchases:write': 'Import purchases',
  'scope_reports:read': 'Read reports',
  'scope_exports:read': 'Download exports',
  'scope_invites:write': 'Create survey invites',
};

type Messages = Record<keyof typeof en, string>;

const ru: Messages = {
  title: 'API-ключи',
  intro: 'Ваши серверы передают API-ключ в заголовке «Authorization: Bearer <ключ>», чтобы отправлять ответы, загружать покупки или получать отчёты.',
  keysHeading: 'Ключи',
  noKeys: 'API-ключей пока нет.',
  keyShown: 'Ключ',
  scopes: 'Права',
  created: 'Создан {date}',
  createdBy: 'Создан {date}, автор: {who}',
  lastUsed: 'Последнее использование: {date}',
  neverUsed: 'Ещё не использовался',
  revokedOn: 'Отозван {date}',
  revoke: 'Отозвать',
  revokeConfirm: 'Отозвать ключ «{name}»? Запросы серверов с этим ключом будут отклоняться.',
  revokeYes: 'Да, отозвать',
  revoked: 'Ключ «{name}» отозван.',
  createHeading: 'Создать API-ключ',
  name: 'Название',
  nameHint: 'Для чего он нужен, например «Загрузка из кассовой системы».',
  chooseScopes: 'Что можно делать с этим ключом',
  chooseAtLeastOne: 'Выберите хотя бы одно право.',
  create: 'Создать ключ',
  secretLabel: 'Новый ключ «{name}»',
  secretWarning: 'Скопируйте ключ сейчас и сохраните в надёжном месте: он показывается только один раз. Если ключ потеряется, отзовите его и создайте новый.',
  secretDone: 'Ключ сохранён',
  'scope_responses:write': 'Отправлять ответы на опросы',
  'scope_purchases:write': 'Загружать покупки',
  'scope_reports:read': 'Получать отчёты',
  'scope_exports:read': 'Скачивать выгрузки',
  'scope_invites:write': 'Создавать приглашения в опросы',
};

const et: Messages = {
  title: 'API-võtmed',
  intro: 'Teie serverid saadavad API-võtme päises „Authorization: Bearer <võti>“, et esitada vastuseid, importida oste või lugeda aruandeid.',
  keysHeading: 'Võtmed',
  noKeys: 'API-võtmeid veel ei ole.',
  keyShown: 'Võti',
  scopes: 'Õigused',
  created: 'Loodud {date}',
  createdBy: 'Loodud {date}, lõi {who}',
  lastUsed: 'Viimati kasutatud {date}',
  neverUsed: 'Pole kasutatud',
  revokedOn: 'Tühistatud {date}',
  revoke: 'Tühista',
  revokeConfirm: 'Kas tühistada „{name}“? Seda kasutavate serverite päringud lükatakse edaspidi tagasi.',
  revokeYes: 'Jah, tühista',
  revoked: '„{name}“ on tühistatud.',
  createHeading: 'Loo API-võti',
  name: 'Nimi',
  nameHint: 'Milleks see on, näiteks „Kassasüsteemi import“.',
  chooseScopes: 'Mida võti lubab',
  chooseAtLeastOne: 'Valige vähemalt üks.',
  create: 'Loo võti',
  secretLabel: 'Uus võti „{name}“',
  secretWarning: 'Kopeerige võti kohe ja hoidke seda turvalises kohas: seda näidatakse ainult üks kord. Kui see läheb kaotsi, tühistage see ja looge uus.',
  secretDone: 'Olen võtme salvestanud',
  'scope_responses:write': 'Esitada küsitluse vastuseid',
  'scope_purchases:write': 'Importida oste',
  'scope_reports:read': 'Lugeda aruandeid',
  'scope_exports:read': 'Laadida alla väljavõtteid',
  'scope_invites:write': 'Luua küsitluse kutseid',
};

const ka: Messages = {
  title: 'API გასაღებები',
  intro: 'თქვენი სერვერები API გასაღებს აგზავნიან სათაურით „Authorization: Bearer <გასაღები>“ — პასუხების გასაგზავნად, შესყიდვების იმპორტისთვის ან ანგარიშების წასაკითხად.',
  keysHeading: 'გასაღებები',
  noKeys: 'API გასაღებები ჯერ არ არის.',
  keyShown: 'გასაღები',
  scopes: 'უფლებები',
  created: 'შეიქმნა: {date}',
  createdBy: 'შეიქმნა: {date}, შემქმნელი: {who}',
  lastUsed: 'ბოლოს გამოყენებულია: {date}',
  neverUsed: 'ჯერ არ გამოყენებულა',
  revokedOn: 'გაუქმდა: {date}',
  revoke: 'გაუქმება',
  revokeConfirm: 'გაუქმდეს „{name}“? ამ გასაღების მქონე სერვერების მოთხოვნები ამიერიდან უარყოფილი იქნება.',
  revokeYes: 'დიახ, გაუქმდეს',
  revoked: '„{name}“ გაუქმებულია.',
  createHeading: 'API გასაღების შექმნა',
  name: 'სახელი',
  nameHint: 'რისთვის არის, მაგალითად „სალაროს სისტემის იმპორტი“.',
  chooseScopes: 'რის უფლებას იძლევა გასაღები',
  chooseAtLeastOne: 'აირჩიეთ ერთი მაინც.',
  create: 'გასაღების შექმნა',
  secretLabel: 'ახალი გასაღები „{name}“',
  secretWarning: 'დააკოპირეთ გასაღები ახლავე და შეინახეთ უსაფრთხო ადგილას: ის მხოლოდ ერთხელ ჩანს. თუ დაიკარგა, გააუქმეთ და შექმენით ახალი.',
  secretDone: 'გასაღები შევინახე',
  'scope_responses:write': 'გამოკითხვის პასუხების გაგზავნა',
  'scope_purchases:write': 'შესყიდვების იმპორტი',
  'scope_reports:read': 'ანგარიშების წაკითხვა',
  'scope_exports:read': 'ექსპორტის ჩამოტვირთვა',
  'scope_invites:write': 'გამოკითხვის მოწვევების შექმნა',
};

export const API_KEYS_MESSAGES: Record<Language, Messages> = { en, ru, et, ka };
export const t = translator(API_KEYS_MESSAGES);

/** The scopes in the order the form lists them; a Record, so the compiler says when the API adds one. */
const SCOPE_ORDER: Record<ApiKeyScope, number> = { 'responses:write': 0, 'purchases:write': 1, 'reports:read': 2, 'exports:read': 3, 'invites:write': 4 };
export const SCOPE_LIST = Object.keys(SCOPE_ORDER) as ApiKeyScope[];

export function scopeName(language: Language, scope: ApiKeyScope): string {
  return t(language, `scope_${scope}`);
}
