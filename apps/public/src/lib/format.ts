// Number and time formatting for the pages. Times are shown in Asia/Shanghai by @epi/core.
import { formatDate, formatDateTime, formatPeriod, beijingParts } from '@epi/core';
import { t } from '../i18n/index.ts';

export { formatDate, formatDateTime, formatPeriod };

const integer = new Intl.NumberFormat(t.lang);
const decimal = new Intl.NumberFormat(t.lang, { maximumFractionDigits: 2 });

/** 10253103 → '10,253,103'. */
export function formatNumber(n: number): string {
  return Number.isInteger(n) ? integer.format(n) : decimal.format(n);
}

/** A count that may be missing, with an optional unit ('48例'); missing shows as 未公布. */
export function formatCount(n: number | null | undefined, unit?: (n: string) => string): string {
  // A count that is missing was not stated: never shown as 0.
  if (n === null || n === undefined) return t.common.notAnnounced;
  const s = formatNumber(n);
  return unit ? unit(s) : s;
}

/** A date-time that may be missing. */
export function formatOptionalDateTime(instant: string | null | undefined, missing: string = t.common.none): string {
  return instant ? formatDateTime(instant) : missing;
}

/** The machine-readable value of a <time> element for an instant (kept in UTC). */
export function isoInstant(instant: string | Date): string {
  return (typeof instant === 'string' ? new Date(instant) : instant).toISOString();
}

/** '2月8日 00:00' (Beijing time); the year is added when it differs from the year of `now`. */
export function formatShortDateTime(instant: string | Date, now: string | Date): string {
  const full = formatDateTime(instant);
  return beijingParts(instant).year === beijingParts(now).year ? full.replace(/^\d+年/, '') : full;
}

/** '2021-01-08' → '1月8日'; the year is added when it differs from the year of `now`. */
export function formatShortDate(date: string, now: string | Date): string {
  const full = formatDate(date);
  return Number(date.slice(0, 4)) === beijingParts(now).year ? full.replace(/^\d+年/, '') : full;
}

/** '2021-01' → '2021年1月'. */
export function formatMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${y}年${m}月`;
}
