// The "is my place in a zone?" lookup: the shape of the static index and the matching rules.
// Browser-safe and dependency-free: the client script imports it, the build writes the index
// (see lookup-index.ts), and the unit tests check both sides against the same functions.

/** Version of the index format; bumped when a field changes meaning or position. */
export const LOOKUP_INDEX_VERSION = 3;

export interface LookupLevel {
  id: string;
  name: string;
  severity: number;
}

export interface LookupDistrict {
  code: string;
  name: string;
  shortName: string;
  /** How many zones its shard holds (0: none, and no shard file). */
  zones: number;
}

/**
 * One zone in force, as a positional array to keep the index small:
 * [id, name, district index, address (empty when it repeats district and name), level index,
 *  in force since (UTC, minute precision), id of the whole-district measure covering it ('' : none),
 *  the next announced change in words (empty: none), its place in the whole list (most severe level
 *  first, then district and name)].
 */
export type LookupZone = [string, string, number, string, number, string, string, string, number];

/**
 * The head of the index (/zones/lookup-index.json), loaded first: everything but the zones of each
 * district, which are in shards of their own (/zones/lookup/{code}.json) loaded when a query needs
 * them. It holds the measures that cover a whole district or township, which answer a query naming
 * the district or township alone.
 */
export interface LookupHead {
  version: number;
  /** The moment the list describes (the release moment). */
  asOf: string;
  /** When the list of zones in force last changed (see listChangedAt in district-wide.ts). */
  listChangedAt: string | null;
  /** The page of a zone: replace {id}. */
  zoneUrl: string;
  /** A district's shard: replace {code}. */
  shardUrl: string;
  fields: string[];
  levels: LookupLevel[];
  districts: LookupDistrict[];
  /**
   * Traditional (and Taiwan/Hong Kong variant) characters → simplified, as a string of pairs,
   * restricted to characters that matter for the indexed names.
   */
  t2s: string;
  /** The whole-district and whole-township measures, in no shard. */
  zones: LookupZone[];
  /** Ids of the whole-district measures (a place there is in a zone even if not listed by name). */
  districtWide: string[];
  /** Ids of townships (乡镇、街道) designated as a whole: a place named with the township is in them. */
  townWide: string[];
}

/** One district's zones (those not in the head). */
export interface LookupShard {
  version: number;
  /** The head's asOf: a shard of another release is not mixed with this one. */
  asOf: string;
  district: string;
  zones: LookupZone[];
}

/** The head with the zones of the shards loaded so far, in their place in the whole list. */
export type LookupIndex = LookupHead;

export const LOOKUP_FIELDS = ['id', 'name', 'district', 'address', 'level', 'since', 'within', 'upcoming', 'order'];

/** The head and some of its shards as one index. */
export function assembleIndex(head: LookupHead, shards: readonly LookupShard[]): LookupIndex {
  const zones = [...head.zones, ...shards.flatMap((s) => s.zones)].sort((a, b) => a[8] - b[8]);
  return { ...head, zones };
}

/** Each head's character map, parsed once rather than at every keystroke. */
const headCharMaps = new WeakMap<LookupHead, Map<string, string>>();

/**
 * The shards a query needs: those of the districts it names in full ('藁城区…', '南宫市 天地名城'),
 * or every district's when it names none. A name without 区/县/市 does not count here ('新华小区' is
 * a compound that may be in any district, not 新华区). Codes of districts with zones only.
 */
export function shardsFor(head: LookupHead, query: string): string[] {
  let t2s = headCharMaps.get(head);
  if (!t2s) headCharMaps.set(head, (t2s = parseCharMap(head.t2s)));
  const whole = queryTerms(query, t2s).join('');
  const named = head.districts.filter((d) => [d.name, d.shortName].some((n) => whole.includes(normaliseText(n, t2s))));
  return (named.length > 0 ? named : head.districts).filter((d) => d.zones > 0).map((d) => d.code);
}

/** Parses the pair string of the index into a map. */
export function parseCharMap(pairs: string): Map<string, string> {
  const chars = Array.from(pairs);
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < chars.length; i += 2) map.set(chars[i]!, chars[i + 1]!);
  return map;
}

/** Separators people type or leave out: whitespace and common punctuation, half- and full-width (after NFKC). */
const IGNORED = /[\s\p{P}\p{S}]+/gu;

/**
 * The form both sides are compared in: NFKC (full-width letters, digits and spaces become
 * half-width), lower case, traditional characters mapped to simplified, separators removed.
 */
export function normaliseText(text: string, t2s: Map<string, string>): string {
  let out = '';
  for (const ch of text.normalize('NFKC').toLowerCase()) out += t2s.get(ch) ?? ch;
  return out.replace(IGNORED, '');
}

/** The terms of a query: split at whitespace and punctuation (full-width too), each normalised; empty ones dropped. */
export function queryTerms(query: string, t2s: Map<string, string>): string[] {
  return query
    .normalize('NFKC')
    .split(IGNORED)
    .map((term) => normaliseText(term, t2s))
    .filter((term) => term.length > 0);
}

/** The text a zone is found by: district (full and short name), address and name. */
export function searchText(zone: LookupZone, index: Pick<LookupIndex, 'districts'>): string {
  const d = index.districts[zone[2]];
  return [d?.name ?? '', d?.shortName ?? '', zone[3], zone[1]].join(' ');
}

export interface PreparedZone {
  zone: LookupZone;
  /** Normalised search text. */
  haystack: string;
  /** Normalised name alone, to rank name matches first. */
  name: string;
}

export interface PreparedIndex {
  zones: PreparedZone[];
  t2s: Map<string, string>;
  /** Positions of the whole-district measures in `zones`. */
  districtWide: ReadonlySet<number>;
  /** Positions of the townships designated as a whole. */
  townWide: ReadonlySet<number>;
  /** Normalised ways of writing each district ('藁城区', '藁城'), by district index, longest first. */
  districtPrefixes: string[][];
  /** Each zone by its id (the measure a zone lies within). */
  byId: ReadonlyMap<string, LookupZone>;
}

/** How a district may be typed at the start of a query: its name, short name, and short name without 区/县/市. */
function districtPrefixes(d: Pick<LookupDistrict, 'name' | 'shortName'>, t2s: Map<string, string>): string[] {
  const forms = new Set([d.name, d.shortName]);
  const bare = d.shortName.replace(/[区县市]$/u, '');
  if (bare.length >= 2) forms.add(bare);
  return [...forms].map((f) => normaliseText(f, t2s)).sort((a, b) => b.length - a.length);
}

export function prepareIndex(index: LookupIndex): PreparedIndex {
  const t2s = parseCharMap(index.t2s);
  const zones = index.zones.map((zone) => ({
    zone,
    haystack: normaliseText(searchText(zone, index), t2s),
    name: normaliseText(zone[1], t2s),
  }));
  const positions = (ids: readonly string[]) => {
    const wanted = new Set(ids);
    return new Set(index.zones.flatMap((z, i) => (wanted.has(z[0]) ? [i] : [])));
  };
  return {
    zones,
    t2s,
    districtWide: positions(index.districtWide),
    townWide: positions(index.townWide),
    districtPrefixes: index.districts.map((d) => districtPrefixes(d, t2s)),
    byId: new Map(index.zones.map((z) => [z[0], z])),
  };
}

/**
 * Whether a term matches a zone: anywhere in its search text, or, when the term starts with the
 * zone's district ('藁城小果庄'), the rest of the term anywhere in the search text.
 */
function termMatches(term: string, p: PreparedZone, prepared: PreparedIndex): boolean {
  if (p.haystack.includes(term)) return true;
  for (const prefix of prepared.districtPrefixes[p.zone[2]] ?? []) {
    if (term.length > prefix.length && term.startsWith(prefix) && p.haystack.includes(term.slice(prefix.length))) return true;
  }
  return false;
}

/**
 * The zones a query finds, as residents type it: a place name with words around it, or a whole
 * address ('藁城 建设路 12号', '石家庄市新华区合作路街道华兴小区3号楼').
 * - A whole-district measure whose district the query names, or a township designated as a whole
 *   that the query names, comes first: the answer is "yes, inside 藁城区全域", whatever the rest
 *   of the address is.
 * - Then zones matching every term of the query: name starts with the first term, then name
 *   contains it, then elsewhere.
 * - Then zones whose name stands somewhere in the query (the extra words of an address, a road or a
 *   building number, do not prevent the match).
 * Ties keep the index order (most severe level first, then district and name).
 */
export function findZones(prepared: PreparedIndex, query: string): LookupZone[] {
  const terms = queryTerms(query, prepared.t2s);
  if (terms.length === 0) return [];
  const first = terms[0]!;
  const whole = terms.join('');
  const hits: Array<{ rank: number; zone: LookupZone }> = [];
  prepared.zones.forEach((p, i) => {
    let rank: number | null = null;
    if (prepared.districtWide.has(i) && (prepared.districtPrefixes[p.zone[2]] ?? []).some((prefix) => whole.includes(prefix))) rank = 0;
    else if (prepared.townWide.has(i) && p.name.length >= 2 && whole.includes(p.name)) rank = 0;
    else if (terms.every((term) => termMatches(term, p, prepared))) rank = p.name.startsWith(first) ? 1 : p.name.includes(first) ? 2 : 3;
    else if (p.name.length >= 3 && whole.includes(p.name)) rank = 4;
    if (rank !== null) hits.push({ rank, zone: p.zone });
  });
  // Array.prototype.sort is stable, so equal ranks keep the index order.
  return hits.sort((a, b) => a.rank - b.rank).map((h) => h.zone);
}
