/** The per-district figures of a report, as the new-report and edit forms enter them. */
export type DistrictCount = 'newConfirmed' | 'newAsymptomatic' | 'cumulativeConfirmed' | 'cumulativeAsymptomatic';

/** One district row of the form; `key` keeps a row's identity while rows are added and removed. */
export type DistrictRow = { key: number; districtCode: string } & Record<DistrictCount, number | null>;

export const DISTRICT_FIELDS: ReadonlyArray<{ key: DistrictCount; label: string; required: boolean }> = [
  { key: 'newConfirmed', label: '新增确诊', required: true },
  { key: 'newAsymptomatic', label: '新增无症状', required: true },
  { key: 'cumulativeConfirmed', label: '累计确诊', required: false },
  { key: 'cumulativeAsymptomatic', label: '累计无症状', required: false },
];
