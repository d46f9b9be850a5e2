// Matching the names residents and notices write to the divisions they mean: with or without the
// 市/县/区 suffix, with the city (or province) in front. Pure and browser-safe.

export const DIVISION_LEVELS = ['province', 'city', 'county', 'township'] as const;
export type DivisionLevel = (typeof DIVISION_LEVELS)[number];

export interface DivisionLike {
  code: string;
  name: string;
  level: DivisionLevel;
  parentCode: string | null;
}

// Longest first: 自治县 before 县.
const SUFFIXES = ['自治县', '自治州', '地区', '街道', '市', '县', '区', '镇', '乡', '省'];

/** The name without its administrative suffix ('南宫市' → '南宫', '赵县' → '赵'), or the name itself. */
export function divisionStem(name: string): string {
  const n = name.trim();
  for (const s of SUFFIXES) if (n.length > s.length && n.endsWith(s)) return n.slice(0, -s.length);
  return n;
}

/** The ways a division may be written on its own: its name, its stem, and any known short names. */
export function divisionAliases(d: { name: string }, shortNames: readonly string[] = []): string[] {
  return [...new Set([d.name, divisionStem(d.name), ...shortNames])];
}

export type CountyMatch<D extends DivisionLike> =
  { status: 'found'; division: D } | { status: 'ambiguous'; candidates: D[] } | { status: 'unknown'; suggestions: D[] };

export interface CountyIndex<D extends DivisionLike> {
  byCode: ReadonlyMap<string, D>;
  /** County-level units by each way of writing them. */
  byAlias: ReadonlyMap<string, D[]>;
  /** Cities (and the province) by each way of writing them. */
  parents: ReadonlyMap<string, D[]>;
  counties: readonly D[];
  /** The province the divisions are of. */
  province: D | null;
  homeCity: string | null;
}

export function countyIndex<D extends DivisionLike>(
  divisions: readonly D[],
  options: { homeCity?: string | null; shortNames?: ReadonlyMap<string, readonly string[]> } = {},
): CountyIndex<D> {
  const byCode = new Map(divisions.map((d) => [d.code, d]));
  const byAlias = new Map<string, D[]>();
  const parents = new Map<string, D[]>();
  const add = (map: Map<string, D[]>, key: string, d: D) => {
    const list = map.get(key) ?? [];
    if (!list.includes(d)) list.push(d);
    map.set(key, list);
  };
  const counties = divisions.filter((d) => d.level === 'county');
  for (const d of counties) for (const a of divisionAliases(d, options.shortNames?.get(d.code))) add(byAlias, a, d);
  for (const d of divisions) if (d.level === 'city' || d.level === 'province') for (const a of divisionAliases(d)) add(parents, a, d);
  return {
    byCode,
    byAlias,
    parents,
    counties,
    province: divisions.find((d) => d.level === 'province') ?? null,
    homeCity: options.homeCity ?? null,
  };
}

/**
 * The county-level unit a name means: '南宫市', '南宫', '邢台市南宫市', '河北省邢台市南宫市', with `city`
 * ('邢台市' or '邢台') narrowing it. A name two cities share ('桥西区') is the home city's when no city
 * is given, and ambiguous otherwise. An unknown name comes with the closest names.
 */
export function matchCounty<D extends DivisionLike>(index: CountyIndex<D>, raw: string, city?: string | null): CountyMatch<D> {
  let name = raw.replace(/\s+/g, '');
  if (/^\d{6}$/.test(name)) {
    const byCode = index.byCode.get(name);
    return byCode?.level === 'county' ? { status: 'found', division: byCode } : { status: 'unknown', suggestions: [] };
  }
  let cities: D[] | null = null;
  if (city && city.trim() !== '') {
    const c = city.replace(/\s+/g, '');
    cities = index.parents.get(c) ?? index.parents.get(divisionStem(c)) ?? [];
    if (cities.length === 0) {
      // A county-level city the province administers directly (定州市, 辛集市) is written as the city.
      const direct = index.byAlias.get(c) ?? index.byAlias.get(divisionStem(c)) ?? [];
      const inner = matchCounty(index, name);
      if (inner.status === 'found' && direct.includes(inner.division)) return inner;
      return { status: 'unknown', suggestions: direct };
    }
  }
  // A prefix naming the province and/or the city narrows the cities.
  const prefixed = stripParents(index, name);
  name = prefixed.name;
  if (prefixed.cities) cities = cities ? cities.filter((c) => prefixed.cities!.includes(c)) : prefixed.cities;
  let candidates = index.byAlias.get(name) ?? index.byAlias.get(divisionStem(name)) ?? [];
  if (cities) {
    const codes = new Set(cities.map((c) => c.code));
    candidates = candidates.filter((d) => codes.has(d.parentCode ?? ''));
  }
  if (candidates.length === 1) return { status: 'found', division: candidates[0]! };
  if (candidates.length > 1) {
    const home = candidates.filter((d) => d.parentCode === index.homeCity);
    if (!cities && home.length === 1) return { status: 'found', division: home[0]! };
    return { status: 'ambiguous', candidates };
  }
  return { status: 'unknown', suggestions: closestCounties(index, name, cities) };
}

/** Strips leading province and city names ('河北省邢台市南宫市' → '南宫市' in 邢台市) while what remains is a known unit. */
function stripParents<D extends DivisionLike>(index: CountyIndex<D>, name: string): { name: string; cities: D[] | null } {
  const known = (n: string) => index.byAlias.has(n) || index.byAlias.has(divisionStem(n));
  if (known(name)) return { name, cities: null };
  for (let i = Math.min(name.length - 1, 12); i >= 2; i--) {
    const parents = index.parents.get(name.slice(0, i));
    if (!parents) continue;
    const inner = stripParents(index, name.slice(i));
    if (!known(inner.name)) continue;
    const named = parents.filter((p) => p.level === 'city');
    if (named.length === 0) return inner;
    return { name: inner.name, cities: inner.cities ? inner.cities.filter((c) => named.includes(c)) : named };
  }
  return { name, cities: null };
}

/** Up to three county-level units whose names share the most characters with the name given. */
function closestCounties<D extends DivisionLike>(index: CountyIndex<D>, name: string, cities: D[] | null): D[] {
  // Compared without a city name in front ('石家庄西区' → '西区'), on either side.
  const cityStems = [...index.parents.values()].flat().map((p) => divisionStem(p.name));
  const bare = (n: string) => divisionStem(cityStems.reduce((s, c) => (s.startsWith(c) && s.length > c.length ? s.slice(c.length) : s), n));
  const wanted = new Set(bare(name));
  const pool = cities ? index.counties.filter((d) => cities.some((c) => c.code === d.parentCode)) : index.counties;
  return pool
    .map((d) => {
      const stem = bare(d.name);
      const shared = [...new Set(stem)].filter((ch) => wanted.has(ch)).length;
      return { d, score: shared / Math.max(stem.length, wanted.size) };
    })
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || (a.d.code < b.d.code ? -1 : 1))
    .slice(0, 3)
    .map((s) => s.d);
}
