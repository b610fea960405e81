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

const SATISFACTION_ENDS = {
  minLabel: t('Very dissatisfied', 'Совсем не устраивает', 'Väga rahulolematu', 'სრულიად უკმაყოფილო'),
  maxLabel: t('Completely satisfied', 'Полностью устраивает', 'Täiesti rahul', 'სრულიად კმაყოფილი'),
};
const AGREE_ENDS = {
  minLabel: t('Strongly disagree', 'Совсем не так', 'Ei nõustu üldse', 'სრულიად არ ვეთანხმები'),
  maxLabel: t('Strongly agree', 'Совершенно верно', 'Nõustun täielikult', 'სრულიად ვეთანხმები'),
};
const LIKELY_ENDS = {
  minLabel: t('Very unlikely', 'Очень маловероятно', 'Väga ebatõenäoline', 'ძალიან ნაკლებად სავარაუდო'),
  maxLabel: t('Very likely', 'Очень вероятно', 'Väga tõenäoline', 'ძალიან სავარაუდო'),
};
const YES_NO = [
  { value: 'yes', label: t('Yes', 'Да', 'Jah', 'დიახ') },
  { value: 'no', label: t('No', 'Нет', 'Ei', 'არა') },
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
    'В целом, насколько вы довольны покупкой в {company}?',
    'Kui rahul olete üldiselt oma ostuga ettevõttes {company}?',
    'საერთო ჯამში, რამდენად კმაყოფილი ხართ {company}-ში შეძენილით?'), SATISFACTION_ENDS), required: true },
  scale('sat_product', 'satisfaction', t(
    'How satisfied are you with the quality of what you bought?',
    'Насколько вы довольны качеством купленного?',
    'Kui rahul olete ostetu kvaliteediga?',
    'რამდენად კმაყოფილი ხართ შეძენილის ხარისხით?'), SATISFACTION_ENDS),
  scale('sat_service', 'satisfaction', t(
    'How satisfied are you with how our staff treated you?',
    'Насколько вы довольны тем, как к вам отнеслись наши сотрудники?',
    'Kui rahul olete sellega, kuidas meie töötajad teid kohtlesid?',
    'რამდენად კმაყოფილი ხართ ჩვენი თანამშრომლების მომსახურებით?'), SATISFACTION_ENDS),
  scale('sat_price', 'satisfaction', t(
    'How satisfied are you with the price you paid?',
    'Насколько вы довольны ценой, которую заплатили?',
    'Kui rahul olete makstud hinnaga?',
    'რამდენად კმაყოფილი ხართ გადახდილი ფასით?'), SATISFACTION_ENDS),
  choice('expectation', 'exchange', t(
    'Compared with what you expected, what you received was…',
    'По сравнению с тем, что вы ожидали, вы получили…',
    'Võrreldes sellega, mida ootasite, oli saadu…',
    'იმასთან შედარებით, რასაც ელოდით, მიიღეთ…'), [
    { value: 'not_delivered', label: t('Not what was promised', 'Не то, что было обещано', 'Mitte see, mida lubati', 'არა ის, რაც დაგვპირდნენ') },
    { value: 'partly', label: t('Only partly what was promised', 'Лишь отчасти то, что обещали', 'Ainult osaliselt lubatu', 'დაპირებულის მხოლოდ ნაწილი') },
    { value: 'as_expected', label: t('Exactly what I expected', 'Ровно то, что ожидалось', 'Täpselt see, mida ootasin', 'ზუსტად ის, რასაც ველოდი') },
    { value: 'exceeded', label: t('More than I expected', 'Больше, чем ожидалось', 'Rohkem, kui ootasin', 'იმაზე მეტი, ვიდრე ველოდი') },
  ]),
  { ...scale('recommend', 'emotional', t(
    'How likely are you to recommend {company} to a friend or colleague?',
    'Насколько вероятно, что вы порекомендуете {company} другу или коллеге?',
    'Kui tõenäoliselt soovitaksite ettevõtet {company} sõbrale või kolleegile?',
    'რამდენად სავარაუდოა, რომ {company}-ს მეგობარს ან კოლეგას ურჩევთ?'), {
    minLabel: t('Not at all likely', 'Совсем маловероятно', 'Üldse mitte tõenäoliselt', 'სულაც არ არის სავარაუდო'),
    maxLabel: t('Extremely likely', 'Очень вероятно', 'Väga tõenäoliselt', 'ძალიან სავარაუდოა'),
  }, 0, 10), required: true },
  scale('feel_loss', 'emotional', t(
    'If {company} disappeared, I would feel a real loss.',
    'Если бы {company} исчезла, я бы почувствовал настоящую потерю.',
    'Kui {company} kaoks, tunneksin tõelist kaotust.',
    '{company} რომ გაქრეს, ნამდვილ დანაკლისს ვიგრძნობდი.'), AGREE_ENDS),
  scale('speak_positively', 'emotional', t(
    'I tell people good things about {company}.',
    'Я рассказываю людям хорошее о {company}.',
    'Räägin inimestele ettevõttest {company} head.',
    'ადამიანებს {company}-ზე კარგს ვუყვები.'), AGREE_ENDS),
  { ...scale('repurchase', 'behavioural', t(
    'How likely are you to buy from {company} again?',
    'Насколько вероятно, что вы снова купите в {company}?',
    'Kui tõenäoliselt ostate ettevõttest {company} uuesti?',
    'რამდენად სავარაუდოა, რომ {company}-ში კვლავ იყიდით?'), LIKELY_ENDS), required: true },
  {
    ...scale('share_of_wallet', 'behavioural', t(
      'Of all your purchases of this kind, how much do you buy from {company}?',
      'Какую часть всех подобных покупок вы делаете в {company}?',
      'Kui suure osa seda liiki ostudest teete ettevõttes {company}?',
      'ამ ტიპის ყველა შენაძენიდან რა ნაწილს ყიდულობთ {company}-ში?'), {
      minLabel: t('None', 'Ничего', 'Mitte midagi', 'არაფერს'),
      maxLabel: t('All', 'Всё', 'Kõik', 'ყველაფერს'),
    }),
    pointLabels: [
      t('None', 'Ничего', 'Mitte midagi', 'არაფერს'),
      t('Some', 'Немного', 'Natuke', 'ცოტას'),
      t('About half', 'Около половины', 'Umbes poole', 'დაახლოებით ნახევარს'),
      t('Most', 'Большую часть', 'Enamiku', 'უმეტესობას'),
      t('All', 'Всё', 'Kõik', 'ყველაფერს'),
    ],
  },
  { ...scale('stay_vs_competitor', 'behavioural', t(
    'Even if a competitor offered a lower price, I would stay with {company}.',
    'Даже если бы конкурент предложил цену ниже, я остался бы с {company}.',
    'Isegi kui konkurent pakuks madalamat hinda, jääksin ettevõtte {company} juurde.',
    'კონკურენტს დაბალი ფასიც რომ შემოეთავაზებინა, {company}-ს მაინც არ მივატოვებდი.'), AGREE_ENDS), required: true },
  { ...choice('promo_decided', 'discount', t(
    'Did a discount or promotion decide this purchase?',
    'Решила ли эту покупку скидка или акция?',
    'Kas selle ostu otsustas allahindlus või kampaania?',
    'ეს შენაძენი ფასდაკლებამ ან აქციამ განაპირობა?'), YES_NO), required: true },
  { ...scale('full_price_return', 'discount', t(
    'How likely are you to buy from us again at full price?',
    'Насколько вероятно, что вы снова купите у нас по полной цене?',
    'Kui tõenäoliselt ostate meilt uuesti täishinnaga?',
    'რამდენად სავარაუდოა, რომ ჩვენგან სრულ ფასად კვლავ იყიდით?'), LIKELY_ENDS), required: true },
  choice('had_problem', 'recovery', t(
    'In the last 6 months, did you have a problem with {company}?',
    'Были ли у вас за последние 6 месяцев проблемы с {company}?',
    'Kas teil on viimase 6 kuu jooksul olnud ettevõttega {company} probleeme?',
    'ბოლო 6 თვეში გქონიათ პრობლემა {company}-თან?'), YES_NO),
  { ...choice('problem_resolved', 'recovery', t(
    'Was the problem resolved to your satisfaction?',
    'Была ли проблема решена к вашему удовлетворению?',
    'Kas probleem lahendati teid rahuldavalt?',
    'პრობლემა თქვენთვის დამაკმაყოფილებლად მოგვარდა?'), [
    { value: 'resolved', label: t('Yes, resolved', 'Да, решена', 'Jah, lahendati', 'დიახ, მოგვარდა') },
    { value: 'partly', label: t('Partly', 'Частично', 'Osaliselt', 'ნაწილობრივ') },
    { value: 'not_resolved', label: t('No, not resolved', 'Нет, не решена', 'Ei, ei lahendatud', 'არა, არ მოგვარებულა') },
  ]), showIf: { questionId: 'had_problem', equals: 'yes' } },
  { ...choice('gesture_received', 'recovery', t(
    'Did we apologise or offer something to make up for it?',
    'Извинились ли мы или предложили что-то в качестве компенсации?',
    'Kas me vabandasime või pakkusime midagi heastamiseks?',
    'ბოდიში მოგიხადეთ ან რამე შემოგთავაზეთ კომპენსაციად?'), YES_NO), showIf: { questionId: 'had_problem', equals: 'yes' } },
  { id: 'told_positive', construct: 'word_of_mouth', type: 'count', required: false, min: 0, max: 1000, text: t(
    'In the last 6 months, how many people have you told about a good experience with {company}?',
    'Скольким людям за последние 6 месяцев вы рассказали о хорошем опыте с {company}?',
    'Mitmele inimesele olete viimase 6 kuu jooksul rääkinud heast kogemusest ettevõttega {company}?',
    'ბოლო 6 თვეში რამდენ ადამიანს უამბეთ {company}-სთან დაკავშირებული კარგი გამოცდილების შესახებ?') },
  { id: 'told_negative', construct: 'word_of_mouth', type: 'count', required: false, min: 0, max: 1000, text: t(
    '… and about a bad experience?',
    '… а о плохом опыте?',
    '… ja halvast kogemusest?',
    '… და ცუდი გამოცდილების შესახებ?') },
  scale('exp_fidelity', 'loyalist_expectations', t(
    '{company} consults customers like me before making big changes.',
    '{company} советуется с такими клиентами, как я, перед большими изменениями.',
    '{company} küsib enne suuri muudatusi minusuguste klientide arvamust.',
    '{company} დიდ ცვლილებებამდე ჩემნაირ მომხმარებლებს ეკითხება.'), AGREE_ENDS),
  scale('exp_ownership', 'loyalist_expectations', t(
    '{company} feels a bit like "my" company.',
    '{company} — это немного «моя» компания.',
    '{company} tundub natuke nagu „minu" ettevõte.',
    '{company} ცოტათი „ჩემს" კომპანიად მიმაჩნია.'), AGREE_ENDS),
  scale('exp_stability', 'loyalist_expectations', t(
    'I can count on {company} to keep taking care of me the same way.',
    'Я могу рассчитывать, что {company} и дальше будет заботиться обо мне так же.',
    'Võin loota, et {company} hoolitseb minu eest edaspidi samamoodi.',
    'შემიძლია ვენდო, რომ {company} ჩემზე ისევე იზრუნებს.'), AGREE_ENDS),
  scale('exp_consistency', 'loyalist_expectations', t(
    '{company} stays true to what it stands for.',
    '{company} остаётся верной своим принципам.',
    '{company} jääb truuks sellele, mille eest seisab.',
    '{company} თავის ღირებულებებს ერთგულებს.'), AGREE_ENDS),
  { id: 'comment', construct: 'open', type: 'text', required: false, maxLength: 5000, text: t(
    'What is the one thing we could do to keep you as a customer?',
    'Что одно мы могли бы сделать, чтобы вы остались нашим клиентом?',
    'Mis on see üks asi, mida saaksime teha, et jääksite meie kliendiks?',
    'რა არის ის ერთი რამ, რაც შეგვიძლია გავაკეთოთ, რომ ჩვენი მომხმარებელი დარჩეთ?') },
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

const COMMON = {
  intro: t(
    'Two minutes, no login. Your answers help {company} keep what you value.',
    'Две минуты, без регистрации. Ваши ответы помогут {company} сохранить то, что вам важно.',
    'Kaks minutit, sisselogimist pole vaja. Teie vastused aitavad ettevõttel {company} hoida seda, mida hindate.',
    'ორი წუთი, რეგისტრაციის გარეშე. თქვენი პასუხები {company}-ს დაეხმარება შეინარჩუნოს ის, რასაც აფასებთ.'),
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
    title: t('Satisfaction & loyalty check-up', 'Удовлетворённость и лояльность', 'Rahulolu ja lojaalsus', 'კმაყოფილება და ერთგულება'),
    ...structuredClone(COMMON),
    questions: pick(FULL_IDS),
  };
}

/** The six-question short form for places where a long survey would not be answered. */
export function shortTemplate(): SurveyDefinition {
  return {
    title: t('Quick check-up', 'Короткий опрос', 'Kiire tagasiside', 'სწრაფი გამოკითხვა'),
    ...structuredClone(COMMON),
    questions: pick(SHORT_IDS),
  };
}
