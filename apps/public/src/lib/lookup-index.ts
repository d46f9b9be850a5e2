// Build time: the static index behind the "is my place in a zone?" lookup (/zones/lookup-index.json).
import { ZONE_ACTION_LABELS, type District, type ZoneView } from '@epi/core';
import { t } from '../i18n/index.ts';
import { coveringMeasure, districtWideMeasures } from './district-wide.ts';
import { formatShortDateTime } from './format.ts';
import { LOOKUP_FIELDS, LOOKUP_INDEX_VERSION, type LookupDistrict, type LookupHead, type LookupShard, type LookupZone } from './lookup.ts';
import { buildT2sMap, charMapToPairs } from './t2s-map.ts';
import { distinctAddress, listChangedAt, placeName, zonesInForce } from './zones.ts';

/** '2021-01-04T16:00:00.000Z' → '2021-01-04T16:00Z': minutes are all the lookup shows. */
const minuteInstant = (instant: string) => `${new Date(instant).toISOString().slice(0, 16)}Z`;

/** The next announced change of a zone in words ('2月8日 00:00起解除管控'), or ''. */
function upcomingText(zone: ZoneView, now: Date): string {
  const next = zone.upcoming[0];
  return next ? t.zones.upcomingItem(formatShortDateTime(next.effectiveAt, now), ZONE_ACTION_LABELS[next.action], next.levelName) : '';
}

/** The index of a build: its head and a shard per district with zones (see lib/lookup.ts). */
export interface BuiltLookupIndex {
  head: LookupHead;
  shards: Map<string, LookupShard>;
}

const built = new WeakMap<object, BuiltLookupIndex>();

/** The index of the site's data, computed once per build however many files are written from it. */
export function buildLookupIndex(site: { zones: ZoneView[]; districts: District[]; builtAt: Date; now: string }): BuiltLookupIndex {
  let index = built.get(site);
  if (!index) built.set(site, (index = computeLookupIndex(site)));
  return index;
}

function computeLookupIndex(site: { zones: ZoneView[]; districts: District[]; builtAt: Date; now: string }): BuiltLookupIndex {
  const inForce = zonesInForce(site.zones);
  const measures = districtWideMeasures(inForce);
  // The city's districts, then the county of every other area in force (with its city in front).
  const districts: LookupDistrict[] = site.districts.map((d) => ({ code: d.code, name: d.name, shortName: d.shortName, zones: 0 }));
  for (const z of inForce) {
    if (!districts.some((d) => d.code === z.districtCode))
      districts.push({ code: z.districtCode, name: placeName(z), shortName: z.districtName, zones: 0 });
  }
  const districtIndex = new Map(districts.map((d, i) => [d.code, i]));
  const levels: LookupHead['levels'] = [];
  const levelIndex = new Map<string, number>();
  const measureIds = new Set([...measures.values()].map((m) => m.id));
  const head: LookupZone[] = [];
  const shards = new Map<string, LookupShard>();
  inForce.forEach((z, order) => {
    const level = z.level!;
    let li = levelIndex.get(level.id);
    if (li === undefined) {
      li = levels.push({ id: level.id, name: level.name, severity: level.severity }) - 1;
      levelIndex.set(level.id, li);
    }
    const within = coveringMeasure(z, measures);
    const since = z.state.status === 'sealed' ? z.state.sealedSince : site.now;
    const entry: LookupZone = [
      z.id,
      z.name,
      districtIndex.get(z.districtCode) ?? -1,
      distinctAddress(z),
      li,
      minuteInstant(since),
      within?.id ?? '',
      upcomingText(z, site.builtAt),
      order,
    ];
    // Whole districts and townships answer a query naming them alone: in the head, always loaded.
    if (measureIds.has(z.id) || z.kind === 'town') head.push(entry);
    else {
      let shard = shards.get(z.districtCode);
      if (!shard)
        shards.set(z.districtCode, (shard = { version: LOOKUP_INDEX_VERSION, asOf: site.now, district: z.districtCode, zones: [] }));
      shard.zones.push(entry);
    }
  });
  for (const d of districts) d.zones = shards.get(d.code)?.zones.length ?? 0;
  const all = [...head, ...[...shards.values()].flatMap((s) => s.zones)];
  const t2s = buildT2sMap([...all.flatMap((z) => [z[1], z[3]]), ...districts.flatMap((d) => [d.name, d.shortName])]);
  return {
    head: {
      version: LOOKUP_INDEX_VERSION,
      asOf: site.now,
      listChangedAt: listChangedAt(site.zones, site.now),
      zoneUrl: '/zones/{id}/',
      shardUrl: '/zones/lookup/{code}.json',
      fields: LOOKUP_FIELDS,
      levels,
      districts,
      t2s: charMapToPairs(t2s),
      zones: head,
      districtWide: [...measureIds],
      townWide: inForce.filter((z) => z.kind === 'town').map((z) => z.id),
    },
    shards,
  };
}
