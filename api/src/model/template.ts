/**
 * The default survey template "Satisfaction & loyalty check-up" (DESIGN.md) and its short form.
 * Texts exist in en, ru, et, ka; `{company}` is replaced by the company name when shown.
 */
import {
  DEFAULT_THRESHOLDS,
  type ChoiceQuestion,
  type Construct,
  type LocalText,
  type Question,
  type QuestionRole,
  type ScaleQuestion,
  type SurveyDefinition,
} from './definition.js';

const t = (en: string, ru: string, et: string, ka: string): LocalText => ({ en, ru, et, ka });

// Wording rules for these texts (quotes, address, gender, {company} in each language): docs/TRANSLATION.md.
// Russian labels are impersonal or in a gender-free first person («порекомендую»), never «согласен»/«доволен».
const SATISFACTION_ENDS = {
  minLabel: t('Very dissatisfied', 'Совсем не устраивает', 'Ei ole üldse rahul', 'ძალიან უკმაყოფილო'),
  maxLabel: t('Completely satisfied', 'Полностью устраивает', 'Täiesti rahul', 'სრულიად კმაყოფილი'),
};
const AGREE_ENDS = {
  minLabel: t('Strongly disagree', 'Совершенно неверно', 'Ei nõustu üldse', 'სრულიად არ ვეთანხმები'),
  maxLabel: t('Strongly agree', 'Совершенно верно', 'Nõustun täielikult', 'სრულიად ვეთანხმები'),
};
const LIKELY_ENDS = {
  minLabel: t('Very unlikely', 'Очень маловероятно', 'Väga ebatõenäoline', 'ძალიან ნაკლებად სავარაუდოა'),
  maxLabel: t('Very likely', 'Очень вероятно', 'Väga tõenäoline', 'ძალიან სავარაუდოა'),
};
const YES_NO = [
  { value: 'yes', label: t('Yes', 'Да', 'Jah', 'დიახ') },
  { value: 'no', label: t('No', 'Нет', 'Ei', 'არა') },
];

/** share_of_wallet's points, 1–5; its end labels are the first and the last. */
const SHARE_POINTS = [
  t('None', 'Ни одной', 'Mitte midagi', 'არცერთს'),
  t('Some', 'Небольшую часть', 'Väikese osa', 'მცირე ნაწილს'),
  t('About half', 'Около половины', 'Umbes poole', 'დაახლოებით ნახევარს'),
  t('Most', 'Большую часть', 'Enamiku', 'უმეტესობას'),
  t('All', 'Все', 'Kõik', 'ყველას'),
];

function scale(
  id: string,
  construct: Construct,
  text: LocalText,
  ends: Pick<ScaleQuestion, 'minLabel' | 'maxLabel'>,
  min = 1,
  max = 5,
): ScaleQuestion {
  return { id, construct, type: 'scale', text, required: false, min, max, ...ends };
}

function choice(id: string, construct: Construct, text: LocalText, options: ChoiceQuestion['options']): ChoiceQuestion {
  return { id, construct, type: 'choice', text, required: false, options };
}

const QUESTION_LIST: Question[] = [
  { ...scale('sat_overall', 'satisfaction', t(
    'Overall, how satisfied are you with your purchase from {company}?',
    'Насколько вы в целом довольны покупкой в компании {company}?',
    'Kui rahul olete üldiselt sellega, mida ettevõttelt {company} ostsite?',
    'საერთო ჯამში, რამდენად კმაყოფილი ხართ {company}-ში გაკეთებული შენაძენით?'), SATISFACTION_ENDS), required: true },
  scale('sat_product', 'satisfaction', t(
    'How satisfied are you with the quality of what you bought?',
    'Насколько вы довольны качеством того, что купили?',
    'Kui rahul olete ostetu kvaliteediga?',
    'რამდენად კმაყოფილი ხართ შეძენილის ხარისხით?'), SATISFACTION_ENDS),
  scale('sat_service', 'satisfaction', t(
    'How satisfied are you with how our staff treated you?',
    'Насколько вы довольны тем, как к вам отнеслись наши сотрудники?',
    'Kui rahul olete sellega, kuidas meie töötajad teid kohtlesid?',
    'რამდენად კმაყოფილი ხართ იმით, თუ როგორ მოგექცნენ ჩვენი თანამშრომლები?'), SATISFACTION_ENDS),
  scale('sat_price', 'satisfaction', t(
    'How satisfied are you with the price you paid?',
    'Насколько вы довольны ценой, которую заплатили?',
    'Kui rahul olete makstud hinnaga?',
    'რამდენად კმაყოფილი ხართ გადახდილი ფასით?'), SATISFACTION_ENDS),
  choice('expectation', 'exchange', t(
    'Compared with what you expected, what you received was…',
    'По сравнению с вашими ожиданиями вы получили…',
    'Võrreldes teie ootustega oli saadu…',
    'იმასთან შედარებით, რასაც ელოდით, მიიღეთ…'), [
    { value: 'not_delivered', label: t('Not what was promised', 'Не то, что обещали', 'Mitte see, mida lubati', 'არა ის, რაც დაპირებული იყო') },
    { value: 'partly', label: t('Only partly what was promised', 'Лишь отчасти то, что обещали', 'Vaid osaliselt see, mida lubati', 'დაპირებულის მხოლოდ ნაწილი') },
    { value: 'as_expected', label: t('Exactly what I expected', 'Именно то, что ожидалось', 'Täpselt see, mida ootasin', 'ზუსტად ის, რასაც ველოდი') },
    { value: 'exceeded', label: t('More than I expected', 'Больше, чем ожидалось', 'Rohkem, kui ootasin', 'იმაზე მეტი, ვიდრე ველოდი') },
  ]),
  { ...scale('recommend', 'emotional', t(
    'How likely are you to recommend {company} to a friend or colleague?',
    'Насколько вероятно, что вы порекомендуете компанию {company} другу или коллеге?',
    'Kui tõenäoline on, et soovitate ettevõtet {company} sõbrale või kolleegile?',
    'რამდენად სავარაუდოა, რომ {company}-ს მეგობარს ან კოლეგას ურჩევთ?'), {
    minLabel: t('Not at all likely', 'Точно не порекомендую', 'Üldse mitte tõenäoline', 'საერთოდ არ არის სავარაუდო'),
    maxLabel: t('Extremely likely', 'Обязательно порекомендую', 'Väga tõenäoline', 'ძალიან სავარაუდოა'),
  }, 0, 10), required: true },
  scale('feel_loss', 'emotional', t(
    'If {company} disappeared, I would feel a real loss.',
    'Если бы компании {company} не стало, для меня это была бы настоящая потеря.',
    'Kui ettevõtet {company} enam poleks, oleks see minu jaoks tõeline kaotus.',
    '{company} რომ აღარ არსებობდეს, ნამდვილ დანაკლისს ვიგრძნობდი.'), AGREE_ENDS),
  scale('speak_positively', 'emotional', t(
    'I tell people good things about {company}.',
    'Я хорошо отзываюсь о компании {company}, когда говорю с другими.',
    'Räägin teistele ettevõttest {company} head.',
    'სხვებს {company}-ზე კარგ რამეებს ვუყვები.'), AGREE_ENDS),
  { ...scale('repurchase', 'behavioural', t(
    'How likely are you to buy from {company} again?',
    'Насколько вероятно, что вы снова что-то купите в компании {company}?',
    'Kui tõenäoline on, et ostate ettevõttelt {company} uuesti?',
    'რამდენად სავარაუდოა, რომ {company}-ში ისევ იყიდით რამეს?'), LIKELY_ENDS), required: true },
  {
    ...scale('share_of_wallet', 'behavioural', t(
      'Of all your purchases of this kind, how much do you buy from {company}?',
      'Какую часть всех подобных покупок вы делаете в компании {company}?',
      'Kui suure osa seda liiki kaupadest ja teenustest ostate ettevõttelt {company}?',
      'ამ ტიპის ყველა შენაძენიდან რა ნაწილს აკეთებთ {company}-ში?'), {
      minLabel: { ...SHARE_POINTS[0]! },
      maxLabel: { ...SHARE_POINTS[4]! },
    }),
    pointLabels: SHARE_POINTS.map((label) => ({ ...label })),
  },
  { ...scale('stay_vs_competitor', 'behavioural', t(
    'Even if a competitor offered a lower price, I would stay with {company}.',
    'Даже если конкурент предложит цену ниже, я останусь клиентом компании {company}.',
    'Isegi kui konkurent pakuks madalamat hinda, jääksin ettevõtte {company} juurde.',
    'კონკურენტი უფრო დაბალ ფასს რომც მთავაზობდეს, მაინც {company}-ს ავირჩევდი.'), AGREE_ENDS), required: true },
  { ...choice('promo_decided', 'discount', t(
    'Did a discount or promotion decide this purchase?',
    'Была ли скидка или акция главной причиной этой покупки?',
    'Kas allahindlus või kampaania oli selle ostu juures otsustav?',
    'ეს შენაძენი ფასდაკლებამ ან აქციამ განაპირობა?'), YES_NO), required: true },
  { ...scale('full_price_return', 'discount', t(
    'How likely are you to buy from us again at full price?',
    'Насколько вероятно, что вы снова купите у нас что-то по полной цене, без скидки?',
    'Kui tõenäoline on, et ostate meilt uuesti täishinnaga?',
    'რამდენად სავარაუდოა, რომ ჩვენთან ისევ იყიდით რამეს სრულ ფასად?'), LIKELY_ENDS), required: true },
  choice('had_problem', 'recovery', t(
    'In the last 6 months, did you have a problem with {company}?',
    'Возникали ли у вас за последние полгода проблемы с компанией {company}?',
    'Kas teil on viimase 6 kuu jooksul olnud ettevõttega {company} probleeme?',
    'ბოლო 6 თვეში გქონიათ რაიმე პრობლემა {company}-თან?'), YES_NO),
  { ...choice('problem_resolved', 'recovery', t(
    'Was the problem resolved to your satisfaction?',
    'Удалось ли решить проблему так, чтобы вас это устроило?',
    'Kas probleem lahendati teid rahuldavalt?',
    'პრობლემა თქვენთვის დამაკმაყოფილებლად მოგვარდა?'), [
    { value: 'resolved', label: t('Yes, resolved', 'Да, удалось', 'Jah, lahendati', 'დიახ, მოგვარდა') },
    { value: 'partly', label: t('Partly', 'Частично', 'Osaliselt', 'ნაწილობრივ') },
    { value: 'not_resolved', label: t('No, not resolved', 'Нет, не удалось', 'Ei, ei lahendatud', 'არა, არ მოგვარებულა') },
  ]), showIf: { questionId: 'had_problem', equals: 'yes' } },
  { ...choice('gesture_received', 'recovery', t(
    'Did we apologise or offer something to make up for it?',
    'Мы извинились перед вами или предложили какую-то компенсацию?',
    'Kas me vabandasime või pakkusime midagi heastamiseks?',
    'ბოდიში მოგიხადეთ ან რამე შემოგთავაზეთ კომპენსაციად?'), YES_NO), showIf: { questionId: 'had_problem', equals: 'yes' } },
  { id: 'told_positive', construct: 'word_of_mouth', type: 'count', required: false, min: 0, max: 1000, text: t(
    'In the last 6 months, how many people have you told about a good experience with {company}?',
    'Скольким людям за последние полгода вы рассказали о хороших впечатлениях от компании {company}?',
    'Mitmele inimesele olete viimase 6 kuu jooksul rääkinud oma heast kogemusest ettevõttega {company}?',
    'ბოლო 6 თვეში რამდენ ადამიანს უამბეთ {company}-თან დაკავშირებული კარგი გამოცდილების შესახებ?') },
  { id: 'told_negative', construct: 'word_of_mouth', type: 'count', required: false, min: 0, max: 1000, text: t(
    '… and about a bad experience?',
    '… а о плохих?',
    '… ja halvast kogemusest?',
    '… და ცუდი გამოცდილების შესახებ?') },
  scale('exp_fidelity', 'loyalist_expectations', t(
    '{company} consults customers like me before making big changes.',
    'Прежде чем что-то серьёзно менять, компания {company} советуется с такими клиентами, как я.',
    '{company} küsib enne suuri muudatusi minusuguste klientide arvamust.',
    '{company} დიდი ცვლილებების წინ ჩემნაირ მომხმარებლებს ეთათბირება.'), AGREE_ENDS),
  scale('exp_ownership', 'loyalist_expectations', t(
    '{company} feels a bit like “my” company.',
    'Для меня компания {company} — немного «моя».',
    '{company} tundub mulle natuke nagu „minu“ ettevõte.',
    '{company} ცოტათი „ჩემს“ კომპანიად მიმაჩნია.'), AGREE_ENDS),
  scale('exp_stability', 'loyalist_expectations', t(
    'I can count on {company} to keep taking care of me the same way.',
    'Я могу рассчитывать на то, что компания {company} и дальше будет так же заботиться обо мне.',
    'Võin loota, et {company} hoolitseb minu eest edaspidi samamoodi.',
    'შემიძლია იმედი მქონდეს, რომ {company} ჩემზე ისევე იზრუნებს, როგორც აქამდე.'), AGREE_ENDS),
  scale('exp_consistency', 'loyalist_expectations', t(
    '{company} stays true to what it stands for.',
    'Компания {company} остаётся верной своим принципам.',
    '{company} jääb truuks sellele, mille eest seisab.',
    '{company} თავისი ღირებულებების ერთგული რჩება.'), AGREE_ENDS),
  { id: 'comment', construct: 'open', type: 'text', required: false, maxLength: 5000, text: t(
    'What is the one thing we could do to keep you as a customer?',
    'Что нам сделать в первую очередь, чтобы вы и дальше оставались с нами?',
    'Mida peaksime eelkõige tegema, et jääksite meie kliendiks?',
    'რა უნდა გავაკეთოთ პირველ რიგში, რომ ჩვენი მომხმარებელი დარჩეთ?') },
];

/** The role each template question holds for the analysis (model/roles.ts); the rest join their construct only. */
const TEMPLATE_ROLES: Readonly<Record<string, QuestionRole>> = {
  sat_overall: 'overall_satisfaction',
  recommend: 'recommend',
  promo_decided: 'promo_decided',
  full_price_return: 'full_price_return',
  expectation: 'expectation',
  had_problem: 'had_problem',
  problem_resolved: 'problem_resolved',
  gesture_received: 'gesture_received',
  told_positive: 'told_positive',
  told_negative: 'told_negative',
};

export const QUESTIONS: Record<string, Question> = Object.fromEntries(
  QUESTION_LIST.map((q) => [q.id, TEMPLATE_ROLES[q.id] ? { ...q, role: TEMPLATE_ROLES[q.id] } : q]),
);

const FULL_IDS = Object.keys(QUESTIONS);
export const SHORT_IDS = ['sat_overall', 'recommend', 'repurchase', 'stay_vs_competitor', 'promo_decided', 'full_price_return'];

/** Fresh copies, so a caller that edits its definition (the builder, a test) never edits the template. */
function pick(ids: string[]): Question[] {
  return ids.map((id) => {
    const question = QUESTIONS[id];
    if (!question) throw new Error(`template has no question ${id}`);
    return structuredClone(question);
  });
}

/**
 * The intro says what the survey is for; how long it takes is computed from the questions and shown
 * beside it by the respondent page (model/steps.ts), so no text here claims a time.
 */
const COMMON = {
  intro: t(
    'Tell us about your purchase. Your answers help {company} keep what you value and fix what falls short.',
    'Расскажите, как прошла ваша покупка. Ваши ответы помогут компании {company} сохранить то, что вы цените, и исправить то, что вас не устроило.',
    'Rääkige meile oma ostust. Teie vastused aitavad ettevõttel {company} hoida seda, mida hindate, ja parandada seda, mis teid häiris.',
    'გაგვიზიარეთ შთაბეჭდილება თქვენს შენაძენზე. თქვენი პასუხები {company}-ს დაეხმარება, რომ შეინარჩუნოს ის, რასაც აფასებთ, და გამოასწოროს ის, რაც გაწუხებთ.'),
  thankYou: t(
    'Thank you! Your answers have been received.',
    'Спасибо! Ваши ответы получены.',
    'Aitäh! Teie vastused on kätte saadud.',
    'გმადლობთ! თქვენი პასუხები მიღებულია.'),
  thresholds: DEFAULT_THRESHOLDS,
};

/** The full "Satisfaction & loyalty check-up". */
export function fullTemplate(): SurveyDefinition {
  return {
    title: t('Satisfaction & loyalty check-up', 'Опрос удовлетворённости и лояльности', 'Rahulolu- ja lojaalsusküsitlus', 'კმაყოფილებისა და ერთგულების გამოკითხვა'),
    ...structuredClone(COMMON),
    questions: pick(FULL_IDS),
  };
}

/** The six-question short form for places where a long survey would not be answered. */
export function shortTemplate(): SurveyDefinition {
  return {
    title: t('Quick check-up', 'Короткий опрос', 'Kiire tagasiside', 'მოკლე გამოკითხვა'),
    ...structuredClone(COMMON),
    questions: pick(SHORT_IDS),
  };
}
