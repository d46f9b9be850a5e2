import { describe, expect, it } from 'vitest';
import { normalise, sentenceRanges } from './normalise.ts';

describe('normalising bulletin text', () => {
  it('drops whitespace but keeps a space between two digits, and maps every character back', () => {
    const original = '新增 48 例，\n其中１０例（藁城区）：1 234人';
    const { text, map } = normalise(original);
    expect(text).toBe('新增48例，其中10例(藁城区):1 234人');
    expect([...text].map((_, i) => original[map[i]!])).toEqual([...'新增48例，其中１０例（藁城区）：1 234人']);
    expect(map[text.length]).toBe(original.length);
  });

  it('turns every kind of dash into one and a blank line into a paragraph end', () => {
    expect(normalise('0–12时～24时－1').text).toBe('0—12时—24时—1');
    expect(normalise('第一段\n\n第二段').text).toBe('第一段\n第二段');
  });

  it('ends sentences at 。！？, a blank line, or a semicolon outside parentheses', () => {
    const text = normalise('甲。乙(丙;丁);戊!己\n\n庚').text;
    expect(sentenceRanges(text).map(([a, b]) => text.slice(a, b))).toEqual(['甲', '乙(丙;丁)', '戊', '己', '庚']);
  });

  it('reads traditional characters as simplified, one for one, so offsets still point at the text as typed', () => {
    const original = '1月13日0時至24時，石家莊市新增確診病例３２例，無症狀感染者1例；尚在醫學觀察。';
    const { text, map } = normalise(original);
    expect(text).toBe('1月13日0时至24时,石家庄市新增确诊病例32例,无症状感染者1例;尚在医学观察。'.replaceAll(',', '，'));
    expect(text.length).toBe(original.length);
    expect(original[map[text.indexOf('确诊')]!]).toBe('確');
  });
});
