// Reads the figures of one reporting period out of a pasted bulletin paragraph, in the standard
// phrasing of the Hebei and Shijiazhuang health commissions (January 2021). Browser-safe and pure.
//
// Every value carries the span it was read from, so the form can show it next to its sentence.
// Nothing is guessed: a number or phrase that no rule recognises is returned in `unrecognised`,
// and a figure stated twice with different values is returned in `conflicts` and left empty.
// Offsets are indices into the original string (UTF-16 code units, as String#slice uses).

import { SHIJIAZHUANG_DISTRICTS } from '../district/shijiazhuang.ts';
import { beijingInstant } from '../shared/time.ts';

export const EXTRACTED_COUNT_FIELDS = [
  'newConfirmed',
  'newAsymptomatic',
  'reclassifiedConfirmed',
  'newDischarged',
  'newDeaths',
  'cumulativeConfirmed',
  'cumulativeAsymptomatic',
  'underTreatment',
  'underObservation',
] as const;
export type ExtractedCountField = (typeof EXTRACTED_COUNT_FIELDS)[number];
/** periodStart / periodEnd are UTC ISO instants; cumulativeSince is a 'YYYY-MM-DD' date. */
export type ExtractedTimeField = 'periodStart' | 'periodEnd' | 'cumulativeSince';
export type ExtractedField = ExtractedCountField | ExtractedTimeField;

export const EXTRACTED_DISTRICT_FIELDS = ['newConfirmed', 'newAsymptomatic', 'cumulativeConfirmed', 'cumulativeAsymptomatic'] as const;
export type ExtractedDistrictField = (typeof EXTRACTED_DISTRICT_FIELDS)[number];

/** Where something was read: the span itself and the sentence around it, in the original text. */
export interface SourceSpan {
  sentence: string;
  sentenceStart: number;
  sentenceEnd: number;
  start: number;
  end: number;
}

export interface ExtractedValue<V extends number | string = number | string> extends SourceSpan {
  field: ExtractedField;
  value: V;
  /** Set on per-district values. */
  districtCode?: string;
  /** The number as the text states it, when the form value differs (see `notes`). */
  stated?: number;
}

export type UnrecognisedKind =
  /** A number that no rule accounts for. */
  | 'number'
  /** Bulletin vocabulary, but no figure could be read. */
  | 'no-figure'
  /** A period without times, a relative date, an impossible date. */
  | 'period'
  /** A figure for the whole province, another city, or an unstated scope. */
  | 'scope'
  /** A figure whose meaning is not clear from the wording. */
  | 'ambiguous'
  /** A recognised figure the report form has no field for. */
  | 'unsupported'
  /** A district name not in the list of Shijiazhuang's county-level units. */
  | 'district';

export interface UnrecognisedText extends SourceSpan {
  kind: UnrecognisedKind;
  reason: string;
}

export interface ExtractionConflict {
  field: ExtractedField;
  districtCode?: string;
  /** Every statement of the field, in text order. */
  values: ExtractedValue[];
  message: string;
}

/** Something read and understood that the person entering the report should know about. */
export interface ExtractionNote extends SourceSpan {
  message: string;
}

export interface ExtractedDistrict {
  districtCode: string;
  districtName: string;
  newConfirmed: ExtractedValue<number> | null;
  newAsymptomatic: ExtractedValue<number> | null;
  cumulativeConfirmed: ExtractedValue<number> | null;
  cumulativeAsymptomatic: ExtractedValue<number> | null;
}

export type ExtractedFields = {
  periodStart: ExtractedValue<string> | null;
  periodEnd: ExtractedValue<string> | null;
  cumulativeSince: ExtractedValue<string> | null;
} & { [K in ExtractedCountField]: ExtractedValue<number> | null };

export interface ExtractionResult {
  /** One value per field, or null when the text does not state it or states it in conflict. */
  fields: ExtractedFields;
  /** Per-district rows, in the official order of the districts. */
  districts: ExtractedDistrict[];
  /** Every statement read, in text order, including repeated and conflicting ones. */
  values: ExtractedValue[];
  unrecognised: UnrecognisedText[];
  conflicts: ExtractionConflict[];
  notes: ExtractionNote[];
}

export interface ExtractOptions {
  /** Bulletins omit the year; this one is used unless the text states it. */
  year: number;
}

// ---------------------------------------------------------------------------------------------
// Normalisation: one character of the working text per kept character of the original, so
// offsets map back through `map`. Whitespace is dropped ("48 例", line breaks from a PDF), except
// between two digits, where joining would invent a number, and blank lines, which end a paragraph.

const DASHES = new Set(['—', '–', '―', '‒', '－', '-', '‐', '‑', '~', '～', '〜', '⁓']);
const CHAR_MAP: Record<string, string> = { '（': '(', '）': ')', '：': ':', '；': ';', '！': '!', '？': '?' };
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

function normaliseChar(c: string): string {
  const code = c.charCodeAt(0);
  if (code >= 0xff10 && code <= 0xff19) return String.fromCharCode(code - 0xff10 + 48);
  if (DASHES.has(c)) return '—';
  return CHAR_MAP[c] ?? c;
}

interface Normalised {
  text: string;
  /** map[i] is the index in the original of text[i]; map[text.length] is the original's length. */
  map: number[];
}

function normalise(original: string): Normalised {
  const out: string[] = [];
  const map: number[] = [];
  let i = 0;
  while (i < original.length) {
    const c = original[i]!;
    if (/\s/.test(c)) {
      let j = i;
      let newlines = 0;
      while (j < original.length && /\s/.test(original[j]!)) {
        if (original[j] === '\n') newlines += 1;
        j += 1;
      }
      if (newlines >= 2) {
        out.push('\n');
        map.push(i);
      } else if (isDigit(out[out.length - 1]) && j < original.length && isDigit(normaliseChar(original[j]!))) {
        out.push(' ');
        map.push(i);
      }
      i = j;
      continue;
    }
    out.push(normaliseChar(c));
    map.push(i);
    i += 1;
  }
  map.push(original.length);
  return { text: out.join(''), map };
}

/** Sentences end at 。！？, a blank line, or a semicolon outside parentheses. */
function sentenceRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === '(') depth += 1;
    else if (c === ')') depth = Math.max(0, depth - 1);
    const hard = c === '。' || c === '\n' || c === '!' || c === '?';
    if (hard || (c === ';' && depth === 0)) {
      if (i > from) ranges.push([from, i]);
      from = i + 1;
      if (hard) depth = 0;
    }
  }
  if (text.length > from) ranges.push([from, text.length]);
  return ranges;
}

// ---------------------------------------------------------------------------------------------
// Numbers

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Small counts in Chinese numerals ('十二', '一百零五'); null when the numeral is malformed. */
function parseChineseNumeral(s: string): number | null {
  let total = 0;
  let digit: number | null = null;
  let lastUnit = Infinity;
  let zeroSeen = false;
  for (const ch of s) {
    if (ch in CN_DIGITS) {
      const d = CN_DIGITS[ch]!;
      if (digit !== null && digit !== 0) return null;
      if (d === 0) zeroSeen = true;
      digit = d;
    } else {
      const unit = CN_UNITS[ch];
      if (unit === undefined || unit >= lastUnit || digit === 0) return null;
      total += (digit ?? 1) * unit;
      digit = null;
      lastUnit = unit;
    }
  }
  if (digit !== null) {
    // '一百五' is colloquial for 150; a bulletin would write 一百五十, so refuse rather than guess.
    if (lastUnit >= 100 && lastUnit !== Infinity && !zeroSeen) return null;
    total += digit;
  }
  return total;
}

function parseCount(s: string): number | null {
  if (/^\d{1,3}(?:,\d{3})+$/.test(s) || /^\d+$/.test(s)) return Number(s.replaceAll(',', ''));
  return parseChineseNumeral(s);
}

const NUM = String.raw`(?<num>\d{1,3}(?:,\d{3})+(?!\d)|\d+|[零〇一二两三四五六七八九十百千]+)`;

// ---------------------------------------------------------------------------------------------
// Names

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const byLengthDesc = (a: string, b: string) => b.length - a.length;

interface DistrictName {
  code: string;
  name: string;
}
/** Every way a bulletin names a district: full name, short name, the name without 区/县/市. */
const DISTRICT_ALIASES = new Map<string, DistrictName>();
for (const d of SHIJIAZHUANG_DISTRICTS) {
  const entry = { code: d.code, name: d.shortName };
  DISTRICT_ALIASES.set(d.name, entry);
  DISTRICT_ALIASES.set(d.shortName, entry);
  if (d.shortName.length === 3 && /[区县市]$/.test(d.shortName)) DISTRICT_ALIASES.set(d.shortName.slice(0, 2), entry);
}
for (const [alias, code] of [
  ['矿区', '130107'],
  ['高新技术开发区', '130171'],
  ['高新技术产业开发区', '130171'],
] as const) {
  const d = SHIJIAZHUANG_DISTRICTS.find((x) => x.code === code)!;
  DISTRICT_ALIASES.set(alias, { code, name: d.shortName });
}
const DISTRICT_ORDER = new Map(SHIJIAZHUANG_DISTRICTS.map((d, i) => [d.code, i]));
const DISTRICT_NAME_ALT = [...DISTRICT_ALIASES.keys()].sort(byLengthDesc).map(escape).join('|');
/** Full names only as the subject of a sentence ("藁城区新增…"): stems are too loose there. */
const DISTRICT_SUBJECT_ALT = SHIJIAZHUANG_DISTRICTS.flatMap((d) => [d.name, d.shortName])
  .sort(byLengthDesc)
  .map(escape)
  .join('|');

const OTHER_PLACES = [
  '全国',
  '北京市',
  '天津市',
  '邢台市',
  '保定市',
  '唐山市',
  '邯郸市',
  '沧州市',
  '衡水市',
  '廊坊市',
  '张家口市',
  '承德市',
  '秦皇岛市',
  '定州市',
];

type Scope = { kind: 'city' } | { kind: 'province' } | { kind: 'other'; name: string } | { kind: 'district'; code: string; name: string };

const SCOPE_RE = new RegExp(
  `(?<scope>河北省|全省|石家庄市|石家庄|全市|我市|本市|${DISTRICT_SUBJECT_ALT}|${OTHER_PLACES.join('|')})` +
    '(?=今日|当日|新增|累计|现有|共|报告|尚在|正在|仍在|目前|在院|治愈|死亡|无新增|:)',
  'dg',
);

function scopeOf(name: string): Scope {
  if (name === '河北省' || name === '全省') return { kind: 'province' };
  if (['石家庄市', '石家庄', '全市', '我市', '本市'].includes(name)) return { kind: 'city' };
  const d = DISTRICT_ALIASES.get(name);
  if (d) return { kind: 'district', code: d.code, name: d.name };
  return { kind: 'other', name };
}

// ---------------------------------------------------------------------------------------------
// Rules. They run in this order on a working copy of each sentence in which every span already
// accounted for is blanked out, so a later rule never reads a number twice.

const DATE1 = String.raw`(?:(?<y1>\d{4})年)?(?<m1>\d{1,2})月(?<d1>\d{1,2})日`;
const DATE2 = String.raw`(?:(?<y2>\d{4})年)?(?<m2>\d{1,2})月(?<d2>\d{1,2})日`;
const TO = '(?:—+|至|到)';

/** '1月15日0—12时', '1月14日0时至24时', '1月14日12时至1月15日12时', '2021年1月14日0—24时'. */
const PERIOD_RE = new RegExp(
  `${DATE1}(?<h1>\\d{1,2})(?:时(?:(?<n1>\\d{1,2})分)?)?${TO}(?:${DATE2})?(?<h2>\\d{1,2})时(?:(?<n2>\\d{1,2})分)?`,
  'dg',
);
/** '1月2日至1月15日12时': from a start date (no time) to an instant — the cumulative range. */
const SINCE_RANGE_RE = new RegExp(`${DATE1}${TO}${DATE2}(?:(?<h2>\\d{1,2})时(?:(?<n2>\\d{1,2})分)?)?`, 'dg');
const SINCE_RE = new RegExp(`${DATE1}以来`, 'dg');
const AS_OF_RE = new RegExp(`(?:截至|截止)到?${DATE2}(?:(?<h2>\\d{1,2})时(?:(?<n2>\\d{1,2})分)?)?`, 'dg');
const RELATIVE_RE = /(?:昨日|今日|昨天|今天|当日|当天)\d{1,2}时?(?:—+|至|到)\d{1,2}时/dg;
const LEADING_DATE_RE = new RegExp(`^${DATE1}(?![\\d—至到以])`, 'd');

const RECLASS_LEAD_RE = new RegExp(
  `(?<lead>其中|另有|另|含|包括)?${NUM}例(?:为|系|是)?(?:此前|之前|既往|前期)?(?:报告的|通报的)?(?:新冠肺炎)?无症状感染者(?:转为|转归为|订正为|转)确诊(?:病例)?`,
  'dg',
);
const RECLASS_TRAIL_RE = new RegExp(
  `(?<lead>其中|另有|另|含|包括|新增|当日|今日)?(?:新冠肺炎)?无症状感染者(?:转为|转归为|订正为|转)确诊(?:病例)?(?:为|共|:)?${NUM}(?<unit>例|人|名)`,
  'dg',
);
/** '无新增死亡病例': an explicit zero. */
const NONE_RE = /(?:无|没有|未)新增(?:新冠肺炎)?(?<kind>确诊病例|无症状感染者|治愈出院(?:病例)?|出院病例|死亡病例)/dg;

const TREATMENT_RE = new RegExp(
  `(?:目前|现|仍|均)?(?:在院治疗|住院治疗|在定点医院(?:集中)?(?:救治|治疗)|定点医院(?:集中)?(?:救治|治疗)|集中救治)(?:的)?(?:确诊病例|病例|患者|病人)?(?:共|为|:)?${NUM}(?<unit>例|人|名)`,
  'dg',
);
const TREATMENT_NO_COUNT_RE =
  /(?:除(?:已经|已)?出院(?:的)?(?:康复者|患者|病例)外[,，]?)?(?:其他|其余|其它)?(?:患者|病例)?均在(?:定点医院)?(?:集中)?(?:救治|治疗)/dg;
const OBSERVATION_ASYMPTOMATIC_RE = new RegExp(
  `(?:尚在|正在|仍在)(?:接受)?(?:集中|居家)?(?:隔离)?医学观察(?:的)?(?:新冠肺炎)?无症状感染者(?:共|为|:)?${NUM}(?<unit>例|人|名)`,
  'dg',
);
const OBSERVATION_RE = new RegExp(
  `(?:尚在|正在|仍在)(?:接受)?(?:集中|居家)?(?:隔离)?医学观察(?:的)?(?:密切接触者|密接者|密接|人员)?(?:共|为|:)?${NUM}(?<unit>人|名)`,
  'dg',
);

const MEASURE_RE = new RegExp(
  '(?<mode>今日新增|当日新增|新增|累计|现有)?(?:报告|发现|确认)?(?:新冠肺炎)?(?<imported>境外输入|输入性)?(?:本土|本地)?(?:新冠肺炎)?' +
    '(?<kind>确诊病例|确诊患者|确诊|无症状感染者|无症状|治愈出院病例|治愈出院患者|治愈出院|出院病例|出院患者|出院|死亡病例|死亡)' +
    `(?:人数|数)?(?:为|共|:)?${NUM}(?<unit>例|人|名)`,
  'dg',
);

const LIST_LEAD_RE = /^(?:[,，:]?其中[:,，]?|\((?:其中[:,，]?)?)/d;
const LIST_ITEM_RE = new RegExp(
  `^(?<name>石家庄市|石家庄|${DISTRICT_NAME_ALT}|[\\u4e00-\\u9fff]{1,10}?(?:市|区|县|镇|乡|村|街道))${NUM}(?<unit>例|人|名)`,
  'd',
);
const LIST_SEP_RE = /^(?:、|,|，|以及|和|及|;)/;
const ALL_SHIJIAZHUANG_RE = /^\((?:均为|均系|均是|全部为|均在|均来自)石家庄市?(?:报告)?\)/;

const LEFTOVER_RE = /\d+(?:[, ]\d+)*|[零〇一二两三四五六七八九十百千]+(?=例|名)/g;
const BULLETIN_WORDS_RE = /确诊病例|无症状感染者|治愈出院|死亡病例|尚在医学观察|接受医学观察|在院治疗|新增|累计/;

type Kind = 'confirmed' | 'asymptomatic' | 'discharged' | 'deaths';
type Mode = '新增' | '累计' | '现有';

const KIND_LABEL: Record<Kind, string> = { confirmed: '确诊病例', asymptomatic: '无症状感染者', discharged: '治愈出院', deaths: '死亡病例' };

function kindOf(word: string): Kind {
  if (word.startsWith('确诊')) return 'confirmed';
  if (word.startsWith('无症状')) return 'asymptomatic';
  if (word.includes('出院')) return 'discharged';
  return 'deaths';
}

const FIELD_BY_MODE: Record<Mode, Partial<Record<Kind, ExtractedCountField>>> = {
  新增: { confirmed: 'newConfirmed', asymptomatic: 'newAsymptomatic', discharged: 'newDischarged', deaths: 'newDeaths' },
  累计: { confirmed: 'cumulativeConfirmed', asymptomatic: 'cumulativeAsymptomatic' },
  现有: {},
};

const isDistrictField = (f: ExtractedField): f is ExtractedDistrictField => (EXTRACTED_DISTRICT_FIELDS as readonly string[]).includes(f);

// ---------------------------------------------------------------------------------------------
// Dates

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

/**
 * Years for a start and an end date: stated years win; otherwise the end is in the given year and
 * a start in a later month than the end (12月31日 to 1月1日) is in the year before.
 */
function years(start: DateParts, end: DateParts, year: number): [number, number] {
  const endYear = end.y ?? start.y ?? year;
  const startYear = start.y ?? (start.m > end.m ? endYear - 1 : endYear);
  return [startYear, endYear];
}

// ---------------------------------------------------------------------------------------------

interface ListItem {
  name: string;
  nameStart: number;
  nameEnd: number;
  numStart: number;
  numEnd: number;
  end: number;
  value: number | null;
}

interface ParsedList {
  items: ListItem[];
  end: number;
}

/** A list of "<place><n>例" items right at `pos`: after "其中" or inside parentheses. */
function parseList(w: string, pos: number): ParsedList | null {
  const lead = LIST_LEAD_RE.exec(w.slice(pos));
  if (!lead) return null;
  const inParen = lead[0].includes('(');
  let p = pos + lead[0].length;
  const items: ListItem[] = [];
  let end = p;
  for (;;) {
    const m = LIST_ITEM_RE.exec(w.slice(p));
    if (!m) break;
    const g = m.indices!.groups!;
    items.push({
      name: m.groups!.name!,
      nameStart: p + g.name![0],
      nameEnd: p + g.name![1],
      numStart: p + g.num![0],
      numEnd: p + g.num![1],
      end: p + m[0].length,
      value: parseCount(m.groups!.num!),
    });
    p += m[0].length;
    end = p;
    const sep = LIST_SEP_RE.exec(w.slice(p));
    if (!sep) break;
    p += sep[0].length;
  }
  if (items.length === 0) return null;
  if (inParen && w[end] === ')') end += 1;
  return { items, end };
}

interface Statement {
  ev: ExtractedValue;
  /** A reclassification stated as part of the new confirmed count ("其中3例为…"). */
  inclusive?: boolean;
}

interface FigureInput {
  field: ExtractedCountField | null;
  /** Why a figure with no field is not taken. */
  noField?: string;
  label: string;
  value: number | null;
  /** The whole phrase and the number in it (sentence-local indices of the working text). */
  ls: number;
  le: number;
  ns: number;
  ne: number;
  scope: Scope;
  inclusive?: boolean;
  /** Whether a district or city list may follow. */
  list: boolean;
}

/** Reads a bulletin paragraph; see the file comment for what is returned. */
export function extractReport(text: string, options: ExtractOptions): ExtractionResult {
  const { text: norm, map } = normalise(text);
  const statements: Statement[] = [];
  const unrecognised: UnrecognisedText[] = [];
  const notes: ExtractionNote[] = [];
  let carriedScope: Scope | null = null;
  let scopeStated = false;

  for (const [a, b] of sentenceRanges(norm)) {
    const sentenceStart = map[a]!;
    const sentenceEnd = map[b - 1]! + 1;
    const sentence = text.slice(sentenceStart, sentenceEnd);
    let w = norm.slice(a, b);
    let touched = false;

    const source = (ls: number, le: number): SourceSpan => ({
      sentence,
      sentenceStart,
      sentenceEnd,
      start: map[a + ls]!,
      end: map[a + le - 1]! + 1,
    });
    const consume = (ls: number, le: number) => {
      w = w.slice(0, ls) + '\u0001'.repeat(le - ls) + w.slice(le);
      touched = true;
    };
    const report = (ls: number, le: number, kind: UnrecognisedKind, reason: string) => {
      unrecognised.push({ ...source(ls, le), kind, reason });
      touched = true;
    };
    const note = (ls: number, le: number, message: string) => {
      notes.push({ ...source(ls, le), message });
      touched = true;
    };
    const state = <V extends number | string>(field: ExtractedField, value: V, ls: number, le: number, extra: Partial<ExtractedValue> = {}) => {
      statements.push({ ev: { field, value, ...source(ls, le), ...extra } });
      touched = true;
    };
    const matches = (re: RegExp) => [...w.matchAll(re)];

    const isCumulativeSentence = w.includes('累计') && !w.includes('新增');

    // Periods and dates.
    for (const m of matches(PERIOD_RE)) {
      const g = m.groups!;
      const [ls, le] = [m.index, m.index + m[0].length];
      consume(ls, le);
      const start = { y: num(g.y1), m: Number(g.m1), d: Number(g.d1) };
      const end = g.m2 ? { y: num(g.y2), m: Number(g.m2), d: Number(g.d2) } : { ...start, y: start.y ?? num(g.y2) };
      const [sy, ey] = years(start, end, options.year);
      const from = beijingInstant(sy, start.m, start.d, Number(g.h1), num(g.n1) ?? 0);
      const to = beijingInstant(ey, end.m, end.d, Number(g.h2), num(g.n2) ?? 0);
      if (!from || !to) {
        report(ls, le, 'period', '日期或时刻不存在');
      } else if (to <= from) {
        report(ls, le, 'period', '统计截止时间不晚于开始时间');
      } else if (isCumulativeSentence) {
        state('cumulativeSince', `${sy}-${pad(start.m)}-${pad(start.d)}`, ls, le);
        state('periodEnd', to, ls, le);
      } else {
        state('periodStart', from, ls, le);
        state('periodEnd', to, ls, le);
      }
    }
    for (const m of matches(SINCE_RANGE_RE)) {
      const g = m.groups!;
      const [ls, le] = [m.index, m.index + m[0].length];
      consume(ls, le);
      const start = { y: num(g.y1), m: Number(g.m1), d: Number(g.d1) };
      const end = { y: num(g.y2), m: Number(g.m2), d: Number(g.d2) };
      const [sy, ey] = years(start, end, options.year);
      if (!isCumulativeSentence) {
        report(ls, le, 'period', '统计时段没有写明起止时刻（如“0—24时”）');
        continue;
      }
      if (!validDate(sy, start.m, start.d)) {
        report(ls, le, 'period', '日期不存在');
        continue;
      }
      state('cumulativeSince', `${sy}-${pad(start.m)}-${pad(start.d)}`, ls, m.indices!.groups!.d1![1] + 1);
      if (g.h2 === undefined) {
        report(ls, le, 'period', '累计数的截止时刻没有写明');
        continue;
      }
      const to = beijingInstant(ey, end.m, end.d, Number(g.h2), num(g.n2) ?? 0);
      const endStart = m.indices!.groups!.y2?.[0] ?? m.indices!.groups!.m2![0];
      if (!to) report(ls, le, 'period', '日期或时刻不存在');
      else state('periodEnd', to, endStart, le);
    }
    for (const m of matches(SINCE_RE)) {
      const g = m.groups!;
      const [ls, le] = [m.index, m.index + m[0].length];
      consume(ls, le);
      const y = num(g.y1) ?? options.year;
      if (validDate(y, Number(g.m1), Number(g.d1))) state('cumulativeSince', `${y}-${pad(Number(g.m1))}-${pad(Number(g.d1))}`, ls, le);
      else report(ls, le, 'period', '日期不存在');
    }
    for (const m of matches(AS_OF_RE)) {
      const g = m.groups!;
      const [ls, le] = [m.index, m.index + m[0].length];
      consume(ls, le);
      if (g.h2 === undefined) {
        report(ls, le, 'period', '截止时刻没有写明（如“24时”）');
        continue;
      }
      const y = num(g.y2) ?? options.year;
      const to = beijingInstant(y, Number(g.m2), Number(g.d2), Number(g.h2), num(g.n2) ?? 0);
      const dateStart = m.indices!.groups!.y2?.[0] ?? m.indices!.groups!.m2![0];
      if (to) state('periodEnd', to, dateStart, le);
      else report(ls, le, 'period', '日期或时刻不存在');
    }
    for (const m of matches(RELATIVE_RE)) {
      consume(m.index, m.index + m[0].length);
      report(m.index, m.index + m[0].length, 'period', '“昨日”“今日”等相对日期无法确定是哪一天，请写明月、日');
    }
    const leading = LEADING_DATE_RE.exec(w);
    if (leading && /新增|累计/.test(w)) {
      consume(0, leading[0].length);
      report(0, leading[0].length, 'period', '只写了日期，没有写明统计时段（如“0—24时”），不能当作全天');
    }

    // Scope: the place named right before "新增/累计…", outside parentheses.
    const depth: number[] = [];
    for (let i = 0, d = 0; i < w.length; i += 1) {
      if (w[i] === ')') d = Math.max(0, d - 1);
      depth.push(d);
      if (w[i] === '(') d += 1;
    }
    const scopes = matches(SCOPE_RE)
      .filter((m) => depth[m.index] === 0)
      .map((m) => ({ at: m.index, scope: scopeOf(m.groups!.scope!) }));
    if (scopes.length > 0) scopeStated = true;
    const scopeAt = (pos: number): Scope => {
      let s: Scope | null = carriedScope;
      for (const x of scopes) if (x.at < pos) s = x.scope;
      return s ?? { kind: 'city' };
    };

    const figure = (f: FigureInput) => {
      const { scope } = f;
      let consumedTo = f.le;
      if (f.value === null) {
        consume(f.ls, f.le);
        report(f.ns, f.ne, 'number', `无法读取的数字「${w.slice(f.ns, f.ne)}」`);
        return;
      }
      if (scope.kind === 'other') {
        consume(f.ls, f.le);
        report(f.ls, f.le, 'scope', `这是${scope.name}的数字，不是石家庄市的`);
        return;
      }
      if (scope.kind === 'province') {
        const all = ALL_SHIJIAZHUANG_RE.exec(w.slice(f.le));
        const list = all ? null : parseList(w, f.le);
        const sjz = list?.items.find((i) => i.name === '石家庄市' || i.name === '石家庄');
        if (all) consumedTo = f.le + all[0].length;
        if (list) consumedTo = list.end;
        consume(f.ls, consumedTo);
        if (!all && !sjz) {
          report(f.ls, consumedTo, 'scope', list ? '全省数字，分项中没有石家庄市' : '全省数字，没有单列石家庄市');
          return;
        }
        if (!f.field) {
          report(f.ls, consumedTo, 'unsupported', f.noField ?? '表单没有这一项');
          return;
        }
        if (f.inclusive !== undefined) {
          report(f.ls, consumedTo, 'scope', '全省的无症状感染者转确诊数，无法确定属于石家庄市的部分');
          return;
        }
        if (all) {
          state(f.field, f.value, f.ns, f.ne);
          note(f.ls, consumedTo, `全省${f.label}${f.value}例均为石家庄市报告`);
        } else if (sjz) {
          if (sjz.value === null) {
            report(sjz.numStart, sjz.numEnd, 'number', `无法读取的数字「${w.slice(sjz.numStart, sjz.numEnd)}」`);
            return;
          }
          state(f.field, sjz.value, sjz.numStart, sjz.numEnd);
          note(f.ls, consumedTo, `全省${f.label}${f.value}例，取其中石家庄市的${sjz.value}例`);
          const ours = list!.items.filter((i) => i !== sjz && DISTRICT_ALIASES.has(i.name));
          for (const i of ours) {
            note(i.nameStart, i.end, `${i.name}在全省通报中单列，未计入石家庄市的${sjz.value}例`);
          }
        }
        return;
      }
      consume(f.ls, f.le);
      if (scope.kind === 'district') {
        if (f.field && isDistrictField(f.field)) {
          state(f.field, f.value, f.ns, f.ne, { districtCode: scope.code });
        } else {
          report(f.ls, f.le, 'unsupported', `表单没有分区县的${f.label}`);
        }
        return;
      }
      if (!f.field) {
        report(f.ls, f.le, 'unsupported', f.noField ?? '表单没有这一项');
        return;
      }
      statements.push({ ev: { field: f.field, value: f.value, ...source(f.ns, f.ne) }, inclusive: f.inclusive });
      touched = true;
      const list = f.list ? parseList(w, f.le) : null;
      if (!list) return;
      consume(f.le, list.end);
      const rows = isDistrictField(f.field);
      for (const item of list.items) {
        const d = DISTRICT_ALIASES.get(item.name);
        if (!d) report(item.nameStart, item.end, 'district', `不认识的区县名称「${item.name}」`);
        else if (!rows) report(item.nameStart, item.end, 'unsupported', `表单没有分区县的${f.label}`);
        else if (item.value === null) report(item.numStart, item.numEnd, 'number', `无法读取的数字「${w.slice(item.numStart, item.numEnd)}」`);
        else state(f.field, item.value, item.numStart, item.numEnd, { districtCode: d.code });
      }
    };

    // Reclassified asymptomatic cases, before the plain counts that would misread "确诊病例3例".
    for (const re of [RECLASS_LEAD_RE, RECLASS_TRAIL_RE]) {
      for (const m of matches(re)) {
        const [ls, le] = [m.index, m.index + m[0].length];
        const [ns, ne] = m.indices!.groups!.num!;
        const lead = m.groups!.lead;
        const inclusive = lead === '其中' || lead === '含' || lead === '包括';
        if (re === RECLASS_LEAD_RE && !lead) {
          consume(ls, le);
          report(ls, le, 'ambiguous', '看不出这些转确诊病例是否已包含在新增确诊数中（通报通常写“其中…”或“另有…”）');
          continue;
        }
        const scope = scopeAt(ls);
        if (re === RECLASS_TRAIL_RE && !inclusive && lead !== '另有' && lead !== '另' && scope.kind === 'city') {
          note(ls, le, '转确诊按单列的数字读取，视为未包含在新增确诊中；如通报的新增确诊已含这些病例，请相应调整');
        }
        figure({
          field: 'reclassifiedConfirmed',
          label: '无症状感染者转确诊',
          value: parseCount(m.groups!.num!),
          ls,
          le,
          ns,
          ne,
          scope,
          inclusive,
          list: false,
        });
      }
    }
    for (const m of matches(NONE_RE)) {
      const [ls, le] = [m.index, m.index + m[0].length];
      const kind = kindOf(m.groups!.kind!);
      figure({ field: FIELD_BY_MODE.新增[kind] ?? null, label: KIND_LABEL[kind], value: 0, ls, le, ns: ls, ne: le, scope: scopeAt(ls), list: false });
    }
    for (const m of matches(OBSERVATION_ASYMPTOMATIC_RE)) {
      consume(m.index, m.index + m[0].length);
      report(m.index, m.index + m[0].length, 'ambiguous', '医学观察中的无症状感染者人数；表单的“医学观察”是医学观察人员人数，未填入');
    }
    for (const m of matches(OBSERVATION_RE)) {
      const [ns, ne] = m.indices!.groups!.num!;
      figure({
        field: 'underObservation',
        label: '医学观察人数',
        value: parseCount(m.groups!.num!),
        ls: m.index,
        le: m.index + m[0].length,
        ns,
        ne,
        scope: scopeAt(m.index),
        list: false,
      });
    }
    for (const m of matches(TREATMENT_RE)) {
      const [ns, ne] = m.indices!.groups!.num!;
      figure({
        field: 'underTreatment',
        label: '在院治疗人数',
        value: parseCount(m.groups!.num!),
        ls: m.index,
        le: m.index + m[0].length,
        ns,
        ne,
        scope: scopeAt(m.index),
        list: false,
      });
    }
    for (const m of matches(TREATMENT_NO_COUNT_RE)) {
      consume(m.index, m.index + m[0].length);
      note(m.index, m.index + m[0].length, '通报说明在定点医院救治，但没有给出在院治疗人数');
    }

    // New and cumulative counts. Without 新增/累计 a count takes the one before it in the sentence
    // ("新增确诊病例48例、无症状感染者10例").
    let mode: Mode | null = null;
    for (const m of matches(MEASURE_RE)) {
      const g = m.groups!;
      const [ls, le] = [m.index, m.index + m[0].length];
      const [ns, ne] = m.indices!.groups!.num!;
      const stated = g.mode === undefined ? null : g.mode.endsWith('新增') ? '新增' : (g.mode as Mode);
      mode = stated ?? mode;
      const kind = kindOf(g.kind!);
      if (g.imported) {
        consume(ls, le);
        report(ls, le, 'unsupported', '境外输入病例不计入本地疫情通报的数字');
        continue;
      }
      if (mode === null) {
        consume(ls, le);
        report(ls, le, 'ambiguous', `没有写明是新增还是累计${KIND_LABEL[kind]}`);
        continue;
      }
      const field = FIELD_BY_MODE[mode][kind] ?? null;
      figure({
        field,
        noField: mode === '现有' ? `表单没有“现有${KIND_LABEL[kind]}”一项` : `表单没有累计${KIND_LABEL[kind]}一项`,
        label: `${mode}${KIND_LABEL[kind]}`,
        value: parseCount(g.num!),
        ls,
        le,
        ns,
        ne,
        scope: scopeAt(ls),
        list: true,
      });
    }

    // Whatever number is left was not understood. Dates, times and ordinals are not counts.
    for (const m of w.matchAll(LEFTOVER_RE)) {
      const after = w[m.index + m[0].length];
      if (after !== undefined && '年月日时分号楼栋层室'.includes(after)) continue;
      if (w[m.index - 1] === '第') continue;
      const end = m.index + m[0].length + (after !== undefined && '例人名'.includes(after) ? 1 : 0);
      report(m.index, end, 'number', `未能识别的数字「${text.slice(map[a + m.index]!, map[a + end - 1]! + 1)}」`);
    }
    if (!touched && BULLETIN_WORDS_RE.test(w)) {
      report(0, w.length, 'no-figure', '有疫情通报用语，但没有读出数字');
    }
    if (scopes.length > 0) carriedScope = scopes[scopes.length - 1]!.scope;
  }

  return assemble(statements, unrecognised, notes, scopeStated);
}

// ---------------------------------------------------------------------------------------------

function assemble(statements: Statement[], unrecognised: UnrecognisedText[], notes: ExtractionNote[], scopeStated: boolean): ExtractionResult {
  const byKey = new Map<string, Statement[]>();
  for (const s of statements) {
    const key = s.ev.districtCode ? `${s.ev.districtCode}:${s.ev.field}` : s.ev.field;
    byKey.set(key, [...(byKey.get(key) ?? []), s]);
  }
  const conflicts: ExtractionConflict[] = [];
  const resolved = new Map<string, Statement>();
  for (const [key, list] of byKey) {
    const distinct = new Set(list.map((s) => s.ev.value));
    if (distinct.size === 1) {
      resolved.set(key, list[0]!);
      continue;
    }
    const first = list[0]!.ev;
    conflicts.push({
      field: first.field,
      ...(first.districtCode ? { districtCode: first.districtCode } : {}),
      values: list.map((s) => s.ev),
      message: `同一项出现了不同的数字：${[...distinct].join('、')}`,
    });
  }

  const fields = Object.fromEntries(
    (['periodStart', 'periodEnd', 'cumulativeSince', ...EXTRACTED_COUNT_FIELDS] as const).map((f) => [f, resolved.get(f)?.ev ?? null]),
  ) as ExtractedFields;

  // A reclassification stated inside the new confirmed count: the form counts them apart, since
  // cumulative confirmed = previous + new confirmed + reclassified.
  const reclass = resolved.get('reclassifiedConfirmed');
  const confirmed = fields.newConfirmed;
  if (reclass?.inclusive && confirmed) {
    const r = reclass.ev.value as number;
    if (confirmed.value >= r) {
      fields.newConfirmed = { ...confirmed, value: confirmed.value - r, stated: confirmed.value };
      notes.push({
        ...span(reclass.ev),
        message: `新增确诊${confirmed.value}例中含无症状感染者转确诊${r}例；本表分开填写：新增确诊${confirmed.value - r}例，转确诊${r}例`,
      });
    } else {
      fields.newConfirmed = null;
      unrecognised.push({ ...span(reclass.ev), kind: 'ambiguous', reason: `转确诊${r}例多于新增确诊${confirmed.value}例，无法拆分` });
    }
  }

  // A district stated only in conflict still gets its row, with the field left empty.
  const districts = new Map<string, ExtractedDistrict>();
  for (const s of statements) {
    const code = s.ev.districtCode;
    if (!code) continue;
    let row = districts.get(code);
    if (!row) {
      const d = SHIJIAZHUANG_DISTRICTS.find((x) => x.code === code)!;
      row = { districtCode: code, districtName: d.shortName, newConfirmed: null, newAsymptomatic: null, cumulativeConfirmed: null, cumulativeAsymptomatic: null };
      districts.set(code, row);
    }
    const field = s.ev.field as ExtractedDistrictField;
    row[field] = (resolved.get(`${code}:${field}`)?.ev as ExtractedValue<number> | undefined) ?? null;
  }

  const counted = EXTRACTED_COUNT_FIELDS.some((f) => fields[f]) || districts.size > 0;
  const first = statements.find((s) => typeof s.ev.value === 'number');
  if (counted && !scopeStated && first) {
    notes.push({ ...span(first.ev), message: '通报没有写明“全市”或“石家庄市”，按石家庄市的数字读取' });
  }

  const byStart = <T extends { start: number }>(x: T, y: T) => x.start - y.start;
  return {
    fields,
    districts: [...districts.values()].sort((x, y) => DISTRICT_ORDER.get(x.districtCode)! - DISTRICT_ORDER.get(y.districtCode)!),
    values: statements.map((s) => s.ev).sort(byStart),
    unrecognised: unrecognised.sort(byStart),
    conflicts,
    notes: notes.sort(byStart),
  };
}

function span(s: SourceSpan): SourceSpan {
  return { sentence: s.sentence, sentenceStart: s.sentenceStart, sentenceEnd: s.sentenceEnd, start: s.start, end: s.end };
}

/** The plain values of an extraction, shaped like the report form (null where nothing was read). */
export function extractedFormValues(result: ExtractionResult) {
  const f = result.fields;
  const v = <V extends number | string>(x: ExtractedValue<V> | null) => (x ? x.value : null);
  return {
    periodStart: v(f.periodStart),
    periodEnd: v(f.periodEnd),
    ...(Object.fromEntries(EXTRACTED_COUNT_FIELDS.map((k) => [k, v(f[k])])) as Record<ExtractedCountField, number | null>),
    districts: result.districts.map((d) => ({
      districtCode: d.districtCode,
      newConfirmed: v(d.newConfirmed),
      newAsymptomatic: v(d.newAsymptomatic),
      cumulativeConfirmed: v(d.cumulativeConfirmed),
      cumulativeAsymptomatic: v(d.cumulativeAsymptomatic),
    })),
  };
}
