import { describe, expect, it } from 'vitest';
import { DISTRICTS, lift, relevel, SCHEMES, seal, zone } from '../test-support/zones.ts';
import { coveringMeasure, districtWideMeasures, summariseDistricts } from './district-wide.ts';
import { countByLevel, zonesInForce } from './zones.ts';

const NOW = '2021-01-16T12:00:00+08:00';
const whole = zone({ name: '藁城区全域', kind: 'district' }, [seal('high', '2021-01-06T00:00:00+08:00')], NOW);
const village = zone({ name: '增村镇小果庄村' }, [seal('high', '2021-01-05T00:00:00+08:00')], NOW);
const village2 = zone(
  { name: '廉州镇东四公村' },
  [seal('high', '2021-01-08T00:00:00+08:00'), relevel('medium', '2021-01-12T00:00:00+08:00')],
  NOW,
);
const elsewhere = zone({ name: '华兴小区', districtCode: '130105', kind: 'community' }, [seal('medium', '2021-01-07T12:00:00+08:00')], NOW);
const lifted = zone({ name: '已解除村' }, [seal('low', '2021-01-07T00:00:00+08:00'), lift('2021-01-10T00:00:00+08:00')], NOW);
// Lowered to 低风险: still designated, but no longer under control.
const lowered = zone(
  { name: '调为低风险的小区', districtCode: '130105', kind: 'community' },
  [seal('medium', '2021-01-08T00:00:00+08:00'), relevel('low', '2021-01-12T00:00:00+08:00')],
  NOW,
);
const all = [whole, village, village2, elsewhere, lifted, lowered];

describe('whole-district measures and the areas inside them', () => {
  it('finds the whole-district measure in force for each district', () => {
    const measures = districtWideMeasures(zonesInForce(all));
    expect([...measures.keys()]).toEqual(['130109']);
    expect(measures.get('130109')?.name).toBe('藁城区全域');
  });

  it('marks an area inside a district under a whole-district measure, but not the measure itself or other districts', () => {
    const measures = districtWideMeasures(zonesInForce(all));
    expect(coveringMeasure(village, measures)?.id).toBe(whole.id);
    expect(coveringMeasure(whole, measures)).toBeNull();
    expect(coveringMeasure(elsewhere, measures)).toBeNull();
  });

  it('counts each zone under control once by control level, the whole-district measure as one zone and the areas inside it not at all; 低风险 is no control level', () => {
    expect(zonesInForce(all).map((z) => z.name)).not.toContain(lowered.name);
    const counts = countByLevel(zonesInForce(all), SCHEMES);
    // The two villages inside 藁城区全域 are not counted on their own, as the notices count.
    expect(counts.map((c) => [c.level.name, c.count])).toEqual([
      ['高风险', 1],
      ['中风险', 1],
    ]);
    expect(counts.reduce((n, c) => n + c.count, 0)).toBe(2);
  });

  it('never counts the same zone twice even if it is passed twice', () => {
    const counts = countByLevel([...zonesInForce(all), elsewhere], SCHEMES);
    expect(counts.find((c) => c.level.name === '中风险')?.count).toBe(1);
  });

  it("does not add the whole-district measure to a district's number of areas", () => {
    const summaries = summariseDistricts(zonesInForce(all), DISTRICTS);
    const gaocheng = summaries.find((s) => s.code === '130109')!;
    expect(gaocheng.measure?.name).toBe('藁城区全域');
    expect(gaocheng.areas.map((z) => z.name).sort()).toEqual(['增村镇小果庄村', '廉州镇东四公村'].sort());
    expect(gaocheng.highest?.name).toBe('高风险');
    const xinhua = summaries.find((s) => s.code === '130105')!;
    expect(xinhua.measure).toBeNull();
    expect(xinhua.areas).toHaveLength(1);
    expect(xinhua.highest?.name).toBe('中风险');
  });

  it('lists every district, with no level where nothing is in force', () => {
    const summaries = summariseDistricts(zonesInForce(all), DISTRICTS);
    expect(summaries.map((s) => s.code)).toEqual(DISTRICTS.map((d) => d.code));
    expect(summaries.find((s) => s.code === '130171')).toMatchObject({ measure: null, areas: [], highest: null });
  });

  it('keeps a second whole-district measure in the same district listed, not counted as an area', () => {
    const second = zone({ name: '藁城区全域（第二次）', kind: 'district' }, [seal('medium', '2021-01-09T00:00:00+08:00')], NOW);
    const summaries = summariseDistricts(zonesInForce([...all, second]), DISTRICTS);
    const gaocheng = summaries.find((s) => s.code === '130109')!;
    expect(gaocheng.measure?.name).toBe('藁城区全域');
    expect(gaocheng.measures.map((m) => m.name)).toEqual(['藁城区全域', '藁城区全域（第二次）']);
    expect(gaocheng.areas).toHaveLength(2);
  });
});
