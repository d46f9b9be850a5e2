// Whole-district measures (zone kind 'district', e.g. 藁城区全域) and the areas inside them.
//
// Counting rule, shown on the pages in one line (t.zones.countRule):
// - counts by level count every zone in force once, a whole-district measure as one zone, and an
//   area inside a whole-district measure in force not at all (as the notices count);
// - the number of areas of a district counts only the areas designated one by one, so a
//   whole-district measure is never added on top as if it were one more village; it is shown
//   as the district's own status ("全域高风险") instead;
// - an area inside a district under a whole-district measure is listed once, marked as lying
//   within that measure.
import { coveringMeasure, districtWideMeasures, isDistrictWide, type District, type LevelLike, type ZoneKind } from '@epi/core';

export type { LevelLike };

/** What these rules need of a zone in force (a ZoneView, or a zone's state on a past date). */
export interface ZoneInForceLike {
  id: string;
  kind: ZoneKind;
  districtCode: string;
  level: LevelLike | null;
}

export { coveringMeasure, districtWideMeasures, isDistrictWide };

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
