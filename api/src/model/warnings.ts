/**
 * The analytics warning registry: every warning a report can carry is a code with params, and here
 * each code has its text in every survey language. Analytics produce `{ code, params }`; the segment
 * report adds the `part` it belongs to; the API, the analyze CLI and the dashboard render the text
 * with `warningText`. Like the API's error registry (api/src/errors.ts), one place lists them all.
 *
 * Params are numbers (formatted with Intl for the language), identifiers that the renderer names in
 * the language (a `construct`, a `segment`, a `group`, a `predictor`, lists of `items`/`variables`),
 * or raw labels (`categories`, `cells`). Texts avoid number agreement ("n = 12", "…: 12") so one text
 * fits every count in every language.
 */
import type { Language } from './definition.js';

export const WARNING_CODES = [
  'NO_ANSWERS',
  'SMALL_SAMPLE',
  'NO_SPREAD',
  'INTERVAL_ZERO_WIDTH',
  'INTERVAL_CLIPPED',
  'CHI_SQUARE_EMPTY',
  'CHI_SQUARE_EMPTY_CATEGORIES',
  'CHI_SQUARE_UNTESTABLE',
  'LOW_EXPECTED_COUNT',
  'CORRELATION_EMPTY',
  'CORRELATION_ONE_PAIR',
  'CORRELATION_CONSTANT',
  'CORRELATION_NO_TEST',
  'CORRELATION_NO_INTERVAL',
  'GROUP_EMPTY',
  'GROUP_SMALL_SAMPLE',
  'GROUP_SINGLE_VALUE',
  'MEANS_NO_VARIANCE',
  'SHARES_NO_VARIATION',
  'DRIVERS_EMPTY',
  'DRIVERS_ONE_CASE',
  'DRIVERS_OUTCOME_CONSTANT',
  'DRIVERS_PREDICTOR_CONSTANT',
  'DRIVERS_PREDICTOR_UNANSWERED',
  'TOO_FEW_CASES_PER_PREDICTOR',
  'DRIVERS_NO_VARIANCE',
  'DRIVERS_COLLINEAR',
  'ALPHA_TOO_FEW_ITEMS',
  'ALPHA_EMPTY',
  'ALPHA_SMALL_SAMPLE',
  'ALPHA_ONE_CASE',
  'ALPHA_ZERO_VARIANCE',
  'ALPHA_CONSTANT_ITEM',
  'WOM_EMPTY',
  'WOM_TOO_MANY_LEVELS',
  'WOM_NO_POSITIVE',
  'WOM_RESAMPLES_NO_POSITIVE',
  'RECOVERY_NOT_ASKED',
  'CURVE_NOT_ASKED',
  'RETENTION_NO_OUTCOME',
  'CHANGE_UNDATED',
  'TOO_FEW_ITEMS',
  'PRICE_HUNTERS_UNKNOWN',
  'DAMAGED_ANSWERS',
  'VERSION_SCALE_CHANGED',
  'VERSION_LEVEL_SCALE_CHANGED',
  'UNKNOWN_VERSION',
  'SATISFACTION_LOYALTY_NO_SCORES',
  'EXCHANGE_NOT_ASKED',
  'FILTER_MATCHES_NONE',
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

/** The report part a warning belongs to: the dashboard card, the CLI section. */
export const WARNING_PARTS = [
  'segments',
  'loyalty_types',
  'scores',
  'nps',
  'csat',
  'reliability',
  'drivers',
  'curve',
  'recovery',
  'word_of_mouth',
  'retention',
  'change_event',
  'versions',
  'satisfaction_loyalty',
  'group_differences',
  'exchange_by_segment',
  'item_non_response',
] as const;
export type WarningPart = (typeof WARNING_PARTS)[number];

export type WarningParamValue = number | string | string[];
export type WarningParams = Record<string, WarningParamValue>;

/** What a statistic says about itself; the cell or result it sits in says what it concerns. */
export interface Warning {
  code: WarningCode;
  params: WarningParams;
}

/**
 * A warning of the whole report: the part it belongs to, and where a part has several results (alpha
 * per construct, drivers per outcome) a `construct` or `outcome` param naming which.
 */
export interface ReportWarning extends Warning {
  part: WarningPart;
}

type Texts = Record<WarningCode, string>;

const en: Texts = {
  NO_ANSWERS: 'No answers: the figure cannot be computed.',
  SMALL_SAMPLE: 'Few answers (n = {n}, fewer than {min}): treat the figure as a rough indication.',
  NO_SPREAD: 'Every answer is {value}: with no spread there is no interval.',
  INTERVAL_ZERO_WIDTH: 'All answers fall in one group: the interval has zero width, which does not make the figure certain.',
  INTERVAL_CLIPPED: 'With so few answers the interval ran past the scale; it is cut to the scale, {lower} to {upper}.',
  CHI_SQUARE_EMPTY: 'The table holds no counts: there is nothing to test.',
  CHI_SQUARE_EMPTY_CATEGORIES: 'Left out of the test because nobody is in them: {categories}.',
  CHI_SQUARE_UNTESTABLE: 'Too few filled rows ({rows}) or columns ({columns}): independence cannot be tested.',
  LOW_EXPECTED_COUNT: 'Expected count below {min} in {cells}: the p-value is approximate; merge categories or collect more responses.',
  CORRELATION_EMPTY: 'Nobody answered both questions: the correlation cannot be computed.',
  CORRELATION_ONE_PAIR: 'Only one respondent answered both questions: the correlation cannot be computed.',
  CORRELATION_CONSTANT: 'Same value for every respondent: {variables}; the correlation cannot be computed.',
  CORRELATION_NO_TEST: 'Too few pairs of answers (n = {n}): neither a test nor an interval can be computed.',
  CORRELATION_NO_INTERVAL: 'Too few pairs of answers (n = {n}): no interval can be computed.',
  GROUP_EMPTY: '{group}: no observations, so the groups cannot be compared.',
  GROUP_SMALL_SAMPLE: '{group}: few observations (n = {n}, fewer than {min}); the comparison is approximate.',
  GROUP_SINGLE_VALUE: '{group}: a single value shows no spread, so there is no test.',
  MEANS_NO_VARIANCE: 'Within each group every value is the same: the t-test cannot be computed.',
  SHARES_NO_VARIATION: 'The share is {share}% in both groups: the z-test cannot be computed.',
  DRIVERS_EMPTY: 'Nobody answered the outcome and every predictor.',
  DRIVERS_ONE_CASE: 'Only one respondent answered everything: there is nothing to explain.',
  DRIVERS_OUTCOME_CONSTANT: 'The outcome is the same for everyone who answered everything: there is nothing to explain.',
  DRIVERS_PREDICTOR_CONSTANT: '“{predictor}” is the same for everyone ({value}); it is left out of the driver analysis.',
  DRIVERS_PREDICTOR_UNANSWERED: 'Nobody answered “{predictor}”: it is left out and the other drivers are computed without it.',
  TOO_FEW_CASES_PER_PREDICTOR: 'Few complete answers (n = {n}) for {predictors} predictors, fewer than {min} per predictor: the weights are unstable.',
  DRIVERS_NO_VARIANCE: 'No variation in {variables}: the relative weights cannot be computed.',
  DRIVERS_COLLINEAR: 'The predictors are perfectly collinear ({variables}): the relative weights cannot be computed.',
  ALPHA_TOO_FEW_ITEMS: 'Alpha needs at least two items; here there are {k}.',
  ALPHA_EMPTY: 'Nobody answered all of {items}: alpha cannot be computed.',
  ALPHA_SMALL_SAMPLE: 'Few complete answers (n = {n}, fewer than {min}): alpha is imprecise.',
  ALPHA_ONE_CASE: 'Only one respondent answered every item: alpha cannot be computed.',
  ALPHA_ZERO_VARIANCE: 'The total of {items} is the same for everyone: alpha cannot be computed.',
  ALPHA_CONSTANT_ITEM: 'Everyone gave the same answer to {items}: standardized alpha cannot be computed.',
  WOM_EMPTY: 'Nobody answered both questions about how many people they told: there is no ratio.',
  WOM_TOO_MANY_LEVELS: 'The overall-satisfaction question has {levels} levels, too many for a table by level: word of mouth is shown overall only.',
  WOM_NO_POSITIVE: 'Nobody told anyone about a good experience: bad ÷ good cannot be computed, as there is nothing to divide by.',
  WOM_RESAMPLES_NO_POSITIVE: 'In some bootstrap resamples nobody told anyone about a good experience: the ratio has no interval.',
  RECOVERY_NOT_ASKED: 'The survey does not ask about problems: there is no service-recovery table.',
  CURVE_NOT_ASKED: 'The survey has no overall-satisfaction scale: there is no satisfaction curve.',
  RETENTION_NO_OUTCOME: 'No respondent has 180 days of purchase history after the survey yet: import purchases to see retention.',
  CHANGE_UNDATED: 'Respondents without a survey time, left out of the before/after comparison: {count}.',
  TOO_FEW_ITEMS: 'Respondents who answered fewer than half of the “{construct}” items, left unclassified: {count}.',
  PRICE_HUNTERS_UNKNOWN: 'Nobody answered the discount questions, so price hunters cannot be told apart: their 0% means “not known”, not “none”.',
  DAMAGED_ANSWERS: 'Responses whose answers do not fit the survey version they answered, left out: {count}.',
  VERSION_SCALE_CHANGED: 'Version {version} asked {items} on another scale than version {newestVersion}; its responses ({count}) count them as unanswered in reliability, drivers and loyalist expectations.',
  VERSION_LEVEL_SCALE_CHANGED: 'Version {version} rated overall satisfaction on {min}–{max}, not on {newestMin}–{newestMax} as version {newestVersion} does; its responses ({count}) are left out of CSAT, the satisfaction curve, and word of mouth and retention by level.',
  UNKNOWN_VERSION: 'Responses that name a survey version the survey does not have, scored with version {version}: {count}.',
  SATISFACTION_LOYALTY_NO_SCORES: 'Nobody has a score for {construct} (its questions were not asked, or too few of them were answered): the tests of satisfaction against loyalty that need it are left out.',
  EXCHANGE_NOT_ASKED: 'The survey does not ask how the purchase compared with expectations: there is no exchange type × segment table.',
  FILTER_MATCHES_NONE: 'No response matches the filter: every part of the report is empty. Widen the dates or remove a filter.',
};

const ru: Texts = {
  NO_ANSWERS: 'Ответов нет: показатель нельзя рассчитать.',
  SMALL_SAMPLE: 'Мало ответов (n = {n}, меньше {min}): считайте показатель приблизительным.',
  NO_SPREAD: 'Все ответы равны {value}: разброса нет, поэтому интервал не строится.',
  INTERVAL_ZERO_WIDTH: 'Все ответы попали в одну группу: у интервала нулевая ширина, но это не значит, что показатель точен.',
  INTERVAL_CLIPPED: 'При таком малом числе ответов интервал вышел за пределы шкалы; он обрезан по шкале: от {lower} до {upper}.',
  CHI_SQUARE_EMPTY: 'В таблице нет наблюдений: проверять нечего.',
  CHI_SQUARE_EMPTY_CATEGORIES: 'Исключены из проверки, потому что в них никого нет: {categories}.',
  CHI_SQUARE_UNTESTABLE: 'Слишком мало заполненных строк ({rows}) или столбцов ({columns}): независимость проверить нельзя.',
  LOW_EXPECTED_COUNT: 'Ожидаемая частота меньше {min} в ячейках {cells}: p-значение приблизительное; объедините категории или соберите больше ответов.',
  CORRELATION_EMPTY: 'Никто не ответил на оба вопроса: корреляцию рассчитать нельзя.',
  CORRELATION_ONE_PAIR: 'На оба вопроса ответил только один человек: корреляцию рассчитать нельзя.',
  CORRELATION_CONSTANT: 'У всех респондентов одно и то же значение: {variables}; корреляцию рассчитать нельзя.',
  CORRELATION_NO_TEST: 'Слишком мало пар ответов (n = {n}): нельзя рассчитать ни проверку значимости, ни интервал.',
  CORRELATION_NO_INTERVAL: 'Слишком мало пар ответов (n = {n}): интервал рассчитать нельзя.',
  GROUP_EMPTY: '{group}: наблюдений нет, поэтому группы сравнить нельзя.',
  GROUP_SMALL_SAMPLE: '{group}: мало наблюдений (n = {n}, меньше {min}); сравнение приблизительное.',
  GROUP_SINGLE_VALUE: '{group}: по одному значению разброс не оценить, поэтому проверки нет.',
  MEANS_NO_VARIANCE: 'Внутри каждой группы все значения одинаковы: t-критерий рассчитать нельзя.',
  SHARES_NO_VARIATION: 'В обеих группах доля равна {share}%: z-критерий рассчитать нельзя.',
  DRIVERS_EMPTY: 'Никто не ответил и на итоговый вопрос, и на все вопросы-предикторы.',
  DRIVERS_ONE_CASE: 'На все вопросы ответил только один человек: объяснять нечего.',
  DRIVERS_OUTCOME_CONSTANT: 'У всех, кто ответил на все вопросы, итоговый показатель одинаков: объяснять нечего.',
  DRIVERS_PREDICTOR_CONSTANT: 'Ответ на вопрос «{predictor}» у всех одинаков ({value}), поэтому вопрос исключён из анализа факторов.',
  DRIVERS_PREDICTOR_UNANSWERED: 'На вопрос «{predictor}» никто не ответил: он исключён, остальные факторы рассчитаны без него.',
  TOO_FEW_CASES_PER_PREDICTOR: 'Мало полных наборов ответов (n = {n}) для {predictors} предикторов — меньше {min} на каждый: веса неустойчивы.',
  DRIVERS_NO_VARIANCE: 'Нет разброса в ответах: {variables}; относительные веса рассчитать нельзя.',
  DRIVERS_COLLINEAR: 'Предикторы полностью коллинеарны ({variables}): относительные веса рассчитать нельзя.',
  ALPHA_TOO_FEW_ITEMS: 'Для альфы нужно хотя бы два пункта, а здесь их {k}.',
  ALPHA_EMPTY: 'Никто не ответил на все пункты ({items}): альфу рассчитать нельзя.',
  ALPHA_SMALL_SAMPLE: 'Мало полных наборов ответов (n = {n}, меньше {min}): альфа неточна.',
  ALPHA_ONE_CASE: 'На все пункты ответил только один человек: альфу рассчитать нельзя.',
  ALPHA_ZERO_VARIANCE: 'Сумма по пунктам ({items}) у всех одинакова: альфу рассчитать нельзя.',
  ALPHA_CONSTANT_ITEM: 'На {items} все ответили одинаково: стандартизованную альфу рассчитать нельзя.',
  WOM_EMPTY: 'Никто не ответил на оба вопроса о том, скольким людям рассказали: отношение рассчитать нельзя.',
  WOM_TOO_MANY_LEVELS: 'У вопроса об общей удовлетворённости слишком много уровней для таблицы по уровням ({levels}), поэтому сарафанное радио показано только в целом.',
  WOM_NO_POSITIVE: 'Никто никому не рассказал о хорошем опыте: отношение «плохое ÷ хорошее» рассчитать нельзя — делить не на что.',
  WOM_RESAMPLES_NO_POSITIVE: 'В части бутстреп-выборок никто не рассказал о хорошем опыте: интервал для отношения не построить.',
  RECOVERY_NOT_ASKED: 'В опросе нет вопросов о проблемах: таблицы по их решению нет.',
  CURVE_NOT_ASKED: 'В опросе нет шкалы общей удовлетворённости: кривую построить нельзя.',
  RETENTION_NO_OUTCOME: 'Ни у кого из респондентов ещё нет 180 дней истории покупок после опроса: импортируйте покупки, чтобы увидеть удержание.',
  CHANGE_UNDATED: 'Не вошли в сравнение «до и после», потому что время ответа неизвестно: {count}.',
  TOO_FEW_ITEMS: 'Остались без сегмента, потому что ответили меньше чем на половину пунктов шкалы «{construct}»: {count}.',
  PRICE_HUNTERS_UNKNOWN: 'На вопросы о скидках никто не ответил, поэтому охотников за скидками выделить нельзя: 0% здесь значит «неизвестно», а не «нет».',
  DAMAGED_ANSWERS: 'Исключены ответы, которые не подходят к своей версии опроса: {count}.',
  VERSION_SCALE_CHANGED: 'В версии {version} вопросы {items} задавались по другой шкале, чем в версии {newestVersion}; в её ответах ({count}) они считаются пропущенными при расчёте надёжности, драйверов и ожиданий лояльных клиентов.',
  VERSION_LEVEL_SCALE_CHANGED: 'В версии {version} общую удовлетворённость оценивали по шкале {min}–{max}, а не {newestMin}–{newestMax}, как в версии {newestVersion}; её ответы ({count}) не учтены в CSAT, кривой удовлетворённости, а также в сарафанном радио и удержании по уровням.',
  UNKNOWN_VERSION: 'Ответы, в которых указана несуществующая версия опроса, оценены по версии {version}: {count}.',
  SATISFACTION_LOYALTY_NO_SCORES: 'Показатель «{construct}» не рассчитан ни для одного ответа (его вопросы не задавались или на них ответили слишком мало): проверки связи удовлетворённости с лояльностью, которым он нужен, не выполнены.',
  EXCHANGE_NOT_ASKED: 'В опросе нет вопроса о том, насколько покупка оправдала ожидания: таблицы «тип обмена × сегмент» нет.',
  FILTER_MATCHES_NONE: 'Под фильтр не подходит ни один ответ: все разделы отчёта пусты. Расширьте период или уберите один из фильтров.',
};

const et: Texts = {
  NO_ANSWERS: 'Vastuseid pole: näitajat ei saa arvutada.',
  SMALL_SAMPLE: 'Vastuseid on vähe (n = {n}, alla {min}): pidage näitajat ligikaudseks.',
  NO_SPREAD: 'Kõik vastused on {value}: hajuvust pole, seega pole ka vahemikku.',
  INTERVAL_ZERO_WIDTH: 'Kõik vastused on ühes rühmas: vahemiku laius on null, kuid see ei tähenda, et näitaja on kindel.',
  INTERVAL_CLIPPED: 'Nii väheste vastuste korral ulatus vahemik skaalast välja; see on piiratud skaalaga: {lower} kuni {upper}.',
  CHI_SQUARE_EMPTY: 'Tabelis pole ühtegi vaatlust: pole midagi testida.',
  CHI_SQUARE_EMPTY_CATEGORIES: 'Testist jäeti välja, sest neis pole kedagi: {categories}.',
  CHI_SQUARE_UNTESTABLE: 'Täidetud ridu ({rows}) või veerge ({columns}) on liiga vähe: sõltumatust ei saa testida.',
  LOW_EXPECTED_COUNT: 'Oodatav sagedus on alla {min} lahtrites {cells}: p-väärtus on ligikaudne; liitke kategooriaid või koguge rohkem vastuseid.',
  CORRELATION_EMPTY: 'Keegi ei vastanud mõlemale küsimusele: korrelatsiooni ei saa arvutada.',
  CORRELATION_ONE_PAIR: 'Mõlemale küsimusele vastas vaid üks inimene: korrelatsiooni ei saa arvutada.',
  CORRELATION_CONSTANT: 'Kõigil vastajatel on sama väärtus: {variables}; korrelatsiooni ei saa arvutada.',
  CORRELATION_NO_TEST: 'Vastuste paare on liiga vähe (n = {n}): ei olulisuse testi ega vahemikku ei saa arvutada.',
  CORRELATION_NO_INTERVAL: 'Vastuste paare on liiga vähe (n = {n}): vahemikku ei saa arvutada.',
  GROUP_EMPTY: '{group}: vaatlusi pole, seega rühmi ei saa võrrelda.',
  GROUP_SMALL_SAMPLE: '{group}: vaatlusi on vähe (n = {n}, alla {min}); võrdlus on ligikaudne.',
  GROUP_SINGLE_VALUE: '{group}: ühe väärtuse põhjal ei saa hajuvust hinnata, seega testi pole.',
  MEANS_NO_VARIANCE: 'Kummaski rühmas on kõik väärtused võrdsed: t-testi ei saa arvutada.',
  SHARES_NO_VARIATION: 'Mõlemas rühmas on osakaal {share}%: z-testi ei saa arvutada.',
  DRIVERS_EMPTY: 'Keegi ei vastanud nii tulemusküsimusele kui ka kõigile mõjurite küsimustele.',
  DRIVERS_ONE_CASE: 'Kõigile küsimustele vastas vaid üks inimene: pole midagi seletada.',
  DRIVERS_OUTCOME_CONSTANT: 'Tulemus on kõigil, kes vastasid kõigele, sama: pole midagi seletada.',
  DRIVERS_PREDICTOR_CONSTANT: 'Küsimuse „{predictor}” vastus on kõigil sama ({value}), seega jäeti see mõjurite analüüsist välja.',
  DRIVERS_PREDICTOR_UNANSWERED: 'Küsimusele „{predictor}” ei vastanud keegi: see jäeti välja ja ülejäänud mõjurid arvutati ilma selleta.',
  TOO_FEW_CASES_PER_PREDICTOR: 'Täielikke vastuseid on vähe (n = {n}) ja ennustajaid on {predictors}, alla {min} vastuse ennustaja kohta: kaalud on ebastabiilsed.',
  DRIVERS_NO_VARIANCE: 'Varieeruvus puudub: {variables}; suhtelisi kaale ei saa arvutada.',
  DRIVERS_COLLINEAR: 'Ennustajad on täielikult kollineaarsed ({variables}): suhtelisi kaale ei saa arvutada.',
  ALPHA_TOO_FEW_ITEMS: 'Alfa jaoks on vaja vähemalt kahte küsimust, siin on neid {k}.',
  ALPHA_EMPTY: 'Keegi ei vastanud kõigile küsimustele ({items}): alfat ei saa arvutada.',
  ALPHA_SMALL_SAMPLE: 'Täielikke vastuseid on vähe (n = {n}, alla {min}): alfa on ebatäpne.',
  ALPHA_ONE_CASE: 'Kõigile küsimustele vastas vaid üks inimene: alfat ei saa arvutada.',
  ALPHA_ZERO_VARIANCE: 'Küsimuste ({items}) summa on kõigil sama: alfat ei saa arvutada.',
  ALPHA_CONSTANT_ITEM: 'Küsimusele {items} vastasid kõik ühtemoodi: standardiseeritud alfat ei saa arvutada.',
  WOM_EMPTY: 'Keegi ei vastanud mõlemale küsimusele selle kohta, mitmele inimesele ta on rääkinud: suhet ei saa arvutada.',
  WOM_TOO_MANY_LEVELS: 'Üldise rahulolu küsimusel on {levels} taset, tasemete kaupa tabeliks liiga palju: suusõnalist soovitust näidatakse ainult tervikuna.',
  WOM_NO_POSITIVE: 'Keegi ei rääkinud kellelegi heast kogemusest: suhet halb ÷ hea ei saa arvutada, sest pole millegagi jagada.',
  WOM_RESAMPLES_NO_POSITIVE: 'Osas bootstrap-valimitest ei rääkinud keegi heast kogemusest: suhtele ei saa vahemikku arvutada.',
  RECOVERY_NOT_ASKED: 'Küsitluses ei küsita probleemide kohta: probleemide lahendamise tabelit pole.',
  CURVE_NOT_ASKED: 'Küsitluses pole üldise rahulolu skaalat: rahulolukõverat pole.',
  RETENTION_NO_OUTCOME: 'Ühelgi vastajal pole veel 180 päeva ostuajalugu pärast küsitlust: hoidmise nägemiseks importige ostud.',
  CHANGE_UNDATED: 'Vastajad, kelle vastamise aeg pole teada, jäeti enne-pärast võrdlusest välja: {count}.',
  TOO_FEW_ITEMS: 'Vastajad, kes vastasid vähem kui poolele skaala „{construct}” küsimustest, jäid liigitamata: {count}.',
  PRICE_HUNTERS_UNKNOWN: 'Soodustuste küsimustele ei vastanud keegi, seega ei saa soodustuste jahtijaid eristada: 0% tähendab siin „teadmata”, mitte „pole”.',
  DAMAGED_ANSWERS: 'Välja jäeti vastused, mis ei sobi oma küsitluse versiooniga: {count}.',
  VERSION_SCALE_CHANGED: 'Versioonis {version} küsiti {items} teisel skaalal kui versioonis {newestVersion}; selle vastustes ({count}) loetakse need usaldusväärsuse, mõjurite ja lojaalsete klientide ootuste juures vastamata jäetuks.',
  VERSION_LEVEL_SCALE_CHANGED: 'Versioonis {version} hinnati üldist rahulolu skaalal {min}–{max}, mitte {newestMin}–{newestMax} nagu versioonis {newestVersion}; selle vastused ({count}) jäeti CSAT-ist, rahulolukõverast ning tasemete kaupa soovitamisest ja püsimisest välja.',
  UNKNOWN_VERSION: 'Vastused, mis viitavad küsitluse olematule versioonile, hinnati versiooni {version} järgi: {count}.',
  SATISFACTION_LOYALTY_NO_SCORES: 'Näitajat „{construct}“ ei saanud arvutada ühegi vastuse põhjal (selle küsimusi ei esitatud või neile vastati liiga vähe): rahulolu ja lojaalsuse seose testid, mis seda vajavad, jäeti välja.',
  EXCHANGE_NOT_ASKED: 'Küsitluses ei küsita, kuidas ost ootustele vastas: vahetustüübi ja segmendi tabelit pole.',
  FILTER_MATCHES_NONE: 'Filtrile ei vasta ükski vastus: aruande kõik osad on tühjad. Laiendage ajavahemikku või eemaldage mõni filter.',
};

const ka: Texts = {
  NO_ANSWERS: 'პასუხები არ არის: მაჩვენებლის გამოთვლა შეუძლებელია.',
  SMALL_SAMPLE: 'პასუხები ცოტაა (n = {n}, {min}-ზე ნაკლები): მაჩვენებელი მხოლოდ მიახლოებით მიიჩნიეთ.',
  NO_SPREAD: 'ყველა პასუხი არის {value}: გაბნევა არ არის, ამიტომ ინტერვალიც არ არის.',
  INTERVAL_ZERO_WIDTH: 'ყველა პასუხი ერთ ჯგუფშია: ინტერვალის სიგანე ნულია, მაგრამ ეს არ ნიშნავს, რომ მაჩვენებელი ზუსტია.',
  INTERVAL_CLIPPED: 'ასე ცოტა პასუხის დროს ინტერვალი სკალას გასცდა; ის სკალით შემოიფარგლა: {lower}-დან {upper}-მდე.',
  CHI_SQUARE_EMPTY: 'ცხრილში დაკვირვებები არ არის: შესამოწმებელი არაფერია.',
  CHI_SQUARE_EMPTY_CATEGORIES: 'ტესტიდან გამოირიცხა, რადგან მათში არავინაა: {categories}.',
  CHI_SQUARE_UNTESTABLE: 'შევსებული სტრიქონები ({rows}) ან სვეტები ({columns}) ძალიან ცოტაა: დამოუკიდებლობის შემოწმება შეუძლებელია.',
  LOW_EXPECTED_COUNT: 'მოსალოდნელი სიხშირე {min}-ზე ნაკლებია უჯრებში {cells}: p-მნიშვნელობა მიახლოებითია; გააერთიანეთ კატეგორიები ან შეაგროვეთ მეტი პასუხი.',
  CORRELATION_EMPTY: 'ორივე კითხვას არავინ უპასუხა: კორელაციის გამოთვლა შეუძლებელია.',
  CORRELATION_ONE_PAIR: 'ორივე კითხვას მხოლოდ ერთმა ადამიანმა უპასუხა: კორელაციის გამოთვლა შეუძლებელია.',
  CORRELATION_CONSTANT: 'ყველა რესპონდენტს ერთი და იგივე მნიშვნელობა აქვს: {variables}; კორელაციის გამოთვლა შეუძლებელია.',
  CORRELATION_NO_TEST: 'პასუხების წყვილები ძალიან ცოტაა (n = {n}): ვერც ტესტი და ვერც ინტერვალი ვერ გამოითვლება.',
  CORRELATION_NO_INTERVAL: 'პასუხების წყვილები ძალიან ცოტაა (n = {n}): ინტერვალი ვერ გამოითვლება.',
  GROUP_EMPTY: '{group}: დაკვირვებები არ არის, ამიტომ ჯგუფების შედარება შეუძლებელია.',
  GROUP_SMALL_SAMPLE: '{group}: დაკვირვებები ცოტაა (n = {n}, {min}-ზე ნაკლები); შედარება მიახლოებითია.',
  GROUP_SINGLE_VALUE: '{group}: ერთი მნიშვნელობით გაბნევის შეფასება შეუძლებელია, ამიტომ ტესტი არ არის.',
  MEANS_NO_VARIANCE: 'თითოეულ ჯგუფში ყველა მნიშვნელობა ერთნაირია: t-ტესტის გამოთვლა შეუძლებელია.',
  SHARES_NO_VARIATION: 'ორივე ჯგუფში წილი {share}%-ია: z-ტესტის გამოთვლა შეუძლებელია.',
  DRIVERS_EMPTY: 'შედეგის კითხვასა და ყველა ფაქტორის კითხვას ერთად არავინ უპასუხა.',
  DRIVERS_ONE_CASE: 'ყველა კითხვას მხოლოდ ერთმა ადამიანმა უპასუხა: ასახსნელი არაფერია.',
  DRIVERS_OUTCOME_CONSTANT: 'ყველასთვის, ვინც ყველა კითხვას უპასუხა, შედეგი ერთნაირია: ასახსნელი არაფერია.',
  DRIVERS_PREDICTOR_CONSTANT: 'კითხვაზე „{predictor}“ ყველამ ერთნაირად უპასუხა ({value}), ამიტომ ის ფაქტორების ანალიზიდან ამოღებულია.',
  DRIVERS_PREDICTOR_UNANSWERED: 'კითხვას „{predictor}“ არავინ უპასუხა: ის ამოღებულია და დანარჩენი ფაქტორები მის გარეშე გამოითვალა.',
  TOO_FEW_CASES_PER_PREDICTOR: 'სრული პასუხები ცოტაა (n = {n}) {predictors} პრედიქტორისთვის, თითოზე {min}-ზე ნაკლები: წონები არასტაბილურია.',
  DRIVERS_NO_VARIANCE: 'ვარიაცია არ არის: {variables}; ფარდობითი წონების გამოთვლა შეუძლებელია.',
  DRIVERS_COLLINEAR: 'პრედიქტორები სრულად კოლინეარულია ({variables}): ფარდობითი წონების გამოთვლა შეუძლებელია.',
  ALPHA_TOO_FEW_ITEMS: 'ალფას სულ მცირე ორი კითხვა სჭირდება, აქ კი მხოლოდ {k} არის.',
  ALPHA_EMPTY: 'ყველა კითხვას ({items}) არავინ უპასუხა: ალფის გამოთვლა შეუძლებელია.',
  ALPHA_SMALL_SAMPLE: 'სრული პასუხები ცოტაა (n = {n}, {min}-ზე ნაკლები): ალფა არაზუსტია.',
  ALPHA_ONE_CASE: 'ყველა კითხვას მხოლოდ ერთმა ადამიანმა უპასუხა: ალფის გამოთვლა შეუძლებელია.',
  ALPHA_ZERO_VARIANCE: 'კითხვების ({items}) ჯამი ყველასთვის ერთნაირია: ალფის გამოთვლა შეუძლებელია.',
  ALPHA_CONSTANT_ITEM: '{items}: ყველამ ერთნაირად უპასუხა, ამიტომ სტანდარტიზებული ალფის გამოთვლა შეუძლებელია.',
  WOM_EMPTY: 'ორივე კითხვას იმაზე, თუ რამდენ ადამიანს მოუყვნენ, არავინ უპასუხა: შეფარდება ვერ გამოითვლება.',
  WOM_TOO_MANY_LEVELS: 'საერთო კმაყოფილების კითხვას {levels} დონე აქვს, დონეების მიხედვით ცხრილისთვის ეს ზედმეტად ბევრია: ზეპირი რეკომენდაციები მხოლოდ საერთოდ არის ნაჩვენები.',
  WOM_NO_POSITIVE: 'კარგ გამოცდილებაზე არავის არავისთვის უამბია: შეფარდება ცუდი ÷ კარგი ვერ გამოითვლება, რადგან ნულზე ვერ გავყოფთ.',
  WOM_RESAMPLES_NO_POSITIVE: 'ზოგიერთ ბუტსტრეპ-ამონარჩევში კარგ გამოცდილებაზე არავის უამბია: შეფარდების ინტერვალი ვერ გამოითვლება.',
  RECOVERY_NOT_ASKED: 'გამოკითხვაში პრობლემებზე კითხვები არ არის: პრობლემის მოგვარების ცხრილი ვერ შედგება.',
  CURVE_NOT_ASKED: 'გამოკითხვაში საერთო კმაყოფილების სკალა არ არის: კმაყოფილების მრუდი ვერ აიგება.',
  RETENTION_NO_OUTCOME: 'გამოკითხვის შემდეგ 180 დღის შესყიდვების ისტორია ჯერ არცერთ რესპონდენტს არ აქვს: შენარჩუნების სანახავად შემოიტანეთ შესყიდვები.',
  CHANGE_UNDATED: 'რესპონდენტები, რომელთა პასუხის დრო უცნობია და „მანამდე და შემდეგ“ შედარებაში არ შევიდნენ: {count}.',
  TOO_FEW_ITEMS: 'რესპონდენტები, რომლებმაც „{construct}“ სკალის კითხვების ნახევარზე ნაკლებს უპასუხეს და სეგმენტში ვერ მოხვდნენ: {count}.',
  PRICE_HUNTERS_UNKNOWN: 'ფასდაკლების კითხვებს არავინ უპასუხა, ამიტომ ფასდაკლებების მაძიებლების გამოყოფა შეუძლებელია: 0% აქ ნიშნავს „უცნობია“ და არა „არავინ“.',
  DAMAGED_ANSWERS: 'ამოღებულია პასუხები, რომლებიც გამოკითხვის საკუთარ ვერსიას არ შეესაბამება: {count}.',
  VERSION_SCALE_CHANGED: 'ვერსია {version}-ში კითხვები {items} სხვა სკალით იყო დასმული, ვიდრე ვერსია {newestVersion}-ში; მის პასუხებში ({count}) ისინი უპასუხოდ ითვლება სანდოობის, ფაქტორებისა და ერთგული მომხმარებლების მოლოდინების გამოთვლისას.',
  VERSION_LEVEL_SCALE_CHANGED: 'ვერსია {version}-ში საერთო კმაყოფილება ფასდებოდა სკალით {min}–{max} და არა {newestMin}–{newestMax}, როგორც ვერსია {newestVersion}-ში; მისი პასუხები ({count}) არ არის გათვალისწინებული CSAT-ში, კმაყოფილების მრუდში, ზეპირ რეკლამასა და შენარჩუნებაში დონეების მიხედვით.',
  UNKNOWN_VERSION: 'პასუხები, რომლებშიც გამოკითხვის არარსებული ვერსიაა მითითებული, შეფასდა ვერსიით {version}: {count}.',
  SATISFACTION_LOYALTY_NO_SCORES: 'მაჩვენებელი „{construct}“ ვერცერთი პასუხისთვის ვერ გამოითვალა (მისი კითხვები არ დასმულა ან მათ ძალიან ცოტამ უპასუხა): კმაყოფილებისა და ერთგულების კავშირის ტესტები, რომლებსაც ის სჭირდება, გამოტოვებულია.',
  EXCHANGE_NOT_ASKED: 'გამოკითხვაში არ არის კითხვა იმაზე, რამდენად გაამართლა შენაძენმა მოლოდინი: გაცვლის ტიპისა და სეგმენტის ცხრილი ვერ შედგება.',
  FILTER_MATCHES_NONE: 'ფილტრს არცერთი პასუხი არ შეესაბამება: ანგარიშის ყველა ნაწილი ცარიელია. გააფართოვეთ პერიოდი ან მოხსენით რომელიმე ფილტრი.',
};

export const WARNING_TEXTS: Record<Language, Texts> = { en, ru, et, ka };

type Names<K extends string> = Record<Language, Record<K, string>>;

/** Segment names, plural like the people they group (the dashboard, the CLI and the warnings say the same). */
export const SEGMENT_NAMES: Names<'loyal' | 'price_hunter' | 'satisfied_not_loyal' | 'hostage' | 'defector' | 'unclassified'> = {
  en: {
    loyal: 'Loyal',
    price_hunter: 'Price hunters',
    satisfied_not_loyal: 'Satisfied but not loyal',
    hostage: 'Hostages',
    defector: 'Defectors',
    unclassified: 'Unclassified',
  },
  ru: {
    loyal: 'Лояльные',
    price_hunter: 'Охотники за скидками',
    satisfied_not_loyal: 'Довольные, но не лояльные',
    hostage: 'Заложники',
    defector: 'Уходящие',
    unclassified: 'Без сегмента',
  },
  et: {
    loyal: 'Lojaalsed',
    price_hunter: 'Soodustuste jahtijad',
    satisfied_not_loyal: 'Rahul, kuid mitte lojaalsed',
    hostage: 'Pantvangid',
    defector: 'Lahkujad',
    unclassified: 'Liigitamata',
  },
  ka: {
    loyal: 'ერთგულები',
    price_hunter: 'ფასდაკლებების მაძიებლები',
    satisfied_not_loyal: 'კმაყოფილები, მაგრამ არა ერთგულები',
    hostage: 'მძევლები',
    defector: 'წამსვლელები',
    unclassified: 'დაუხარისხებელი',
  },
};

/** Construct names, as the dashboard heads its columns. */
export const CONSTRUCT_NAMES: Names<'satisfaction' | 'emotional' | 'behavioural' | 'loyalist_expectations'> = {
  en: {
    satisfaction: 'Satisfaction (S)',
    emotional: 'Attachment (E)',
    behavioural: 'Return (B)',
    loyalist_expectations: 'Loyalist expectations',
  },
  ru: {
    satisfaction: 'Удовлетворённость (S)',
    emotional: 'Привязанность (E)',
    behavioural: 'Возвращение (B)',
    loyalist_expectations: 'Ожидания лояльных',
  },
  et: {
    satisfaction: 'Rahulolu (S)',
    emotional: 'Kiindumus (E)',
    behavioural: 'Tagasitulek (B)',
    loyalist_expectations: 'Lojaalsete ootused',
  },
  ka: {
    satisfaction: 'კმაყოფილება (S)',
    emotional: 'მიჯაჭვულობა (E)',
    behavioural: 'დაბრუნება (B)',
    loyalist_expectations: 'ერთგულთა მოლოდინები',
  },
};

/** The template's driver predictors by question id; a custom survey's predictor shows its own id. */
export const PREDICTOR_NAMES: Names<'sat_product' | 'sat_service' | 'sat_price' | 'expectation'> = {
  en: { sat_product: 'Product quality', sat_service: 'Staff', sat_price: 'Price', expectation: 'Compared with expectations' },
  ru: { sat_product: 'Качество товара', sat_service: 'Персонал', sat_price: 'Цена', expectation: 'По сравнению с ожиданиями' },
  et: { sat_product: 'Toote kvaliteet', sat_service: 'Teenindus', sat_price: 'Hind', expectation: 'Võrreldes ootustega' },
  ka: { sat_product: 'პროდუქტის ხარისხი', sat_service: 'პერსონალი', sat_price: 'ფასი', expectation: 'მოლოდინებთან შედარებით' },
};

/** The two sides of a comparison: a change event's before and after, the groups the report compares, or a generic pair. */
const GROUP_NAMES: Names<'before' | 'after' | 'A' | 'B' | 'satisfied' | 'not_satisfied' | 'resolved' | 'no_problem'> = {
  en: { before: 'Before the change', after: 'After the change', A: 'Group A', B: 'Group B', satisfied: 'Satisfied', not_satisfied: 'Not satisfied', resolved: 'Problem resolved', no_problem: 'No problem' },
  ru: { before: 'До изменения', after: 'После изменения', A: 'Группа A', B: 'Группа B', satisfied: 'Довольные', not_satisfied: 'Недовольные', resolved: 'Проблема решена', no_problem: 'Проблем не было' },
  et: { before: 'Enne muudatust', after: 'Pärast muudatust', A: 'Rühm A', B: 'Rühm B', satisfied: 'Rahulolevad', not_satisfied: 'Mitte rahulolevad', resolved: 'Probleem lahendati', no_problem: 'Probleeme polnud' },
  ka: { before: 'ცვლილებამდე', after: 'ცვლილების შემდეგ', A: 'ჯგუფი A', B: 'ჯგუფი B', satisfied: 'კმაყოფილები', not_satisfied: 'არაკმაყოფილები', resolved: 'პრობლემა მოგვარდა', no_problem: 'პრობლემა არ ყოფილა' },
};

/** Variables named by role rather than by id: a model's outcome, a correlation's first and second. */
const VARIABLE_NAMES: Names<'outcome' | 'first' | 'second'> = {
  en: { outcome: 'the outcome', first: 'the first variable', second: 'the second variable' },
  ru: { outcome: 'итоговый показатель', first: 'первая переменная', second: 'вторая переменная' },
  et: { outcome: 'tulemus', first: 'esimene muutuja', second: 'teine muutuja' },
  ka: { outcome: 'შედეგი', first: 'პირველი ცვლადი', second: 'მეორე ცვლადი' },
};

/** Part names, for lists that are not already grouped under the part's heading (the CLI). */
export const PART_NAMES: Names<WarningPart> = {
  en: {
    segments: 'Segments',
    loyalty_types: 'Loyalty types',
    scores: 'Scores',
    nps: 'NPS',
    csat: 'CSAT',
    reliability: 'Reliability',
    drivers: 'Drivers',
    curve: 'Satisfaction curve',
    recovery: 'Service recovery',
    word_of_mouth: 'Word of mouth',
    retention: 'Retention',
    change_event: 'Before and after the change',
    versions: 'Survey versions',
    satisfaction_loyalty: 'Satisfaction against loyalty',
    group_differences: 'Differences between groups',
    exchange_by_segment: 'Exchange type by segment',
    item_non_response: 'Skipped questions',
  },
  ru: {
    segments: 'Сегменты',
    loyalty_types: 'Типы лояльности',
    scores: 'Оценки',
    nps: 'NPS',
    csat: 'CSAT',
    reliability: 'Надёжность шкал',
    drivers: 'Факторы',
    curve: 'Кривая удовлетворённости',
    recovery: 'Решение проблем',
    word_of_mouth: 'Сарафанное радио',
    retention: 'Удержание',
    change_event: 'До и после изменения',
    versions: 'Версии опроса',
    satisfaction_loyalty: 'Удовлетворённость и лояльность',
    group_differences: 'Различия между группами',
    exchange_by_segment: 'Тип обмена по сегментам',
    item_non_response: 'Пропущенные вопросы',
  },
  et: {
    segments: 'Segmendid',
    loyalty_types: 'Lojaalsuse tüübid',
    scores: 'Skoorid',
    nps: 'NPS',
    csat: 'CSAT',
    reliability: 'Usaldusväärsus',
    drivers: 'Mõjurid',
    curve: 'Rahulolukõver',
    recovery: 'Probleemi lahendamine',
    word_of_mouth: 'Suusõnaline soovitus',
    retention: 'Hoidmine',
    change_event: 'Enne ja pärast muudatust',
    versions: 'Küsitluse versioonid',
    satisfaction_loyalty: 'Rahulolu ja lojaalsus',
    group_differences: 'Rühmadevahelised erinevused',
    exchange_by_segment: 'Vahetustüüp segmentide kaupa',
    item_non_response: 'Vahele jäetud küsimused',
  },
  ka: {
    segments: 'სეგმენტები',
    loyalty_types: 'ერთგულების ტიპები',
    scores: 'ქულები',
    nps: 'NPS',
    csat: 'CSAT',
    reliability: 'სანდოობა',
    drivers: 'ფაქტორები',
    curve: 'კმაყოფილების მრუდი',
    recovery: 'პრობლემის მოგვარება',
    word_of_mouth: 'ზეპირი რეკლამა',
    retention: 'შენარჩუნება',
    change_event: 'ცვლილებამდე და მის შემდეგ',
    versions: 'გამოკითხვის ვერსიები',
    satisfaction_loyalty: 'კმაყოფილება და ერთგულება',
    group_differences: 'ჯგუფებს შორის განსხვავებები',
    exchange_by_segment: 'გაცვლის ტიპი სეგმენტების მიხედვით',
    item_non_response: 'გამოტოვებული კითხვები',
  },
};

/** Which vocabulary names the value of each identifier param. */
const NAMED_PARAMS: Record<string, Names<string>> = {
  construct: CONSTRUCT_NAMES,
  outcome: CONSTRUCT_NAMES,
  segment: SEGMENT_NAMES,
  // A group is a comparison's side or a segment (retention of loyal vs satisfied_not_loyal).
  group: mergeNames(GROUP_NAMES, SEGMENT_NAMES),
  predictor: PREDICTOR_NAMES,
  variables: mergeNames(PREDICTOR_NAMES, VARIABLE_NAMES),
  items: PREDICTOR_NAMES,
};

function mergeNames(a: Names<string>, b: Names<string>): Names<string> {
  return { en: { ...a.en, ...b.en }, ru: { ...a.ru, ...b.ru }, et: { ...a.et, ...b.et }, ka: { ...a.ka, ...b.ka } };
}

/** Quotation marks of each language, around question names in a list. */
const QUOTES: Record<Language, [string, string]> = { en: ['“', '”'], ru: ['«', '»'], et: ['„', '“'], ka: ['„', '“'] };

function paramText(name: string, value: WarningParamValue, language: Language): string {
  if (typeof value === 'number') return numberText(value, language);
  const names = NAMED_PARAMS[name]?.[language];
  const named = (id: string) => names?.[id] ?? id;
  if (typeof value === 'string') return named(value);
  // A question's name in a list is quoted, so "Price" reads as a name mid-sentence; "the outcome" is not one.
  const [open, close] = QUOTES[language];
  const quoted = (id: string) => (id in VARIABLE_NAMES.en ? named(id) : `${open}${named(id)}${close}`);
  return listText(value.map(quoted), language);
}

/** Group and decimal separators, where the platform has no number data for the language. */
const SEPARATORS: Record<Language, { group: string; decimal: string }> = {
  en: { group: ',', decimal: '.' },
  ru: { group: '\u00a0', decimal: ',' },
  et: { group: '\u00a0', decimal: ',' },
  ka: { group: '\u00a0', decimal: ',' },
};

/** A number with at most two decimals; Chromium has no Georgian number data, so then explicitly "12 345,67". */
function numberText(value: number, language: Language): string {
  const options = { maximumFractionDigits: 2 };
  if (Intl.NumberFormat.supportedLocalesOf(language).length > 0) return new Intl.NumberFormat(language, options).format(value);
  const { group, decimal } = SEPARATORS[language];
  return new Intl.NumberFormat('en', options).format(value).replace(/[,.]/g, (mark) => (mark === ',' ? group : decimal));
}

/** The word before a list's last item, where the platform has no list data for the language. */
const AND: Record<Language, string> = { en: 'and', ru: 'и', et: 'ja', ka: 'და' };

/**
 * "a, b and c" the language's way. Browsers ship trimmed locale data (Chromium has no Georgian list
 * patterns and answers "a, b, and c"), so without data for the language the list is joined explicitly.
 */
function listText(items: readonly string[], language: Language): string {
  if (Intl.ListFormat.supportedLocalesOf(language).length > 0) return new Intl.ListFormat(language, { type: 'conjunction' }).format(items);
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${AND[language]} ${items.at(-1)}`;
}

/** The `{name}` placeholders of a text, sorted: the registry test checks every language has the same. */
export function placeholders(text: string): string[] {
  return (text.match(/\{\w+\}/g) ?? []).map((placeholder) => placeholder.slice(1, -1)).sort();
}

/**
 * The warning as a sentence in `language`: numbers formatted for the language, identifiers named
 * in it. A report warning about one of several results (`construct`, `outcome`) starts with its name;
 * so does a cell's warning with the `subject` given (the row it concerns, already in the language).
 *
 * @example
 * warningText({ code: 'SMALL_SAMPLE', params: { n: 12, min: 30 } }, 'ru');
 * // => 'Мало ответов (n = 12, меньше 30): считайте показатель приблизительным.'
 */
export function warningText(warning: Warning, language: Language, subject?: string): string {
  const template = WARNING_TEXTS[language][warning.code];
  const text = template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = warning.params[name];
    return value === undefined ? placeholder : paramText(name, value, language);
  });
  const used = new Set(placeholders(template));
  const context = (['construct', 'outcome'] as const).find((name) => !used.has(name) && typeof warning.params[name] === 'string');
  const name = subject ?? (context ? paramText(context, warning.params[context]!, language) : null);
  if (name === null) return text;
  // After the name and a colon the sentence goes on in lower case (Georgian has no case).
  return `${name}: ${text.charAt(0).toLocaleLowerCase(language)}${text.slice(1)}`;
}
