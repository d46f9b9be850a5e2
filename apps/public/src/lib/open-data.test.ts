import { describe, expect, it } from 'vitest';
import { lift, relevel, SCHEMES, seal, zone } from '../test-support/zones.ts';
import { beijing, datasetCsv, datasetJson, zoneCorrections, zoneEvents, zonesCurrent } from './open-data.ts';

const NOW = new Date('2021-01-16T12:00:00+08:00').toISOString();
const whole = zone(
  { name: '藁城区全域', kind: 'district', id: 'z-whole' },
  [seal('high', '2021-01-06T00:00:00+08:00', { id: 'e-1' })],
  NOW,
);
const village = zone(
  { name: '廉州镇东四公村', id: 'z-village', address: '藁城区廉州镇东四公村' },
  [
    seal('medium', '2021-01-10T00:00:00+08:00', { id: 'e-2', note: '说明，含逗号' }),
    relevel('high', '2021-01-12T00:00:00+08:00', { id: 'e-3', notice: '公告"第5号"' }),
    lift('2021-02-08T00:00:00+08:00', { id: 'e-4' }),
  ],
  NOW,
);
const input = { zones: [whole, village], levelSchemes: SCHEMES, now: NOW };

describe('open data', () => {
  it('gives Beijing wall time next to UTC', () => {
    expect(beijing('2021-01-04T16:00:00.000Z')).toBe('2021-01-05 00:00:00');
    expect(beijing(null)).toBeNull();
  });

  it('describes every zone once with stable ids, level code and name, scheme, district and the measure it lies within', () => {
    const json = JSON.parse(datasetJson(zonesCurrent, input));
    expect(json).toMatchObject({ dataset: 'zones-current', version: 1, asOf: NOW });
    const row = json.records.find((r: { zone_id: string }) => r.zone_id === 'z-village');
    expect(row).toMatchObject({
      district_code: '130109',
      district_name: '藁城区',
      status: 'in_force',
      level_scheme_id: 'risk-2021',
      level_code: 'high',
      level_name: '高风险',
      level_severity: 3,
      sealed_since_utc: '2021-01-09T16:00:00.000Z',
      sealed_since_beijing: '2021-01-10 00:00:00',
      level_since_beijing: '2021-01-12 00:00:00',
      within_zone_id: 'z-whole',
      last_event_id: 'e-3',
      next_event_id: 'e-4',
      next_action: 'lift',
      next_effective_beijing: '2021-02-08 00:00:00',
    });
    expect(json.records.find((r: { zone_id: string }) => r.zone_id === 'z-whole').within_zone_id).toBeNull();
  });

  it('lists every event in effective order, the announced lift marked as not yet in effect', () => {
    const json = JSON.parse(datasetJson(zoneEvents, input));
    expect(json.records.map((r: { event_id: string }) => r.event_id)).toEqual(['e-1', 'e-2', 'e-3', 'e-4']);
    expect(json.records.map((r: { in_effect: boolean }) => r.in_effect)).toEqual([true, true, true, false]);
    expect(json.records[3]).toMatchObject({ action: 'lift', level_code: null, seq: 3 });
  });

  it('lists each item of each correction of a zone, newest correction first, with the public reason', () => {
    const corrected = {
      ...village,
      corrections: [
        {
          id: 'c-1',
          correctedAt: '2021-01-13T02:00:00.000Z',
          reason: '名称录入有误',
          changes: [{ label: '名称', before: '廉州镇东四工村', after: '廉州镇东四公村' }],
        },
        {
          id: 'c-2',
          correctedAt: '2021-01-14T02:00:00.000Z',
          reason: '生效时间录入有误',
          changes: [
            { label: '2021年1月12日调整等级（高风险）的生效时间', before: '2021年1月12日 00:00', after: '2021年1月12日 20:00' },
            { label: '2021年1月12日调整等级（高风险）的依据文件', before: '公告', after: '公告第5号' },
          ],
        },
      ],
    };
    const json = JSON.parse(datasetJson(zoneCorrections, { ...input, zones: [whole, corrected] }));
    expect(json.records.map((r: { correction_id: string; seq: number }) => `${r.correction_id}/${r.seq}`)).toEqual([
      'c-2/1',
      'c-2/2',
      'c-1/1',
    ]);
    expect(json.records[2]).toMatchObject({
      zone_id: 'z-village',
      zone_name: '廉州镇东四公村',
      item: '名称',
      before: '廉州镇东四工村',
      after: '廉州镇东四公村',
      reason: '名称录入有误',
      corrected_at_beijing: '2021-01-13 10:00:00',
    });
    expect(zoneCorrections.updated({ ...input, zones: [whole, corrected] })).toBe('2021-01-14T02:00:00.000Z');
    expect(JSON.parse(datasetJson(zoneCorrections, input)).records).toEqual([]);
  });

  it('writes the same columns, in the same order, to CSV and JSON', () => {
    for (const dataset of [zonesCurrent, zoneEvents, zoneCorrections] as const) {
      const csv = datasetCsv(dataset as typeof zonesCurrent, input);
      const json = JSON.parse(datasetJson(dataset as typeof zonesCurrent, input));
      const header = csv.slice(1, csv.indexOf('\r\n')).split(',');
      expect(header).toEqual(json.columns);
      expect(header).toEqual(dataset.columns.map((c) => c.name));
      expect(new Set(header).size).toBe(header.length);
    }
  });

  it('writes Excel-friendly CSV: BOM, CRLF, quoted commas and quotes, true/false', () => {
    const csv = datasetCsv(zoneEvents, input);
    expect(csv.startsWith('\uFEFFevent_id,')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(6); // header, 4 rows, and the empty string after the last CRLF
    expect(csv).toContain(',说明，含逗号,'); // a full-width comma needs no quotes
    expect(csv).toContain('"公告""第5号"""');
    expect(csv).toMatch(/,false,2021-01-16T04:00:00\.000Z,2021-01-16 12:00:00\r\n$/);
  });

  it('documents every column with a type and a meaning', () => {
    for (const dataset of [zonesCurrent, zoneEvents] as const) {
      for (const c of dataset.columns) {
        expect(c.name).toMatch(/^[a-z][a-z0-9_]*$/);
        expect(c.meaning.length).toBeGreaterThan(1);
      }
    }
  });
});
