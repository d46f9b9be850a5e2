import { describe, expect, it } from 'vitest';
import { optionsOf, rowLabels } from './forms.ts';

describe('rowLabels', () => {
  it('names each control of each row by its place and label', () => {
    expect(rowLabels('districts', 2, '行', { districtCode: '区县', positives: '阳性人数' })).toEqual({
      'districts.0.districtCode': '第 1 行 区县',
      'districts.0.positives': '第 1 行 阳性人数',
      'districts.1.districtCode': '第 2 行 区县',
      'districts.1.positives': '第 2 行 阳性人数',
    });
  });

  it('has nothing to name without rows', () => {
    expect(rowLabels('qa', 0, '个问答', { question: '问题' })).toEqual({});
  });
});

describe('optionsOf', () => {
  it('pairs each value with its label, in the order of the values', () => {
    expect(optionsOf(['b', 'a'] as const, { a: '甲', b: '乙' })).toEqual([
      { value: 'b', label: '乙' },
      { value: 'a', label: '甲' },
    ]);
  });
});
