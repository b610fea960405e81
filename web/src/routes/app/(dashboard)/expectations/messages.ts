/** Strings of /app/expectations: the change-event picker. */
import { translator } from '$lib/i18n.js';

export const te = translator({
  en: { event: 'Compare before and after' },
  ru: { event: 'Сравнить до и после' },
  et: { event: 'Võrdle enne ja pärast' },
  ka: { event: 'შეადარე მანამდე და შემდეგ' },
});
