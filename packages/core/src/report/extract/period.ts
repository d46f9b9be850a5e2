// The reporting period and the dates of cumulative counts: '1月15日0—12时', '1月2日至1月15日12时',
// '1月2日以来', '截至1月15日24时'. Times are Beijing time; a missing year is the one given.
import { beijingInstant } from '../../shared/time.ts';
import type { Sentence } from './sentence.ts';

const DATE1 = String.raw`(?:(?<y1>\d{4})年)?(?<m1>\d{1,2})月(?<d1>\d{1,2})日`;
const DATE2 = String.raw`(?:(?<y2>\d{4})年)?(?<m2>\d{1,2})月(?<d2>\d{1,2})日`;
const TO = '(?:—+|至|到)';
/** An end date written without its month ('1月23日12时至24日12时'): the start's month, or the next when the day is earlier. */
const DAY3 = String.raw`(?<d3>\d{1,2})日`;

/** '1月15日0—12时', '1月14日0时至24时', '1月14日12时至1月15日12时', '2021年1月14日0—24时'. */
const PERIOD_RE = new RegExp(
  `${DATE1}(?<h1>\\d{1,2})(?:时(?:(?<n1>\\d{1,2})分)?)?${TO}(?:${DATE2}|${DAY3})?(?<h2>\\d{1,2})时(?:(?<n2>\\d{1,2})分)?`,
  'dg',
);
/** '1月2日至1月15日12时': from a start date (no time) to an instant — the cumulative range. */
const SINCE_RANGE_RE = new RegExp(`${DATE1}${TO}(?:${DATE2}|${DAY3})(?:(?<h2>\\d{1,2})时(?:(?<n2>\\d{1,2})分)?)?`, 'dg');
const SINCE_RE = new RegExp(`${DATE1}(?:(?:疫情)?(?:爆发|暴发|发生)?以来|至今)`, 'dg');
const AS_OF_RE = new RegExp(`(?:截至|截止)到?${DATE2}(?:(?<h2>\\d{1,2})时(?:(?<n2>\\d{1,2})分)?)?`, 'dg');
/** '昨日0—24时', '昨日截至中午', '截至今日12时': a day named only relative to when it was said. */
/** A sentence whose cut-off comes before any count ('…通报，截至1月8日10时，…127例'). */
const AS_OF_LEAD_RE = new RegExp(`^[^例]*?(?:截至|截止)到?${DATE2}`);
const RELATIVE_RE =
  /(?:昨日|今日|昨天|今天|当日|当天)(?:\d{1,2}时?(?:—+|至|到)\d{1,2}时|(?:截至|截止)(?:中午|\d{1,2}时))|(?:截至|截止)(?:昨日|今日|昨天|今天)(?:中午|\d{1,2}时)/dg;
const LEADING_DATE_RE = new RegExp(`^${DATE1}(?![\\d—至到以])`, 'd');
/** '2日至8日10时': a range of whole days without a month, up to an hour. */
const DAY_RANGE_RE = /(?<![月\d])\d{1,2}日(?:至|—+|到)\d{1,2}日\d{1,2}时/;
/** '7日0时至24时' (news copy of a bulletin): the day without its month. */
const DAY_ONLY_RE = /(?<![月\d])(?<d1>\d{1,2})日(?<h1>\d{1,2})时?(?:—+|至|到)(?:(?<d3>\d{1,2})日)?(?<h2>\d{1,2})时/dg;
/** A full date anywhere in a sentence ('1月7日下午'): what a later day without its month is read against. */
const FULL_DATE_RE = /(?:(?<y>\d{4})年)?(?<m>\d{1,2})月(?<d>\d{1,2})日/g;

/** The latest full date the text has stated so far, sentence by sentence. */
export interface DateContext {
  last: DateParts | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function validDate(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

const num = (s: string | undefined) => (s === undefined ? undefined : Number(s));

interface DateParts {
  y?: number;
  m: number;
  d: number;
}

/** The end date of a range: stated in full, or a day in the start's month (the next month when it is earlier). */
function endDateIn(g: Record<string, string | undefined>, start: DateParts): DateParts | null {
  if (g.m2) return dateIn(g, 2);
  if (!g.d3) return null;
  const d = Number(g.d3);
  if (d >= start.d) return { y: start.y, m: start.m, d };
  return start.m === 12 ? { y: start.y === undefined ? undefined : start.y + 1, m: 1, d } : { y: start.y, m: start.m + 1, d };
}

/** The date of the groups y1, m1, d1 (or y2, m2, d2); the year only when stated. */
const dateIn = (g: Record<string, string | undefined>, n: 1 | 2): DateParts => ({
  y: num(g[`y${n}`]),
  m: Number(g[`m${n}`]),
  d: Number(g[`d${n}`]),
});

/** Each match of `re`, taken from the sentence (consumed) as it is read: its groups, where they are, and its extent. */
function* taken(s: Sentence, re: RegExp) {
  for (const m of s.matches(re)) {
    const [ls, le] = [m.index, m.index + m[0].length];
    s.consume(ls, le);
    yield { g: m.groups ?? {}, at: m.indices?.groups ?? {}, ls, le };
  }
}

/**
 * Years for a start and an end date: stated years win; otherwise the end is in the given year and
 * a start in a later month than the end (12月31日 to 1月1日) is in the year before.
 */
function years(start: DateParts, end: DateParts, year: number): [number, number] {
  const endYear = end.y ?? start.y ?? year;
  const startYear = start.y ?? (start.m > end.m ? endYear - 1 : endYear);
  return [startYear, endYear];
}

/** A sentence about mass testing or isolation (its own cut-off time and counts of people), not about cases. */
const TESTING_RE = /核酸检测|核酸筛查|采样|送检|已出结果|检测结果|混检|累计检测|人份|阳性样本|隔离点|隔离房间|集中隔离/;
/** Case figures as bulletins state them: a sentence with any is read, testing words or not. */
const CASE_WORDS_RE =
  /(?:新增|累计|现有)(?:报告|发现)?(?:\d+例)?(?:新冠肺炎)?(?:本地|本土)?(?:新冠肺炎)?(?:确诊|无症状)|出院|死亡|医学观察|在院|治疗/;

/** Reads the period and dates of a sentence, in this order, before any count. */
export function readPeriods(s: Sentence, year: number, dates: DateContext = { last: null }): void {
  // The full dates of the sentence, where they stand, for a day without its month later in it.
  const stated: Array<{ at: number; date: DateParts }> = [...s.w.matchAll(FULL_DATE_RE)].map((m) => ({
    at: m.index,
    date: { y: num(m.groups!.y), m: Number(m.groups!.m), d: Number(m.groups!.d) },
  }));
  const latest = () => [...stated].sort((a, b) => a.at - b.at);
  const before = (pos: number) =>
    latest()
      .filter((x) => x.at < pos)
      .at(-1)?.date ?? dates.last;
  // The range ends written with the start's month ('1月2日—10日12时') are full dates too: the
  // reader of ranges says them as it reads them.
  readPeriodsOf(s, year, before, (at, date) => stated.push({ at, date }));
  if (stated.length > 0) dates.last = latest().at(-1)!.date;
}

function readPeriodsOf(
  s: Sentence,
  year: number,
  before: (pos: number) => DateContext['last'],
  dated: (at: number, date: DateParts) => void,
): void {
  // '截至1月14日12时，第二轮全员核酸检测已采样…': a testing round's own time and counts, listed, never taken as the report's.
  if (TESTING_RE.test(s.w) && !CASE_WORDS_RE.test(s.w)) {
    s.consume(0, s.w.length);
    s.report(0, s.w.length, 'unsupported', '核酸检测或集中隔离的情况（截止时间和人数）不属于疫情通报，请在“核酸检测”或“集中隔离”中录入');
    return;
  }
  // In a sentence of cumulative counts only, a period gives the date they are counted from.
  // '1月2日至8日10时，…确诊共127例': a total over a range of days is cumulative too.
  // '截至1月8日10时，全省本土确诊病例127例': so is a count standing at a cut-off with nothing new.
  // '自2日至8日10时，…确诊病例127例' (no month): a range of days as well, though it gives no date.
  const isCumulativeSentence = (/累计|共计?\d/.test(s.w) || AS_OF_LEAD_RE.test(s.w) || DAY_RANGE_RE.test(s.w)) && !s.w.includes('新增');
  s.cumulativeRange = isCumulativeSentence;
  readStatedPeriods(s, year, isCumulativeSentence);
  readCumulativeRanges(s, year, dated);
  readSinceDates(s, year);
  readAsOfTimes(s, year);
  reportRelativeDates(s);
  readDayWithoutMonth(s, year, before);
  reportDateWithoutPeriod(s);
}

/**
 * '6日0—24时' in a text that has stated a full date before it ('1月7日下午，…6日0—24时'): the day
 * is in that date's month when it is not later than that date, and the reading is noted. Without
 * such a date, which month is not known: listed.
 */
function readDayWithoutMonth(s: Sentence, year: number, before: (pos: number) => DateContext['last']): void {
  for (const { g, ls, le } of taken(s, DAY_ONLY_RE)) {
    const known = before(ls);
    const day = Number(g.d1);
    const lastDay = g.d3 === undefined ? day : Number(g.d3);
    if (!known || day > known.d || lastDay > known.d) {
      s.report(ls, le, 'period', '只写了日，没有写明月份，无法确定是哪一天，请写明月、日');
      continue;
    }
    const y = known.y ?? year;
    const endDay = g.d3 === undefined ? day : Number(g.d3);
    const from = endDay >= day ? beijingInstant(y, known.m, day, Number(g.h1)) : null;
    const to = from ? beijingInstant(y, known.m, endDay, Number(g.h2)) : null;
    if (!from || !to || to <= from) {
      s.report(ls, le, 'period', '日期或时刻不存在');
      continue;
    }
    s.statePeriod('periodStart', from, ls, le, null);
    s.statePeriod('periodEnd', to, ls, le, null);
    s.note(ls, le, `只写了日，月份按文中前面的日期读作${known.m}月${day}日，请核对`);
  }
}

/** '1月15日0—12时': the period, or in a cumulative sentence the start date and the end. */
/** A sentence whose only figure is discharges ('1月31日14时至2月1日14时，石家庄市有57例…治愈出院'): its period may be theirs alone. */
const DISCHARGE_ONLY_RE = /出院/;
const OTHER_FIGURES_RE = /确诊病例\d|确诊\d|无症状感染者\d|\d+例(?:本地|本土)?(?:新冠肺炎)?(?:确诊|无症状)|无新增|死亡|累计/;

/** The words a date phrase ending at `le` governs: up to the next date or cut-off. */
function governedWords(s: Sentence, le: number): string {
  const rest = s.w.slice(le);
  const next = rest.search(/\d{1,2}月\d{1,2}日|截至|截止/);
  return next < 0 ? rest : rest.slice(0, next);
}

/**
 * Whether a date phrase ending at `le` governs cumulative counts: when its words count 累计 (or a total, 共…) and nothing new ('1月2日至2月14日24时，累计…治愈出院727例' beside
 * '2月11日0时至2月14日24时，石家庄市有27例…治愈出院' in one sentence).
 */
function governsCumulative(s: Sentence, le: number): boolean {
  const words = governedWords(s, le);
  return /累计|共计?\d|已有\d/.test(words) && !/新增|有\d+(?:例|人|名|宗|起)/.test(words.replace(/已有/g, ''));
}

function readStatedPeriods(s: Sentence, year: number, isCumulativeSentence: boolean): void {
  const rest = s.w.replace(/(?:有)?\d+例(?:新冠肺炎)?确诊(?:病例|患者)?(?:治愈)?出院|(?:新增)?治愈出院(?:病例|患者)?\d+例/g, '');
  const periodOf = DISCHARGE_ONLY_RE.test(s.w) && !OTHER_FIGURES_RE.test(rest) ? '治愈出院' : null;
  for (const { g, ls, le } of taken(s, PERIOD_RE)) {
    const start = dateIn(g, 1);
    const end = endDateIn(g, start) ?? { ...start, y: start.y ?? num(g.y2) };
    const [sy, ey] = years(start, end, year);
    const from = beijingInstant(sy, start.m, start.d, Number(g.h1), num(g.n1) ?? 0);
    const to = beijingInstant(ey, end.m, end.d, Number(g.h2), num(g.n2) ?? 0);
    if (!from || !to) {
      s.report(ls, le, 'period', '日期或时刻不存在');
    } else if (to <= from) {
      s.report(ls, le, 'period', '统计截止时间不晚于开始时间');
    } else if (isCumulativeSentence && governsCumulative(s, le)) {
      s.state('cumulativeSince', `${sy}-${pad(start.m)}-${pad(start.d)}`, ls, le);
      s.state('periodEnd', to, ls, le);
    } else {
      s.statePeriod('periodStart', from, ls, le, periodOf);
      s.statePeriod('periodEnd', to, ls, le, periodOf);
    }
  }
}

/** '1月2日至1月15日12时': the start date of cumulative counts and the end of the period. */
function readCumulativeRanges(s: Sentence, year: number, dated: (at: number, date: DateParts) => void): void {
  for (const { g, at, ls, le } of taken(s, SINCE_RANGE_RE)) {
    const start = dateIn(g, 1);
    const end = endDateIn(g, start)!;
    dated(le, end);
    const [sy, ey] = years(start, end, year);
    // From a day to a moment ('1月2日至1月8日10时，河北全省本土确诊病例127例'): the range of cumulative counts, unless new ones follow.
    const words = governedWords(s, le);
    if (/新增/.test(words) || !/\d+(?:例|人|名|宗|起)/.test(words)) {
      s.report(ls, le, 'period', '统计时段没有写明起止时刻（如“0—24时”）');
      continue;
    }
    s.cumulativeRange = true;
    if (!validDate(sy, start.m, start.d)) {
      s.report(ls, le, 'period', '日期不存在');
      continue;
    }
    s.state('cumulativeSince', `${sy}-${pad(start.m)}-${pad(start.d)}`, ls, at.d1![1] + 1);
    if (g.h2 === undefined) {
      s.report(ls, le, 'period', '累计数的截止时刻没有写明');
      continue;
    }
    const to = beijingInstant(ey, end.m, end.d, Number(g.h2), num(g.n2) ?? 0);
    const endStart = at.y2?.[0] ?? at.m2?.[0] ?? at.d3![0];
    if (!to) s.report(ls, le, 'period', '日期或时刻不存在');
    else s.state('periodEnd', to, endStart, le);
  }
}

/** '1月2日以来', '1月2日至今': the start date of cumulative counts. */
function readSinceDates(s: Sentence, year: number): void {
  for (const { g, ls, le } of taken(s, SINCE_RE)) {
    const since = dateIn(g, 1);
    const y = since.y ?? year;
    if (validDate(y, since.m, since.d)) s.state('cumulativeSince', `${y}-${pad(since.m)}-${pad(since.d)}`, ls, le);
    else s.report(ls, le, 'period', '日期不存在');
  }
}

/** '截至1月15日24时': the end of the period. */
function readAsOfTimes(s: Sentence, year: number): void {
  for (const { g, at, ls, le } of taken(s, AS_OF_RE)) {
    if (g.h2 === undefined) {
      s.report(ls, le, 'period', '截止时刻没有写明（如“24时”）');
      continue;
    }
    const date = dateIn(g, 2);
    const to = beijingInstant(date.y ?? year, date.m, date.d, Number(g.h2), num(g.n2) ?? 0);
    const dateStart = at.y2?.[0] ?? at.m2![0];
    if (to) s.state('periodEnd', to, dateStart, le);
    else s.report(ls, le, 'period', '日期或时刻不存在');
  }
}

/** '昨日0—24时': which day is not known. */
function reportRelativeDates(s: Sentence): void {
  for (const { ls, le } of taken(s, RELATIVE_RE)) {
    s.report(ls, le, 'period', '“昨日”“今日”等相对日期无法确定是哪一天，请写明月、日');
  }
}

/** '1月15日，新增…': a date without the hours of the period is not a whole day. */
function reportDateWithoutPeriod(s: Sentence): void {
  const leading = LEADING_DATE_RE.exec(s.w);
  if (leading && /新增|累计/.test(s.w)) {
    s.consume(0, leading[0].length);
    s.report(0, leading[0].length, 'period', '只写了日期，没有写明统计时段（如“0—24时”），不能当作全天');
  }
}
