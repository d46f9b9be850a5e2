// Whole-district measures (zone kind 'district', e.g. 藁城区全域) and the areas inside them.
//
// Counting rule, shown on the pages in one line (t.zones.countRule):
// - counts by level count every zone in force once, a whole-district measure as one zone;
// - the number of areas of a district counts only the areas designated one by one, so a
//   whole-district measure is never added on top as if it were one more village; it is shown
//   as the district's own status ("全域高风险") instead;
// - an area inside a district under a whole-district measure is listed and counted once, and
//   marked as lying within that measure.
import type { District, LevelLike, ZoneKind } from '@epi/core';

export type { LevelLike };

/** What these rules need of a zone in force (a ZoneView, or a zone's state on a past date). */
export interface ZoneInForceLike {
  id: string;
  kind: ZoneKind;
  districtCode: string;
  level: LevelLike | null;
}

export const isDistrictWide = (z: { kind: ZoneKind }) => z.kind === 'district';

/** Whole-district measures in force by district code; the most severe one when a district has several. */
export function districtWideMeasures<Z extends ZoneInForceLike>(inForce: readonly Z[]): Map<string, Z> {
  const measures = new Map<string, Z>();
  for (const z of inForce) {
    if (!isDistrictWide(z)) continue;
    const held = measures.get(z.districtCode);
    if (!held || (z.level?.severity ?? 0) > (held.level?.severity ?? 0)) measures.set(z.districtCode, z);
  }
  return measures;
}

/** The whole-district measure an area lies within, if any (never the measure itself). */
export function coveringMeasure<Z extends ZoneInForceLike>(zone: ZoneInForceLike, measures: ReadonlyMap<string, Z>): Z | null {
  if (isDistrictWide(zone)) return null;
  return measures.get(zone.districtCode) ?? null;
}

export interface DistrictSummary<Z extends ZoneInForceLike> {
  code: string;
  name: string;
  shortName: string;
  /** The whole-district measure in force there, if any (the most severe one when there are several). */
  measure: Z | null;
  /** Every whole-district measure in force there, the one above first. */
  measures: Z[];
  /** Areas designated one by one (the whole-district measure excluded). */
  areas: Z[];
  /** The most severe level in force anywhere in the district (the measure included). */
  highest: LevelLike | null;
}

/** One summary per district, in official order, districts without zones included. */
export function summariseDistricts<Z extends ZoneInForceLike>(
  inForce: readonly Z[],
  districts: readonly Pick<District, 'code' | 'name' | 'shortName'>[],
): DistrictSummary<Z>[] {
  const measures = districtWideMeasures(inForce);
  const byDistrict = new Map<string, DistrictSummary<Z>>(
    districts.map((d) => {
      const measure = measures.get(d.code) ?? null;
      return [
        d.code,
        { code: d.code, name: d.name, shortName: d.shortName, measure, measures: measure ? [measure] : [], areas: [], highest: null },
      ];
    }),
  );
  for (const z of inForce) {
    const s = byDistrict.get(z.districtCode);
    if (!s) continue;
    if (!isDistrictWide(z)) s.areas.push(z);
    else if (z !== s.measure) s.measures.push(z);
    if (z.level && (!s.highest || z.level.severity > s.highest.severity)) s.highest = z.level;
  }
  return [...byDistrict.values()];
}
