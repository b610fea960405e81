/**
 * Strings of signing in, one-time links, the session dialog and the /app frame (navigation, account
 * menu, company switcher), and the account error codes by code. Loaded by /signin, /link and /app
 * only: the respondent page never imports this folder.
 */
import { translator, type Language } from '$lib/i18n.js';
import { ApiError, NetworkError, type ErrorCode, type Role } from '$lib/api.js';

const en = {
  changePassword: 'Change password',
  currentPassword: 'Current password',
  currentPasswordWrong: 'This is not your current password.',
  passwordChanged: 'Your password is changed. Every other device where you were signed in is signed out.',
  copy: 'Copy',
  copied: 'Copied.',
  copyFailed: 'Could not copy: select the text and copy it yourself.',
  cancel: 'Cancel',
  noAccessTitle: 'Not available to your role',
  signInTitle: 'Sign in',
  email: 'Email',
  password: 'Password',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  wrongCredentials: 'The email or password is wrong. Check both and try again.',
  signInLimited: 'Too many sign-in attempts. Try again in {minutes}.',
  forgotPassword: 'Forgot your password? Ask an admin of your company for a reset link.',
  sessionEndedTitle: 'Your session has ended',
  sessionEndedBody: 'Sign in again to carry on. Nothing on this page is lost.',
  leave: 'Go to the sign-in page',
  linkInvitationTitle: 'Join {company}',
  linkInvitationBody: 'You are invited to {company} as {role}. Choose a password to create your account.',
  linkInvitationExisting: 'You are invited to {company} as {role}. Enter the password of your account ({email}) to join.',
  linkResetTitle: 'Set a new password',
  linkResetBody: 'Choose a new password for {email}.',
  linkSetupTitle: 'Set up Loyalty Lens',
  linkSetupBody: 'Create your company and its first admin account.',
  linkExpires: 'This link works until {date}.',
  linkInvalidTitle: 'This link no longer works',
  companyName: 'Company name',
  yourName: 'Your name',
  optional: 'optional',
  newPassword: 'New password',
  passwordHint: 'At least {min} characters.',
  join: 'Join',
  savePassword: 'Save the password and sign in',
  createCompany: 'Create the company',
  saving: 'Saving…',
  mainNavigation: 'Main',
  navDashboard: 'Dashboard',
  navUsers: 'Users',
  navApiKeys: 'API keys',
  navAudit: 'Audit log',
  navCompany: 'Company',
  navSurveys: 'Surveys',
  navBranding: 'Branding',
  navPurchases: 'Purchases',
  navEvents: 'Change events',
  account: 'Account',
  signedInAs: 'Signed in as {email}',
  signOut: 'Sign out',
  signOutEverywhere: 'Sign out on all devices',
  company: 'Company',
  switchCompany: 'Switch',
  role_admin: 'Admin',
  role_analyst: 'Analyst',
  role_manager: 'Manager',
  fieldRequired: 'Fill in this field.',
  invalidEmail: 'Enter an email address like ana@example.com.',
  error_UNAUTHENTICATED: 'Please sign in.',
  error_SESSION_EXPIRED: 'Your session has ended. Please sign in again.',
  error_INVALID_CREDENTIALS: 'The email or password is wrong. Check both and try again.',
  error_FORBIDDEN: 'Your role does not allow this. Ask an admin of your company.',
  error_CSRF_REJECTED: 'This page is out of date. Reload it and try again.',
  error_NO_COMPANY: 'Your account does not belong to this company. Choose another company or ask an admin for an invitation.',
  error_LINK_INVALID: 'The link has been used already or has expired. Ask an admin of your company for a new one.',
  error_USER_NOT_FOUND: 'This person is no longer a member. Reload the page.',
  error_API_KEY_NOT_FOUND: 'This API key no longer exists. Reload the page.',
  error_ALREADY_MEMBER: 'This email already belongs to a member of the company.',
  error_LAST_ADMIN: 'The company needs at least one admin: make someone else an admin first.',
  error_RESET_NOT_ALLOWED: 'This person also works for another company, so only they can change their own password.',
  error_WEAK_PASSWORD: 'Choose a password of at least {min} characters.',
  error_VALIDATION_FAILED: 'Some fields need your attention.',
  error_RATE_LIMITED: 'Too many requests. Wait a minute and try again.',
  error_DATABASE_UNAVAILABLE: 'The database is not answering. Try again in a minute.',
  error_NETWORK: 'The server could not be reached. Check your connection and try again.',
  error_other: 'Something went wrong ({code}). Try again in a minute.',
};

export type AccountMessageKey = keyof typeof en;
type Messages = Record<AccountMessageKey, string>;

const ru: Messages = {
  changePassword: 'Сменить пароль',
  currentPassword: 'Текущий пароль',
  currentPasswordWrong: 'Текущий пароль указан неверно.',
  passwordChanged: 'Пароль изменён. На всех остальных устройствах сеансы завершены.',
  copy: 'Копировать',
  copied: 'Скопировано.',
  copyFailed: 'Не удалось скопировать: выделите текст и скопируйте его вручную.',
  cancel: 'Отмена',
  noAccessTitle: 'Недоступно для вашей роли',
  signInTitle: 'Вход',
  email: 'Электронная почта',
  password: 'Пароль',
  signIn: 'Войти',
  signingIn: 'Входим…',
  wrongCredentials: 'Неверная электронная почта или пароль. Проверьте их и попробуйте ещё раз.',
  signInLimited: 'Слишком много попыток входа. Повторите через {minutes}.',
  forgotPassword: 'Забыли пароль? Попросите администратора вашей компании прислать ссылку для его сброса.',
  sessionEndedTitle: 'Сеанс завершён',
  sessionEndedBody: 'Чтобы продолжить работу, войдите снова. Всё, что есть на этой странице, сохранится.',
  leave: 'Перейти на страницу входа',
  linkInvitationTitle: 'Приглашение в компанию {company}',
  linkInvitationBody: 'Вас пригласили в компанию {company} с ролью «{role}». Чтобы создать учётную запись, придумайте пароль.',
  linkInvitationExisting: 'Вас пригласили в компанию {company} с ролью «{role}». Чтобы присоединиться, введите пароль своей учётной записи ({email}).',
  linkResetTitle: 'Новый пароль',
  linkResetBody: 'Придумайте новый пароль для {email}.',
  linkSetupTitle: 'Настройка Loyalty Lens',
  linkSetupBody: 'Создайте компанию и первую учётную запись администратора.',
  linkExpires: 'Ссылка действует до {date}.',
  linkInvalidTitle: 'Ссылка больше не действует',
  companyName: 'Название компании',
  yourName: 'Ваше имя',
  optional: 'необязательно',
  newPassword: 'Новый пароль',
  passwordHint: 'Не короче {min} символов.',
  join: 'Присоединиться',
  savePassword: 'Сохранить пароль и войти',
  createCompany: 'Создать компанию',
  saving: 'Сохраняем…',
  mainNavigation: 'Основное меню',
  navDashboard: 'Панель',
  navUsers: 'Пользователи',
  navApiKeys: 'API-ключи',
  navAudit: 'Журнал действий',
  navCompany: 'Компания',
  navSurveys: 'Опросы',
  navBranding: 'Оформление',
  navPurchases: 'Покупки',
  navEvents: 'События',
  account: 'Учётная запись',
  signedInAs: 'Учётная запись: {email}',
  signOut: 'Выйти',
  signOutEverywhere: 'Выйти на всех устройствах',
  company: 'Компания',
  switchCompany: 'Перейти',
  role_admin: 'Администратор',
  role_analyst: 'Аналитик',
  role_manager: 'Руководитель',
  fieldRequired: 'Заполните это поле.',
  invalidEmail: 'Введите адрес электронной почты, например ana@example.com.',
  error_UNAUTHENTICATED: 'Войдите в систему.',
  error_SESSION_EXPIRED: 'Сеанс завершён. Войдите снова.',
  error_INVALID_CREDENTIALS: 'Неверная электронная почта или пароль. Проверьте их и попробуйте ещё раз.',
  error_FORBIDDEN: 'Ваша роль не даёт такого права. Обратитесь к администратору вашей компании.',
  error_CSRF_REJECTED: 'Страница устарела. Обновите её и повторите попытку.',
  error_NO_COMPANY: 'Ваша учётная запись не относится к этой компании. Выберите другую компанию или попросите администратора прислать приглашение.',
  error_LINK_INVALID: 'Ссылкой уже воспользовались, или срок её действия истёк. Попросите администратора вашей компании прислать новую.',
  error_USER_NOT_FOUND: 'Этого человека уже нет среди участников компании. Обновите страницу.',
  error_API_KEY_NOT_FOUND: 'Этого API-ключа больше нет. Обновите страницу.',
  error_ALREADY_MEMBER: 'Участник компании с такой электронной почтой уже есть.',
  error_LAST_ADMIN: 'В компании должен остаться хотя бы один администратор: сначала назначьте администратором кого-то другого.',
  error_RESET_NOT_ALLOWED: 'Этот человек работает и в другой компании, поэтому сменить пароль можно только из учётной записи этого человека.',
  error_WEAK_PASSWORD: 'Пароль должен быть не короче {min} символов.',
  error_VALIDATION_FAILED: 'Проверьте отмеченные поля.',
  error_RATE_LIMITED: 'Слишком много запросов. Подождите минуту и повторите попытку.',
  error_DATABASE_UNAVAILABLE: 'База данных не отвечает. Повторите попытку через минуту.',
  error_NETWORK: 'Не удалось связаться с сервером. Проверьте подключение и повторите попытку.',
  error_other: 'Что-то пошло не так ({code}). Повторите попытку через минуту.',
};

const et: Messages = {
  changePassword: 'Muuda parooli',
  currentPassword: 'Praegune parool',
  currentPasswordWrong: 'See ei ole teie praegune parool.',
  passwordChanged: 'Parool on muudetud. Kõigis teistes seadmetes logiti teid välja.',
  copy: 'Kopeeri',
  copied: 'Kopeeritud.',
  copyFailed: 'Kopeerimine ei õnnestunud: valige tekst ja kopeerige see ise.',
  cancel: 'Loobu',
  noAccessTitle: 'Teie rollile pole see saadaval',
  signInTitle: 'Sisselogimine',
  email: 'E-post',
  password: 'Parool',
  signIn: 'Logi sisse',
  signingIn: 'Logime sisse…',
  wrongCredentials: 'E-post või parool on vale. Kontrollige mõlemat ja proovige uuesti.',
  signInLimited: 'Liiga palju sisselogimiskatseid. Proovige uuesti {minutes} pärast.',
  forgotPassword: 'Unustasite parooli? Paluge oma ettevõtte administraatorilt parooli lähtestamise linki.',
  sessionEndedTitle: 'Seanss on lõppenud',
  sessionEndedBody: 'Jätkamiseks logige uuesti sisse. Kõik sellel lehel jääb alles.',
  leave: 'Mine sisselogimislehele',
  linkInvitationTitle: 'Kutse ettevõttesse {company}',
  linkInvitationBody: 'Teid on kutsutud ettevõttesse {company} rolliga „{role}“. Konto loomiseks valige parool.',
  linkInvitationExisting: 'Teid on kutsutud ettevõttesse {company} rolliga „{role}“. Liitumiseks sisestage oma konto ({email}) parool.',
  linkResetTitle: 'Uus parool',
  linkResetBody: 'Valige kontole {email} uus parool.',
  linkSetupTitle: 'Loyalty Lensi seadistamine',
  linkSetupBody: 'Looge oma ettevõte ja selle esimene administraatori konto.',
  linkExpires: 'Link kehtib kuni {date}.',
  linkInvalidTitle: 'See link enam ei kehti',
  companyName: 'Ettevõtte nimi',
  yourName: 'Teie nimi',
  optional: 'valikuline',
  newPassword: 'Uus parool',
  passwordHint: 'Vähemalt {min} tähemärki.',
  join: 'Liitu',
  savePassword: 'Salvesta parool ja logi sisse',
  createCompany: 'Loo ettevõte',
  saving: 'Salvestame…',
  mainNavigation: 'Peamenüü',
  navDashboard: 'Töölaud',
  navUsers: 'Kasutajad',
  navApiKeys: 'API-võtmed',
  navAudit: 'Tegevuslogi',
  navCompany: 'Ettevõte',
  navSurveys: 'Küsitlused',
  navBranding: 'Kujundus',
  navPurchases: 'Ostud',
  navEvents: 'Muudatused',
  account: 'Konto',
  signedInAs: 'Sisse logitud: {email}',
  signOut: 'Logi välja',
  signOutEverywhere: 'Logi välja kõigis seadmetes',
  company: 'Ettevõte',
  switchCompany: 'Vaheta',
  role_admin: 'Administraator',
  role_analyst: 'Analüütik',
  role_manager: 'Juht',
  fieldRequired: 'Täitke see väli.',
  invalidEmail: 'Sisestage e-posti aadress, näiteks ana@example.com.',
  error_UNAUTHENTICATED: 'Palun logige sisse.',
  error_SESSION_EXPIRED: 'Seanss on lõppenud. Palun logige uuesti sisse.',
  error_INVALID_CREDENTIALS: 'E-post või parool on vale. Kontrollige mõlemat ja proovige uuesti.',
  error_FORBIDDEN: 'Teie roll seda ei luba. Pöörduge oma ettevõtte administraatori poole.',
  error_CSRF_REJECTED: 'See leht on aegunud. Laadige see uuesti ja proovige veel kord.',
  error_NO_COMPANY: 'Teie konto ei kuulu sellesse ettevõttesse. Valige muu ettevõte või paluge administraatorilt kutset.',
  error_LINK_INVALID: 'Linki on juba kasutatud või see on aegunud. Paluge oma ettevõtte administraatorilt uus link.',
  error_USER_NOT_FOUND: 'See inimene ei ole enam ettevõtte liige. Laadige leht uuesti.',
  error_API_KEY_NOT_FOUND: 'Seda API-võtit enam ei ole. Laadige leht uuesti.',
  error_ALREADY_MEMBER: 'Selle e-postiga liige on ettevõttes juba olemas.',
  error_LAST_ADMIN: 'Ettevõttel peab olema vähemalt üks administraator: määrake enne keegi teine administraatoriks.',
  error_RESET_NOT_ALLOWED: 'See inimene töötab ka teises ettevõttes, seega saab ta parooli muuta ainult ise.',
  error_WEAK_PASSWORD: 'Parool peab olema vähemalt {min} tähemärki pikk.',
  error_VALIDATION_FAILED: 'Mõned väljad vajavad tähelepanu.',
  error_RATE_LIMITED: 'Liiga palju päringuid. Oodake minut ja proovige uuesti.',
  error_DATABASE_UNAVAILABLE: 'Andmebaas ei vasta. Proovige minuti pärast uuesti.',
  error_NETWORK: 'Serveriga ei õnnestunud ühendust saada. Kontrollige ühendust ja proovige uuesti.',
  error_other: 'Midagi läks valesti ({code}). Proovige minuti pärast uuesti.',
};

const ka: Messages = {
  changePassword: 'პაროლის შეცვლა',
  currentPassword: 'მიმდინარე პაროლი',
  currentPasswordWrong: 'მიმდინარე პაროლი არასწორია.',
  passwordChanged: 'პაროლი შეიცვალა. ყველა სხვა მოწყობილობაზე სესია დასრულდა.',
  copy: 'კოპირება',
  copied: 'დაკოპირდა.',
  copyFailed: 'კოპირება ვერ მოხერხდა: მონიშნეთ ტექსტი და დააკოპირეთ ხელით.',
  cancel: 'გაუქმება',
  noAccessTitle: 'თქვენი როლისთვის მიუწვდომელია',
  signInTitle: 'შესვლა',
  email: 'ელფოსტა',
  password: 'პაროლი',
  signIn: 'შესვლა',
  signingIn: 'მიმდინარეობს შესვლა…',
  wrongCredentials: 'ელფოსტა ან პაროლი არასწორია. გადაამოწმეთ ორივე და სცადეთ ხელახლა.',
  signInLimited: 'შესვლის ზედმეტად ბევრი მცდელობა. სცადეთ ხელახლა {minutes}.',
  forgotPassword: 'დაგავიწყდათ პაროლი? სთხოვეთ თქვენი კომპანიის ადმინისტრატორს პაროლის აღდგენის ბმული.',
  sessionEndedTitle: 'სესია დასრულდა',
  sessionEndedBody: 'გასაგრძელებლად ხელახლა შედით. ამ გვერდზე არაფერი დაიკარგება.',
  leave: 'შესვლის გვერდზე გადასვლა',
  linkInvitationTitle: 'მოწვევა კომპანიაში „{company}“',
  linkInvitationBody: 'თქვენ მოგიწვიეს კომპანიაში „{company}“ როლით „{role}“. ანგარიშის შესაქმნელად მოიფიქრეთ პაროლი.',
  linkInvitationExisting: 'თქვენ მოგიწვიეს კომპანიაში „{company}“ როლით „{role}“. გასაწევრიანებლად შეიყვანეთ თქვენი ანგარიშის ({email}) პაროლი.',
  linkResetTitle: 'ახალი პაროლი',
  linkResetBody: 'მოიფიქრეთ ახალი პაროლი ანგარიშისთვის {email}.',
  linkSetupTitle: 'Loyalty Lens-ის გამართვა',
  linkSetupBody: 'შექმენით თქვენი კომპანია და მისი ადმინისტრატორის პირველი ანგარიში.',
  linkExpires: 'ბმული მოქმედებს: {date}-მდე.',
  linkInvalidTitle: 'ეს ბმული აღარ მოქმედებს',
  companyName: 'კომპანიის სახელი',
  yourName: 'თქვენი სახელი',
  optional: 'არასავალდებულო',
  newPassword: 'ახალი პაროლი',
  passwordHint: 'მინიმუმ {min} სიმბოლო.',
  join: 'გაწევრიანება',
  savePassword: 'პაროლის შენახვა და შესვლა',
  createCompany: 'კომპანიის შექმნა',
  saving: 'ინახება…',
  mainNavigation: 'მთავარი მენიუ',
  navDashboard: 'პანელი',
  navUsers: 'მომხმარებლები',
  navApiKeys: 'API გასაღებები',
  navAudit: 'მოქმედებების ჟურნალი',
  navCompany: 'კომპანია',
  navSurveys: 'გამოკითხვები',
  navBranding: 'ბრენდინგი',
  navPurchases: 'შესყიდვები',
  navEvents: 'ცვლილებები',
  account: 'ანგარიში',
  signedInAs: 'ანგარიში: {email}',
  signOut: 'გასვლა',
  signOutEverywhere: 'გასვლა ყველა მოწყობილობიდან',
  company: 'კომპანია',
  switchCompany: 'გადართვა',
  role_admin: 'ადმინისტრატორი',
  role_analyst: 'ანალიტიკოსი',
  role_manager: 'მენეჯერი',
  fieldRequired: 'შეავსეთ ეს ველი.',
  invalidEmail: 'შეიყვანეთ ელფოსტის მისამართი, მაგალითად ana@example.com.',
  error_UNAUTHENTICATED: 'გთხოვთ, შეხვიდეთ სისტემაში.',
  error_SESSION_EXPIRED: 'სესია დასრულდა. გთხოვთ, ხელახლა შეხვიდეთ.',
  error_INVALID_CREDENTIALS: 'ელფოსტა ან პაროლი არასწორია. გადაამოწმეთ ორივე და სცადეთ ხელახლა.',
  error_FORBIDDEN: 'თქვენი როლი ამის უფლებას არ გაძლევთ. მიმართეთ თქვენი კომპანიის ადმინისტრატორს.',
  error_CSRF_REJECTED: 'გვერდი მოძველებულია. გადატვირთეთ და სცადეთ ხელახლა.',
  error_NO_COMPANY: 'თქვენი ანგარიში ამ კომპანიას არ ეკუთვნის. აირჩიეთ სხვა კომპანია ან სთხოვეთ ადმინისტრატორს მოწვევა.',
  error_LINK_INVALID: 'ბმული უკვე გამოყენებულია ან ვადა გაუვიდა. სთხოვეთ თქვენი კომპანიის ადმინისტრატორს ახალი ბმული.',
  error_USER_NOT_FOUND: 'ეს ადამიანი კომპანიის წევრი აღარ არის. გადატვირთეთ გვერდი.',
  error_API_KEY_NOT_FOUND: 'ეს API გასაღები აღარ არსებობს. გადატვირთეთ გვერდი.',
  error_ALREADY_MEMBER: 'ამ ელფოსტით კომპანიას უკვე ჰყავს წევრი.',
  error_LAST_ADMIN: 'კომპანიას ერთი ადმინისტრატორი მაინც უნდა ჰყავდეს: ჯერ სხვა წევრი დანიშნეთ ადმინისტრატორად.',
  error_RESET_NOT_ALLOWED: 'ეს ადამიანი სხვა კომპანიაშიც მუშაობს, ამიტომ პაროლის შეცვლა მხოლოდ თავად შეუძლია.',
  error_WEAK_PASSWORD: 'პაროლი მინიმუმ {min} სიმბოლოსგან უნდა შედგებოდეს.',
  error_VALIDATION_FAILED: 'ზოგიერთ ველს ყურადღება სჭირდება.',
  error_RATE_LIMITED: 'ზედმეტად ბევრი მოთხოვნა. დაელოდეთ ერთ წუთს და სცადეთ ხელახლა.',
  error_DATABASE_UNAVAILABLE: 'მონაცემთა ბაზა არ პასუხობს. სცადეთ ხელახლა ერთ წუთში.',
  error_NETWORK: 'სერვერთან დაკავშირება ვერ მოხერხდა. შეამოწმეთ კავშირი და სცადეთ ხელახლა.',
  error_other: 'რაღაც შეფერხდა ({code}). სცადეთ ხელახლა ერთ წუთში.',
};

export const ACCOUNT_MESSAGES: Record<Language, Messages> = { en, ru, et, ka };

export const t = translator(ACCOUNT_MESSAGES);

/** How long to wait, worded to fit each language's sign-in-limit sentence: "in 10 minutes", «через 10 минут», "10 minuti pärast", "10 წუთში". */
export function minutesText(language: Language, minutes: number): string {
  const count = new Intl.NumberFormat(language).format(minutes);
  switch (language) {
    case 'en':
      return `${count} ${minutes === 1 ? 'minute' : 'minutes'}`;
    case 'ru': {
      const form = { one: 'минуту', few: 'минуты', many: 'минут', other: 'минуты' } as const;
      return `${count} ${form[new Intl.PluralRules('ru').select(minutes) as keyof typeof form] ?? 'минут'}`;
    }
    case 'et':
      return `${count} minuti`;
    case 'ka':
      return `${count} წუთში`;
  }
}

/** The roles in the order pickers list them; a Record, so the compiler says when the API adds one. */
const ROLE_ORDER: Record<Role, number> = { admin: 0, analyst: 1, manager: 2 };
export const ROLE_LIST = Object.keys(ROLE_ORDER) as Role[];

export function roleName(language: Language, role: Role): string {
  return t(language, `role_${role}`);
}

const WORDED_CODES = new Set(Object.keys(en).filter((key) => key.startsWith('error_')).map((key) => key.slice('error_'.length)));

/** An API error code (or NETWORK) in `language`, saying what to do next; codes without their own text name the code. */
export function errorText(language: Language, code: ErrorCode | 'NETWORK' | string, params: { min?: number } = {}): string {
  if (WORDED_CODES.has(code) && code !== 'other') return t(language, `error_${code}` as AccountMessageKey, { min: params.min ?? 12 });
  return t(language, 'error_other', { code });
}

/** A failed call in `language`: the API's code worded, or the network failure; anything else is a bug and is thrown on. */
export function failureText(language: Language, failure: unknown): string {
  if (failure instanceof ApiError) return errorText(language, failure.code);
  if (failure instanceof NetworkError) return errorText(language, 'NETWORK');
  throw failure;
}

/**
 * The per-field problems of a refused form, by field name (`/email` → email), worded by the error's
 * code where this page knows it, else the server's own (English) message.
 */
export function fieldErrorTexts(language: Language, failure: unknown): Record<string, string> {
  if (!(failure instanceof ApiError)) return {};
  const texts: Record<string, string> = {};
  for (const field of failure.fields) {
    const name = field.path.replace(/^\//, '').split('/')[0] ?? '';
    if (failure.code === 'WEAK_PASSWORD') texts[name] = errorText(language, 'WEAK_PASSWORD');
    else if (name === 'email') texts[name] = t(language, 'invalidEmail');
    else texts[name] = field.message;
  }
  if (failure.code === 'WEAK_PASSWORD' && Object.keys(texts).length === 0) texts.password = errorText(language, 'WEAK_PASSWORD');
  return texts;
}
