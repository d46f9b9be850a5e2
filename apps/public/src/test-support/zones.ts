// Zones as the public API returns them, built from a few events, for the unit tests of the pages' logic.
import { foldZoneEvents, type District, type LevelScheme, type ZoneEvent, type ZoneKind, type ZoneView } from '@epi/core';

export const SCHEMES: LevelScheme[] = [
  {
    id: 'risk-2021',
    name: '高、中、低风险地区（2021年1月）',
    description: null,
    inForce: true,
    levels: [
      { id: 'risk-2021.high', schemeId: 'risk-2021', code: 'high', name: '高风险', nameEn: 'High risk', severity: 3, control: true },
      { id: 'risk-2021.medium', schemeId: 'risk-2021', code: 'medium', name: '中风险', nameEn: 'Medium risk', severity: 2, control: true },
      { id: 'risk-2021.low', schemeId: 'risk-2021', code: 'low', name: '低风险', nameEn: 'Low risk', severity: 1, control: false },
    ],
  },
];

const LEVELS = new Map(SCHEMES.flatMap((s) => s.levels.map((l) => [l.id, l] as const)));

export const DISTRICTS: District[] = [
  { code: '130105', name: '新华区', shortName: '新华区', kind: 'district', sortOrder: 3, note: null },
  { code: '130109', name: '藁城区', shortName: '藁城区', kind: 'district', sortOrder: 6, note: null },
  { code: '130171', name: '石家庄高新技术产业开发区', shortName: '高新区', kind: 'development_zone', sortOrder: 23, note: null },
];

/** County-level units of the province's other cities: not the portal's districts. */
const ELSEWHERE: Record<string, { name: string; cityCode: string; cityName: string }> = {
  '130581': { name: '南宫市', cityCode: '1305', cityName: '邢台市' },
  '131022': { name: '固安县', cityCode: '1310', cityName: '廊坊市' },
};

export type EventSpec = Partial<ZoneEvent> & Pick<ZoneEvent, 'action' | 'effectiveAt'> & { level?: Level };

type Level = 'high' | 'medium' | 'low';
type EventExtras = Omit<Partial<ZoneEvent>, 'action' | 'effectiveAt'>;

/** The events of a zone's history, effective at the instant given. */
export const seal = (level: Level, effectiveAt: string, extras: EventExtras = {}): EventSpec => ({
  action: 'seal',
  level,
  effectiveAt,
  ...extras,
});
export const relevel = (level: Level, effectiveAt: string, extras: EventExtras = {}): EventSpec => ({
  action: 'relevel',
  level,
  effectiveAt,
  ...extras,
});
export const lift = (effectiveAt: string, extras: EventExtras = {}): EventSpec => ({ action: 'lift', effectiveAt, ...extras });

let nextId = 1;

/** A zone with its events (instants with an offset are fine) and its state at `now`. */
export function zone(
  spec: { name: string; districtCode?: string; kind?: ZoneKind; address?: string | null; id?: string },
  events: EventSpec[],
  now: string,
): ZoneView {
  const code = spec.districtCode ?? '130109';
  const elsewhere = ELSEWHERE[code];
  const district = elsewhere ? { code, name: elsewhere.name } : DISTRICTS.find((d) => d.code === code)!;
  const history: ZoneEvent[] = events.map((e, i) => {
    const levelId = e.level ? `risk-2021.${e.level}` : (e.levelId ?? null);
    const effectiveAt = new Date(e.effectiveAt).toISOString();
    return {
      id: e.id ?? `event-${nextId++}`,
      seq: i + 1,
      action: e.action,
      levelId,
      levelName: levelId ? (LEVELS.get(levelId)?.name ?? null) : null,
      effectiveAt,
      plannedEndAt: e.plannedEndAt ?? null,
      listedOn: e.listedOn ?? null,
      notice: e.notice ?? '公告（测试）',
      note: e.note ?? null,
      recordedAt: new Date(e.recordedAt ?? effectiveAt).toISOString(),
      recordedByName: '测试',
      changeId: null,
    };
  });
  const at = new Date(now).toISOString();
  const state = foldZoneEvents(history, at);
  const level = state.status === 'sealed' ? LEVELS.get(state.levelId) : undefined;
  return {
    id: spec.id ?? `zone-${nextId++}`,
    districtCode: district.code,
    districtName: district.name,
    cityCode: elsewhere?.cityCode ?? '1301',
    cityName: elsewhere?.cityName ?? '石家庄市',
    home: !elsewhere,
    name: spec.name,
    address: spec.address ?? null,
    kind: spec.kind ?? 'village',
    version: history.length,
    state,
    level: level ? { id: level.id, name: level.name, severity: level.severity, schemeId: level.schemeId, control: level.control } : null,
    underControl: level?.control ?? false,
    events: history,
    upcoming: history.filter((e) => e.effectiveAt > at),
    corrections: [],
    lastChangedAt: history.reduce((max, e) => (e.recordedAt > max ? e.recordedAt : max), ''),
  };
}
