import { describe, expect, it } from 'vitest';
import { report, round, snapshot } from '../test-support/figures.ts';
import { cumulativeSummary, curveSummary, districtSummary, isolationSummary, testingSummary } from './figure-summaries.ts';
import { dayNote, figureDays } from './figures.ts';

const day = (d: string, newConfirmed: number, cumulativeConfirmed: number, newAsymptomatic = 0) =>
  report(`2021-01-${d}T00:00:00+08:00`, `2021-01-${String(Number(d) + 1).padStart(2, '0')}T00:00:00+08:00`, {
    newConfirmed,
    newAsymptomatic,
    cumulativeConfirmed,
    cumulativeAsymptomatic: 100,
  });

type Figures = Parameters<typeof report>[2];
/** 1月15日 in the two halves the official reports gave it: 0—12时, then 12—24时. */
const jan15Morning = (figures: Figures) => report('2021-01-15T00:00:00+08:00', '2021-01-15T12:00:00+08:00', figures);
const jan15Afternoon = (figures: Figures) => report('2021-01-15T12:00:00+08:00', '2021-01-16T00:00:00+08:00', figures);

describe('chart summaries', () => {
  it('gives the latest day against the day before, and the cumulative count', () => {
    const days = figureDays([day('13', 30, 500, 20), day('14', 40, 540, 25)]);
    expect(curveSummary(days)).toBe(
      '1月14日新增确诊病例40例，较前一日增加10例，新增无症状感染者25例，较前一日增加5例；累计确诊病例540例。',
    );
  });

  it('says “fewer” and “the same” too', () => {
    expect(curveSummary(figureDays([day('13', 30, 500, 5), day('14', 20, 520, 5)]))).toBe(
      '1月14日新增确诊病例20例，较前一日减少10例，新增无症状感染者5例，与前一日持平；累计确诊病例520例。',
    );
  });

  it('names a half day by its period and never compares it with a whole day', () => {
    const half = jan15Morning({ newConfirmed: 48, newAsymptomatic: 10, cumulativeConfirmed: 579 });
    expect(curveSummary(figureDays([day('14', 40, 531), half]))).toBe(
      '1月15日0—12时（不是全天数据）新增确诊病例48例，新增无症状感染者10例；累计确诊病例579例。',
    );
  });

  it('names a period of several days as their total, on the day it ends, with its note', () => {
    const four = report('2021-02-11T00:00:00+08:00', '2021-02-15T00:00:00+08:00', {
      newConfirmed: 1,
      newAsymptomatic: 0,
      cumulativeConfirmed: 869,
    });
    const days = figureDays([
      report('2021-02-09T00:00:00+08:00', '2021-02-10T00:00:00+08:00', { newConfirmed: 0, newAsymptomatic: 0, cumulativeConfirmed: 868 }),
      four,
    ]);
    expect(curveSummary(days)).toBe('2月11日0时—2月14日24时（多日合计）新增确诊病例1例，新增无症状感染者0例；累计确诊病例869例。');
    const last = days.find((d) => d.date === '2021-02-14')!;
    expect(dayNote(last)).toBe('统计时段2月11日0时—2月14日24时，含当天以前的时段');
    // The days in between are gaps, never zeros.
    expect(days.find((d) => d.date === '2021-02-12')).toMatchObject({ newConfirmed: null });
  });

  it('counts asymptomatic cases confirmed that day as new confirmed and says how many, as the official report does', () => {
    // 1月15日0—12时：新增确诊48例（其中3例为无症状感染者转确诊）, entered as 45 + 3.
    const first = jan15Morning({ newConfirmed: 45, reclassifiedConfirmed: 3, newAsymptomatic: 10, cumulativeConfirmed: 579 });
    const second = jan15Afternoon({ newConfirmed: 42, newAsymptomatic: 5, cumulativeConfirmed: 621 });
    const days = figureDays([day('14', 90, 531, 20), first, second]);
    expect(days.map((d) => d.newConfirmed)).toEqual([90, 90]);
    expect(days[1]!.newConfirmed).toBe(days[1]!.cumulativeConfirmed! - days[0]!.cumulativeConfirmed!);
    expect(curveSummary(days)).toBe(
      '1月15日新增确诊病例90例（其中3例为无症状感染者转确诊），与前一日持平，新增无症状感染者15例，较前一日减少5例；累计确诊病例621例。',
    );
    expect(dayNote(days[1]!)).toBe('新增确诊中3例为无症状感染者转确诊');
  });

  it('does not compare across a day without a report', () => {
    const days = figureDays([day('12', 30, 470), day('14', 40, 510)]);
    expect(days.map((d) => d.newConfirmed)).toEqual([30, null, 40]);
    expect(curveSummary(days)).toBe('1月14日新增确诊病例40例，新增无症状感染者0例；累计确诊病例510例。');
    expect(dayNote(days[1]!)).toBe('当天没有通报');
  });

  it('gives the cumulative counts with the moment they were stated, and the rise over 7 days', () => {
    const reports = ['05', '06', '07', '08', '09', '10', '11', '12', '13'].map((d, i) => day(d, 10, 100 + i * 10));
    expect(cumulativeSummary(figureDays(reports))).toBe(
      '截至1月13日24时，累计确诊病例180例，累计无症状感染者100例；最近7天累计确诊病例增加70例。',
    );
  });

  it('names the three districts with most cases and how many have any', () => {
    const rows = [
      { label: '藁城区', value: 470 },
      { label: '新华区', value: 40 },
      { label: '长安区', value: 12 },
      { label: '桥西区', value: 3 },
      { label: '赵县', value: 0 },
      { label: '高新区', value: null },
    ];
    expect(districtSummary(rows, '累计确诊病例')).toBe(
      '累计确诊病例最多的是藁城区（470例）、新华区（40例）、长安区（12例）；共4个县（市、区）累计确诊病例不为0。',
    );
    expect(districtSummary([], '累计确诊病例')).toBe('暂无数据。');
  });

  it('gives the latest testing round with the one before', () => {
    expect(testingSummary([round(1, 10_251_875, 354), round(2, 10_253_103, 247)])).toBe(
      '第2轮全员核酸检测共检测10,253,103人，检出阳性247例（第1轮：检测10,251,875人，阳性354例）。',
    );
  });

  it('gives the latest isolation figures and the change in people', () => {
    expect(
      isolationSummary([
        snapshot('2021-01-14T18:00:00+08:00', 200, 20_000, 19_000),
        snapshot('2021-01-15T18:00:00+08:00', 210, 21_000, 20_500),
      ]),
    ).toBe('截至2021年1月15日 18:00，集中隔离场所210处，隔离房间21,000间，正在集中隔离20,500人，隔离人员较上次公布时增加1,500人。');
  });

  it('says only the isolation figures that were stated, and no change when either snapshot leaves people out', () => {
    const partial = { ...snapshot('2021-01-09T08:00:00+08:00', 120, 0, 11_708), rooms: null };
    expect(isolationSummary([partial])).toBe('截至2021年1月9日 08:00，集中隔离场所120处，正在集中隔离11,708人。');
    const transfersOnly = { ...snapshot('2021-01-15T18:00:00+08:00', 0, 0, 0), sites: null, rooms: null, people: null };
    expect(isolationSummary([transfersOnly, partial])).toBe('截至2021年1月15日 18:00，集中隔离场所、房间和人数均未公布。');
  });
});

describe('day notes', () => {
  it('says which periods a day that is not whole counts', () => {
    const days = figureDays([
      report('2021-01-14T12:00:00+08:00', '2021-01-15T12:00:00+08:00', { newConfirmed: 3 }),
      report('2021-01-16T00:00:00+08:00', '2021-01-16T12:00:00+08:00', { newConfirmed: 2 }),
    ]);
    expect(dayNote(days[0]!)).toBe('统计时段1月14日12时—1月15日12时，含当天以前的时段');
    expect(dayNote(days[1]!)).toBe('仅含1月16日0—12时');
  });
});
