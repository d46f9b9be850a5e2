import { describe, expect, it } from 'vitest';
import type { IsolationFacility } from '@epi/core';
import { DISTRICTS, report, round, snapshot } from '../test-support/figures.ts';
import { SCHEMES, seal, zone } from '../test-support/zones.ts';
import { DATASETS, dataPackage, datasetById, type SiteInput, type TableResource } from './datapackage.ts';
import { datasetCsv, datasetJson } from './open-data.ts';

const NOW = new Date('2021-01-16T12:00:00+08:00').toISOString();
const row = (districtCode: string, districtName: string, n: number) => ({
  districtCode,
  districtName,
  newConfirmed: n,
  newAsymptomatic: 1,
  cumulativeConfirmed: 10 * n,
  cumulativeAsymptomatic: null,
});
const first = report('2021-01-14T00:00:00+08:00', '2021-01-15T00:00:00+08:00', {
  newConfirmed: 90,
  cumulativeConfirmed: 531,
  districts: [row('130109', '藁城区', 80), row('130105', '新华区', 10)],
});
const second = report('2021-01-15T00:00:00+08:00', '2021-01-15T12:00:00+08:00', {
  newConfirmed: 48,
  cumulativeConfirmed: 579,
  source: '通报原文，含逗号和"引号"',
  districts: [row('130109', '藁城区', 40)],
  corrections: [{ field: 'newConfirmed', oldValue: 49, newValue: 48, reason: '重复统计1例', correctedAt: '2021-01-16T09:00:00+08:00' }],
});
const facility: IsolationFacility = {
  id: 'f-1',
  name: '黄庄公寓隔离场所',
  location: '藁城区',
  rooms: 3000,
  roomAreaM2: 18.5,
  floorAreaM2: null,
  siteAreaMu: 485,
  constructionStartedOn: '2021-01-13',
  openedOn: null,
  status: 'under_construction',
  description: null,
  version: 1,
  publishedAt: '2021-01-15T04:00:00.000Z',
  updatedAt: '2021-01-15T04:00:00.000Z',
  changes: [],
};
const input: SiteInput = {
  now: NOW,
  zones: [zone({ name: '藁城区全域', kind: 'district', id: 'z-1' }, [seal('high', '2021-01-06T00:00:00+08:00', { id: 'e-1' })], NOW)],
  levelSchemes: SCHEMES,
  reports: [second, first],
  testingRounds: [
    round(2, 10_253_103, 247, {
      districts: [{ districtCode: '130109', districtName: '藁城区', peopleTested: 700_000, positives: 200, noSpread: false }],
    }),
    round(1, 10_251_875, 354),
  ],
  isolationSnapshots: [
    snapshot('2021-01-15T12:00:00+08:00', 201, 20_000, 18_000, {
      transfers: [{ districtCode: '130109', districtName: '藁城区', asOf: '2021-01-15T04:00:00.000Z', people: 5000 }],
    }),
  ],
  isolationFacilities: [facility],
  districts: DISTRICTS,
};

const header = (csv: string) => csv.slice(1, csv.indexOf('\r\n')).split(',');
const TABLE_SCHEMA_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'date', 'datetime']);

/** A file as written from the test input: the CSV text, or the JSON parsed. */
const csvFile = (id: string) => datasetCsv(datasetById(id), input);
const jsonFile = (id: string) => JSON.parse(datasetJson(datasetById(id), input));

describe('data package', () => {
  const pkg = dataPackage(input);
  const tables = pkg.resources.filter((r): r is TableResource => r.profile === 'tabular-data-resource');

  it('is a Data Package (v1) whose resources are every CSV file and every JSON file, zones included', () => {
    expect(pkg).toMatchObject({ profile: 'data-package', name: 'shijiazhuang-epidemic-information', created: NOW, version: '1.0.0' });
    expect(pkg.resources.map((r) => r.name)).toEqual(DATASETS.flatMap((d) => [d.id, `${d.id}-json`]));
    expect(tables.map((r) => r.name)).toEqual(
      expect.arrayContaining([
        'reports',
        'report-districts',
        'testing-rounds',
        'testing-round-districts',
        'isolation-snapshots',
        'isolation-transfers',
        'isolation-facilities',
        'corrections',
        'zones-current',
        'zone-events',
        'zone-corrections',
      ]),
    );
    expect(new Set(pkg.resources.map((r) => r.name)).size).toBe(pkg.resources.length);
  });

  it('gives every resource a name, a relative path to the file as published, a format and a media type, and nothing non-standard', () => {
    const ids = new Set(DATASETS.map((d) => d.id));
    for (const r of pkg.resources) {
      // The spec's patterns: names in lower case with . _ - /; paths relative, without '..', not starting with '/', '.' or '~'.
      expect(r.name).toMatch(/^([-a-z0-9._/])+$/);
      expect(r.path).toMatch(/^(?=^[^./~])(^((?!\.{2}).)*$).*$/);
      expect(r.title.length).toBeGreaterThan(0);
      expect(r.description.length).toBeGreaterThan(0);
      expect(r.encoding).toBe('utf-8');
      expect(Object.keys(r)).not.toContain('json');
      if (r.profile === 'tabular-data-resource') {
        expect(ids.has(r.name)).toBe(true);
        expect(r).toMatchObject({ path: `${r.name}.csv`, format: 'csv', mediatype: 'text/csv' });
        expect(r.schema.fields.length).toBeGreaterThan(0);
      } else {
        const id = r.name.replace(/-json$/, '');
        expect(ids.has(id)).toBe(true);
        expect(r).toMatchObject({ path: `${id}.json`, format: 'json', mediatype: 'application/json', profile: 'data-resource' });
        expect(r).not.toHaveProperty('schema');
      }
    }
  });

  it('describes every file with exactly its CSV header, in order, and the JSON columns match', () => {
    for (const dataset of DATASETS) {
      const resource = tables.find((r) => r.name === dataset.id)!;
      const names = resource.schema.fields.map((f) => f.name);
      const csv = datasetCsv(dataset, input);
      expect(csv.startsWith('\uFEFF')).toBe(true);
      expect(header(csv), dataset.id).toEqual(names);
      expect(JSON.parse(datasetJson(dataset, input)).columns, dataset.id).toEqual(names);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it('gives every field a Table Schema type and a description; Beijing times carry their pattern', () => {
    for (const r of tables) {
      for (const f of r.schema.fields) {
        expect(TABLE_SCHEMA_TYPES.has(f.type), `${r.name}.${f.name}`).toBe(true);
        expect(f.description.length).toBeGreaterThan(1);
        if (f.name.endsWith('_beijing')) expect(f).toMatchObject({ type: 'datetime', format: '%Y-%m-%d %H:%M:%S' });
        if (f.name.endsWith('_utc')) expect(f.format).toBeUndefined();
      }
    }
  });

  it('has keys that name real fields and resources, and unique primary keys in the data', () => {
    const fieldsOf = new Map(tables.map((r) => [r.name, new Set(r.schema.fields.map((f) => f.name))]));
    for (const r of tables) {
      const own = fieldsOf.get(r.name)!;
      expect(r.schema.primaryKey.length).toBeGreaterThan(0);
      for (const k of r.schema.primaryKey) expect(own.has(k), `${r.name} key ${k}`).toBe(true);
      for (const fk of r.schema.foreignKeys ?? []) {
        for (const f of fk.fields) expect(own.has(f)).toBe(true);
        for (const f of fk.reference.fields)
          expect(fieldsOf.get(fk.reference.resource)?.has(f), `${r.name} → ${fk.reference.resource}.${f}`).toBe(true);
      }
      const records = jsonFile(r.name).records as Array<Record<string, unknown>>;
      const keys = records.map((rec) => r.schema.primaryKey.map((k) => String(rec[k])).join('|'));
      expect(new Set(keys).size, r.name).toBe(keys.length);
    }
  });

  it('says when each file last changed', () => {
    const updated = Object.fromEntries(pkg.resources.map((r) => [r.name, r.updated]));
    expect(updated).toMatchObject({
      reports: '2021-01-16T01:00:00.000Z', // the correction, after both publications
      'reports-json': '2021-01-16T01:00:00.000Z',
      corrections: '2021-01-16T01:00:00.000Z',
      'isolation-facilities': '2021-01-15T04:00:00.000Z',
      districts: null,
    });
    expect(jsonFile('reports')).toMatchObject({ asOf: NOW, updated: '2021-01-16T01:00:00.000Z' });
  });

  it('writes corrected values, counts the corrections and lists them in their own file', () => {
    const reports = jsonFile('reports').records;
    expect(reports.map((r: { new_confirmed: number }) => r.new_confirmed)).toEqual([90, 48]);
    expect(reports[1]).toMatchObject({
      correction_count: 1,
      last_corrected_at_beijing: '2021-01-16 09:00:00',
      period_label: '1月15日0—12时',
      url: `/reports/2021-01/#report-${second.id}`,
    });
    const corrections = jsonFile('corrections').records;
    expect(corrections).toEqual([
      expect.objectContaining({
        entity_type: 'report',
        entity_id: second.id,
        field: 'newConfirmed',
        old_value: '49',
        new_value: '48',
        reason: '重复统计1例',
        corrected_at_beijing: '2021-01-16 09:00:00',
      }),
    ]);
    expect(csvFile('reports')).toContain('"通报原文，含逗号和""引号"""');
  });

  it('writes the daily series the dashboard draws', () => {
    const daily = jsonFile('daily-figures').records;
    expect(daily).toEqual([
      expect.objectContaining({ date: '2021-01-14', new_confirmed: 90, complete: true, approximate: false, corrected: false }),
      expect.objectContaining({ date: '2021-01-15', new_confirmed: 48, complete: false, periods: '1月15日0—12时', corrected: true }),
    ]);
  });
});
