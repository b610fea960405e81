/** Strings of /app/company: renaming the company and erasing a customer's data. */
import { translator, type Language } from '$lib/i18n.js';

const en = {
  title: 'Company settings',
  nameHeading: 'Name',
  companyName: 'Company name',
  nameHint: 'Shown above surveys and on the dashboard.',
  rename: 'Save the name',
  renamed: 'Saved: the company is now called “{name}”.',
  since: 'In Loyalty Lens since {date}.',
  erasureHeading: 'Erase a customer',
  erasureIntro: 'For a customer’s request to delete their data: removes every survey response, invite and purchase stored under their reference. This cannot be undone.',
  customerRef: 'Customer reference',
  customerRefHint: 'The reference your systems use for the customer, as in purchase imports (e.g. C-10423).',
  eraseContinue: 'Continue',
  eraseConfirm: 'Erase all data of customer “{ref}”? This cannot be undone.',
  eraseYes: 'Erase for good',
  erased: 'Erased for “{ref}” — responses: {responses}, invites: {invites}, purchases: {purchases}.',
};

type Messages = Record<keyof typeof en, string>;

const ru: Messages = {
  title: 'Настройки компании',
  nameHeading: 'Название',
  companyName: 'Название компании',
  nameHint: 'Показывается над опросами и на панели.',
  rename: 'Сохранить название',
  renamed: 'Сохранено: теперь компания называется «{name}».',
  since: 'В Loyalty Lens с {date}.',
  erasureHeading: 'Удаление данных клиента',
  erasureIntro: 'По запросу клиента на удаление его данных: удаляются все ответы на опросы, приглашения и покупки, сохранённые под его идентификатором. Отменить это нельзя.',
  customerRef: 'Идентификатор клиента',
  customerRefHint: 'Идентификатор клиента в ваших системах, как при загрузке покупок (например, C-10423).',
  eraseContinue: 'Продолжить',
  eraseConfirm: 'Удалить все данные клиента «{ref}»? Отменить это нельзя.',
  eraseYes: 'Удалить безвозвратно',
  erased: 'Данные клиента «{ref}» удалены. Ответов: {responses}, приглашений: {invites}, покупок: {purchases}.',
};

const et: Messages = {
  title: 'Ettevõtte seaded',
  nameHeading: 'Nimi',
  companyName: 'Ettevõtte nimi',
  nameHint: 'Kuvatakse küsitluste kohal ja töölaual.',
  rename: 'Salvesta nimi',
  renamed: 'Salvestatud: ettevõtte nimi on nüüd „{name}“.',
  since: 'Loyalty Lensis alates {date}.',
  erasureHeading: 'Kliendi andmete kustutamine',
  erasureIntro: 'Kliendi andmete kustutamise taotluse korral: kustutab kõik tema viite all salvestatud küsitluse vastused, kutsed ja ostud. Seda ei saa tagasi võtta.',
  customerRef: 'Kliendi viide',
  customerRefHint: 'Viide, mida teie süsteemid kliendi kohta kasutavad, nagu ostude impordis (nt C-10423).',
  eraseContinue: 'Jätka',
  eraseConfirm: 'Kas kustutada kõik kliendi „{ref}“ andmed? Seda ei saa tagasi võtta.',
  eraseYes: 'Kustuta jäädavalt',
  erased: 'Kliendi „{ref}“ andmed on kustutatud. Vastuseid: {responses}, kutseid: {invites}, oste: {purchases}.',
};

const ka: Messages = {
  title: 'კომპანიის პარამეტრები',
  nameHeading: 'სახელი',
  companyName: 'კომპანიის სახელი',
  nameHint: 'ჩანს გამოკითხვების თავში და პანელზე.',
  rename: 'სახელის შენახვა',
  renamed: 'შენახულია: კომპანიის ახალი სახელია „{name}“.',
  since: 'Loyalty Lens-შია {date}-დან.',
  erasureHeading: 'მომხმარებლის მონაცემების წაშლა',
  erasureIntro: 'მომხმარებლის მოთხოვნით მისი მონაცემების წასაშლელად: იშლება მისი იდენტიფიკატორით შენახული ყველა პასუხი, მოწვევა და შესყიდვა. ამის გაუქმება შეუძლებელია.',
  customerRef: 'მომხმარებლის იდენტიფიკატორი',
  customerRefHint: 'იდენტიფიკატორი, რომელსაც თქვენი სისტემები მომხმარებლისთვის იყენებს, როგორც შესყიდვების იმპორტისას (მაგ. C-10423).',
  eraseContinue: 'გაგრძელება',
  eraseConfirm: 'წაიშალოს მომხმარებლის „{ref}“ ყველა მონაცემი? ამის გაუქმება შეუძლებელია.',
  eraseYes: 'სამუდამოდ წაშლა',
  erased: 'მომხმარებლის „{ref}“ მონაცემები წაიშალა. პასუხები: {responses}, მოწვევები: {invites}, შესყიდვები: {purchases}.',
};

export const COMPANY_MESSAGES: Record<Language, Messages> = { en, ru, et, ka };
export const t = translator(COMPANY_MESSAGES);
