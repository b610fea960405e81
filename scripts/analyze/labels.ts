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
  /** "Columns left out" (mapped to null) and the --id column. */
  leftOut: string;
  idColumn: string;
  /** CSAT mean on the file's scale and on 0..1. */
  onScale: string;
  onUnit: string;
  /** Satisfaction curve: the overall-satisfaction level, the loyal share at it, the unclassified there. */
  curveTitle: string;
  level: string;
  loyal: string;
  unclassified: string;
  retained: string;
  /** Service recovery groups and the gesture split. */
  recoveryTitle: string;
  recoveryGroup: Record<'no_problem' | 'resolved' | 'partly' | 'not_resolved', string>;
  gesture: string;
  noGesture: string;
  meanE: string;
  unknownResolution: string;
  /** Word of mouth: mean people told (good, bad) and the bad/good ratio. */
  womTitle: string;
  toldPositive: string;
  toldNegative: string;
  ratio: string;
  overall: string;
  /** Satisfaction against loyalty: the tests' names and the satisfied / not satisfied groups. */
  slTitle: string;
  pearson: string;
  spearman: string;
  chiSquare: string;
  cramersV: string;
  welch: string;
  satisfied: string;
  notSatisfied: string;
  difference: string;
  notLoyalAmongSatisfied: string;
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
    leftOut: 'Columns left out',
    idColumn: 'Respondent id column',
    onScale: 'on the file\'s scale',
    onUnit: 'on 0–1',
    curveTitle: 'Satisfaction curve (loyal share at each level of overall satisfaction, 95% Wilson interval)',
    level: 'Level',
    loyal: 'loyal',
    unclassified: 'unclassified',
    retained: 'retained within 180 days',
    recoveryTitle: 'Service recovery (loyal share and mean attachment E, by how a problem ended)',
    recoveryGroup: { no_problem: 'No problem', resolved: 'Resolved', partly: 'Partly resolved', not_resolved: 'Not resolved' },
    gesture: 'with a gesture',
    noGesture: 'without',
    meanE: 'mean E',
    unknownResolution: 'Had a problem, did not say how it ended',
    womTitle: 'Word of mouth (mean people told in 6 months; ratio bad/good with a bootstrap interval)',
    toldPositive: 'good',
    toldNegative: 'bad',
    ratio: 'ratio',
    overall: 'All',
    slTitle: 'Satisfaction against loyalty (satisfied: S ≥ τS; loyal: the score ≥ its τ)',
    pearson: 'Pearson r',
    spearman: 'Spearman ρ',
    chiSquare: 'χ² satisfied × loyal',
    cramersV: "Cramér's V",
    welch: "Welch's t",
    satisfied: 'satisfied',
    notSatisfied: 'not satisfied',
    difference: 'difference',
    notLoyalAmongSatisfied: 'Not loyal among the satisfied',
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
    leftOut: 'Пропущенные столбцы',
    idColumn: 'Столбец с идентификатором респондента',
    onScale: 'по шкале файла',
    onUnit: 'по шкале 0–1',
    curveTitle: 'Кривая удовлетворённости (доля лояльных на каждом уровне общей удовлетворённости, 95% интервал Уилсона)',
    level: 'Уровень',
    loyal: 'лояльные',
    unclassified: 'без сегмента',
    retained: 'вернулись в течение 180 дней',
    recoveryTitle: 'Решение проблем (доля лояльных и средняя привязанность E в зависимости от того, чем закончилась проблема)',
    recoveryGroup: { no_problem: 'Проблем не было', resolved: 'Решена', partly: 'Решена частично', not_resolved: 'Не решена' },
    gesture: 'с извинением или компенсацией',
    noGesture: 'без них',
    meanE: 'среднее E',
    unknownResolution: 'Была проблема, но неизвестно, чем она закончилась',
    womTitle: 'Сарафанное радио (сколько людям в среднем рассказали за полгода; отношение плохих отзывов к хорошим с бутстреп-интервалом)',
    toldPositive: 'хорошее',
    toldNegative: 'плохое',
    ratio: 'отношение',
    overall: 'Все',
    slTitle: 'Удовлетворённость и лояльность (удовлетворённые: S ≥ τS; лояльные: показатель ≥ своего τ)',
    pearson: 'r Пирсона',
    spearman: 'ρ Спирмена',
    chiSquare: 'χ² удовлетворённость × лояльность',
    cramersV: 'V Крамера',
    welch: 't-критерий Уэлча',
    satisfied: 'удовлетворённые',
    notSatisfied: 'неудовлетворённые',
    difference: 'разница',
    notLoyalAmongSatisfied: 'Нелояльные среди удовлетворённых',
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
    leftOut: 'Välja jäetud veerud',
    idColumn: 'Vastaja tunnuse veerg',
    onScale: 'faili skaalal',
    onUnit: 'skaalal 0–1',
    curveTitle: 'Rahulolukõver (lojaalsete osakaal igal üldise rahulolu tasemel, 95% Wilsoni vahemik)',
    level: 'Tase',
    loyal: 'lojaalsed',
    unclassified: 'segmendita',
    retained: 'naasis 180 päeva jooksul',
    recoveryTitle: 'Probleemi lahendamine (lojaalsete osakaal ja keskmine kiindumus E selle järgi, kuidas probleem lõppes)',
    recoveryGroup: { no_problem: 'Probleemi polnud', resolved: 'Lahendati', partly: 'Lahendati osaliselt', not_resolved: 'Ei lahendatud' },
    gesture: 'vabanduse või hüvitisega',
    noGesture: 'ilma',
    meanE: 'keskmine E',
    unknownResolution: 'Probleem oli, kuid pole teada, kuidas see lõppes',
    womTitle: 'Suusõnaline soovitus (keskmiselt mitmele inimesele 6 kuu jooksul räägiti; halva ja hea suhe bootstrap-vahemikuga)',
    toldPositive: 'head',
    toldNegative: 'halba',
    ratio: 'suhe',
    overall: 'Kõik',
    slTitle: 'Rahulolu ja lojaalsus (rahul: S ≥ τS; lojaalne: näitaja ≥ oma τ)',
    pearson: 'Pearsoni r',
    spearman: 'Spearmani ρ',
    chiSquare: 'χ² rahul × lojaalne',
    cramersV: 'Craméri V',
    welch: 'Welchi t',
    satisfied: 'rahul',
    notSatisfied: 'mitte rahul',
    difference: 'vahe',
    notLoyalAmongSatisfied: 'Mittelojaalsed rahulolevate seas',
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
    leftOut: 'გამოტოვებული სვეტები',
    idColumn: 'რესპონდენტის იდენტიფიკატორის სვეტი',
    onScale: 'ფაილის სკალაზე',
    onUnit: '0–1 სკალაზე',
    curveTitle: 'კმაყოფილების მრუდი (ერთგულთა წილი საერთო კმაყოფილების თითოეულ დონეზე, 95% უილსონის ინტერვალი)',
    level: 'დონე',
    loyal: 'ერთგულები',
    unclassified: 'სეგმენტის გარეშე',
    retained: 'დაბრუნდა 180 დღეში',
    recoveryTitle: 'პრობლემის მოგვარება (ერთგულთა წილი და საშუალო მიჯაჭვულობა E იმის მიხედვით, როგორ დასრულდა პრობლემა)',
    recoveryGroup: { no_problem: 'პრობლემა არ ყოფილა', resolved: 'მოგვარდა', partly: 'ნაწილობრივ მოგვარდა', not_resolved: 'არ მოგვარებულა' },
    gesture: 'ბოდიშით ან კომპენსაციით',
    noGesture: 'მათ გარეშე',
    meanE: 'საშუალო E',
    unknownResolution: 'პრობლემა ჰქონდა, მაგრამ უცნობია, როგორ დასრულდა',
    womTitle: 'ზეპირი რეკლამა (საშუალოდ რამდენ ადამიანს უამბეს 6 თვეში; ცუდისა და კარგის შეფარდება ბუტსტრეპ-ინტერვალით)',
    toldPositive: 'კარგი',
    toldNegative: 'ცუდი',
    ratio: 'შეფარდება',
    overall: 'ყველა',
    slTitle: 'კმაყოფილება და ერთგულება (კმაყოფილი: S ≥ τS; ერთგული: მაჩვენებელი ≥ მისი τ)',
    pearson: 'პირსონის r',
    spearman: 'სპირმენის ρ',
    chiSquare: 'χ² კმაყოფილი × ერთგული',
    cramersV: 'კრამერის V',
    welch: 'უელჩის t',
    satisfied: 'კმაყოფილები',
    notSatisfied: 'უკმაყოფილოები',
    difference: 'სხვაობა',
    notLoyalAmongSatisfied: 'არაერთგულები კმაყოფილთა შორის',
  },
};
