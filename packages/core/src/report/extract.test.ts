import { describe, expect, it } from 'vitest';
import { extractedFormValues, extractReport, type ExtractionResult } from './extract.ts';

const Y = { year: 2021 };

/** Offsets of the n-th occurrence (from 0) of `needle` in `text`. */
function spanOf(text: string, needle: string, n = 0): { start: number; end: number } {
  let start = -1;
  for (let i = 0; i <= n; i += 1) {
    start = text.indexOf(needle, start + 1);
    if (start < 0) throw new Error(`"${needle}" (#${n}) not in text`);
  }
  return { start, end: start + needle.length };
}

/** The plain value of every field that was read. */
function valuesOf(r: ExtractionResult): Record<string, number | string> {
  return Object.fromEntries(Object.entries(r.fields).flatMap(([k, v]) => (v ? [[k, v.value]] : [])));
}

const quoted = (text: string, x: { start: number; end: number }) => text.slice(x.start, x.end);

// The 11th press conference's figures, in the wording of the municipal bulletin (half-width commas
// as the newspaper page prints them).
const PRESS_11 =
  '1月15日0—12时,全市新增新冠肺炎确诊病例48例,新增新冠肺炎无症状感染者10例。' +
  '1月2日至1月15日12时,全市累计确诊病例579例,累计无症状感染者213例,除已经出院的康复者外,其他均在定点医院集中救治。';

describe('extractReport: a municipal bulletin', () => {
  it('reads the 11th press conference paragraph with the span of every value', () => {
    const r = extractReport(PRESS_11, Y);
    const first = {
      sentence: '1月15日0—12时,全市新增新冠肺炎确诊病例48例,新增新冠肺炎无症状感染者10例',
      sentenceStart: 0,
      sentenceEnd: 42,
    };
    const second = {
      sentence: '1月2日至1月15日12时,全市累计确诊病例579例,累计无症状感染者213例,除已经出院的康复者外,其他均在定点医院集中救治',
      sentenceStart: 43,
      sentenceEnd: 106,
    };
    expect(r.fields).toEqual({
      periodStart: { field: 'periodStart', value: '2021-01-14T16:00:00.000Z', ...first, start: 0, end: 10 },
      periodEnd: { field: 'periodEnd', value: '2021-01-15T04:00:00.000Z', ...first, start: 0, end: 10 },
      cumulativeSince: { field: 'cumulativeSince', value: '2021-01-02', ...second, start: 43, end: 47 },
      newConfirmed: { field: 'newConfirmed', value: 48, ...first, start: 23, end: 25 },
      newAsymptomatic: { field: 'newAsymptomatic', value: 10, ...first, start: 39, end: 41 },
      reclassifiedConfirmed: null,
      newDischarged: null,
      newDeaths: null,
      cumulativeConfirmed: { field: 'cumulativeConfirmed', value: 579, ...second, start: 65, end: 68 },
      cumulativeAsymptomatic: { field: 'cumulativeAsymptomatic', value: 213, ...second, start: 78, end: 81 },
      cumulativeDischarged: null,
      cumulativeDeaths: null,
      cumulativeReleased: null,
      combinedTotal: null,
      underTreatment: null,
      underObservation: null,
    });
    expect(quoted(PRESS_11, r.fields.newConfirmed!)).toBe('48');
    expect(quoted(PRESS_11, r.fields.cumulativeSince!)).toBe('1月2日');
    // The cumulative sentence restates the period's end; it agrees, so it is no conflict.
    expect(r.values.filter((v) => v.field === 'periodEnd').map((v) => quoted(PRESS_11, v))).toEqual(['1月15日0—12时', '1月15日12时']);
    expect(r.conflicts).toEqual([]);
    expect(r.unrecognised).toEqual([]);
    expect(r.notes).toEqual([
      {
        ...second,
        ...spanOf(PRESS_11, '除已经出院的康复者外,其他均在定点医院集中救治'),
        message: '通报说明在定点医院救治，但没有给出在院治疗人数',
      },
    ]);
  });

  it('reads a full day with a district breakdown, discharges, deaths, treatment and observation', () => {
    const text =
      '1月14日0时至24时，石家庄市新增新冠肺炎确诊病例90例，其中藁城区77例、新华区3例、裕华区6例、正定县2例、高新区2例；' +
      '新增无症状感染者20例（藁城区15例、新乐市5例）。新增治愈出院12例，新增死亡病例1例。' +
      '目前在院治疗543例，尚在医学观察的无症状感染者1,110例，尚在医学观察的密切接触者20,110人。';
    const r = extractReport(text, Y);
    expect(valuesOf(r)).toEqual({
      periodStart: '2021-01-13T16:00:00.000Z',
      periodEnd: '2021-01-14T16:00:00.000Z',
      newConfirmed: 90,
      newAsymptomatic: 20,
      newDischarged: 12,
      newDeaths: 1,
      underTreatment: 543,
      underObservation: 1110,
    });
    expect(r.fields.underObservation).toMatchObject(spanOf(text, '1,110'));
    // Close contacts under observation are an isolation figure, not the report's: listed.
    expect(r.unrecognised.map((u) => [u.kind, quoted(text, u)])).toEqual([['unsupported', '尚在医学观察的密切接触者20,110人']]);
    // Rows follow the official order of the districts, not the order of the text.
    expect(
      r.districts.map((d) => [d.districtCode, d.districtName, d.newConfirmed?.value ?? null, d.newAsymptomatic?.value ?? null]),
    ).toEqual([
      ['130105', '新华区', 3, null],
      ['130108', '裕华区', 6, null],
      ['130109', '藁城区', 77, 15],
      ['130123', '正定县', 2, null],
      ['130184', '新乐市', null, 5],
      ['130171', '高新区', 2, null],
    ]);
    const gaocheng = r.districts.find((d) => d.districtCode === '130109')!;
    expect(gaocheng.newConfirmed).toMatchObject({ field: 'newConfirmed', districtCode: '130109', ...spanOf(text, '77') });
    expect(gaocheng.newAsymptomatic).toMatchObject({ field: 'newAsymptomatic', districtCode: '130109', ...spanOf(text, '15') });
    expect(r.conflicts).toEqual([]);
  });

  it('takes a count without 新增/累计 as the same kind as the one before it in the sentence', () => {
    const text = '1月14日0—24时，全市新增确诊病例90例、无症状感染者20例，累计确诊病例531例、无症状感染者203例。';
    expect(valuesOf(extractReport(text, Y))).toMatchObject({
      newConfirmed: 90,
      newAsymptomatic: 20,
      cumulativeConfirmed: 531,
      cumulativeAsymptomatic: 203,
    });
  });

  it('reads 截至…24时 as the instant the cumulative counts refer to', () => {
    const text = '1月14日0—24时，全市新增确诊病例90例。截至1月14日24时，全市累计确诊病例531例。';
    const r = extractReport(text, Y);
    expect(r.fields.periodEnd?.value).toBe('2021-01-14T16:00:00.000Z');
    expect(r.values.filter((v) => v.field === 'periodEnd').map((v) => quoted(text, v))).toEqual(['1月14日0—24时', '1月14日24时']);
    expect(r.fields.cumulativeConfirmed?.value).toBe(531);
    expect(r.conflicts).toEqual([]);
  });

  it('reports a cumulative count stated as of another time than the period end', () => {
    const text = '1月15日0—12时，全市新增确诊病例48例。截至1月15日24时，全市累计确诊病例579例。';
    const r = extractReport(text, Y);
    expect(r.fields.periodEnd).toBeNull();
    expect(r.fields.periodStart?.value).toBe('2021-01-14T16:00:00.000Z');
    expect(r.conflicts).toHaveLength(1);
    expect(r.conflicts[0]!.field).toBe('periodEnd');
    expect(r.conflicts[0]!.values.map((v) => v.value)).toEqual(['2021-01-15T04:00:00.000Z', '2021-01-15T16:00:00.000Z']);
  });

  it('reads an explicit zero', () => {
    const text = '1月14日0—24时，全市新增确诊病例90例，无新增死亡病例。';
    const r = extractReport(text, Y);
    expect(r.fields.newDeaths).toMatchObject({ value: 0, ...spanOf(text, '无新增死亡病例') });
  });
});

describe('extractReport: periods', () => {
  it.each([
    ['1月14日0时至24时', '2021-01-13T16:00:00.000Z', '2021-01-14T16:00:00.000Z'],
    ['1月14日0—24时', '2021-01-13T16:00:00.000Z', '2021-01-14T16:00:00.000Z'],
    ['1月14日0——24时', '2021-01-13T16:00:00.000Z', '2021-01-14T16:00:00.000Z'],
    ['1月14日0–24时', '2021-01-13T16:00:00.000Z', '2021-01-14T16:00:00.000Z'],
    ['1月14日0-24时', '2021-01-13T16:00:00.000Z', '2021-01-14T16:00:00.000Z'],
    ['1月14日0到24时', '2021-01-13T16:00:00.000Z', '2021-01-14T16:00:00.000Z'],
    ['1月15日0时至12时', '2021-01-14T16:00:00.000Z', '2021-01-15T04:00:00.000Z'],
    ['1月15日12—24时', '2021-01-15T04:00:00.000Z', '2021-01-15T16:00:00.000Z'],
    ['1月14日12时至1月15日12时', '2021-01-14T04:00:00.000Z', '2021-01-15T04:00:00.000Z'],
    ['1月15日8时30分至12时', '2021-01-15T00:30:00.000Z', '2021-01-15T04:00:00.000Z'],
    // 24时 is the next day's 00:00, across the end of a month.
    ['1月31日0—24时', '2021-01-30T16:00:00.000Z', '2021-01-31T16:00:00.000Z'],
    // The year of the period's end is the given one; a December start is in the year before.
    ['12月31日12时至1月1日12时', '2020-12-31T04:00:00.000Z', '2021-01-01T04:00:00.000Z'],
  ])('%s', (period, start, end) => {
    const text = `${period}，全市新增确诊病例1例。`;
    const r = extractReport(text, Y);
    expect(r.fields.periodStart).toMatchObject({ value: start, start: 0, end: period.length });
    expect(r.fields.periodEnd).toMatchObject({ value: end, start: 0, end: period.length });
    expect(r.unrecognised).toEqual([]);
  });

  it('takes the year from the text when it states one', () => {
    const r = extractReport('2020年12月30日0—24时，全市新增确诊病例0例。', Y);
    expect(r.fields.periodStart?.value).toBe('2020-12-29T16:00:00.000Z');
    expect(r.fields.periodEnd?.value).toBe('2020-12-30T16:00:00.000Z');
  });

  it('does not take a date without hours as a whole day', () => {
    const text = '1月14日，全市新增确诊病例90例。';
    const r = extractReport(text, Y);
    expect(r.fields.periodStart).toBeNull();
    expect(r.fields.periodEnd).toBeNull();
    expect(r.fields.newConfirmed?.value).toBe(90);
    expect(r.unrecognised).toEqual([
      {
        sentence: '1月14日，全市新增确诊病例90例',
        sentenceStart: 0,
        sentenceEnd: 17,
        start: 0,
        end: 5,
        kind: 'period',
        reason: '只写了日期，没有写明统计时段（如“0—24时”），不能当作全天',
      },
    ]);
  });

  it('reports a relative date', () => {
    const text = '昨日0—24时，全市新增确诊病例90例。';
    const r = extractReport(text, Y);
    expect(r.fields.periodStart).toBeNull();
    expect(r.unrecognised.map((u) => [u.kind, quoted(text, u)])).toEqual([['period', '昨日0—24时']]);
  });

  it.each([
    ['2月30日0—24时', '日期或时刻不存在'],
    ['1月14日0—25时', '日期或时刻不存在'],
    ['1月15日12时至1月15日0时', '统计截止时间不晚于开始时间'],
  ])('reports the impossible period %s', (period, reason) => {
    const r = extractReport(`${period}，全市新增确诊病例1例。`, Y);
    expect(r.fields.periodStart).toBeNull();
    expect(r.unrecognised).toMatchObject([{ kind: 'period', start: 0, end: period.length, reason }]);
  });

  it('reports two different periods as a conflict', () => {
    const text = '1月15日0—12时，全市新增确诊病例48例。1月15日0—24时，全市新增无症状感染者10例。';
    const r = extractReport(text, Y);
    expect(r.fields.periodStart?.value).toBe('2021-01-14T16:00:00.000Z');
    expect(r.fields.periodEnd).toBeNull();
    expect(r.conflicts.map((c) => [c.field, c.values.map((v) => quoted(text, v))])).toEqual([
      ['periodEnd', ['1月15日0—12时', '1月15日0—24时']],
    ]);
  });

  it('reads 1月2日以来 as the start of the cumulative counts', () => {
    const r = extractReport('1月2日以来，全市累计确诊病例579例。', Y);
    expect(r.fields.cumulativeSince).toMatchObject({ value: '2021-01-02', start: 0, end: 6 });
    expect(r.fields.periodEnd).toBeNull();
  });
});

describe('extractReport: writing as it comes', () => {
  it('reads full-width digits and punctuation, with offsets into the text as typed', () => {
    const text = '１月１５日０－１２时，全市新增确诊病例４８例；新增无症状感染者１０例。';
    const r = extractReport(text, Y);
    expect(valuesOf(r)).toEqual({
      periodStart: '2021-01-14T16:00:00.000Z',
      periodEnd: '2021-01-15T04:00:00.000Z',
      newConfirmed: 48,
      newAsymptomatic: 10,
    });
    expect(quoted(text, r.fields.newConfirmed!)).toBe('４８');
    // The semicolon ends a sentence.
    expect(r.fields.newAsymptomatic).toMatchObject({ sentence: '新增无症状感染者１０例', sentenceStart: 23, start: 31, end: 33 });
  });

  it('reads spaces and line breaks inside a phrase ("48 例")', () => {
    const text = '1月15日0—12时，全市新增确诊病例\n48 例，新增无症状\n感染者10例。';
    const r = extractReport(text, Y);
    expect(r.fields.newConfirmed).toMatchObject({ value: 48, start: 20, end: 22 });
    expect(r.fields.newAsymptomatic).toMatchObject({ value: 10, ...spanOf(text, '10') });
    // A single line break does not end a sentence: text copied from a PDF breaks lines anywhere.
    expect(r.fields.newAsymptomatic).toMatchObject({ sentence: text.slice(0, -1), sentenceStart: 0, sentenceEnd: text.length - 1 });
    expect(r.unrecognised).toEqual([]);
  });

  it('does not join digits separated by a space into one number', () => {
    const text = '1月15日0—12时，全市新增确诊病例4 8例，新增无症状感染者10例。';
    const r = extractReport(text, Y);
    expect(r.fields.newConfirmed).toBeNull();
    expect(r.fields.newAsymptomatic?.value).toBe(10);
    expect(r.unrecognised).toMatchObject([{ kind: 'number', ...spanOf(text, '4 8例'), reason: '未能识别的数字「4 8例」' }]);
  });

  it('reads thousands separators and Chinese numerals', () => {
    const r = extractReport('1月20日0—24时，全市新增确诊病例十二例，新增死亡病例一例，累计确诊病例1,234例，累计治愈出院1,012例。', Y);
    expect(valuesOf(r)).toMatchObject({ newConfirmed: 12, newDeaths: 1, cumulativeConfirmed: 1234, cumulativeDischarged: 1012 });
    expect(r.unrecognised).toEqual([]);
  });

  it('reports a garbled phrase and a count in words', () => {
    const text = '1月15日0—12时，全市新增确证病例48例，新增无症状感染者若干例。';
    const r = extractReport(text, Y);
    expect(r.fields.newConfirmed).toBeNull();
    expect(r.fields.newAsymptomatic).toBeNull();
    expect(r.unrecognised).toMatchObject([{ kind: 'number', ...spanOf(text, '48例'), reason: '未能识别的数字「48例」' }]);
    const vague = extractReport('全市新增无症状感染者若干例。', Y);
    expect(vague.unrecognised).toMatchObject([{ kind: 'no-figure', start: 0, end: 13 }]);
  });

  it('leaves prose alone unless it uses bulletin wording or has a count', () => {
    const text = '会议要求全力做好救治工作。石家庄市召开第11场新闻发布会。共追踪到密切接触者3000人。';
    const r = extractReport(text, Y);
    expect(r.unrecognised.map((u) => [u.kind, quoted(text, u)])).toEqual([['number', '3000人']]);
    expect(r.values).toEqual([]);
  });

  it('reports a count whose kind is not stated', () => {
    const text = '1月14日0—24时，全市新增确诊病例90例。治愈出院12例。';
    const r = extractReport(text, Y);
    expect(r.fields.newDischarged).toBeNull();
    expect(r.unrecognised).toMatchObject([{ kind: 'ambiguous', ...spanOf(text, '治愈出院12例') }]);
  });

  it('reads cumulative and current figures under their own fields, and reports those the form has no field for', () => {
    const text =
      '1月14日0—24时，全市新增确诊病例90例，累计治愈出院30例，累计解除集中医学观察12例，累计死亡1例，现有确诊病例500例，新增境外输入确诊病例1例，尚在医学观察的无症状感染者20例，累计报告确诊病例和无症状感染者共805例。';
    const r = extractReport(text, Y);
    expect(valuesOf(r)).toMatchObject({
      newConfirmed: 90,
      cumulativeDischarged: 30,
      cumulativeReleased: 12,
      cumulativeDeaths: 1,
      underTreatment: 500,
      underObservation: 20,
      combinedTotal: 805,
    });
    expect(r.unrecognised.map((u) => [u.kind, quoted(text, u)])).toEqual([['unsupported', '新增境外输入确诊病例1例']]);
  });

  it('reads a date and hours written in Chinese numerals, and the counts of a Hong Kong report (宗, 个案)', () => {
    const dated = extractReport('一月十三日零時至十二時，石家莊市新增確診病例二十六例、無症狀感染者二例。', Y);
    expect(valuesOf(dated)).toEqual({
      periodStart: '2021-01-12T16:00:00.000Z',
      periodEnd: '2021-01-13T04:00:00.000Z',
      newConfirmed: 26,
      newAsymptomatic: 2,
    });
    // The period's span is the numerals as typed.
    expect(quoted('一月十三日零時至十二時，石家莊市新增確診病例二十六例、無症狀感染者二例。', dated.fields.periodEnd!)).toBe(
      '一月十三日零時至十二時',
    );
    const hongKong = extractReport('石家莊市過去一日新增11宗新型肺炎本土確診個案，並有30宗本土無症狀感染個案。', Y);
    expect(valuesOf(hongKong)).toEqual({ newConfirmed: 11, newAsymptomatic: 30 });
    // A note on the cases between the kind and the count.
    const mild = extractReport('1月2日0—24时，石家庄市新增新冠肺炎确诊病例（轻型）1例。', Y);
    expect(valuesOf(mild)).toMatchObject({ newConfirmed: 1 });
  });

  it('reads a day without its month in the month of a date stated before it, and notes it; otherwise lists it', () => {
    const text = '1月7日下午，石家庄市召开新闻发布会。6日0—24时，石家庄市新增确诊病例50例。';
    const r = extractReport(text, Y);
    expect(valuesOf(r)).toMatchObject({ periodStart: '2021-01-05T16:00:00.000Z', periodEnd: '2021-01-06T16:00:00.000Z', newConfirmed: 50 });
    expect(r.notes.map((n) => n.message)).toContain('只写了日，月份按文中前面的日期读作1月6日，请核对');
    // A range's end written with its start's month counts as a stated date.
    const range = extractReport('1月2日—10日12时，石家庄市累计报告确诊病例和无症状感染者369例。10日0—12时，石家庄新增确诊病例40例。', Y);
    expect(valuesOf(range)).toMatchObject({
      periodStart: '2021-01-09T16:00:00.000Z',
      periodEnd: '2021-01-10T04:00:00.000Z',
      newConfirmed: 40,
    });
    // Later than the date stated, or with no date before it: which month is not known.
    for (const alone of [
      '8日0—24时，石家庄市新增确诊病例50例。',
      '1月7日下午，石家庄市召开新闻发布会。8日0—24时，石家庄市新增确诊病例50例。',
    ]) {
      const listed = extractReport(alone, Y);
      expect(listed.fields.periodStart).toBeNull();
      expect(listed.unrecognised.map((u) => u.kind)).toContain('period');
    }
  });

  it('reads where a count came from, and a breakdown said in words', () => {
    const from = extractReport('2月3日0时至24时，全市新增新冠肺炎本土确诊病例2例，来自藁城区的指定隔离点。', Y);
    expect(districtValues(from)).toEqual({ '130109': { newConfirmed: 2 } });
    const words = extractReport('1月12日0时至10时，石家庄市新增确诊病例16例，分布情况是藁城区15例，新华区1例。', Y);
    expect(districtValues(words)).toEqual({ '130109': { newConfirmed: 15 }, '130105': { newConfirmed: 1 } });
  });

  it('skips a pinyin reading after a character, as some pages carry it', () => {
    const text = '1月2日至2月1日14時(shí),累計(jì)新冠肺炎確診病例治愈出院526例,累計(jì)死亡1例。';
    const r = extractReport(text, Y);
    expect(valuesOf(r)).toMatchObject({ periodEnd: '2021-02-01T06:00:00.000Z', cumulativeDischarged: 526, cumulativeDeaths: 1 });
    expect(r.fields.cumulativeDischarged).toMatchObject(spanOf(text, '526'));
    expect(r.unrecognised).toEqual([]);
  });

  it('returns nothing for an empty text', () => {
    const r = extractReport('  \n ', Y);
    expect(Object.values(r.fields).every((v) => v === null)).toBe(true);
    expect([r.districts, r.values, r.unrecognised, r.conflicts, r.notes]).toEqual([[], [], [], [], []]);
  });

  it('says when the text names no scope', () => {
    const text = '1月15日0—12时，新增确诊病例48例。';
    const r = extractReport(text, Y);
    expect(r.fields.newConfirmed?.value).toBe(48);
    expect(r.notes).toMatchObject([{ ...spanOf(text, '48'), message: '通报没有写明“全市”或“石家庄市”，按石家庄市的数字读取' }]);
  });
});

describe('extractReport: numbers it cannot read', () => {
  it('quotes the number as written, for the city figure and for a district in its list', () => {
    for (const text of ['1月15日0—12时，全市新增确诊病例一百五例。', '1月15日0—12时，全市新增确诊病例48例，其中藁城区一百五例。']) {
      const r = extractReport(text, Y);
      expect(r.unrecognised.map((u) => [u.kind, u.reason, quoted(text, u)])).toEqual([['number', '无法读取的数字「一百五」', '一百五']]);
    }
  });
});

describe('extractReport: the same figure twice', () => {
  it('reports different numbers for one field and fills in neither', () => {
    const text = '1月15日0—12时，全市新增确诊病例48例，新增无症状感染者10例。全市新增确诊病例46例。';
    const r = extractReport(text, Y);
    expect(r.fields.newConfirmed).toBeNull();
    expect(r.fields.newAsymptomatic?.value).toBe(10);
    expect(r.conflicts).toHaveLength(1);
    const [c] = r.conflicts;
    expect(c!.field).toBe('newConfirmed');
    expect(c!.message).toBe('同一项出现了不同的数字：48、46');
    expect(c!.values.map((v) => [v.value, v.start, v.end])).toEqual([
      [48, spanOf(text, '48').start, spanOf(text, '48').end],
      [46, spanOf(text, '46').start, spanOf(text, '46').end],
    ]);
  });

  it('accepts the same number stated twice, keeping the first place as its source', () => {
    const text = '1月15日0—12时，全市新增确诊病例48例。重复一遍：全市新增确诊病例四十八例。';
    const r = extractReport(text, Y);
    expect(r.conflicts).toEqual([]);
    expect(r.fields.newConfirmed).toMatchObject({ value: 48, ...spanOf(text, '48') });
    expect(r.values.filter((v) => v.field === 'newConfirmed').map((v) => quoted(text, v))).toEqual(['48', '四十八']);
  });

  it('reports a district stated twice with different numbers', () => {
    const text = '1月14日0—24时，全市新增确诊病例90例，其中藁城区77例、新华区3例。藁城区新增确诊病例70例。';
    const r = extractReport(text, Y);
    expect(r.conflicts.map((c) => [c.field, c.districtCode, c.values.map((v) => v.value)])).toEqual([['newConfirmed', '130109', [77, 70]]]);
    expect(r.districts.map((d) => [d.districtCode, d.newConfirmed?.value ?? null])).toEqual([
      ['130105', 3],
      ['130109', null],
    ]);
  });
});

describe('extractReport: asymptomatic cases reclassified as confirmed', () => {
  it('reads 另有…转为确诊病例 as counted apart from the new confirmed cases', () => {
    const text = '1月14日0—24时，全市新增确诊病例90例，新增无症状感染者20例。另有3例为无症状感染者转为确诊病例。';
    const r = extractReport(text, Y);
    expect(r.fields.newConfirmed).toMatchObject({ value: 90 });
    expect(r.fields.newConfirmed!.stated).toBeUndefined();
    expect(r.fields.reclassifiedConfirmed).toMatchObject({ value: 3, ...spanOf(text, '3例为', 0), end: spanOf(text, '3例为').start + 1 });
    expect(r.notes).toEqual([]);
  });

  it('splits 其中…例为无症状感染者转确诊 out of the new confirmed count, and says so', () => {
    const text = '1月15日0—12时，全市新增确诊病例48例（其中3例为无症状感染者转确诊），新增无症状感染者10例。';
    const r = extractReport(text, Y);
    expect(r.fields.newConfirmed).toMatchObject({ value: 45, stated: 48, ...spanOf(text, '48') });
    expect(r.fields.reclassifiedConfirmed).toMatchObject({ value: 3, start: text.indexOf('3例'), end: text.indexOf('3例') + 1 });
    expect(r.notes.map((n) => n.message)).toEqual(['新增确诊48例中含无症状感染者转确诊3例；本表分开填写：新增确诊45例，转确诊3例']);
    // The plain list keeps the number as stated.
    expect(r.values.find((v) => v.field === 'newConfirmed')!.value).toBe(48);
  });

  it('reads 无症状感染者转为确诊病例N例 as a figure of its own and says how it was read', () => {
    const text = '1月14日0—24时，全市新增确诊病例5例，新增无症状感染者转为确诊病例2例。';
    const r = extractReport(text, Y);
    expect(valuesOf(r)).toMatchObject({ newConfirmed: 5, reclassifiedConfirmed: 2 });
    expect(r.notes).toMatchObject([{ ...spanOf(text, '新增无症状感染者转为确诊病例2例') }]);
  });

  it('reads a reclassification right after the confirmed count, in parentheses or after a comma, as part of it', () => {
    for (const text of [
      '1月14日0—24时，全市新增确诊病例5例（3例为无症状感染者转为确诊病例）。',
      '1月14日0—24时，全市新增报告5例确诊病例，3例为无症状感染者转为确诊病例。',
      '1月14日0—24时，河北省新增7例本地确诊病例，其中石家庄市报告5例（3例为无症状转确诊），邢台市报告2例（1例为无症状感染者转为确诊病例）。',
    ]) {
      const r = extractReport(text, Y);
      expect(valuesOf(r), text).toMatchObject({ newConfirmed: 2, reclassifiedConfirmed: 3 });
      expect(r.fields.newConfirmed?.stated, text).toBe(5);
    }
  });

  it('reports a reclassification standing apart from any count', () => {
    const text = '1月14日0—24时，全市新增确诊病例5例，新增无症状感染者2例。3例为无症状感染者转为确诊病例。';
    const r = extractReport(text, Y);
    expect(r.fields.reclassifiedConfirmed).toBeNull();
    expect(r.fields.newConfirmed?.value).toBe(5);
    expect(r.unrecognised).toMatchObject([{ kind: 'ambiguous', ...spanOf(text, '3例为无症状感染者转为确诊病例') }]);
  });
});

describe('extractReport: districts', () => {
  it('knows district names without their suffix and the usual short names', () => {
    const text = '1月14日0—24时，全市新增确诊病例10例，其中藁城5例、矿区1例、高新技术产业开发区2例和赵县2例。';
    const r = extractReport(text, Y);
    expect(r.districts.map((d) => [d.districtCode, d.newConfirmed?.value])).toEqual([
      ['130107', 1],
      ['130109', 5],
      ['130133', 2],
      ['130171', 2],
    ]);
    expect(r.unrecognised).toEqual([]);
  });

  it('reports a place that is not a district of the city and keeps the others', () => {
    const text = '1月14日0—24时，全市新增确诊病例10例，其中藁城区8例、东城区2例。';
    const r = extractReport(text, Y);
    expect(r.districts.map((d) => d.districtCode)).toEqual(['130109']);
    expect(r.unrecognised).toEqual([
      expect.objectContaining({ kind: 'district', ...spanOf(text, '东城区2例'), reason: '不认识的区县名称「东城区」' }),
    ]);
  });

  it('reads a district named as the subject', () => {
    const text = '1月15日0—12时，藁城区新增确诊病例40例，新增治愈出院3例。';
    const r = extractReport(text, Y);
    expect(r.fields.newConfirmed).toBeNull();
    expect(r.districts).toMatchObject([{ districtCode: '130109', newConfirmed: { value: 40, ...spanOf(text, '40') } }]);
    expect(r.unrecognised).toMatchObject([
      { kind: 'unsupported', ...spanOf(text, '新增治愈出院3例'), reason: '表单没有分区县的新增治愈出院' },
    ]);
  });
});

describe('extractReport: provincial bulletins', () => {
  const HEBEI =
    '2021年1月14日0—24时，河北省新增新冠肺炎确诊病例81例（石家庄市75例、邢台市6例）；新增无症状感染者9例（石家庄市8例、邢台市1例）；新增治愈出院12例。' +
    '截至1月14日24时，全省累计报告本地确诊病例600例（均为石家庄市报告）。';

  it("takes only Shijiazhuang's figures from the parentheses", () => {
    const r = extractReport(HEBEI, Y);
    expect(valuesOf(r)).toEqual({
      periodStart: '2021-01-13T16:00:00.000Z',
      periodEnd: '2021-01-14T16:00:00.000Z',
      newConfirmed: 75,
      newAsymptomatic: 8,
      cumulativeConfirmed: 600,
    });
    expect(r.fields.newConfirmed).toMatchObject(spanOf(HEBEI, '75'));
    expect(r.fields.newAsymptomatic).toMatchObject({ ...spanOf(HEBEI, '8例、'), end: spanOf(HEBEI, '8例、').start + 1 });
    expect(r.notes.map((n) => n.message)).toEqual([
      '全省新增确诊病例81例，取其中石家庄市的75例',
      '全省新增无症状感染者9例，取其中石家庄市的8例',
      '全省累计确诊病例600例均为石家庄市报告',
    ]);
    // The province's discharges are not broken down: reported, not taken.
    expect(r.fields.newDischarged).toBeNull();
    expect(r.unrecognised).toMatchObject([{ kind: 'scope', ...spanOf(HEBEI, '新增治愈出院12例'), reason: '全省数字，没有单列石家庄市' }]);
  });

  it('reports provincial figures without Shijiazhuang in the breakdown, and other cities', () => {
    const text = '1月31日0—24时，全省新增确诊病例5例（邢台市5例）。邢台市新增无症状感染者2例。';
    const r = extractReport(text, Y);
    expect(r.fields.newConfirmed).toBeNull();
    expect(r.fields.newAsymptomatic).toBeNull();
    // The period is theirs too: listed, not filled in.
    expect(r.fields.periodStart).toBeNull();
    expect(r.unrecognised.map((u) => [u.kind, quoted(text, u), u.reason])).toEqual([
      ['scope', '1月31日0—24时', '文中的数字都不是石家庄市的，这一时段未填入'],
      ['scope', '新增确诊病例5例（邢台市5例）', '全省数字，分项中没有石家庄市'],
      ['scope', '新增无症状感染者2例', '这是邢台市的数字，不是石家庄市的'],
    ]);
  });

  it('goes back to the city when the text names it again', () => {
    const text = '1月14日0—24时，河北省新增确诊病例81例（石家庄市75例、邢台市6例）。全市新增死亡病例1例。';
    const r = extractReport(text, Y);
    expect(valuesOf(r)).toMatchObject({ newConfirmed: 75, newDeaths: 1 });
    expect(r.unrecognised).toEqual([]);
  });
});

describe('extractedFormValues', () => {
  it('gives the plain values in the shape of the report form', () => {
    const text = '1月14日0—24时，全市新增确诊病例90例，其中藁城区77例；新增无症状感染者20例。';
    expect(extractedFormValues(extractReport(text, Y))).toEqual({
      periodStart: '2021-01-13T16:00:00.000Z',
      periodEnd: '2021-01-14T16:00:00.000Z',
      newConfirmed: 90,
      newAsymptomatic: 20,
      reclassifiedConfirmed: null,
      newDischarged: null,
      newDeaths: null,
      cumulativeConfirmed: null,
      cumulativeAsymptomatic: null,
      cumulativeDischarged: null,
      cumulativeDeaths: null,
      cumulativeReleased: null,
      combinedTotal: null,
      underTreatment: null,
      underObservation: null,
      districts: [
        { districtCode: '130109', newConfirmed: 77, newAsymptomatic: null, cumulativeConfirmed: null, cumulativeAsymptomatic: null },
      ],
    });
  });
});

/** Each district row read, as code → the values stated. */
function districtValues(r: ExtractionResult): Record<string, Record<string, number>> {
  return Object.fromEntries(
    extractedFormValues(r).districts.map((d) => [
      d.districtCode,
      Object.fromEntries(Object.entries(d).flatMap(([k, v]) => (k !== 'districtCode' && typeof v === 'number' ? [[k, v]] : []))),
    ]),
  );
}

describe('extractReport: the styles of every official text', () => {
  it('reads traditional characters, with spans in the text as typed', () => {
    const text = '1月13日0時至24時，石家莊市新增確診病例32例，新增無症狀感染者1例，均為藁城區報告。';
    const r = extractReport(text, Y);
    expect(valuesOf(r)).toEqual({
      periodStart: '2021-01-12T16:00:00.000Z',
      periodEnd: '2021-01-13T16:00:00.000Z',
      newConfirmed: 32,
      newAsymptomatic: 1,
    });
    expect(r.fields.newConfirmed).toMatchObject(spanOf(text, '32'));
    expect(districtValues(r)).toEqual({ '130109': { newAsymptomatic: 1 } });
    expect(r.unrecognised).toEqual([]);
  });

  it('reads the provincial order, the count before its kind ("新增50例本地确诊病例")', () => {
    const text = '2021年1月13日0—24时，河北省新增50例本地确诊病例（均为石家庄市报告），新增1例本地无症状感染者（均为石家庄市报告）。';
    const r = extractReport(text, Y);
    expect(valuesOf(r)).toMatchObject({ newConfirmed: 50, newAsymptomatic: 1 });
    expect(r.fields.newConfirmed).toMatchObject(spanOf(text, '50'));
  });

  it('takes only the city’s share of a province sentence (我省, 全省)', () => {
    const text = '1月17日0—24时，我省新增本地确诊病例21例，其中石家庄市16例、邢台市5例。';
    const r = extractReport(text, Y);
    expect(valuesOf(r)).toMatchObject({ newConfirmed: 16 });
    expect(r.notes.map((n) => n.message)).toEqual(['全省新增确诊病例21例，取其中石家庄市的16例']);
  });

  it('gives a district row to a figure stated as all in one district, in every wording', () => {
    const cases: Array<[string, Record<string, Record<string, number>>]> = [
      ['石家庄市新增确诊病例17例，均为石家庄市藁城区报告。', { '130109': { newConfirmed: 17 } }],
      ['石家庄市新增确诊病例17例，均在藁城区。', { '130109': { newConfirmed: 17 } }],
      ['石家庄市新增无症状感染者3例，为长安区报告。', { '130102': { newAsymptomatic: 3 } }],
      ['石家庄市新增无症状感染者3例（均为新华区）。', { '130105': { newAsymptomatic: 3 } }],
      ['石家庄市新增确诊病例17例，藁城区15例、新华区2例。', { '130109': { newConfirmed: 15 }, '130105': { newConfirmed: 2 } }],
      ['河北省新增本地确诊病例16例，均为石家庄市藁城区报告。', { '130109': { newConfirmed: 16 } }],
    ];
    for (const [text, rows] of cases) {
      const r = extractReport(text, Y);
      expect(districtValues(r), text).toEqual(rows);
      expect(r.unrecognised, text).toEqual([]);
    }
    // Words that are not a district leave the figure as it is.
    const other = extractReport('石家庄市新增确诊病例17例，为近期密切接触者。', Y);
    expect(districtValues(other)).toEqual({});
    expect(valuesOf(other)).toEqual({ newConfirmed: 17 });
  });

  it('lists a testing cut-off and its counts instead of taking them as the report’s period', () => {
    const text =
      '1月13日0—24时，石家庄市新增确诊病例14例。截至1月13日24时，石家庄市累计报告确诊病例247例。截至1月14日12时，第二轮全员核酸检测已采样1000万人，已出结果900万人。';
    const r = extractReport(text, Y);
    expect(valuesOf(r)).toEqual({
      periodStart: '2021-01-12T16:00:00.000Z',
      periodEnd: '2021-01-13T16:00:00.000Z',
      newConfirmed: 14,
      cumulativeConfirmed: 247,
    });
    expect(r.conflicts).toEqual([]);
    expect(r.unrecognised.map((u) => [u.kind, quoted(text, u)])).toEqual([
      ['unsupported', '截至1月14日12时，第二轮全员核酸检测已采样1000万人，已出结果900万人'],
    ]);
  });

  it('reads a breakdown with 报告 between the place and its count, as the provincial bulletin writes it', () => {
    const text = '1月13日0—24时，河北省新增4例本地无症状感染者，其中石家庄市报告3例，邢台市报告1例。';
    expect(valuesOf(extractReport(text, Y))).toMatchObject({ newAsymptomatic: 3 });
  });

  it('says a period whose month is missing cannot be placed, and still reads the figures', () => {
    const text = '7日0時至24時，河北省新增33例本土新冠肺炎確診病例，其中石家莊市報告31例，邢臺市報告2例。';
    const r = extractReport(text, Y);
    expect(valuesOf(r)).toEqual({ newConfirmed: 31 });
    expect(r.unrecognised.map((u) => [u.kind, quoted(text, u)])).toEqual([['period', '7日0時至24時']]);
  });

  it('reads 在长安区 after a figure as its district', () => {
    const r = extractReport('1月24日0至12時，全市新增新冠肺炎無癥狀感染者1例，在長安區。', Y);
    expect(districtValues(r)).toEqual({ '130102': { newAsymptomatic: 1 } });
  });

  it('reads the full name of the disease, a count after a comma taking the kind of the one before, and 在院接受治疗…有N例', () => {
    const province = '1月13日0—24时，河北省新增81例本地新型冠状病毒肺炎确诊病例，其中石家庄市报告75例，邢台市报告6例。';
    expect(valuesOf(extractReport(province, Y))).toMatchObject({ newConfirmed: 75 });
    const city = '1月6日0—24时，石家庄市新增50例确诊病例（2例为无症状转确诊），67例无症状感染者。';
    expect(valuesOf(extractReport(city, Y))).toMatchObject({ newConfirmed: 48, reclassifiedConfirmed: 2, newAsymptomatic: 67 });
    const hospital = '1月2日至2月1日14时，全市累计报告新冠肺炎本土确诊病例865例，在院接受治疗的确诊病例有338例。';
    expect(valuesOf(extractReport(hospital, Y))).toMatchObject({ cumulativeConfirmed: 865, underTreatment: 338 });
  });

  it('reads a province figure placed in one district of the city ("在石家庄市藁城区")', () => {
    const text = '1月19日0时至10时，河北省新增本土确诊病例5例，均在石家庄市藁城区；新增无症状感染者1例，在石家庄市藁城区。';
    const r = extractReport(text, Y);
    expect(valuesOf(r)).toMatchObject({ newConfirmed: 5, newAsymptomatic: 1 });
    expect(districtValues(r)).toEqual({ '130109': { newConfirmed: 5, newAsymptomatic: 1 } });
  });

  it('reads an end date written without its month as in the start’s month', () => {
    const text = '1月23日12时至24日12时，石家庄市新增确诊病例3例。1月2日—10日12时，石家庄市累计报告确诊病例369例。';
    const r = extractReport(text, Y);
    expect(r.values.filter((v) => v.field === 'periodStart' || v.field === 'periodEnd').map((v) => v.value)).toEqual([
      '2021-01-23T04:00:00.000Z',
      '2021-01-24T04:00:00.000Z',
      '2021-01-10T04:00:00.000Z',
    ]);
    expect(r.fields.cumulativeSince?.value).toBe('2021-01-02');
  });

  it('keeps the period of discharges stated for a period of their own apart, never taking it as the report’s', () => {
    const text = '2月1日0时至14时，全市无新增确诊病例。1月31日14时至2月1日14时，石家庄市有57例新冠肺炎确诊病例治愈出院。';
    const r = extractReport(text, Y);
    expect(valuesOf(r)).toEqual({
      periodStart: '2021-01-31T16:00:00.000Z',
      periodEnd: '2021-02-01T06:00:00.000Z',
      newConfirmed: 0,
      newDischarged: 57,
    });
    expect(r.figurePeriods).toMatchObject([
      { figure: 'newDischarged', periodStart: '2021-01-31T06:00:00.000Z', periodEnd: '2021-02-01T06:00:00.000Z' },
    ]);
    expect(r.notes.map((n) => n.message)).toContain(
      '治愈出院人数按自己的时段（1月31日14时—2月1日14时）统计，与通报的时段不同：另记为该项的统计时段',
    );
    // Alone in its text, or with a cut-off at the same moment, the period of a discharge count is the report's.
    const alone = extractReport('1月31日14时至2月1日14时，石家庄市新增治愈出院57例。', Y);
    expect(valuesOf(alone)).toMatchObject({ periodStart: '2021-01-31T06:00:00.000Z', newDischarged: 57 });
    const cutOff = extractReport('1月31日14时至2月1日14时，石家庄市有57例确诊病例治愈出院。截至2月1日14时，累计治愈出院526例。', Y);
    expect(valuesOf(cutOff)).toMatchObject({ periodStart: '2021-01-31T06:00:00.000Z', newDischarged: 57, cumulativeDischarged: 526 });
    expect(cutOff.figurePeriods).toEqual([]);
  });

  it('reads the city’s share of a province figure broken down by district, and goes on with the other cities', () => {
    const text = '1月12日0时到10时，河北省新增21例本土确诊病例，其中石家庄市16例（藁城区15例、新华区1例），邢台市5例。';
    const r = extractReport(text, Y);
    expect(valuesOf(r)).toMatchObject({ newConfirmed: 16 });
    expect(districtValues(r)).toEqual({ '130109': { newConfirmed: 15 }, '130105': { newConfirmed: 1 } });
    expect(r.unrecognised).toEqual([]);
  });
});

describe('extractReport: shares, breakdowns and totals of the province and the city', () => {
  it("takes the city's share of a province's reclassified cases from their own parentheses, and splits it off", () => {
    const text =
      '2021年1月20日0—24时，河北省新增本地确诊病例30例（石家庄市24例、邢台市6例），其中8例为无症状感染者转为确诊病例（石家庄市5例、邢台市3例）。';
    expect(valuesOf(extractReport(text, Y))).toMatchObject({ newConfirmed: 19, reclassifiedConfirmed: 5 });
  });

  it("never takes a list after a comma for the province's reclassified cases", () => {
    const text = '1月20日0—24时，河北省新增本地确诊病例30例，其中8例为无症状感染者转为确诊病例，其中石家庄市24例。';
    const r = extractReport(text, Y);
    expect(r.fields.reclassifiedConfirmed).toBeNull();
    expect(r.unrecognised.map((u) => u.reason)).toContain('全省的无症状感染者转确诊数，无法确定属于石家庄市的部分');
  });

  it("reads the districts after the city's share as its breakdown only when they add up to it", () => {
    const sums = '1月13日0时至10时，河北省新增12例本地确诊病例，其中石家庄市新增9例，藁城区7例、新华区2例；邢台市新增3例。';
    const r = extractReport(sums, Y);
    expect(valuesOf(r)).toMatchObject({ newConfirmed: 9 });
    expect(r.districts.map((d) => [d.districtName, d.newConfirmed?.value])).toEqual([
      ['新华区', 2],
      ['藁城区', 7],
    ]);
    const apart = extractReport('1月13日0时至10时，河北省新增12例本地确诊病例，其中石家庄市新增9例，辛集市3例。', Y);
    expect(apart.districts).toEqual([]);
    const short = extractReport('1月13日0时至10时，河北省新增12例本地确诊病例，其中石家庄市新增9例，藁城区7例。', Y);
    expect(short.districts).toEqual([]);
  });

  it('reads a breakdown said in words after the city share', () => {
    const text = '1月13日0时至10时，河北省新增确诊病例12例，其中石家庄市新增9例，分布情况是藁城区7例，新华区2例。';
    const r = extractReport(text, Y);
    expect(r.districts.map((d) => [d.districtName, d.newConfirmed?.value])).toEqual([
      ['新华区', 2],
      ['藁城区', 7],
    ]);
  });

  it('reads a total over a range of days, or at a cut-off, as cumulative', () => {
    const range = extractReport('1月2日至9日10时，河北本土确诊共140例，其中石家庄130例，邢台10例。', Y);
    expect(valuesOf(range)).toEqual({ cumulativeSince: '2021-01-02', periodEnd: '2021-01-09T02:00:00.000Z', cumulativeConfirmed: 130 });
    expect(range.unrecognised).toEqual([]);
    const asOf = extractReport('发布会通报，截至1月9日10时，河北全省本土确诊病例140例（石家庄130例、邢台10例）。', Y);
    expect(valuesOf(asOf)).toEqual({ periodEnd: '2021-01-09T02:00:00.000Z', cumulativeConfirmed: 130 });
  });

  it("lists a cumulative start date whose counts are all the province's, and keeps it when the city's part follows", () => {
    const theirs = extractReport('1月12日0—24时，石家庄市新增确诊病例9例。自1月2日以来，河北省累计发现本土确诊病例330例。', Y);
    expect(theirs.fields.cumulativeSince).toBeNull();
    expect(theirs.unrecognised.map((u) => u.reason)).toContain('这一句的累计数都不是石家庄市的，累计起始日期未填入');
    const ours = extractReport('自1月2日以来，河北省累计发现确诊病例330例。其中，石家庄市累计发现确诊病例310例。', Y);
    expect(valuesOf(ours)).toMatchObject({ cumulativeSince: '2021-01-02', cumulativeConfirmed: 310 });
  });

  it('reads an attribution as where a figure was, never as whose the next figures are', () => {
    const text = '1月21日0时至10时，石家庄市新增确诊病例3例，均为藁城区报告；新增无症状感染者2例，为新华区报告。';
    const r = extractReport(text, Y);
    expect(valuesOf(r)).toMatchObject({ newConfirmed: 3, newAsymptomatic: 2 });
    expect(r.districts.map((d) => [d.districtName, d.newConfirmed?.value ?? null, d.newAsymptomatic?.value ?? null])).toEqual([
      ['新华区', null, 2],
      ['藁城区', 3, null],
    ]);
  });

  it('reads the Hong Kong wording of new cases and lists a day named only as 昨日', () => {
    const r = extractReport('市政府召開記者會，指昨日截至中午，再多30宗確診病例，另有4宗無症狀感染者。', Y);
    expect(valuesOf(r)).toEqual({ newConfirmed: 30, newAsymptomatic: 4 });
    expect(r.unrecognised.map((u) => u.kind)).toContain('period');
  });
});

describe('extractReport: what a blind check of new paragraphs showed', () => {
  it('finds the province as the place when its date stands between the place and the figures', () => {
    const r = extractReport('河北省14日0时至24时，新增20例本地新冠肺炎确诊病例，其中石家庄市报告18例，邢台市报告2例。', Y);
    expect(valuesOf(r)).toEqual({ newConfirmed: 18 });
    // Which month is not said: listed, never guessed.
    expect(r.unrecognised.map((u) => u.kind)).toContain('period');
  });

  it("reads another city's own press conference as that city's, its 全市 too", () => {
    const text =
      '2月8日16时，河北省邢台市召开疫情防控工作第33场新闻发布会。据通报，2月7日12时至8日12时，全市无新增新冠肺炎确诊病例，无新增无症状感染者。';
    const r = extractReport(text, Y);
    expect(valuesOf(r)).toEqual({});
    expect(r.unrecognised.some((u) => u.reason.includes('邢台市'))).toBe(true);
  });

  it('lists a period whose only figures are not a report’s (people who recovered leaving a rehabilitation hospital)', () => {
    const r = extractReport('2月12日0时至2月15日24时，石家庄市有40名新冠肺炎治愈康复人员从定点康复医院出院。', Y);
    expect(valuesOf(r)).toEqual({});
    expect(r.unrecognised.map((u) => u.kind)).toEqual(expect.arrayContaining(['unsupported', 'period']));
  });

  it('reads 累计新增 and 至今 as cumulative, and asymptomatic carriers 正在进行医学观察 as current', () => {
    const r = extractReport('1月2日至今，石市累计新增确诊病例130例，另有190例无症状感染者正在进行医学观察。', Y);
    expect(valuesOf(r)).toEqual({ cumulativeSince: '2021-01-02', cumulativeConfirmed: 130, underObservation: 190 });
  });

  it('reads a day-to-moment range as the range of cumulative counts, beside a period of its own in the same sentence', () => {
    const range = extractReport('1月2日至1月9日10时，河北全省本土确诊病例140例（石家庄130例、邢台10例）。', Y);
    expect(valuesOf(range)).toEqual({ cumulativeSince: '2021-01-02', periodEnd: '2021-01-09T02:00:00.000Z', cumulativeConfirmed: 130 });
    const both = extractReport(
      '2月12日0时至2月15日24时，石家庄市有20例新冠肺炎确诊病例治愈出院，1月2日至2月15日24时，累计新冠肺炎确诊病例治愈出院747例。',
      Y,
    );
    expect(valuesOf(both)).toMatchObject({
      periodStart: '2021-02-11T16:00:00.000Z',
      periodEnd: '2021-02-15T16:00:00.000Z',
      cumulativeSince: '2021-01-02',
      newDischarged: 20,
      cumulativeDischarged: 747,
    });
  });

  it('reads the breakdown after a count of new cases of both kinds', () => {
    const text = '河北省7日新增本土病例70例，其中确诊病例33例（石家庄市31例，邢台市2例），无症状感染者37例（石家庄市35例，邢台市2例）。';
    const r = extractReport(text, Y);
    expect(valuesOf(r)).toEqual({ newConfirmed: 31, newAsymptomatic: 35 });
  });

  it("reads a province's count all in the city, its villages summed by district, and its reclassified part", () => {
    const text =
      '1月11日0-10时，河北省新增20例本土确诊病例，全部在石家庄市（分布情况是：藁城区小果庄村10例，南桥寨村5例；新乐市里辉村3例；正定县孔村2例），20例中8例为无症状感染者转为确诊病例。';
    const r = extractReport(text, Y);
    expect(valuesOf(r)).toMatchObject({ newConfirmed: 12, reclassifiedConfirmed: 8 });
    expect(r.districts.map((d) => [d.districtName, d.newConfirmed?.value])).toEqual([
      ['藁城区', 15],
      ['正定县', 2],
      ['新乐市', 3],
    ]);
    const listed = extractReport('1月15日0-10时，河北省新增30例本地确诊病例，均在石家庄市，其中藁城区27例，裕华区3例。', Y);
    expect(listed.districts.map((d) => [d.districtName, d.newConfirmed?.value])).toEqual([
      ['裕华区', 3],
      ['藁城区', 27],
    ]);
  });
});

describe('extractReport: what a second blind check showed', () => {
  it("reads the city's part of a province bulletin that names no place, said as 'N例在石家庄市'", () => {
    const text = '河北省衛健委通報，當地9日新增的40例確診中，有36例在石家莊市，4例在邢台市。同時，石家莊當天新增20例無症狀感染者。';
    expect(valuesOf(extractReport(text, Y))).toEqual({ newConfirmed: 36, newAsymptomatic: 20 });
  });

  it("takes a list naming the city as the province's breakdown, in Hong Kong wording too", () => {
    const text =
      '河北省衛健委今日（8日）通報稱，昨日（7日）新增33宗本地確診個案，其中31宗在省會石家莊市，2宗在相鄰的邢台市，另新增35宗本地無病徵確診個案，均在石家莊。';
    expect(valuesOf(extractReport(text, Y))).toEqual({ newConfirmed: 31, newAsymptomatic: 35 });
  });

  it("reads the city's share said as 'in the province's new cases, the city reported N'", () => {
    const r = extractReport('在河北新增的确诊病例中，石家庄市即报告31例，邢台市报告2例。', Y);
    expect(valuesOf(r)).toEqual({ newConfirmed: 31 });
  });

  it('never takes "其中石家庄市" for another place, and reads 单日新增 and a bare 确诊', () => {
    const r = extractReport('其中石家莊市單日新增31宗確診和35宗無症狀感染個案。', Y);
    expect(valuesOf(r)).toEqual({ newConfirmed: 31, newAsymptomatic: 35 });
  });

  it('reads 新增的N例 with its district said without a comma', () => {
    const r = extractReport('1月6日0—24时，石家庄新增的48例确诊病例全部来自藁城区。', Y);
    expect(valuesOf(r)).toMatchObject({ newConfirmed: 48 });
    expect(r.districts.map((d) => [d.districtName, d.newConfirmed?.value])).toEqual([['藁城区', 48]]);
  });

  it('lists the period of a text that names only another place and reads no figure', () => {
    const r = extractReport('邢台市\n1月23日0-12时\n新增2+1（南宫2；隆尧+1）', Y);
    expect(valuesOf(r)).toEqual({});
  });
});

describe('extractReport: what a third blind check showed', () => {
  it("reads the province's local cases as confirmed ones, the city's share split as stated", () => {
    const text = '据河北省卫健委通报，河北新增30例本土病例，其中石家庄市报告28例（3例为无症状感染者转为确诊病例），邢台市报告2例。';
    expect(valuesOf(extractReport(text, Y))).toEqual({ newConfirmed: 25, reclassifiedConfirmed: 3 });
  });

  it("never takes the nation's figures for the city's", () => {
    const text = '國家衛健委26日通報，過去24小時以來、境內31個省共新增100起確診病例，其中本土確診病例來自4個省級行政區。';
    expect(valuesOf(extractReport(text, Y))).toEqual({});
  });

  it('reads 爆发以来 as the start of cumulative counts and 达 before a count', () => {
    const r = extractReport('石家莊市1月2日爆發以來，累計確診病例達770宗。', Y);
    expect(valuesOf(r)).toEqual({ cumulativeSince: '2021-01-02', cumulativeConfirmed: 770 });
  });
});

describe('extractReport: what a fourth blind check showed', () => {
  it("reads a province's count all in one district of the city, its reclassified part in parentheses too", () => {
    const r = extractReport('1月19日0-10时，河北省新增5例本土确诊病例（1例为无症状转确诊），均在石家庄市藁城区。', Y);
    expect(valuesOf(r)).toMatchObject({ newConfirmed: 4, reclassifiedConfirmed: 1 });
    expect(r.districts.map((d) => [d.districtName, d.newConfirmed?.value])).toEqual([['藁城区', 5]]);
  });

  it('never takes "连续6天无新增" for the period\'s zero, and reads 无新增新冠肺炎本土确诊病例 as one', () => {
    expect(valuesOf(extractReport('截至2月9日，石家庄市已经连续6天无新增新冠肺炎确诊病例。', Y))).toEqual({});
    expect(valuesOf(extractReport('2月7日0-24时，全市无新增新冠肺炎本土确诊病例。', Y))).toMatchObject({ newConfirmed: 0 });
  });

  it('reads a clock time after the day (10:00) and 本土确诊新冠病例, and a range of days without a month as cumulative', () => {
    const text = '1月2日至1月8日10:00，河北全省本土确诊新冠病例127例（石家庄118例、邢台9例）。';
    expect(valuesOf(extractReport(text, Y))).toEqual({
      cumulativeSince: '2021-01-02',
      periodEnd: '2021-01-08T02:00:00.000Z',
      cumulativeConfirmed: 118,
    });
    expect(valuesOf(extractReport('自2日至8日早上10时，河北全省本土确诊病例127例，其中石家庄118例、邢台9例。', Y))).toEqual({
      cumulativeConfirmed: 118,
    });
  });

  it("never takes the nation's figures for the city's, however a report names the nation", () => {
    for (const text of [
      '中国大陆昨新增33例新冠肺炎确诊，其中17例本土病例，分布在河北、辽宁、北京，河北就占14例。',
      '1月13日0—24時，31個省（自治區、直轄市）和新疆生產建設兵團報告新增確診病例138例；新增死亡病例1例，為本土病例（在河北）。',
      '中國新冠肺炎疫情延燒，官方今天宣布新增42例本土病例，其中河北是占了40例。',
    ]) {
      expect(valuesOf(extractReport(text, Y)), text).toEqual({});
    }
  });

  it('reads the city named again with 当天并 or 亦, and a province count whose city part is said as 有N宗来自石家庄', () => {
    const r = extractReport('內地過去一日新增144人。河北省的90宗新病例，有84宗來自省會石家莊市。石家莊當天並新增二十宗無症狀感染者。', Y);
    expect(valuesOf(r)).toEqual({ newConfirmed: 84, newAsymptomatic: 20 });
    expect(valuesOf(extractReport('石家莊亦新增30宗本地無症狀感染。', Y))).toEqual({ newAsymptomatic: 30 });
  });

  it('never takes a count of which only "most" is the city\'s', () => {
    const r = extractReport('河北再多14宗確診，大部分來自石家莊。', Y);
    expect(valuesOf(r)).toEqual({});
    expect(r.unrecognised.map((u) => u.reason)).toContain('只说其中大部分在某地，没有给出石家庄市的数字');
  });

  it('reads 均为石家庄市报告 with no comma, covering the two counts before it, and a breakdown in a sentence of its own', () => {
    expect(valuesOf(extractReport('1月12日0—24时，河北省新增14例确诊病例均为石家庄市报告。', Y))).toMatchObject({ newConfirmed: 14 });
    const both = extractReport('1月12日0—24时，河北省新增14例本地确诊病例，新增3例本地无症状感染者，均为石家庄市报告。', Y);
    expect(valuesOf(both)).toMatchObject({ newConfirmed: 14, newAsymptomatic: 3 });
    const r = extractReport('1月12日0—24时，石家庄市新增确诊病例14例。新增确诊病例中，藁城区11例，新华区3例。', Y);
    expect(r.districts.map((d) => [d.districtName, d.newConfirmed?.value])).toEqual([
      ['新华区', 3],
      ['藁城区', 11],
    ]);
  });
});

describe('extractReport: probes of the official style', () => {
  it('never reads asymptomatic carriers released from observation as new ones', () => {
    const r = extractReport('1月20日0—24时，石家庄市新增治愈出院病例21例，解除医学观察无症状感染者5例。', Y);
    expect(valuesOf(r)).toMatchObject({ newDischarged: 21 });
    expect(valuesOf(r)).not.toHaveProperty('newAsymptomatic');
    expect(valuesOf(extractReport('1月27日0—24时，石家庄市8例无症状感染者解除隔离医学观察。', Y))).not.toHaveProperty('newAsymptomatic');
  });

  it('reads a range of clock times, and a district or the city alone in parentheses', () => {
    const r = extractReport('1月20日0:00-24:00，石家庄市新增确诊病例1例（藁城区）。', Y);
    expect(valuesOf(r)).toEqual({ periodStart: '2021-01-19T16:00:00.000Z', periodEnd: '2021-01-20T16:00:00.000Z', newConfirmed: 1 });
    expect(r.districts.map((d) => [d.districtName, d.newConfirmed?.value])).toEqual([['藁城区', 1]]);
    expect(valuesOf(extractReport('1月20日0—24时，河北省新增1例本地新冠肺炎确诊病例（石家庄市报告）。', Y))).toMatchObject({
      newConfirmed: 1,
    });
  });

  it("reads 均在石家庄市 after two counts of the province's, and carries the sentence's subject, not its list's last place", () => {
    const both = extractReport('1月20日0—24时，河北省新增本地确诊病例1例、无症状感染者2例，均在石家庄市。', Y);
    expect(valuesOf(both)).toMatchObject({ newConfirmed: 1, newAsymptomatic: 2 });
    const text =
      '1月20日0—24时，河北省新增19例本地确诊病例，其中石家庄市报告14例，邢台市报告5例。新增3例无症状感染者（石家庄市报告2例，邢台市报告1例）。';
    expect(valuesOf(extractReport(text, Y))).toMatchObject({ newConfirmed: 14, newAsymptomatic: 2 });
  });

  it('reads 该市 as the city named before it, the city or another', () => {
    const ours = extractReport('石家庄市卫健委通报，1月20日0时至24时，该市新增确诊病例14例，新增无症状感染者3例。', Y);
    expect(valuesOf(ours)).toMatchObject({ newConfirmed: 14, newAsymptomatic: 3 });
    expect(valuesOf(extractReport('邢台市卫健委通报，1月20日0时至24时，该市新增确诊病例3例。', Y))).toEqual({});
  });

  it("never reads a village's count, said of the village, as the city's", () => {
    const r = extractReport('新增8例确诊病例的石家庄市藁城区增村镇小果庄村，1月5日调整为高风险地区。', Y);
    expect(valuesOf(r)).toEqual({});
    expect(r.unrecognised.map((u) => u.kind)).toContain('scope');
    // The city's own count beside it is still read.
    const both = extractReport('1月5日0—24时，石家庄市新增确诊病例11例，其中新增2例的小果庄村已列为高风险地区。', Y);
    expect(valuesOf(both)).toMatchObject({ newConfirmed: 11 });
  });

  it('reads the patients in hospital counted before where they are treated', () => {
    expect(valuesOf(extractReport('目前，石家庄市共有确诊病例600例在定点医院救治。', Y))).toEqual({ underTreatment: 600 });
  });
});
