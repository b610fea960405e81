import { describe, expect, it } from 'vitest';
import { detailText, entryDetails } from './messages.js';

describe('audit entry details', () => {
  it('names the details in the language and writes roles, scopes, yes/no and numbers as words', () => {
    expect(detailText('ru', 'member_role_changed', 'to', 'manager')).toEqual(['Стало', 'Руководитель']);
    expect(detailText('en', 'member_role_changed', 'from', 'analyst')).toEqual(['From', 'Analyst']);
    expect(detailText('en', 'api_key_created', 'scopes', ['reports:read', 'exports:read'])).toEqual(['May', 'Read reports, Download exports']);
    expect(detailText('ka', 'export', 'completed', false)).toEqual(['დასრულდა', 'არა']);
    expect(detailText('en', 'erasure', 'responses', 1200)).toEqual(['Responses', '1,200']);
  });

  it('keeps a company’s old and new name as written, and an unknown detail as the API sent it', () => {
    expect(detailText('en', 'company_updated', 'from', 'admin')).toEqual(['From', 'admin']);
    expect(detailText('en', 'export', 'filters', { surveyId: 'x' })).toEqual(['Filters', 'surveyId: x']);
    expect(detailText('en', 'import', 'somethingNew', 3)).toEqual(['somethingNew', '3']);
  });

  it('writes a cleared setting as “none” in the language, not as null', () => {
    expect(detailText('ru', 'branding_updated', 'accentColor', null)).toEqual(['Акцентный цвет', 'нет']);
    expect(detailText('en', 'logo_uploaded', 'bytes', 5120)).toEqual(['Size in bytes', '5,120']);
  });

  it('lists “from” before “to” and known details before unknown ones, whatever order the API sent', () => {
    expect(entryDetails('en', 'company_updated', { zeta: 1, to: 'New', from: 'Old' }).map((detail) => detail.text)).toEqual([
      ['From', 'Old'],
      ['To', 'New'],
      ['zeta', '1'],
    ]);
  });
});
