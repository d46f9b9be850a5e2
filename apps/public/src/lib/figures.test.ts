import { describe, expect, it } from 'vitest';
import { round } from '../test-support/figures.ts';
import { latestPerRound } from './figures.ts';

describe('the figures that stand for each testing round', () => {
  it('are its final figures once it has ended, else its latest progress', () => {
    const progress = (asOf: string, positives: number) =>
      round(2, 0, positives, { id: `p-${asOf}`, stage: 'in_progress', asOf, peopleTested: null });
    const rounds = [progress('2021-01-13T04:00:00.000Z', 135), round(1, 10_251_875, 354), progress('2021-01-14T04:00:00.000Z', 200)];
    expect(latestPerRound(rounds).map((r) => [r.number, r.stage, r.positives])).toEqual([
      [2, 'in_progress', 200],
      [1, 'final', 354],
    ]);
    const ended = latestPerRound([...rounds, round(2, 10_253_103, 247)]);
    expect(ended.map((r) => [r.number, r.stage, r.positives])).toEqual([
      [2, 'final', 247],
      [1, 'final', 354],
    ]);
  });
});
