import { describe, expect, it } from 'vitest';
import { parseChineseNumeral, parseCount } from './numbers.ts';

describe('counts as bulletins write them', () => {
  it('reads digits with and without thousands separators', () => {
    expect(parseCount('48')).toBe(48);
    expect(parseCount('10,253,103')).toBe(10_253_103);
  });

  it('reads small Chinese numerals', () => {
    expect(parseChineseNumeral('十二')).toBe(12);
    expect(parseChineseNumeral('二十')).toBe(20);
    expect(parseChineseNumeral('一百零五')).toBe(105);
    expect(parseChineseNumeral('两千三百四十五')).toBe(2345);
    expect(parseCount('三')).toBe(3);
  });

  it('refuses malformed or colloquial numerals rather than guess', () => {
    expect(parseChineseNumeral('一百五')).toBeNull();
    expect(parseChineseNumeral('十百')).toBeNull();
    expect(parseChineseNumeral('三四')).toBeNull();
    expect(parseCount('1,23')).toBeNull();
  });
});
