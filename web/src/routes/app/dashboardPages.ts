/**
 * The dashboard's pages, in the order of its tabs, with their names in every language. Each page
 * reads the same survey, filters and report (the (dashboard) layout loads them once).
 */
import type { Language } from '../../../../api/src/model/definition.js';

export interface DashboardPage {
  path: string;
  label: Record<Language, string>;
}

export const DASHBOARD_PAGES = [
  { path: '/app', label: { en: 'Overview', ru: 'Обзор', et: 'Ülevaade', ka: 'მიმოხილვა' } },
  { path: '/app/trend', label: { en: 'Trend', ru: 'Динамика', et: 'Trend', ka: 'დინამიკა' } },
  { path: '/app/drivers', label: { en: 'Drivers', ru: 'Факторы', et: 'Mõjurid', ka: 'ფაქტორები' } },
  { path: '/app/loyalty', label: { en: 'Satisfaction → loyalty', ru: 'Удовлетворённость → лояльность', et: 'Rahulolu → lojaalsus', ka: 'კმაყოფილება → ერთგულება' } },
  { path: '/app/recovery', label: { en: 'Recovery and word of mouth', ru: 'Решение проблем и сарафанное радио', et: 'Probleemide lahendamine ja suusõnaline soovitus', ka: 'პრობლემების მოგვარება და ზეპირი რეკლამა' } },
  { path: '/app/expectations', label: { en: 'Expectations and changes', ru: 'Ожидания и изменения', et: 'Ootused ja muudatused', ka: 'მოლოდინები და ცვლილებები' } },
  { path: '/app/retention', label: { en: 'Retention', ru: 'Удержание', et: 'Püsimine', ka: 'შენარჩუნება' } },
  { path: '/app/quality', label: { en: 'Data quality', ru: 'Качество данных', et: 'Andmete kvaliteet', ka: 'მონაცემების ხარისხი' } },
  { path: '/app/respondents', label: { en: 'Respondents', ru: 'Респонденты', et: 'Vastajad', ka: 'რესპონდენტები' } },
  { path: '/app/comments', label: { en: 'Comments', ru: 'Комментарии', et: 'Kommentaarid', ka: 'კომენტარები' } },
] as const satisfies readonly DashboardPage[];

export type DashboardPath = (typeof DASHBOARD_PAGES)[number]['path'];

/** The tab a path belongs to (a respondent's page belongs to Respondents). */
export function dashboardPageOf(pathname: string): DashboardPage | undefined {
  return [...DASHBOARD_PAGES]
    .sort((a, b) => b.path.length - a.path.length)
    .find((candidate) => pathname === candidate.path || (candidate.path !== '/app' && pathname.startsWith(`${candidate.path}/`)));
}
