import { describe, expect, it } from 'vitest';
import { shippedDivisions } from './division.ts';
import { countyIndex, divisionStem, matchCounty } from './names.ts';

const index = countyIndex(shippedDivisions(), {
  homeCity: '1301',
  shortNames: new Map([['130171', ['高新区']]]),
});
const found = (name: string, city?: string) => {
  const m = matchCounty(index, name, city);
  return m.status === 'found' ? `${m.division.code} ${m.division.name}` : m.status;
};

describe('county-level names as notices and residents write them', () => {
  it('strips the administrative suffix for the stem', () => {
    expect(['南宫市', '固安县', '藁城区', '大厂回族自治县', '赵县', '高新区'].map(divisionStem)).toEqual([
      '南宫',
      '固安',
      '藁城',
      '大厂回族',
      '赵',
      '高新',
    ]);
  });

  it('matches a unit of any city of the province, with or without suffix and city prefix', () => {
    expect(found('南宫市')).toBe('130581 南宫市');
    expect(found('南宫')).toBe('130581 南宫市');
    expect(found('邢台市南宫市')).toBe('130581 南宫市');
    expect(found('河北省邢台市南宫市')).toBe('130581 南宫市');
    expect(found('南宫市', '邢台市')).toBe('130581 南宫市');
    expect(found('南宫', '邢台')).toBe('130581 南宫市');
    expect(found('固安县')).toBe('131022 固安县');
    expect(found('廊坊市固安县')).toBe('131022 固安县');
    expect(found('定州市')).toBe('130682 定州市');
    expect(found('藁城')).toBe('130109 藁城区');
    expect(found('石家庄市藁城区')).toBe('130109 藁城区');
    expect(found('高新区')).toBe('130171 石家庄高新技术产业开发区');
    expect(found(' 新乐 市 ')).toBe('130184 新乐市');
  });

  it('takes a name two cities share as the home city’s, unless another city is named', () => {
    expect(found('桥西区')).toBe('130104 桥西区');
    expect(found('桥西区', '张家口市')).toBe('130703 桥西区');
    expect(found('张家口市桥西区')).toBe('130703 桥西区');
    expect(found('南宫市', '石家庄市')).toBe('unknown');
    // Directly administered county-level cities are written as their own city.
    expect(found('定州市', '定州市')).toBe('130682 定州市');
    expect(found('辛集', '辛集市')).toBe('130181 辛集市');
    expect(found('藁城区', '定州市')).toBe('unknown');
  });

  it('suggests the closest names for an unknown one', () => {
    const m = matchCounty(index, '南宫县');
    expect(m.status).toBe('found');
    const unknown = matchCounty(index, '不存在县');
    expect(unknown.status).toBe('unknown');
    const typo = matchCounty(index, '藁成区');
    expect(typo.status === 'unknown' && typo.suggestions.map((d) => d.name)[0]).toBe('藁城区');
  });
});

describe('the shipped divisions', () => {
  it('hold the whole province down to townships, each with a known parent', () => {
    const all = shippedDivisions();
    const count = (level: string) => all.filter((d) => d.level === level).length;
    expect([count('province'), count('city'), count('county')]).toEqual([1, 11, 190]);
    expect(count('township')).toBeGreaterThan(2000);
    const codes = new Set(all.map((d) => d.code));
    expect(all.filter((d) => d.parentCode !== null && !codes.has(d.parentCode))).toEqual([]);
    expect(all.find((d) => d.name === '增村镇')).toMatchObject({ level: 'township', parentCode: '130109' });
  });
});
