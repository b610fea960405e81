/** Strings of /app/audit: the filter, the entries and every audit action's name. */
import type { ApiKeyScope, AuditAction, Role } from '$lib/api.js';
import { ROLE_LIST, roleName } from '$lib/account/messages.js';
import { formatNumber, translator, type Language } from '$lib/i18n.js';
import { SCOPE_LIST, scopeName } from '../api-keys/messages.js';

type ActionNames = Record<`action_${AuditAction}`, string>;

const enActions: ActionNames = {
  action_sign_in: 'Signed in',
  action_sign_in_failed: 'Failed sign-in',
  action_sign_out: 'Signed out',
  action_sign_out_everywhere: 'Signed out on all devices',
  action_member_invited: 'Member invited',
  action_member_joined: 'Member joined',
  action_member_role_changed: 'Role changed',
  action_member_removed: 'Member removed',
  action_password_reset_link_created: 'Password reset link created',
  action_password_reset: 'Password reset',
  action_password_changed: 'Password changed',
  action_api_key_created: 'API key created',
  action_api_key_revoked: 'API key revoked',
  action_company_updated: 'Company details changed',
  action_survey_published: 'Survey published',
  action_survey_closed: 'Survey closed',
  action_import: 'Import',
  action_export: 'Export',
  action_erasure: 'Customer data erased',
  action_branding_updated: 'Survey branding changed',
  action_logo_uploaded: 'Logo uploaded',
  action_logo_removed: 'Logo removed',
};

const en = {
  ...enActions,
  title: 'Audit log',
  intro: 'Who did what in the company, newest first.',
  filterLabel: 'Filter',
  action: 'Action',
  anyAction: 'All actions',
  from: 'From',
  to: 'To',
  apply: 'Show',
  clear: 'Clear the filter',
  rangeBackwards: '“From” must not be after “To”.',
  noEntries: 'No entries match this filter.',
  who: 'By',
  target: 'On',
  address: 'Address',
  system: 'The system',
  apiKeyActor: 'API key “{name}”',
  older: 'Older entries',
  newest: 'Back to the newest',
  detail_name: 'Name',
  detail_scopes: 'May',
  detail_role: 'Role',
  detail_from: 'From',
  detail_to: 'To',
  detail_sessionsEnded: 'Sessions ended',
  detail_otherSessionsEnded: 'Other sessions ended',
  detail_sessions: 'Sessions ended',
  detail_newAccount: 'New account',
  detail_setup: 'First admin',
  detail_filters: 'Filters',
  detail_rows: 'Rows',
  detail_completed: 'Completed',
  detail_customerRefSha256: 'Customer reference (SHA-256)',
  detail_responses: 'Responses',
  detail_invites: 'Invites',
  detail_purchases: 'Purchases',
  detail_version: 'Version',
  detail_accentColor: 'Accent colour',
  detail_privacyUrl: 'Privacy notice',
  detail_format: 'Format',
  detail_width: 'Width in pixels',
  detail_height: 'Height in pixels',
  detail_bytes: 'Size in bytes',
  detail_none: 'none',
  detail_yes: 'yes',
  detail_no: 'no',
};

type Messages = Record<keyof typeof en, string>;

const ru: Messages = {
  action_sign_in: 'Вход',
  action_sign_in_failed: 'Неудачная попытка входа',
  action_sign_out: 'Выход',
  action_sign_out_everywhere: 'Выход на всех устройствах',
  action_member_invited: 'Приглашение участника',
  action_member_joined: 'Присоединение участника',
  action_member_role_changed: 'Смена роли',
  action_member_removed: 'Удаление участника',
  action_password_reset_link_created: 'Создание ссылки для сброса пароля',
  action_password_reset: 'Сброс пароля',
  action_password_changed: 'Смена пароля',
  action_api_key_created: 'Создание API-ключа',
  action_api_key_revoked: 'Отзыв API-ключа',
  action_company_updated: 'Изменение данных компании',
  action_survey_published: 'Публикация опроса',
  action_survey_closed: 'Закрытие опроса',
  action_import: 'Импорт',
  action_export: 'Выгрузка',
  action_erasure: 'Удаление данных клиента',
  action_branding_updated: 'Изменение оформления опросов',
  action_logo_uploaded: 'Загрузка логотипа',
  action_logo_removed: 'Удаление логотипа',
  title: 'Журнал действий',
  intro: 'Кто и что делал в компании, сначала новые записи.',
  filterLabel: 'Фильтр',
  action: 'Действие',
  anyAction: 'Все действия',
  from: 'С',
  to: 'По',
  apply: 'Показать',
  clear: 'Сбросить фильтр',
  rangeBackwards: 'Начальная дата не может быть позже конечной.',
  noEntries: 'Нет записей, подходящих под фильтр.',
  who: 'Кто',
  target: 'Объект',
  address: 'Адрес',
  system: 'Система',
  apiKeyActor: 'API-ключ «{name}»',
  older: 'Более ранние записи',
  newest: 'К последним записям',
  detail_name: 'Название',
  detail_scopes: 'Права',
  detail_role: 'Роль',
  detail_from: 'Было',
  detail_to: 'Стало',
  detail_sessionsEnded: 'Завершено сеансов',
  detail_otherSessionsEnded: 'Завершено других сеансов',
  detail_sessions: 'Завершено сеансов',
  detail_newAccount: 'Новая учётная запись',
  detail_setup: 'Первый администратор',
  detail_filters: 'Фильтры',
  detail_rows: 'Строк',
  detail_completed: 'Завершена',
  detail_customerRefSha256: 'Код клиента (SHA-256)',
  detail_responses: 'Ответов',
  detail_invites: 'Приглашений',
  detail_purchases: 'Покупок',
  detail_version: 'Версия',
  detail_accentColor: 'Акцентный цвет',
  detail_privacyUrl: 'Политика конфиденциальности',
  detail_format: 'Формат',
  detail_width: 'Ширина в пикселях',
  detail_height: 'Высота в пикселях',
  detail_bytes: 'Размер в байтах',
  detail_none: 'нет',
  detail_yes: 'да',
  detail_no: 'нет',
};

const et: Messages = {
  action_sign_in: 'Sisselogimine',
  action_sign_in_failed: 'Ebaõnnestunud sisselogimine',
  action_sign_out: 'Väljalogimine',
  action_sign_out_everywhere: 'Väljalogimine kõigis seadmetes',
  action_member_invited: 'Liikme kutsumine',
  action_member_joined: 'Liikme liitumine',
  action_member_role_changed: 'Rolli muutmine',
  action_member_removed: 'Liikme eemaldamine',
  action_password_reset_link_created: 'Parooli lähtestamise lingi loomine',
  action_password_reset: 'Parooli lähtestamine',
  action_password_changed: 'Parooli muutmine',
  action_api_key_created: 'API-võtme loomine',
  action_api_key_revoked: 'API-võtme tühistamine',
  action_company_updated: 'Ettevõtte andmete muutmine',
  action_survey_published: 'Küsitluse avaldamine',
  action_survey_closed: 'Küsitluse sulgemine',
  action_import: 'Import',
  action_export: 'Eksport',
  action_erasure: 'Kliendi andmete kustutamine',
  action_branding_updated: 'Küsitluste kujunduse muutmine',
  action_logo_uploaded: 'Logo üleslaadimine',
  action_logo_removed: 'Logo eemaldamine',
  title: 'Tegevuslogi',
  intro: 'Kes mida ettevõttes tegi, uusimad eespool.',
  filterLabel: 'Filter',
  action: 'Tegevus',
  anyAction: 'Kõik tegevused',
  from: 'Alates',
  to: 'Kuni',
  apply: 'Näita',
  clear: 'Tühjenda filter',
  rangeBackwards: 'Alguskuupäev ei tohi olla lõppkuupäevast hilisem.',
  noEntries: 'Filtrile vastavaid kirjeid ei ole.',
  who: 'Tegija',
  target: 'Objekt',
  address: 'Aadress',
  system: 'Süsteem',
  apiKeyActor: 'API-võti „{name}“',
  older: 'Vanemad kirjed',
  newest: 'Tagasi uusimate juurde',
  detail_name: 'Nimi',
  detail_scopes: 'Õigused',
  detail_role: 'Roll',
  detail_from: 'Enne',
  detail_to: 'Pärast',
  detail_sessionsEnded: 'Lõpetatud seansse',
  detail_otherSessionsEnded: 'Lõpetatud muid seansse',
  detail_sessions: 'Lõpetatud seansse',
  detail_newAccount: 'Uus konto',
  detail_setup: 'Esimene admin',
  detail_filters: 'Filtrid',
  detail_rows: 'Ridu',
  detail_completed: 'Lõpetatud',
  detail_customerRefSha256: 'Kliendi viide (SHA-256)',
  detail_responses: 'Vastuseid',
  detail_invites: 'Kutseid',
  detail_purchases: 'Oste',
  detail_version: 'Versioon',
  detail_accentColor: 'Rõhuvärv',
  detail_privacyUrl: 'Privaatsusteade',
  detail_format: 'Vorming',
  detail_width: 'Laius pikslites',
  detail_height: 'Kõrgus pikslites',
  detail_bytes: 'Suurus baitides',
  detail_none: 'puudub',
  detail_yes: 'jah',
  detail_no: 'ei',
};

const ka: Messages = {
  action_sign_in: 'შესვლა',
  action_sign_in_failed: 'შესვლის წარუმატებელი მცდელობა',
  action_sign_out: 'გასვლა',
  action_sign_out_everywhere: 'გასვლა ყველა მოწყობილობიდან',
  action_member_invited: 'წევრის მოწვევა',
  action_member_joined: 'წევრის გაწევრიანება',
  action_member_role_changed: 'როლის შეცვლა',
  action_member_removed: 'წევრის წაშლა',
  action_password_reset_link_created: 'პაროლის აღდგენის ბმულის შექმნა',
  action_password_reset: 'პაროლის აღდგენა',
  action_password_changed: 'პაროლის შეცვლა',
  action_api_key_created: 'API გასაღების შექმნა',
  action_api_key_revoked: 'API გასაღების გაუქმება',
  action_company_updated: 'კომპანიის მონაცემების შეცვლა',
  action_survey_published: 'გამოკითხვის გამოქვეყნება',
  action_survey_closed: 'გამოკითხვის დახურვა',
  action_import: 'იმპორტი',
  action_export: 'ექსპორტი',
  action_erasure: 'მომხმარებლის მონაცემების წაშლა',
  action_branding_updated: 'გამოკითხვების გაფორმების შეცვლა',
  action_logo_uploaded: 'ლოგოს ატვირთვა',
  action_logo_removed: 'ლოგოს წაშლა',
  title: 'მოქმედებების ჟურნალი',
  intro: 'ვინ რა გააკეთა კომპანიაში, ჯერ ახალი ჩანაწერები.',
  filterLabel: 'ფილტრი',
  action: 'მოქმედება',
  anyAction: 'ყველა მოქმედება',
  from: 'საწყისი თარიღი',
  to: 'საბოლოო თარიღი',
  apply: 'ჩვენება',
  clear: 'ფილტრის გასუფთავება',
  rangeBackwards: 'საწყისი თარიღი საბოლოოზე გვიან ვერ იქნება.',
  noEntries: 'ფილტრის შესაბამისი ჩანაწერები არ არის.',
  who: 'ვინ',
  target: 'ობიექტი',
  address: 'მისამართი',
  system: 'სისტემა',
  apiKeyActor: 'API გასაღები „{name}“',
  older: 'ძველი ჩანაწერები',
  newest: 'უახლეს ჩანაწერებზე დაბრუნება',
  detail_name: 'სახელი',
  detail_scopes: 'უფლებები',
  detail_role: 'როლი',
  detail_from: 'იყო',
  detail_to: 'გახდა',
  detail_sessionsEnded: 'დასრულებული სესიები',
  detail_otherSessionsEnded: 'დასრულებული სხვა სესიები',
  detail_sessions: 'დასრულებული სესიები',
  detail_newAccount: 'ახალი ანგარიში',
  detail_setup: 'პირველი ადმინისტრატორი',
  detail_filters: 'ფილტრები',
  detail_rows: 'სტრიქონები',
  detail_completed: 'დასრულდა',
  detail_customerRefSha256: 'მომხმარებლის კოდი (SHA-256)',
  detail_responses: 'პასუხები',
  detail_invites: 'მოწვევები',
  detail_purchases: 'შესყიდვები',
  detail_version: 'ვერსია',
  detail_accentColor: 'აქცენტის ფერი',
  detail_privacyUrl: 'კონფიდენციალურობის პოლიტიკა',
  detail_format: 'ფორმატი',
  detail_width: 'სიგანე (პიქსელებში)',
  detail_height: 'სიმაღლე (პიქსელებში)',
  detail_bytes: 'ზომა (ბაიტებში)',
  detail_none: 'არ არის',
  detail_yes: 'კი',
  detail_no: 'არა',
};

export const AUDIT_MESSAGES: Record<Language, Messages> = { en, ru, et, ka };
export const t = translator(AUDIT_MESSAGES);

/** Every audit action, in the order the filter lists them (from the Record above, so none is missing). */
export const ACTION_LIST = Object.keys(enActions).map((key) => key.slice('action_'.length)) as AuditAction[];

export function actionName(language: Language, action: AuditAction): string {
  return t(language, `action_${action}`);
}

const DETAIL_NAMES = new Set(Object.keys(en).filter((key) => key.startsWith('detail_')).map((key) => key.slice('detail_'.length)));
const ROLE_VALUE_KEYS = new Set(['role', 'from', 'to']);

/**
 * One detail of an entry as a person reads it: the name in `language` (an unknown one as the API
 * wrote it), roles and scopes by their names, yes/no, numbers in the language's digits.
 * @example detailText('en', 'member_role_changed', 'to', 'manager') // ['To', 'Manager']
 */
export function detailText(language: Language, action: AuditAction, name: string, value: unknown): readonly [string, string] {
  const label = DETAIL_NAMES.has(name) ? t(language, `detail_${name}` as keyof typeof en) : name;
  const roles = action.startsWith('member_') || action === 'password_reset';
  const one = (item: unknown): string => {
    // A setting cleared (the accent colour, the privacy link): "none", not JSON's null.
    if (item === null) return t(language, 'detail_none');
    if (typeof item === 'boolean') return t(language, item ? 'detail_yes' : 'detail_no');
    if (typeof item === 'number') return formatNumber(language, item);
    if (typeof item === 'string') {
      if (roles && ROLE_VALUE_KEYS.has(name) && (ROLE_LIST as readonly string[]).includes(item)) return roleName(language, item as Role);
      if (name === 'scopes' && (SCOPE_LIST as readonly string[]).includes(item)) return scopeName(language, item as ApiKeyScope);
      return item;
    }
    // An object (an export's filters): its fields as "name: value", not JSON's braces and quotes.
    if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
      return Object.entries(item).map(([key, inner]) => `${key}: ${typeof inner === 'string' ? inner : JSON.stringify(inner)}`).join(', ');
    }
    return JSON.stringify(item);
  };
  return [label, Array.isArray(value) ? value.map(one).join(', ') : one(value)];
}

/** The order details are listed in (PostgreSQL's jsonb keeps keys shortest first, which puts “to” before “from”). */
const DETAIL_ORDER = [...DETAIL_NAMES];

/**
 * An entry's details as name and text, in a reading order: the known ones as DETAIL_ORDER has them, then the rest.
 * @example entryDetails('en', 'company_updated', { to: 'B', from: 'A' }) // [{ name: 'from', text: ['From', 'A'] }, { name: 'to', … }]
 */
export function entryDetails(language: Language, action: AuditAction, details: Record<string, unknown>): { name: string; text: readonly [string, string] }[] {
  const rank = (name: string) => (DETAIL_NAMES.has(name) ? DETAIL_ORDER.indexOf(name) : DETAIL_ORDER.length);
  return Object.keys(details)
    .sort((a, b) => rank(a) - rank(b))
    .map((name) => ({ name, text: detailText(language, action, name, details[name]) }));
}
