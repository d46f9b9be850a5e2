import { describe, expect } from 'vitest';
import { cliTest as it } from './test-support/cli.ts';

// The 11th press conference's figures, in the wording of the municipal bulletin.
const PRESS_11 =
  '1月15日0—12时,全市新增新冠肺炎确诊病例48例,新增新冠肺炎无症状感染者10例。' +
  '1月2日至1月15日12时,全市累计确诊病例579例,累计无症状感染者213例,除已经出院的康复者外,其他均在定点医院集中救治。';

const FULL_DAY =
  '1月14日0时至24时，石家庄市新增新冠肺炎确诊病例90例，其中藁城区77例、新华区3例、裕华区6例、正定县2例、高新区2例；\n' +
  '新增无症状感染者20例（藁城区15例、新乐市5例）。新增治愈出院12例，新增死亡病例1例。全省新增确诊病例92例。\n';

describe('epi report extract', () => {
  it('prints the fields, districts, unrecognised text and notes of a bulletin as JSON', async ({ ws }) => {
    const r = await ws.epi(['report', 'extract', '--year', '2021', '--json'], PRESS_11);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(['fields', 'figurePeriods', 'districts', 'unrecognised', 'notes', 'conflicts']);
    expect(json).toEqual({
      fields: {
        periodStart: '2021-01-14T16:00:00.000Z',
        periodEnd: '2021-01-15T04:00:00.000Z',
        cumulativeSince: '2021-01-02',
        newConfirmed: 48,
        newAsymptomatic: 10,
        reclassifiedConfirmed: null,
        newDischarged: null,
        newDeaths: null,
        cumulativeConfirmed: 579,
        cumulativeAsymptomatic: 213,
        cumulativeDischarged: null,
        cumulativeDeaths: null,
        cumulativeReleased: null,
        combinedTotal: null,
        underTreatment: null,
        underObservation: null,
      },
      figurePeriods: [],
      districts: [],
      unrecognised: [],
      notes: [
        {
          message: '通报说明在定点医院救治，但没有给出在院治疗人数',
          sentence: '1月2日至1月15日12时,全市累计确诊病例579例,累计无症状感染者213例,除已经出院的康复者外,其他均在定点医院集中救治',
        },
      ],
      conflicts: [],
    });
  });

  it('gives the period of a count stated for a period of its own', async ({ ws }) => {
    const text = '2月1日0时至14时，全市无新增确诊病例。1月31日14时至2月1日14时，石家庄市有57例新冠肺炎确诊病例治愈出院。';
    const json = JSON.parse((await ws.epi(['report', 'extract', '--year', '2021', '--json'], text)).stdout);
    expect(json.fields).toMatchObject({ periodStart: '2021-01-31T16:00:00.000Z', newDischarged: 57 });
    expect(json.figurePeriods).toEqual([
      { figure: 'newDischarged', periodStart: '2021-01-31T06:00:00.000Z', periodEnd: '2021-02-01T06:00:00.000Z' },
    ]);
    const plain = await ws.epi(['report', 'extract', '--year', '2021'], text);
    expect(plain.stdout).toContain('counted over its own period: 1月31日14时—2月1日14时');
  });

  it('lists districts and quotes what it could not place', async ({ ws }) => {
    const r = await ws.epi(['report', 'extract', '--year', '2021', '--json'], FULL_DAY);
    const json = JSON.parse(r.stdout);
    expect(json.districts.find((d: { districtName: string }) => d.districtName === '藁城区')).toEqual({
      districtCode: '130109',
      districtName: '藁城区',
      newConfirmed: 77,
      newAsymptomatic: 15,
      cumulativeConfirmed: null,
      cumulativeAsymptomatic: null,
    });
    expect(json.unrecognised).toContainEqual(expect.objectContaining({ kind: 'scope', text: expect.stringContaining('92') }));
  });

  it('prints a readable list, taking the year from --year', async ({ ws }) => {
    const r = await ws.epi(['report', 'extract', '--year', '2022'], PRESS_11);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'Figures read:\n  统计起: 2022年1月15日 00:00\n  统计止: 2022年1月15日 12:00\n  累计起始日: 2022年1月2日\n  新增确诊: 48\n',
    );
    expect(r.stdout).toContain('Note: 通报说明在定点医院救治，但没有给出在院治疗人数');
  });

  it('needs text on standard input', async ({ ws }) => {
    const r = await ws.epi(['report', 'extract'], '  \n');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no text on standard input');
  });
});
