/** Strings of /app/comments: the respondents' free-text answers, filtered by segment. */
import { translator, type Language } from '$lib/i18n.js';

export type { Language };

const en = {
  title: 'Comments',
  intro: 'What respondents wrote in their own words, newest first, under the filters above. Choose a segment to read what its customers say.',
  segments: 'Segment',
  allSegments: 'All segments',
  listLabel: 'Comments, page {page}',
  none: 'No comments under these filters. Choose another segment or clear a filter.',
  noComments: 'Nobody has written a comment yet. What respondents write in their own words appears here.',
  noneHere: 'No more comments on this page. Go back to the first page.',
  respondent: 'Open the respondent',
  inLanguage: 'Written in {language}',
};

type Messages = Record<keyof typeof en, string>;

const ru: Messages = {
  title: 'Комментарии',
  intro: 'Что респонденты написали своими словами, сначала новые, с фильтрами выше. Выберите сегмент, чтобы прочитать, что говорят его клиенты.',
  segments: 'Сегмент',
  allSegments: 'Все сегменты',
  listLabel: 'Комментарии, страница {page}',
  none: 'С такими фильтрами комментариев нет. Выберите другой сегмент или снимите фильтр.',
  noComments: 'Комментариев пока нет. Здесь появится то, что респонденты напишут своими словами.',
  noneHere: 'На этой странице комментариев больше нет. Вернитесь на первую страницу.',
  respondent: 'Открыть респондента',
  inLanguage: 'Язык: {language}',
};

const et: Messages = {
  title: 'Kommentaarid',
  intro: 'Mida vastajad oma sõnadega kirjutasid, uuemad eespool, ülal valitud filtritega. Valige segment, et lugeda, mida selle kliendid ütlevad.',
  segments: 'Segment',
  allSegments: 'Kõik segmendid',
  listLabel: 'Kommentaarid, lehekülg {page}',
  none: 'Nende filtritega kommentaare pole. Valige teine segment või eemaldage mõni filter.',
  noComments: 'Kommentaare veel pole. Siia ilmub see, mida vastajad oma sõnadega kirjutavad.',
  noneHere: 'Sellel leheküljel rohkem kommentaare pole. Minge tagasi esimesele leheküljele.',
  respondent: 'Ava vastaja',
  inLanguage: 'Keel: {language}',
};

const ka: Messages = {
  title: 'კომენტარები',
  intro: 'რა დაწერეს რესპონდენტებმა საკუთარი სიტყვებით, ჯერ ახალი, ზემოთ არჩეული ფილტრებით. აირჩიეთ სეგმენტი, რომ წაიკითხოთ, რას ამბობენ მისი მომხმარებლები.',
  segments: 'სეგმენტი',
  allSegments: 'ყველა სეგმენტი',
  listLabel: 'კომენტარები, გვერდი {page}',
  none: 'ამ ფილტრებით კომენტარები არ არის. აირჩიეთ სხვა სეგმენტი ან მოხსენით ფილტრი.',
  noComments: 'კომენტარები ჯერ არ არის. აქ გამოჩნდება ის, რასაც რესპონდენტები საკუთარი სიტყვებით დაწერენ.',
  noneHere: 'ამ გვერდზე მეტი კომენტარი არ არის. დაბრუნდით პირველ გვერდზე.',
  respondent: 'რესპონდენტის გახსნა',
  inLanguage: 'ენა: {language}',
};

export const t = translator<keyof typeof en>({ en, ru, et, ka });
