// Where a figure read by a rule belongs, and the lists of places that may follow it.
import { EXTRACTED_DISTRICT_FIELDS, type ExtractedCountField, type ExtractedDistrictField, type ExtractedField } from './types.ts';
import { NUM, parseCount } from './numbers.ts';
import { DISTRICT_ALIASES, DISTRICT_NAME_ALT, OTHER_CITY_STEM_ALT, type Scope } from './places.ts';
import type { Sentence } from './sentence.ts';

/** An item's own breakdown said in words: '石家庄市新增16例，分布情况是藁城区15例，开发区1例'. */
const BREAKDOWN_WORDS = '(?:分布情况是|分布情况为|分布为|分布在|分别为|分别是)';
const BREAKDOWN_WORDS_RE = new RegExp(`^[,，]?${BREAKDOWN_WORDS}`);
const LIST_LEAD_RE = new RegExp(
  // '其中藁城区40例…', '(藁城区40例…)', or right after a comma when a district and its count follow ('，藁城区15例、新华区2例').
  // '，分布情况是藁城区15例…', '，分别为藁城区…': a breakdown said in words.
  // '新增的33例确诊中，有31例在石家庄市': after the count's '中'.
  `^中?(?:[,，:]?其中[:,，]?(?:有)?|[,，]有(?=\\d)|[,，]?${BREAKDOWN_WORDS}[:,，]?|\\((?:其中|${BREAKDOWN_WORDS})?[:,，]?|[,，:](?=(?:${DISTRICT_NAME_ALT})${NUM}(?:例|人|名)))`,
  'd',
);
/** All of a city figure in one district: '，均为石家庄市藁城区报告', '，均在藁城区', '，为长安区报告', '，来自藁城区的指定隔离点', '(均为藁城区)'. */
const ATTRIBUTION_WORDS = '(?:均为|均系|均是|均在|均来自|全部为|全部在|全部来自|为|系|在|来自)(?:石家庄市|石家庄)?';
const ATTRIBUTION_TAIL = '(?:报告|发现|通报)?(?:的)?(?:病例)?';
const ATTRIBUTION_RE = new RegExp(
  // Without the comma only after 全部/均 ('19例确诊病例全部来自藁城区').
  // In parentheses the district alone will do: '新增确诊病例1例（藁城区）'.
  `^(?:\\((?:${ATTRIBUTION_WORDS})?(?<inner>${DISTRICT_NAME_ALT})${ATTRIBUTION_TAIL}\\)|(?:[,，]${ATTRIBUTION_WORDS}|(?=全部|均)${ATTRIBUTION_WORDS})(?<name>${DISTRICT_NAME_ALT})${ATTRIBUTION_TAIL})`,
  'd',
);
const LIST_ITEM_RE = new RegExp(
  `^(?<name>石家庄市|石家庄|${DISTRICT_NAME_ALT}|[\\u4e00-\\u9fff]{1,10}?(?:市|区|县|镇|乡|村|街道)|${OTHER_CITY_STEM_ALT})(?:报告|新增|发现)?${NUM}(?<unit>例|人|名)`,
  'd',
);
/** An item with its count first: '其中11宗在省会石家庄市，3宗在相邻的邢台市', '有31例在石家庄市'. */
const LIST_ITEM_NUM_FIRST_RE = new RegExp(
  `^${NUM}(?<unit>例|人|名|宗)(?:在|位于|来自|为)(?:省会|相邻的)?(?<name>石家庄市|石家庄|${DISTRICT_NAME_ALT}|${OTHER_CITY_STEM_ALT}|[\\u4e00-\\u9fff]{1,10}?(?:市|区|县))(?:报告)?`,
  'd',
);
const LIST_SEP_RE = /^(?:、|,|，|以及|和|及|;)/;
/** A province figure all of which is the city's: '(均为石家庄市报告)', '，均为石家庄市藁城区报告' (then also that district's row). */
const ALL_WORDS = '(?:均为|均系|均是|全部为|全部在|全部来自|均在|均来自|为|在)';
const ALL_SHIJIAZHUANG_RE = new RegExp(
  // A reclassification read before and blanked out may stand between: '新增5例…，含1例无症状转确诊，均在石家庄市藁城区',
  // '新增5例本土确诊病例（1例为无症状转确诊），均在石家庄市藁城区'.
  // Without the comma only after 均/全部 ('新增14例确诊病例均为石家庄市报告').
  `^(?:[,，]\u0001+|\\(\u0001+\\))?(?:\\(${ALL_WORDS}?石家庄市?(?<inner>${DISTRICT_NAME_ALT})?(?:报告)?\\)|(?:[,，]|(?=均|全部))${ALL_WORDS}石家庄市?(?<name>${DISTRICT_NAME_ALT})?(?:报告)?)`,
  'd',
);

/** The next clause a second count of the province, then '，均为石家庄市报告' for both. */
const BOTH_IN_CITY_RE =
  /^[,，、](?:新增)?(?:\d+例)?(?:本地|本土)?(?:新冠肺炎)?(?:确诊病例|无症状感染者)(?:\d+例)?[,，](?:均为|均系|均是|全部为|均在|全部在)石家庄/;

/** '新增八宗确诊病例的…增村镇小果庄村，': a count that describes a village, township or community. */
const OF_A_LOCALITY_RE = /^的[\u4e00-\u9fff]{1,24}?(?:村|镇|乡|街道|小区|社区)(?=[,，。;；、)]|$)/;

/** '，大部分来自石家庄', '，多数在藁城区': part of a count, not how much. */
const PART_OF_IT_RE = /^[,，]?(?:其中)?(?:绝大部分|大部分|大部|绝大多数|大多数|多数|大多|主要)(?:来自|在|为|集中在|集中于|分布在|是)/;

const isDistrictField = (f: ExtractedField): f is ExtractedDistrictField => (EXTRACTED_DISTRICT_FIELDS as readonly string[]).includes(f);

interface ListItem {
  /** Its own breakdown right after it ('石家庄16例（藁城区15例、新华区1例）', '…16例，分布情况是藁城区15例…'). */
  nested?: ParsedList;
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
    const m = LIST_ITEM_RE.exec(w.slice(p)) ?? LIST_ITEM_NUM_FIRST_RE.exec(w.slice(p));
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
    if (w[p] === '(' || BREAKDOWN_WORDS_RE.test(w.slice(p))) {
      const nested = parseList(w, p);
      if (nested) {
        items[items.length - 1]!.nested = nested;
        p = nested.end;
      }
    }
    end = p;
    const sep = LIST_SEP_RE.exec(w.slice(p));
    if (!sep) break;
    p += sep[0].length;
  }
  if (items.length === 0) return null;
  if (inParen && w[end] === ')') end += 1;
  return { items, end };
}

/** A figure read by a rule, to be placed by whose figure it is. */
export interface FigureInput {
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

/**
 * Takes a figure by whose it is: the city's (with the per-district list that may follow it), a
 * district's, the province's (only when Shijiazhuang's part is stated), or another place's (never).
 */
export function placeFigure(s: Sentence, f: FigureInput): void {
  const { scope } = f;
  if (f.value === null) {
    s.consume(f.ls, f.le);
    s.report(f.ns, f.ne, 'number', `无法读取的数字「${s.originalText(f.ns, f.ne)}」`);
    return;
  }
  if (scope.kind === 'other') {
    s.consume(f.ls, f.le);
    s.report(f.ls, f.le, 'scope', `这是${scope.name}的数字，不是石家庄市的`);
    return;
  }
  // '再多14宗確診，大部分來自石家莊': only part of it is the city's, and how much is not said.
  const part = PART_OF_IT_RE.exec(s.w.slice(f.le));
  if (part) {
    s.consume(f.ls, f.le + part[0].length);
    s.report(f.ls, f.le + part[0].length, 'scope', '只说其中大部分在某地，没有给出石家庄市的数字');
    return;
  }
  // '新增八宗确诊病例的石家庄藁城区增村镇小果庄村': the count describes a village, it is not the city's.
  const locality = OF_A_LOCALITY_RE.exec(s.w.slice(f.le));
  if (locality) {
    s.consume(f.ls, f.le + locality[0].length);
    s.report(f.ls, f.le + locality[0].length, 'scope', '这是一个村镇、社区的病例数，不是石家庄市的数字');
    return;
  }
  // '新增14宗本地确诊个案，其中11宗在省会石家庄市，3宗在…邢台市': a list naming the city makes the figure the province's.
  const namesCity = (i: ListItem) => i.name === '石家庄市' || i.name === '石家庄';
  if (scope.kind === 'province' || (scope.kind === 'city' && f.list && parseList(s.w, f.le)?.items.some(namesCity))) {
    placeProvinceFigure(s, f, f.value);
    return;
  }
  s.consume(f.ls, f.le);
  if (scope.kind === 'district') {
    if (f.field && isDistrictField(f.field)) {
      s.state(f.field, f.value, f.ns, f.ne, { districtCode: scope.code });
    } else {
      s.report(f.ls, f.le, 'unsupported', `表单没有分区县的${f.label}`);
    }
    return;
  }
  if (!f.field) {
    s.report(f.ls, f.le, 'unsupported', f.noField ?? '表单没有这一项');
    return;
  }
  s.stateFigure(f.field, f.value, f.ns, f.ne, f.inclusive);
  if (f.list) readDistrictList(s, f.field, f.label, f.le, f.value);
}

/** A province-wide figure: taken only for Shijiazhuang's part, "(均为石家庄市报告)" or "其中石家庄市n例". */
function placeProvinceFigure(s: Sentence, f: FigureInput, value: number): void {
  let consumedTo = f.le;
  const parenthesised = s.w[f.le] === '(';
  const all = ALL_SHIJIAZHUANG_RE.exec(s.w.slice(f.le));
  const list = all ? null : parseList(s.w, f.le);
  // '新增14例本地确诊病例，新增3例本地无症状感染者，均为石家庄市报告': the 均 covers both counts.
  if (!all && !list && f.inclusive === undefined && BOTH_IN_CITY_RE.test(s.w.slice(f.le))) {
    s.consume(f.ls, f.le);
    if (!f.field) s.report(f.ls, f.le, 'unsupported', f.noField ?? '表单没有这一项');
    else {
      s.stateFigure(f.field, value, f.ns, f.ne, undefined);
      s.note(f.ls, f.le, `全省${f.label}${value}例与其后的数字均为石家庄市报告`);
    }
    return;
  }
  const sjz = list?.items.find((i) => i.name === '石家庄市' || i.name === '石家庄');
  if (all) consumedTo = f.le + all[0].length;
  if (list) consumedTo = list.end;
  // All the province's cases in the city: the count the reclassification is part of reads it too.
  if (all && f.inclusive !== undefined) consumedTo = f.le;
  s.consume(f.ls, consumedTo);
  if (!all && !sjz) {
    s.report(f.ls, consumedTo, 'scope', list ? '全省数字，分项中没有石家庄市' : '全省数字，没有单列石家庄市');
    return;
  }
  if (!f.field) {
    s.report(f.ls, consumedTo, 'unsupported', f.noField ?? '表单没有这一项');
    return;
  }
  // A reclassification's own breakdown is in parentheses right after it ('其中14例为…（石家庄市13例、邢台市1例）');
  // a list after a comma there is the confirmed count's, not the reclassification's.
  if (f.inclusive !== undefined && !all && !parenthesised) {
    s.report(f.ls, consumedTo, 'scope', '全省的无症状感染者转确诊数，无法确定属于石家庄市的部分');
    return;
  }
  if (all) {
    s.stateFigure(f.field, value, f.ns, f.ne, f.inclusive);
    s.note(f.ls, f.le + all[0].length, `全省${f.label}${value}例均为石家庄市报告`);
    const district = all.groups!.inner ?? all.groups!.name;
    const at = all.indices!.groups!.inner ?? all.indices!.groups!.name;
    if (district && at && isDistrictField(f.field)) {
      s.state(f.field, value, f.le + at[0], f.le + at[1], { districtCode: DISTRICT_ALIASES.get(district)!.code });
    } else if (f.inclusive === undefined) {
      // '，均在石家庄市，其中藁城区43例，裕华区2例…': the city's count by district.
      readDistrictList(s, f.field, f.label, consumedTo, value);
    }
  } else if (sjz) {
    if (sjz.value === null) {
      s.report(sjz.numStart, sjz.numEnd, 'number', `无法读取的数字「${s.originalText(sjz.numStart, sjz.numEnd)}」`);
      return;
    }
    s.stateFigure(f.field, sjz.value, sjz.numStart, sjz.numEnd, f.inclusive);
    s.note(f.ls, consumedTo, `全省${f.label}${value}例，取其中石家庄市的${sjz.value}例`);
    // '其中石家庄16例（藁城区15例，高新区1例）' or '其中石家庄市新增16例，藁城区15例、开发区1例': the city's share by district.
    const breakdown = sjz.nested ?? cityBreakdown(list!, sjz);
    const ours = list!.items.filter((i) => i !== sjz && !breakdown?.items.includes(i) && DISTRICT_ALIASES.has(i.name));
    for (const i of ours) {
      s.note(i.nameStart, i.end, `${i.name}在全省通报中单列，未计入石家庄市的${sjz.value}例`);
    }
    if (breakdown) stateDistrictRows(s, f.field, f.label, breakdown);
  }
}

/**
 * The districts listed right after the city's share in a province's list ('石家庄市新增16例，藁城区15例、
 * 开发区1例；邢台市…'): its breakdown only when they are districts (区, 县: a 市 such as 辛集市 is listed
 * apart by the province) and add up to the city's count exactly.
 */
function cityBreakdown(list: ParsedList, sjz: ListItem): ParsedList | null {
  const items: ListItem[] = [];
  for (const i of list.items.slice(list.items.indexOf(sjz) + 1)) {
    // A district of the city, or an area named 区 the list of districts does not know ('开发区').
    if (!/[区县]$/.test(i.name) || !(DISTRICT_ALIASES.has(i.name) || /^[\u4e00-\u9fff]{1,6}区$/.test(i.name))) break;
    items.push(i);
  }
  if (items.length === 0 || items.some((i) => i.value === null)) return null;
  const sum = items.reduce((t, i) => t + i.value!, 0);
  return sum === sjz.value ? { items, end: items[items.length - 1]!.end } : null;
}

/**
 * The per-district figures right after a city figure: a list ("其中藁城区40例、新华区8例"), or the
 * whole figure in one district ("，均为藁城区报告"), which is that district's row.
 */
function readDistrictList(s: Sentence, field: ExtractedCountField, label: string, at: number, value: number): void {
  const list = parseList(s.w, at);
  if (!list) {
    readAttribution(s, field, at, value);
    return;
  }
  s.consume(at, list.end);
  stateDistrictRows(s, field, label, list);
}

/** A district named at the start of a place in a list ('藁城区小果庄村', '正定县南楼乡孔村'), by its full or short name. */
type DistrictName = { code: string; name: string };
function districtAtStart(name: string): DistrictName | null {
  for (const alias of DISTRICT_PREFIXES) if (name.startsWith(alias)) return DISTRICT_ALIASES.get(alias)!;
  return null;
}
const DISTRICT_PREFIXES = [...DISTRICT_ALIASES.keys()]
  .filter((a) => /[区县市]$/.test(a) && a.length >= 3)
  .sort((a, b) => b.length - a.length);
/** A village, town or neighbourhood: in a list, it belongs to the district named before it. */
const LOCALITY_RE = /(?:村|镇|乡|街道|小区|社区)$/;

/**
 * The rows of a list of districts read (and consumed already): each district's figure, or why not.
 * A list of villages ('藁城区小果庄村17例，南桥寨村9例…；新乐市里辉村1例') gives each district the sum
 * of its villages, a village going with the district named before it.
 */
function stateDistrictRows(s: Sentence, field: ExtractedCountField, label: string, list: ParsedList): void {
  const rows = isDistrictField(field);
  const sums = new Map<string, { name: string; items: ListItem[] }>();
  let current: DistrictName | null = null;
  for (const item of list.items) {
    const exact: DistrictName | undefined = DISTRICT_ALIASES.get(item.name);
    const local: DistrictName | null = LOCALITY_RE.test(item.name) ? (districtAtStart(item.name) ?? current) : null;
    const d: DistrictName | null = exact ?? local;
    if (exact || (local && districtAtStart(item.name))) current = d;
    if (!d) s.report(item.nameStart, item.end, 'district', `不认识的区县名称「${item.name}」`);
    else if (!rows) s.report(item.nameStart, item.end, 'unsupported', `表单没有分区县的${label}`);
    else if (item.value === null)
      s.report(item.numStart, item.numEnd, 'number', `无法读取的数字「${s.originalText(item.numStart, item.numEnd)}」`);
    else sums.set(d.code, { name: d.name, items: [...(sums.get(d.code)?.items ?? []), item] });
  }
  for (const [code, { name, items }] of sums) {
    const one = items.length === 1 && DISTRICT_ALIASES.has(items[0]!.name);
    const first = items[0]!;
    const last = items[items.length - 1]!;
    const value = items.reduce((t, i) => t + i.value!, 0);
    if (one) s.state(field, value, first.numStart, first.numEnd, { districtCode: code });
    else {
      s.state(field, value, first.nameStart, last.numEnd, { districtCode: code });
      s.note(first.nameStart, last.end, `${name}的${value}例：按所列${items.length}处地点相加`);
    }
  }
}

/**
 * A breakdown by district of the city's new cases of one kind, in a sentence of its own: '新增确诊病例中，
 * 藁城区11例，新华区3例'. Returns whether a list of districts was there.
 */
export function readBreakdownAfter(s: Sentence, at: number, field: ExtractedCountField, label: string): boolean {
  const list = parseList(s.w, at);
  if (!list || !list.items.every((i) => DISTRICT_ALIASES.has(i.name) || /(?:村|镇|乡|街道|小区|社区)$/.test(i.name))) return false;
  s.consume(at, list.end);
  stateDistrictRows(s, field, label, list);
  return true;
}

/** "，均为藁城区报告" after a city figure: all of it in one district. Only for the figures the form has per district. */
function readAttribution(s: Sentence, field: ExtractedCountField, at: number, value: number): void {
  if (!isDistrictField(field)) return;
  const m = ATTRIBUTION_RE.exec(s.w.slice(at));
  if (!m) return;
  const name = m.groups!.inner ?? m.groups!.name!;
  const d = DISTRICT_ALIASES.get(name)!;
  const [ns, ne] = (m.indices!.groups!.inner ?? m.indices!.groups!.name)!;
  s.consume(at, at + m[0].length);
  s.state(field, value, at + ns, at + ne, { districtCode: d.code });
  s.note(at, at + m[0].length, `${d.name}的${value}例：通报写明全部在${d.name}`);
}
