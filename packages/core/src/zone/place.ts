// How a zone is named in a sentence. Browser-safe.

/**
 * A zone with its place: '藁城区增村镇小果庄村', '藁城区全域' (the county is not repeated when the
 * name begins with it), '邢台市南宫市…' for an area of another city of the province.
 */
export function zonePlaceName(zone: { name: string; districtName: string; cityName?: string | null; home?: boolean }): string {
  const local = zone.name.startsWith(zone.districtName) ? zone.name : `${zone.districtName}${zone.name}`;
  return zone.home === false && zone.cityName && !local.startsWith(zone.cityName) ? `${zone.cityName}${local}` : local;
}
