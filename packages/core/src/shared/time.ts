// Instants are stored as UTC ISO strings and shown in Asia/Shanghai.
// China has kept UTC+8 without daylight saving since 1991, so local input is read at a fixed +08:00.
export const TIME_ZONE = 'Asia/Shanghai';
const OFFSET_MS = 8 * 60 * 60 * 1000;

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

export function shanghaiParts(instant: string | Date): LocalParts {
  const t = (typeof instant === 'string' ? new Date(instant) : instant).getTime() + OFFSET_MS;
  const d = new Date(t);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 'YYYY-MM-DD' of the instant in Asia/Shanghai. */
export function shanghaiDate(instant: string | Date): string {
  const p = shanghaiParts(instant);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** 'YYYY-MM-DDTHH:mm' in Asia/Shanghai, the value of an <input type="datetime-local">. */
export function toShanghaiLocalInput(instant: string | Date): string {
  const p = shanghaiParts(instant);
  return `${shanghaiDate(instant)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** Reads 'YYYY-MM-DDTHH:mm[:ss]' as Asia/Shanghai wall time; returns the UTC ISO instant. */
export function fromShanghaiLocal(local: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim());
  if (!m) throw new RangeError(`not a local date-time: ${local}`);
  const [, y, mo, d, h, mi, s] = m;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0)) - OFFSET_MS;
  return new Date(utc).toISOString();
}

/** '2021年1月15日 12:00' */
export function formatDateTime(instant: string | Date): string {
  const p = shanghaiParts(instant);
  return `${p.year}年${p.month}月${p.day}日 ${pad(p.hour)}:${pad(p.minute)}`;
}

/** '2021年1月15日' from an instant or a 'YYYY-MM-DD' date. */
export function formatDate(value: string | Date): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-').map(Number);
    return `${y}年${m}月${d}日`;
  }
  const p = shanghaiParts(value);
  return `${p.year}年${p.month}月${p.day}日`;
}

const hm = (hour: number, minute: number) => (minute === 0 ? `${hour}时` : `${hour}时${minute}分`);

/**
 * A reporting period in the official phrasing: '1月15日0—12时', '1月14日0—24时',
 * '1月14日12时—1月15日12时'. An end at 00:00 closes the previous day as 24时.
 */
export function formatPeriod(start: string, end: string): string {
  const s = shanghaiParts(start);
  const endTime = new Date(end).getTime();
  let e = shanghaiParts(end);
  if (e.hour === 0 && e.minute === 0 && endTime > new Date(start).getTime()) {
    e = { ...shanghaiParts(new Date(endTime - 1)), hour: 24, minute: 0 };
  }
  if (s.year === e.year && s.month === e.month && s.day === e.day) {
    const day = `${s.month}月${s.day}日`;
    if (s.minute === 0 && e.minute === 0) return `${day}${s.hour}—${e.hour}时`;
    return `${day}${hm(s.hour, s.minute)}—${hm(e.hour, e.minute)}`;
  }
  return `${s.month}月${s.day}日${hm(s.hour, s.minute)}—${e.month}月${e.day}日${hm(e.hour, e.minute)}`;
}
