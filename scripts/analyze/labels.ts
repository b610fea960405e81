/**
 * The terminal report's words in every survey language (en, ru, et, ka); segment names are the model's,
 * the same as the dashboard's (model/warnings.ts). Numbers are formatted with
 * the platform's Intl for the same language.
 */
import type { Language } from '../../api/src/model/definition.js';
import type { LoyaltyType, Segment } from '../../api/src/analytics/segments.js';
import { SEGMENT_NAMES } from '../../api/src/model/warnings.js';

export interface ReportLabels {
  title: string;
  respondents: string;
  thresholds: string;
  segments: string;
  segment: Record<Segment, string>;
  loyaltyTypesWithin: string;
  loyaltyType: Record<LoyaltyType, string>;
  nps: string;
  csat: string;
  mean: string;
  topBox: string;
  topTwoBox: string;
  reliability: string;
  drivers: string;
  predictor: string;
  outcome: Record<'satisfaction' | 'emotional' | 'behavioural', string>;
  warnings: string;
  none: string;
  notAvailable: string;
}

export const LABELS: Record<Language, ReportLabels> = {
  en: {
    title: 'Loyalty Lens — segment report',
    respondents: 'Respondents',
    thresholds: 'Thresholds τS, τE, τB',
    segments: 'Segments (share, 95% Wilson interval)',
    segment: SEGMENT_NAMES.en,
    loyaltyTypesWithin: 'Loyalty types within "satisfied but not loyal"',
    loyaltyType: { true: 'True loyalty', latent: 'Latent', spurious: 'Spurious', none: 'No loyalty', unknown: 'Unknown' },
    nps: 'NPS (95% interval)',
    csat: 'CSAT',
    mean: 'mean',
    topBox: 'top box',
    topTwoBox: 'top-2 box',
    reliability: "Reliability (Cronbach's alpha)",
    drivers: 'Drivers (relative weights, share of R²)',
    predictor: 'Predictor',
    outcome: { satisfaction: 'Satisfaction', emotional: 'Emotional', behavioural: 'Behavioural' },
    warnings: 'Warnings',
    none: 'none',
    notAvailable: 'n/a',
  },
  ru: {
    title: 'Loyalty Lens — отчёт по сегментам',
    respondents: 'Респонденты',
    thresholds: 'Пороги τS, τE, τB',
    segments: 'Сегменты (доля, 95% интервал Уилсона)',
    segment: SEGMENT_NAMES.ru,
    loyaltyTypesWithin: 'Типы лояльности среди «довольных, но не лояльных»',
    loyaltyType: { true: 'Истинная', latent: 'Скрытая', spurious: 'Ложная', none: 'Нет лояльности', unknown: 'Неизвестно' },
    nps: 'NPS (95% интервал)',
    csat: 'CSAT',
    mean: 'среднее',
    topBox: 'высшая оценка',
    topTwoBox: 'две высшие оценки',
    reliability: 'Надёжность (альфа Кронбаха)',
    drivers: 'Драйверы (относительные веса, доля R²)',
    predictor: 'Предиктор',
    outcome: { satisfaction: 'Удовлетворённость', emotional: 'Эмоциональная', behavioural: 'Поведенческая' },
    warnings: 'Предупреждения',
    none: 'нет',
    notAvailable: 'н/д',
  },
  et: {
    title: 'Loyalty Lens — segmentide aruanne',
    respondents: 'Vastajad',
    thresholds: 'Läved τS, τE, τB',
    segments: 'Segmendid (osakaal, 95% Wilsoni vahemik)',
    segment: SEGMENT_NAMES.et,
    loyaltyTypesWithin: 'Lojaalsuse tüübid rühmas „rahul, kuid mitte lojaalsed"',
    loyaltyType: { true: 'Tõeline', latent: 'Varjatud', spurious: 'Näiline', none: 'Puudub', unknown: 'Teadmata' },
    nps: 'NPS (95% vahemik)',
    csat: 'CSAT',
    mean: 'keskmine',
    topBox: 'kõrgeim hinne',
    topTwoBox: 'kaks kõrgeimat',
    reliability: 'Usaldusväärsus (Cronbachi alfa)',
    drivers: 'Mõjurid (suhtelised kaalud, osa R²-st)',
    predictor: 'Tunnus',
    outcome: { satisfaction: 'Rahulolu', emotional: 'Emotsionaalne', behavioural: 'Käitumuslik' },
    warnings: 'Hoiatused',
    none: 'puuduvad',
    notAvailable: 'pole',
  },
  ka: {
    title: 'Loyalty Lens — სეგმენტების ანგარიში',
    respondents: 'რესპონდენტები',
    thresholds: 'ზღვრები τS, τE, τB',
    segments: 'სეგმენტები (წილი, 95% უილსონის ინტერვალი)',
    segment: SEGMENT_NAMES.ka,
    loyaltyTypesWithin: 'ერთგულების ტიპები ჯგუფში „კმაყოფილები, მაგრამ არა ერთგულები"',
    loyaltyType: { true: 'ნამდვილი', latent: 'ფარული', spurious: 'მოჩვენებითი', none: 'არ არის', unknown: 'უცნობი' },
    nps: 'NPS (95% ინტერვალი)',
    csat: 'CSAT',
    mean: 'საშუალო',
    topBox: 'უმაღლესი ქულა',
    topTwoBox: 'ორი უმაღლესი ქულა',
    reliability: 'სანდოობა (კრონბახის ალფა)',
    drivers: 'დრაივერები (ფარდობითი წონები, R²-ის წილი)',
    predictor: 'პრედიქტორი',
    outcome: { satisfaction: 'კმაყოფილება', emotional: 'ემოციური', behavioural: 'ქცევითი' },
    warnings: 'გაფრთხილებები',
    none: 'არ არის',
    notAvailable: 'არ არის',
  },
};
