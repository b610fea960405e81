/** Strings of /app/trend: the period picker. */
import { translator } from '$lib/i18n.js';

export const tt = translator({
  en: { period: 'Period', week: 'Weeks', month: 'Months' },
  ru: { period: 'Период', week: 'По неделям', month: 'По месяцам' },
  et: { period: 'Periood', week: 'Nädalad', month: 'Kuud' },
  ka: { period: 'პერიოდი', week: 'კვირების მიხედვით', month: 'თვეების მიხედვით' },
});
