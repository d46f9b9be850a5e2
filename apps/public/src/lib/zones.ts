// Pure derivations over the zones the public API returns: what is in force, lifted, pending,
// grouped by district and counted by level.
import {
  districtWideMeasures,
  isDistrictWide,
  controlEndedAt,
  controlStatus,
  countUnderControl,
  type ContainedLike,
  type District,
  type LevelScheme,
  type ZoneEvent,
  type ZoneView,
} from '@epi/core';

export interface LevelRef {
  id: string;
  name: string;
  severity: number;
}

/** Under control now: designated at a control level (an area lowered to 低风险 is not). */
export const isInForce = (z: ZoneView) => z.underControl;
/** No longer under control: lifted, or lowered to a level that is not a control level. */
export const isLifted = (z: ZoneView) => controlEndedAt(z) !== null;
/** Announced but not yet in effect at the moment of the build. */
export const isPending = (z: ZoneView) => z.state.status === 'none' && z.upcoming.length > 0;

/** Zones in force, most severe level first, then by district and name (the API's order). */
export function zonesInForce(zones: ZoneView[]): ZoneView[] {
  return zones.filter(isInForce).sort((a, b) => (b.level?.severity ?? 0) - (a.level?.severity ?? 0));
}

/** Zones no longer under control (lifted or lowered to 低风险), most recent first. */
/**
 * How many areas an overview page (/zones/, the home page) lists for one district before it sends the
 * reader to the district's own page: the overview stays the same size at 50 zones or 20,000.
 */
export const OVERVIEW_LIST_LIMIT = 12;
/** How many upcoming changes and recent lifts /zones/ lists; the district pages have the rest. */
export const OVERVIEW_EVENT_LIMIT = 30;

export function liftedZones(zones: ZoneView[]): ZoneView[] {
  const liftedAt = (z: ZoneView) => controlEndedAt(z) ?? '';
  return zones.filter(isLifted).sort((a, b) => (liftedAt(b) < liftedAt(a) ? -1 : liftedAt(b) > liftedAt(a) ? 1 : 0));
}

export function pendingZones(zones: ZoneView[]): ZoneView[] {
  return zones.filter(isPending);
}

/** Events in effect at the moment of the build, oldest first. */
export function effectiveEvents(zone: ZoneView): ZoneEvent[] {
  const upcoming = new Set(zone.upcoming.map((e) => e.id));
  return zone.events.filter((e) => !upcoming.has(e.id));
}

/** The event that put the zone in its current state (its last effective event). */
export function currentEvent(zone: ZoneView): ZoneEvent | null {
  return effectiveEvents(zone).at(-1) ?? null;
}

/** The event that ended control: the lift, or the change to a level that is not a control level. */
export function liftEvent(zone: ZoneView): ZoneEvent | null {
  const status = controlStatus(zone);
  if (status === 'lifted') return effectiveEvents(zone).findLast((e) => e.action === 'lift') ?? null;
  if (status === 'released') return currentEvent(zone);
  return null;
}

/** The portal's own city's zones, and the province's other areas (shown apart, for travel). */
export function splitByCity(zones: ZoneView[]): { home: ZoneView[]; other: ZoneView[] } {
  return { home: zones.filter((z) => z.home), other: zones.filter((z) => !z.home) };
}

/** A zone's place for a reader: its county, with the city in front when it is not the portal's own. */
export const placeName = (z: Pick<ZoneView, 'home' | 'cityName' | 'districtName'>): string =>
  z.home ? z.districtName : `${z.cityName ?? ''}${z.districtName}`;

export interface DistrictGroup {
  code: string;
  name: string;
  zones: ZoneView[];
}

/** Zones grouped by district, districts in their official order; empty districts left out. */
export function groupByDistrict(zones: ZoneView[], districts: District[]): DistrictGroup[] {
  const order = new Map(districts.map((d, i) => [d.code, i]));
  const groups = new Map<string, DistrictGroup>();
  for (const z of zones) {
    let g = groups.get(z.districtCode);
    if (!g) groups.set(z.districtCode, (g = { code: z.districtCode, name: placeName(z), zones: [] }));
    g.zones.push(z);
  }
  return [...groups.values()].sort((a, b) => (order.get(a.code) ?? 1e9) - (order.get(b.code) ?? 1e9));
}

export interface LevelCount {
  level: LevelRef;
  count: number;
}

/**
 * Zones under control counted by level as the notices count them, most severe first: every control
 * level of the scheme in force (zero when none; 低风险 is not a control level and is not counted),
 * plus any other level a zone still carries. Each zone counts once; a zone lying in a wider one under
 * control (a village inside 藁城区全域) is not counted on its own: the wider one counts.
 */
export function countByLevel(zones: readonly (ContainedLike & { level: LevelRef | null })[], schemes: LevelScheme[]): LevelCount[] {
  const counts = new Map<string, LevelCount>();
  for (const l of schemes.find((s) => s.inForce)?.levels.filter((level) => level.control) ?? []) {
    counts.set(l.id, { level: { id: l.id, name: l.name, severity: l.severity }, count: 0 });
  }
  for (const c of countUnderControl(zones).values()) {
    counts.set(c.level.id, { level: counts.get(c.level.id)?.level ?? c.level, count: c.count });
  }
  return [...counts.values()].sort((a, b) => b.level.severity - a.level.severity);
}

/**
 * When the list of zones in force last changed: the latest of the effective and recorded times
 * over every change already in effect (a change recorded late changes the list when it is
 * recorded; one announced ahead changes it when it takes effect). Instants are UTC ISO strings, so
 * they compare as strings. Null when nothing is in effect.
 */
export function listChangedAt(zones: readonly ZoneView[], now: string): string | null {
  let max: string | null = null;
  for (const z of zones) {
    for (const e of z.events) {
      if (e.effectiveAt > now) continue;
      const at = e.recordedAt > e.effectiveAt && e.recordedAt <= now ? e.recordedAt : e.effectiveAt;
      if (max === null || at > max) max = at;
    }
  }
  return max;
}

/** Every change announced for later than `now`, soonest first, with its zone. */
export function upcomingChanges(zones: readonly ZoneView[]): Array<{ zone: ZoneView; event: ZoneEvent }> {
  return zones
    .flatMap((zone) => zone.upcoming.map((event) => ({ zone, event })))
    .sort((a, b) => (a.event.effectiveAt < b.event.effectiveAt ? -1 : a.event.effectiveAt > b.event.effectiveAt ? 1 : 0));
}

/** The address when it says more than the district and the name do ('' otherwise), without the district prefix. */
export function distinctAddress(zone: Pick<ZoneView, 'address' | 'name' | 'districtName'>): string {
  let address = zone.address?.trim() ?? '';
  if (address.startsWith(zone.districtName)) address = address.slice(zone.districtName.length);
  return address === '' || zone.name.includes(address) ? '' : address;
}

/** CSS class for a level by severity: the level set is data, so colour follows severity. */
export function levelClass(level: { severity: number } | null): string {
  if (!level) return 'level level-none';
  return `level level-${Math.max(1, Math.min(3, level.severity))}`;
}

export interface OverviewGroup extends DistrictGroup {
  /** Areas designated one by one (the whole-district measure not counted). */
  areas: number;
  /** More areas than listed: `zones` holds the whole-district measure only, and a link takes their place. */
  more: boolean;
  /** The whole-district measure in force there, if any. */
  measure: ZoneView | null;
}

/**
 * Zones in force by district, a district's whole-district measure heading its group and the areas
 * inside it following: all of them up to `limit`, else none (`more`).
 */
export function overviewGroups(zones: ZoneView[], districts: District[], limit = Infinity): OverviewGroup[] {
  const measures = districtWideMeasures(zones);
  return groupByDistrict(zones, districts).map((g) => {
    const areas = g.zones.filter((z) => !isDistrictWide(z));
    const listed = areas.length <= limit;
    return {
      ...g,
      zones: [...g.zones.filter(isDistrictWide), ...(listed ? areas : [])],
      areas: areas.length,
      more: !listed,
      measure: measures.get(g.code) ?? null,
    };
  });
}
