// Beijing time (Asia/Shanghai): instants are stored as UTC ISO strings and shown, entered and
// grouped into calendar days in Beijing time. The only place that knows the offset. Dependency-free,
// so a browser script can import it alone (`@epi/core/time`).
// Fixed +8 arithmetic rather than Intl: China has had no daylight saving since 1991, and it converts both ways exactly, in every runtime.
const BEIJING_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** An instant: an ISO string (with an offset), epoch milliseconds or a Date. */
export type Instant = string | number | Date;

export interface BeijingParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A Date whose UTC fields read the Beijing wall time of the instant. */
const wall = (instant: Instant): Date => new Date(new Date(instant).getTime() + BEIJING_OFFSET_MS);

export function beijingParts(instant: Instant): BeijingParts {
  const d = wall(instant);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

/** 'YYYY-MM-DD': the Beijing calendar date of the instant. */
export function beijingDate(instant: Instant): string {
  const p = beijingParts(instant);
  return `${String(p.year).padStart(4, '0')}-${pad(p.month)}-${pad(p.day)}`;
}

/** 'HH:mm' in Beijing time. */
export function beijingTime(instant: Instant): string {
  const p = beijingParts(instant);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/** 'YYYY-MM-DD HH:mm', or 'YYYY-MM-DD HH:mm:ss' with `seconds`, in Beijing time (what spreadsheets and open data show). */
export function beijingDateTime(instant: Instant, options: { seconds?: boolean } = {}): string {
  const text = `${beijingDate(instant)} ${beijingTime(instant)}`;
  return options.seconds ? `${text}:${pad(beijingParts(instant).second)}` : text;
}

/** 'YYYY-MM-DDTHH:mm' in Beijing time, the value of an <input type="datetime-local">. */
export function beijingLocalInput(instant: Instant): string {
  return `${beijingDate(instant)}T${beijingTime(instant)}`;
}

/**
 * Beijing wall time to a UTC ISO instant; '24时' is the next day's 00:00. Null when there is no such
 * time (2月30日, 25时, 24时30分).
 */
export function beijingInstant(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): string | null {
  const values = [year, month, day, hour, minute, second];
  if (!values.every(Number.isInteger)) return null;
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  if (hour < 0 || hour > 24 || minute < 0 || minute > 59 || second < 0 || second > 59 || (hour === 24 && (minute > 0 || second > 0)))
    return null;
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999 ('0021' would become 1921).
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute, second, 0);
  return new Date(utc.getTime() - BEIJING_OFFSET_MS).toISOString();
}

/** Reads 'YYYY-MM-DDTHH:mm[:ss]' as Beijing wall time; returns the UTC ISO instant. */
export function fromBeijingLocal(local: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim());
  if (!m) throw new RangeError(`not a local date-time: ${local}`);
  const [, y, mo, d, h, mi, s] = m;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0)) - BEIJING_OFFSET_MS;
  return new Date(utc).toISOString();
}

/** 00:00 Beijing time of a 'YYYY-MM-DD' date, as a UTC ISO instant (16:00Z the day before). */
export function beijingDayStart(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) - BEIJING_OFFSET_MS).toISOString();
}

/** The end of a 'YYYY-MM-DD' date (24:00 Beijing time, the next day's 00:00), as a UTC ISO instant; exclusive. */
export function beijingDayEnd(date: string): string {
  return new Date(Date.parse(beijingDayStart(date)) + DAY_MS).toISOString();
}

/** The Beijing date a period ending at `end` closes: an end at 00:00 closes the day before (24时). */
export function beijingEndDate(end: Instant): string {
  return beijingDate(new Date(end).getTime() - 1);
}

/** The calendar date after 'YYYY-MM-DD'. */
export function nextBeijingDate(date: string): string {
  return beijingDate(beijingDayEnd(date));
}

/** Every date from `from` to `to` ('YYYY-MM-DD'), both included; empty when `from` is after `to`. */
export function beijingDatesBetween(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let d = from; d <= to; d = nextBeijingDate(d)) dates.push(d);
  return dates;
}

/** '2021年1月15日 12:00' (Beijing time). */
export function formatDateTime(instant: Instant): string {
  const p = beijingParts(instant);
  return `${p.year}年${p.month}月${p.day}日 ${pad(p.hour)}:${pad(p.minute)}`;
}

/** '2021年1月15日' from an instant (its Beijing date) or a 'YYYY-MM-DD' date. */
export function formatDate(value: Instant): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-').map(Number);
    return `${y}年${m}月${d}日`;
  }
  const p = beijingParts(value);
  return `${p.year}年${p.month}月${p.day}日`;
}

const hm = (hour: number, minute: number) => (minute === 0 ? `${hour}时` : `${hour}时${minute}分`);

/**
 * A moment in the official phrasing of "as of", Beijing time: '1月15日12时', '1月15日12时30分'; a
 * midnight closes the previous day as 24时 ('1月15日24时', not '1月16日0时'), as bulletins write it.
 */
export function formatAsOf(instant: Instant): string {
  let p = beijingParts(instant);
  if (p.hour === 0 && p.minute === 0) p = { ...beijingParts(new Date(instant).getTime() - 1), hour: 24, minute: 0 };
  return `${p.month}月${p.day}日${hm(p.hour, p.minute)}`;
}

/**
 * A reporting period in the official phrasing, Beijing time: '1月15日0—12时', '1月14日0—24时',
 * '1月14日12时—1月15日12时'. An end at 00:00 closes the previous day as 24时.
 */
export function formatPeriod(start: Instant, end: Instant): string {
  const s = beijingParts(start);
  let e = beijingParts(end);
  if (e.hour === 0 && e.minute === 0 && new Date(end).getTime() > new Date(start).getTime()) {
    e = { ...beijingParts(new Date(end).getTime() - 1), hour: 24, minute: 0 };
  }
  if (s.year === e.year && s.month === e.month && s.day === e.day) {
    const day = `${s.month}月${s.day}日`;
    if (s.minute === 0 && e.minute === 0) return `${day}${s.hour}—${e.hour}时`;
    return `${day}${hm(s.hour, s.minute)}—${hm(e.hour, e.minute)}`;
  }
  return `${s.month}月${s.day}日${hm(s.hour, s.minute)}—${e.month}月${e.day}日${hm(e.hour, e.minute)}`;
}
