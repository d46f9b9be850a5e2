// Build time: the static index behind the "is my place in a zone?" lookup (/zones/lookup-index.json).
import { ZONE_ACTION_LABELS, type District, type ZoneView } from '@epi/core';
import { t } from '../i18n/index.ts';
import { coveringMeasure, districtWideMeasures } from './district-wide.ts';
import { formatShortDateTime } from './format.ts';
import { LOOKUP_FIELDS, LOOKUP_INDEX_VERSION, type LookupIndex, type LookupZone } from './lookup.ts';
import { buildT2sMap, charMapToPairs } from './t2s-map.ts';
import { distinctAddress, listChangedAt, placeName, zonesInForce } from './zones.ts';

/** '2021-01-04T16:00:00.000Z' → '2021-01-04T16:00Z': minutes are all the lookup shows. */
const minuteInstant = (instant: string) => `${new Date(instant).toISOString().slice(0, 16)}Z`;

/** The next announced change of a zone in words ('2月8日 00:00起解除管控'), or ''. */
function upcomingText(zone: ZoneView, now: Date): string {
  const next = zone.upcoming[0];
  return next ? t.zones.upcomingItem(formatShortDateTime(next.effectiveAt, now), ZONE_ACTION_LABELS[next.action], next.levelName) : '';
}

export function buildLookupIndex(site: { zones: ZoneView[]; districts: District[]; builtAt: Date; now: string }): LookupIndex {
  const inForce = zonesInForce(site.zones);
  const measures = districtWideMeasures(inForce);
  // The city's districts, then the county of every other area in force (with its city in front).
  const districts = site.districts.map((d) => ({ code: d.code, name: d.name, shortName: d.shortName }));
  for (const z of inForce) {
    if (!districts.some((d) => d.code === z.districtCode))
      districts.push({ code: z.districtCode, name: placeName(z), shortName: z.districtName });
  }
  const districtIndex = new Map(districts.map((d, i) => [d.code, i]));
  const levels: LookupIndex['levels'] = [];
  const levelIndex = new Map<string, number>();
  const position = new Map(inForce.map((z, i) => [z.id, i]));
  const zones: LookupZone[] = inForce.map((z) => {
    const level = z.level!;
    let li = levelIndex.get(level.id);
    if (li === undefined) {
      li = levels.push({ id: level.id, name: level.name, severity: level.severity }) - 1;
      levelIndex.set(level.id, li);
    }
    const within = coveringMeasure(z, measures);
    const since = z.state.status === 'sealed' ? z.state.sealedSince : site.now;
    return [
      z.id,
      z.name,
      districtIndex.get(z.districtCode) ?? -1,
      distinctAddress(z),
      li,
      minuteInstant(since),
      within ? (position.get(within.id) ?? -1) : -1,
      upcomingText(z, site.builtAt),
    ];
  });
  const t2s = buildT2sMap([...zones.flatMap((z) => [z[1], z[3]]), ...districts.flatMap((d) => [d.name, d.shortName])]);
  return {
    version: LOOKUP_INDEX_VERSION,
    asOf: site.now,
    listChangedAt: listChangedAt(site.zones, site.now),
    zoneUrl: '/zones/{id}/',
    fields: LOOKUP_FIELDS,
    levels,
    districts,
    t2s: charMapToPairs(t2s),
    zones,
    districtWide: [...measures.values()].map((m) => position.get(m.id) ?? -1).filter((i) => i >= 0),
    townWide: inForce.flatMap((z, i) => (z.kind === 'town' ? [i] : [])),
  };
}
