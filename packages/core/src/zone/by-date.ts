// What was in force on each past date, computed by folding every zone event once, in effective
// order, across all dates (not by asking the API once per date): a year of data with thousands of
// zones stays a single pass.
//
// A date's state is the state at the END of that day, Beijing time: every change effective before
// the next day's 00:00 counts; a change effective at 00:00 of the next day ("2月8日 00:00起解除")
// belongs to the next day. The fold uses every change known now, including any recorded late.
//
// Browser-safe: the public site builds its past-date pages with it, the command line answers
// "what was in force at …" with it.
import { beijingDate, beijingDayEnd, beijingDayStart } from '../shared/time.ts';
import type { LevelScheme } from './levels.ts';
import type { ZoneKind } from './schema.ts';
import { applyZoneEvent, INITIAL_ZONE_STATE, type ZoneState } from './state-machine.ts';
import type { ZoneEvent, ZoneView } from './zone.ts';

/** A level as these pages need it. */
export interface LevelLike {
  id: string;
  name: string;
  severity: number;
  /** Whether the level puts an area under control (低风险 does not). */
  control: boolean;
}

/** A zone under control at the end of a date (designated at a control level), with its level then. */
export interface ZoneOnDate {
  id: string;
  kind: ZoneKind;
  districtCode: string;
  name: string;
  zone: ZoneView;
  level: LevelLike;
  sealedSince: string;
  levelSince: string;
}

export interface DayChange {
  zone: ZoneView;
  event: ZoneEvent;
}

export interface DayState {
  /** 'YYYY-MM-DD' in Asia/Shanghai. */
  date: string;
  /** The instant the state describes: the next day's 00:00 Beijing time (exclusive). */
  end: string;
  /** Zones in force at the end of the day, in the order of the zones given (district, then name). */
  inForce: ZoneOnDate[];
  /** Changes that took effect during the day, in effective order. */
  changes: DayChange[];
}

/** The Beijing date of the earliest effective change, or null when there is none. */
export function firstChangeDate(zones: readonly ZoneView[]): string | null {
  let min: string | null = null;
  for (const z of zones) for (const e of z.events) if (min === null || e.effectiveAt < min) min = e.effectiveAt;
  return min === null ? null : beijingDate(min);
}

/**
 * The state at the end of each date (dates ascending), in one pass over all events.
 * `levels` resolves a level id to its name and severity.
 */
export function statesByDate(zones: readonly ZoneView[], levels: ReadonlyMap<string, LevelLike>, dates: readonly string[]): DayState[] {
  const windows = dates.map((date) => ({ start: beijingDayStart(date), end: beijingDayEnd(date) }));
  return foldWindows(zones, levels, windows).map((w, i) => ({ date: dates[i]!, end: w.end, inForce: w.inForce, changes: w.changes }));
}

/**
 * The zones in force at a moment, as the past-date pages count them: `{ before: beijingDayEnd(date) }` is
 * what `/zones/on/<date>/` shows (every change effective before the next day's 00:00);
 * `{ at: instant }` includes the changes effective at that very instant.
 */
export function zonesInForceAt(
  zones: readonly ZoneView[],
  levels: ReadonlyMap<string, LevelLike>,
  moment: { before: string } | { at: string },
): ZoneOnDate[] {
  const end = 'before' in moment ? moment.before : new Date(Date.parse(moment.at) + 1).toISOString();
  return foldWindows(zones, levels, [{ start: end, end }])[0]!.inForce;
}

/** Folds every event once, in effective order, stopping at the end of each window (ascending, end exclusive). */
function foldWindows(
  zones: readonly ZoneView[],
  levels: ReadonlyMap<string, LevelLike>,
  windows: ReadonlyArray<{ start: string; end: string }>,
): Array<{ end: string; inForce: ZoneOnDate[]; changes: DayChange[] }> {
  const events = zones
    .flatMap((zone, zi) => zone.events.map((event) => ({ zi, zone, event })))
    .sort((a, b) =>
      a.event.effectiveAt < b.event.effectiveAt
        ? -1
        : a.event.effectiveAt > b.event.effectiveAt
          ? 1
          : a.zi - b.zi || a.event.seq - b.event.seq,
    );
  const states: ZoneState[] = zones.map(() => INITIAL_ZONE_STATE);
  const inForce = new Map<number, ZoneOnDate>();
  const result: Array<{ end: string; inForce: ZoneOnDate[]; changes: DayChange[] }> = [];
  let next = 0;
  for (const { start, end } of windows) {
    const changes: DayChange[] = [];
    while (next < events.length && events[next]!.event.effectiveAt < end) {
      const { zi, zone, event } = events[next++]!;
      const state = applyZoneEvent(states[zi]!, event);
      states[zi] = state;
      if (event.effectiveAt >= start) changes.push({ zone, event });
      const level = state.status === 'sealed' ? levels.get(state.levelId) : undefined;
      if (state.status === 'sealed' && !level) throw new Error(`unknown level ${state.levelId} in zone ${zone.id}`);
      if (state.status === 'sealed' && level?.control) {
        inForce.set(zi, {
          id: zone.id,
          kind: zone.kind,
          districtCode: zone.districtCode,
          name: zone.name,
          zone,
          level,
          sealedSince: state.sealedSince,
          levelSince: state.levelSince,
        });
      } else {
        inForce.delete(zi);
      }
    }
    const snapshot = [...inForce.entries()].sort((a, b) => a[0] - b[0]).map(([, z]) => z);
    result.push({ end, inForce: snapshot, changes });
  }
  return result;
}

/**
 * The dates that get a page: every date (Beijing) on which a change took effect, up to the release
 * date, oldest first. A date without a change has the state of the last date before it that has one
 * (pageDateFor): a year of data writes one page per change date, not one per calendar day.
 */
export function pageDates(zones: readonly ZoneView[], builtAt: Date): string[] {
  const last = beijingDate(builtAt);
  const dates = new Set<string>();
  for (const z of zones) for (const e of z.events) dates.add(beijingDate(e.effectiveAt));
  return [...dates].filter((d) => d <= last).sort();
}

/** The page that shows the state at the end of `date`: the latest page date on or before it, or null before the first. */
export function pageDateFor(dates: readonly string[], date: string): string | null {
  let found: string | null = null;
  for (const d of dates) if (d <= date) found = d;
  return found;
}

/** Level id → name and severity, over every scheme (past dates may use a scheme no longer in force). */
export function levelsOf(site: { levelSchemes: LevelScheme[] }): Map<string, LevelLike> {
  return new Map(
    site.levelSchemes.flatMap((s) =>
      s.levels.map((l) => [l.id, { id: l.id, name: l.name, severity: l.severity, control: l.control }] as const),
    ),
  );
}
