// Zones inside wider ones: a village inside 藁城区全域, a compound inside a township designated as a
// whole. While the wider designation is under control, the inner one is shown under it and not
// counted on its own: official counts count 藁城区全域 as one area, whatever was listed inside it
// before. Browser-safe.
import type { ZoneKind } from './schema.ts';

/** What containment needs of a zone under control (a ZoneView, or a zone's state on a past date). */
export interface ContainedLike {
  id: string;
  kind: ZoneKind;
  districtCode: string;
  name: string;
  level: { severity: number } | null;
}

export const isDistrictWide = (z: { kind: ZoneKind }) => z.kind === 'district';

/** Whole-district measures under control by district code; the most severe one when a district has several. */
export function districtWideMeasures<Z extends Omit<ContainedLike, 'name'>>(inForce: readonly Z[]): Map<string, Z> {
  const measures = new Map<string, Z>();
  for (const z of inForce) {
    if (!isDistrictWide(z)) continue;
    const held = measures.get(z.districtCode);
    if (!held || (z.level?.severity ?? 0) > (held.level?.severity ?? 0)) measures.set(z.districtCode, z);
  }
  return measures;
}

/** The whole-district measure an area lies within, if any (never the measure itself). */
export function coveringMeasure<Z extends Omit<ContainedLike, 'name'>>(
  zone: Omit<ContainedLike, 'name'>,
  measures: ReadonlyMap<string, Z>,
): Z | null {
  if (isDistrictWide(zone)) return null;
  return measures.get(zone.districtCode) ?? null;
}

/**
 * For each zone under control, the wider zone under control it lies in: its district's whole-district
 * measure, else a township designated as a whole whose name begins the zone's name ('增村镇' for
 * '增村镇小果庄村'). Zones lying in nothing are left out.
 */
export function containingZones<Z extends ContainedLike>(inForce: readonly Z[]): Map<string, Z> {
  const measures = districtWideMeasures(inForce);
  const towns = inForce.filter((z) => z.kind === 'town');
  const within = new Map<string, Z>();
  for (const z of inForce) {
    const wider =
      coveringMeasure(z, measures) ??
      (z.kind === 'town' || isDistrictWide(z)
        ? null
        : (towns.find((t) => t.districtCode === z.districtCode && t.id !== z.id && z.name.startsWith(t.name)) ?? null));
    if (wider) within.set(z.id, wider);
  }
  return within;
}

export interface LevelCountLike<L> {
  level: L;
  count: number;
}

/**
 * Zones under control counted by level as the notices count them: each zone once, a zone lying in a
 * wider one under control not at all (the wider one counts). Levels in order of first appearance.
 */
export function countUnderControl<Z extends ContainedLike & { level: { id: string; severity: number } | null }>(
  inForce: readonly Z[],
): Map<string, LevelCountLike<NonNullable<Z['level']>>> {
  const within = containingZones(inForce);
  const counts = new Map<string, LevelCountLike<NonNullable<Z['level']>>>();
  const seen = new Set<string>();
  for (const z of inForce) {
    if (!z.level || seen.has(z.id) || within.has(z.id)) continue;
    seen.add(z.id);
    const c = counts.get(z.level.id) ?? { level: z.level as NonNullable<Z['level']>, count: 0 };
    c.count += 1;
    counts.set(z.level.id, c);
  }
  return counts;
}
