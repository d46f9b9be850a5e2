import { describe, expect, it } from 'vitest';
import { report, round } from '../test-support/figures.ts';
import {
  allCorrections,
  correctedFigure,
  correctionNote,
  correctionsFor,
  correctionsOf,
  figureKey,
  figureLabel,
  formatStoredValue,
} from './corrections.ts';

const corrected = report('2021-01-15T00:00:00+08:00', '2021-01-15T12:00:00+08:00', {
  newConfirmed: 47,
  corrections: [
    { field: 'newConfirmed', oldValue: 48, newValue: 47, reason: '1例重复统计', correctedAt: '2021-01-16T09:30:00+08:00' },
    { field: 'cumulativeConfirmed', oldValue: 580, newValue: 579, reason: '1例重复统计', correctedAt: '2021-01-16T09:30:00+08:00' },
  ],
});

describe('corrections of a published figure', () => {
  it('reads none from a record published before corrections existed', () => {
    expect(correctionsOf({})).toEqual([]);
    expect(correctionsOf({ corrections: null })).toEqual([]);
    expect(correctionsOf({ corrections: [{ reason: 'no field' }] })).toEqual([]);
  });

  it('matches a figure whatever the case style, and district rows by their code', () => {
    expect(figureKey('new_confirmed')).toBe(figureKey('newConfirmed'));
    const r = {
      corrections: [
        { field: 'districts.130109.new_confirmed', oldValue: '9', newValue: '8', reason: 'x', correctedAt: '2021-01-16T00:00:00Z' },
      ],
    };
    expect(correctionsFor(r, 'newConfirmed')).toEqual([]);
    expect(correctionsFor(r, 'newConfirmed', '130109')).toHaveLength(1);
    const explicit = {
      corrections: [
        { field: 'newConfirmed', districtCode: '130105', oldValue: 1, newValue: 2, reason: 'x', correctedAt: '2021-01-16T00:00:00Z' },
      ],
    };
    expect(correctionsFor(explicit, 'new_confirmed', '130105')).toHaveLength(1);
  });

  it('says what the value was, why it changed and when — all three', () => {
    const [c] = correctionsFor(corrected, 'newConfirmed');
    expect(correctionNote(c!, (n) => `${n}例`)).toBe('原为 48例，更正原因：1例重复统计，更正时间：2021年1月16日 09:30');
  });

  it('marks the corrected figure only', () => {
    expect(correctedFigure(corrected, 'newConfirmed')).toEqual({
      corrected: true,
      notes: ['原为 48，更正原因：1例重复统计，更正时间：2021年1月16日 09:30'],
      lastCorrectedAt: '2021-01-16T01:30:00.000Z',
    });
    expect(correctedFigure(corrected, 'newAsymptomatic')).toEqual({ corrected: false, notes: [], lastCorrectedAt: null });
  });

  it('shows stored values grouped, and a missing one as a dash', () => {
    expect(formatStoredValue('10253103')).toBe('10,253,103');
    expect(formatStoredValue(null)).toBe('—');
    expect(formatStoredValue('未公布')).toBe('未公布');
  });

  it('lists every correction of every kind of record, newest first, with stable ids', () => {
    const later = round(2, 10_253_103, 247, {
      corrections: [{ field: 'positives', oldValue: 248, newValue: 247, reason: '复核', correctedAt: '2021-01-17T08:00:00.000Z' }],
    } as object);
    const list = allCorrections({ reports: [corrected], testingRounds: [later] });
    expect(list.map((c) => [c.entity.type, c.correction.field])).toEqual([
      ['testing_round', 'positives'],
      ['report', 'newConfirmed'],
      ['report', 'cumulativeConfirmed'],
    ]);
    expect(list[0]!.id).toBe('round-2:positives:2021-01-17T08:00:00.000Z');
    expect(figureLabel(list[0]!.correction)).toBe('阳性');
    expect(figureLabel(list[1]!.correction)).toBe('新增确诊病例');
    const transfer = correctionsOf({
      corrections: [{ field: 'transfers.130109.people', oldValue: 300, newValue: 320, reason: 'x', correctedAt: '2021-01-18T00:00:00Z' }],
    })[0]!;
    expect([transfer.districtCode, transfer.figure]).toEqual(['130109', 'people']);
    expect(figureLabel(transfer, '藁城区')).toBe('藁城区转运人数');
  });
});
