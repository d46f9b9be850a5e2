import { describe, expect, it } from 'vitest';
import { conferenceName, conferenceSlugBase, issuerPlace, slugFromBase, suggestedConferenceTitle } from './issuer.ts';

describe('naming a conference by its body', () => {
  it('suggests the title each level used, with or without a number', () => {
    expect(suggestedConferenceTitle('石家庄市人民政府新闻办公室', 12)).toBe('石家庄市新冠肺炎疫情防控工作第12场新闻发布会');
    expect(suggestedConferenceTitle('河北省人民政府新闻办公室', null)).toBe('河北省新冠肺炎疫情防控工作新闻发布会');
    expect(suggestedConferenceTitle('邢台市政府新闻办', 13)).toBe('邢台市新冠肺炎疫情防控工作第13场新闻发布会');
    expect(suggestedConferenceTitle('国务院联防联控机制', null)).toBe('国务院联防联控机制新闻发布会');
    expect(suggestedConferenceTitle('  ', 3)).toBe('');
    expect(issuerPlace('新闻办公室')).toBeNull();
  });

  it('gives each an address from its level and number, or its date when it has none', () => {
    expect(conferenceSlugBase({ level: 'municipal', number: 12, heldOn: '2021-01-16' })).toBe('city-12');
    expect(conferenceSlugBase({ level: 'provincial', number: null, heldOn: '2021-01-20' })).toBe('province-2021-01-20');
    expect(slugFromBase('city-12-2', 'city-12')).toBe(true);
    expect(slugFromBase('city-120', 'city-12')).toBe(false);
    expect(slugFromBase('province-2021-01-20-2', 'province-2021-01-20')).toBe(true);
    expect(conferenceName({ level: 'provincial', issuer: '河北省人民政府新闻办公室', number: null, heldOn: '2021-01-20' })).toBe(
      '河北省人民政府新闻办公室2021年1月20日新闻发布会（未标明场次）',
    );
  });
});
