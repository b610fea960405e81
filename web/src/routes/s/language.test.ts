import { describe, expect, it } from 'vitest';
import { fullTemplate } from '../../../../api/src/model/template.js';
import { respondentLanguage } from './language.js';

const definition = fullTemplate();
const invited = (language: 'en' | 'ru' | 'et' | 'ka' | null) => ({ definition, invite: { token: 't', language } });

describe('the respondent language', () => {
  it('takes ?lang= first, then the invite language, then the browser, then the survey default', () => {
    expect(respondentLanguage('ka', invited('et'), ['ru-RU'])).toBe('ka');
    expect(respondentLanguage(null, invited('et'), ['ru-RU'])).toBe('et');
    expect(respondentLanguage('xx', invited(null), ['de-DE', 'ru-RU'])).toBe('ru');
    expect(respondentLanguage(null, { definition, invite: null }, ['de'])).toBe('en');
  });

  it('offers only the survey\'s languages, its first by default', () => {
    const estonianFirst = { definition: { ...definition, languages: ['et', 'ru'] as ('et' | 'ru')[] }, invite: { token: 't', language: 'ka' as const } };
    expect(respondentLanguage('en', estonianFirst, ['ka-GE', 'ru'])).toBe('ru');
    expect(respondentLanguage(null, estonianFirst, ['de'])).toBe('et');
  });

  it('on an error page (no survey loaded) follows ?lang= and the browser', () => {
    expect(respondentLanguage(null, null, ['et-EE'])).toBe('et');
    expect(respondentLanguage('ka', null, ['et-EE'])).toBe('ka');
  });
});
