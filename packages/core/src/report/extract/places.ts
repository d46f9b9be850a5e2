// Places as bulletins name them: Shijiazhuang's county-level units (full name, short name, stem),
// the city, the province and other places, and whose figures a sentence states.
import { SHIJIAZHUANG_DISTRICTS } from '../../district/shijiazhuang.ts';
import type { Sentence } from './sentence.ts';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const byLengthDesc = (a: string, b: string) => b.length - a.length;

interface DistrictName {
  code: string;
  name: string;
}
/** Every way a bulletin names a district: full name, short name, the name without 区/县/市. */
export const DISTRICT_ALIASES = new Map<string, DistrictName>();
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
export const DISTRICT_ORDER = new Map(SHIJIAZHUANG_DISTRICTS.map((d, i) => [d.code, i]));
export const DISTRICT_NAME_ALT = [...DISTRICT_ALIASES.keys()].sort(byLengthDesc).map(escape).join('|');
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

/** Other cities of the province by their stems, as a list names them ('其中石家庄118例，邢台9例'). */
export const OTHER_CITY_STEM_ALT = OTHER_PLACES.filter((p) => p.endsWith('市') && p.length >= 3)
  .map((p) => p.slice(0, -1))
  .sort(byLengthDesc)
  .join('|');

export type Scope =
  { kind: 'city' } | { kind: 'province' } | { kind: 'other'; name: string } | { kind: 'district'; code: string; name: string };

/**
 * Any other county or city written as the subject right after a clause boundary ('，南宫市新增…',
 * '，廊坊市固安县新增…'): a place the lists above do not name, never the city's own (see scopeOf).
 */
const ANY_PLACE =
  // Not an attribution ('，为藁城区报告', '，均在藁城区'): that says where a figure was, see figure.ts.
  '(?<=^|[，,。:;、)\\s时日])(?!(?:均|全部)?(?:为|系|是|在|来自)|其中|另)[\\u4e00-\\u9fff]{1,8}?(?:市|县|区)';

const SCOPE_RE = new RegExp(
  // Not right after 为/在/系: '为长安区报告' says where a figure was, it does not open a district's figures.
  `(?<![为在系])(?<scope>河北省|全省|我省|本省|河北|石家庄市|石家庄|石市|全市|我市|本市|${DISTRICT_SUBJECT_ALT}|${OTHER_PLACES.join('|')}|${ANY_PLACE})` +
    // A period already read (blanked out), or a word between: '河北省13日0时至24时，新增…', '河北省6日新增…', '河北省本轮疫情累计…'.
    // '石家庄当天并新增…', '石家庄亦新增…', '河北省的90宗新病例': a day and a word that adds between.
    '(?=(?:\u0001+[,，]?|本轮疫情|本轮)?(?:\\d{1,2}日|当天|当日|昨日|昨天|今天|单日)?(?:还|也|又|并|亦|再)?(?:今日|当日|新增|累计|现有|共|报告|尚在|正在|仍在|目前|在院|治愈|死亡|无新增|本土|本地|有|已有|:|的(?=\\d)))',
  'dg',
);

/** Whose figures a place's name states: the province, the city, one of its districts, or another place. */
export function scopeOf(written: string): Scope {
  if (['河北省', '全省', '我省', '本省', '河北'].includes(written)) return { kind: 'province' };
  // '河北省石家庄市', '石家庄市藁城区': the city, or its district.
  const inProvince = written.replace(/^河北省?(?=.)/, '');
  const name = /^石家庄市./.test(inProvince) ? inProvince.slice(4) : /^石家庄[^市]/.test(inProvince) ? inProvince.slice(3) : inProvince;
  if (['石家庄市', '石家庄', '石市', '全市', '我市', '本市'].includes(name)) return { kind: 'city' };
  const d = DISTRICT_ALIASES.get(name);
  if (d) return { kind: 'district', code: d.code, name: d.name };
  return { kind: 'other', name: written };
}

export interface ScopeMention {
  at: number;
  scope: Scope;
}

/**
 * Another city whose own text this is ('河北省邢台市召开疫情防控工作第32场新闻发布会…全市无新增…'):
 * named as the body that speaks, in a text that never names 石家庄. Its '全市' is that city.
 */
const ISSUER_RE = new RegExp(
  `(?:河北省)?(?<city>${OTHER_PLACES.filter((p) => p.endsWith('市')).join('|')}|[\\u4e00-\\u9fff]{2,4}市)(?:人民政府)?(?:新闻办公室|新闻办|卫生健康委员会|卫健委)?(?:召开|举行|通报|发布)`,
);
export function issuingCity(text: string): Scope | null {
  if (text.includes('石家庄') || text.includes('石市')) return null;
  const m = ISSUER_RE.exec(text);
  return m ? { kind: 'other', name: m.groups!.city! } : null;
}

/** The nation's figures ('国家卫健委25日通报，…境内31个省共新增124起确诊病例'): a figure that names no place is not the city's. */
// The nation's bulletin by its own words ('31个省（自治区、直辖市）和新疆生产建设兵团报告…'), and reports
// of the nation's figures ('中国大陆昨新增33例', '内地过去一日新增144人').
const NATION_ISSUER_RE =
  /国家卫健委|国家卫生健康委|国家卫生健康委员会|国务院联防联控机制|31个省|中国大陆|中国内地|(?<![\u4e00-\u9fff])内地|^中国(?:新冠肺炎|新冠)?疫情/;
export function issuingNation(text: string): Scope | null {
  return NATION_ISSUER_RE.test(text) ? { kind: 'other', name: '全国' } : null;
}

/** The province's own bulletin ('河北省卫健委通报，…'): a figure that names no place is the province's. */
const PROVINCE_ISSUER_RE = /(?:河北省|河北)(?:卫生健康委员会|卫生健康委|卫健委|人民政府新闻办公室|人民政府新闻办|政府新闻办)/;
export function issuingProvince(text: string): Scope | null {
  return PROVINCE_ISSUER_RE.test(text) ? { kind: 'province' } : null;
}

/** A city named anywhere (an issuer too: '石家庄市卫健委通报'), for '该市' after it. */
const NAMED_CITY_RE = new RegExp(`(?:河北省)?(?:石家庄市|石家庄|${OTHER_PLACES.filter((p) => p.endsWith('市')).join('|')})`, 'g');

/** Which city '该市' ("the said city") is: the last one named before it in the sentence, else the one carried. */
function saidCity(w: string, at: number, carried: Scope | null): Scope {
  const named = [...w.slice(0, at).matchAll(NAMED_CITY_RE)].at(-1);
  if (named) return scopeOf(named[0]);
  return carried && (carried.kind === 'city' || carried.kind === 'other') ? carried : { kind: 'city' };
}

/**
 * The places named right before "新增/累计…" in the sentence, outside parentheses; '全市' is
 * `localCity` when given; '该市' is the city named before it (`carried`: the one of an earlier sentence).
 */
export function findScopes(s: Sentence, localCity: Scope | null = null, carried: Scope | null = null): ScopeMention[] {
  const depth: number[] = [];
  for (let i = 0, d = 0; i < s.w.length; i += 1) {
    if (s.w[i] === ')') d = Math.max(0, d - 1);
    depth.push(d);
    if (s.w[i] === '(') d += 1;
  }
  return s
    .matches(SCOPE_RE)
    .filter((m) => depth[m.index] === 0)
    .map((m) => {
      const written = m.groups!.scope!;
      if (written === '该市') return { at: m.index, scope: saidCity(s.w, m.index, carried) };
      const local = localCity && ['全市', '我市', '本市'].includes(written);
      return { at: m.index, scope: local ? localCity : scopeOf(written) };
    });
}

/**
 * Whose figure a position states: the last place named before it, else the place carried from an
 * earlier sentence, else the city (or the other city whose text it is).
 */
export function scopeFinder(
  scopes: readonly ScopeMention[],
  carried: Scope | null,
  fallback: Scope = { kind: 'city' },
): (pos: number) => Scope {
  return (pos) => {
    let s: Scope | null = carried;
    for (const x of scopes) if (x.at < pos) s = x.scope;
    return s ?? fallback;
  };
}
