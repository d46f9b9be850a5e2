// Every zone change city-wide (seal, re-level, lift), newest first, grouped by Beijing date and month.
import { beijingDate, type ZoneEvent, type ZoneView } from '@epi/core';

export interface TimelineEntry {
  zone: ZoneView;
  event: ZoneEvent;
  /** Announced for later than the release moment. */
  upcoming: boolean;
}

export interface TimelineDay {
  /** 'YYYY-MM-DD' (Asia/Shanghai) of the changes' effective time. */
  date: string;
  entries: TimelineEntry[];
}

export interface TimelineMonth {
  /** 'YYYY-MM'. */
  month: string;
  days: TimelineDay[];
  count: number;
}

/** Code-unit order: right for UTC ISO instants, and much faster than localeCompare. */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Every change, newest effective time first (then most recently recorded first). */
export function timelineEntries(zones: readonly ZoneView[], now: string): TimelineEntry[] {
  return zones
    .flatMap((zone) => zone.events.map((event) => ({ zone, event, upcoming: event.effectiveAt > now })))
    .sort(
      (a, b) =>
        compare(b.event.effectiveAt, a.event.effectiveAt) || compare(b.event.recordedAt, a.event.recordedAt) || b.event.seq - a.event.seq,
    );
}

/** Consecutive entries of the same Beijing date together (the entries keep their order). */
export function groupByDate(entries: readonly TimelineEntry[]): TimelineDay[] {
  const days: TimelineDay[] = [];
  for (const entry of entries) {
    const date = beijingDate(entry.event.effectiveAt);
    const last = days.at(-1);
    if (last?.date === date) last.entries.push(entry);
    else days.push({ date, entries: [entry] });
  }
  return days;
}

/** Days grouped by month ('YYYY-MM'), in the days' order. */
export function groupByMonth(days: readonly TimelineDay[]): TimelineMonth[] {
  const months: TimelineMonth[] = [];
  for (const day of days) {
    const month = day.date.slice(0, 7);
    let last = months.at(-1);
    if (last?.month !== month) months.push((last = { month, days: [], count: 0 }));
    last.days.push(day);
    last.count += day.entries.length;
  }
  return months;
}

/** How many changes the timeline's first page shows at least, in whole days; the rest is in the month pages. */
export const RECENT_CHANGES = 300;

/** The newest whole days holding at least `min` changes (all days when there are fewer). */
export function recentDays(days: readonly TimelineDay[], min = RECENT_CHANGES): TimelineDay[] {
  const out: TimelineDay[] = [];
  let n = 0;
  for (const day of days) {
    if (n >= min) break;
    out.push(day);
    n += day.entries.length;
  }
  return out;
}
