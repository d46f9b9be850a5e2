// When the figures were last updated, and whether the next update is late.
import { t } from '../i18n/index.ts';
import { lastCorrectedAt } from './corrections.ts';
import { formatDateTime } from './format.ts';

/**
 * The late-update rule, in one place: when the latest published report's period ended more than
 * this many hours before the release, the dashboard and the home page say that the latest figures
 * have not been published yet. Reports come at least once a day, so 36 hours is one missed daily
 * report plus half a day's grace. A site with no report at all says nothing (nothing is expected).
 */
export const LATE_AFTER_HOURS = 36;

export interface LateUpdate {
  /** The end of the latest report's period, UTC ISO. */
  lastPeriodEnd: string;
  /** Whole hours from that end to the release. */
  hoursSince: number;
}

/** The late notice to show at `builtAt`, or null when the latest report is recent enough. */
export function lateUpdate(
  latest: { periodEnd: string } | null,
  builtAt: Date | string,
  afterHours: number = LATE_AFTER_HOURS,
): LateUpdate | null {
  if (!latest) return null;
  const ms = new Date(builtAt).getTime() - new Date(latest.periodEnd).getTime();
  if (ms <= afterHours * 3_600_000) return null;
  return { lastPeriodEnd: latest.periodEnd, hoursSince: Math.floor(ms / 3_600_000) };
}

export interface Published {
  publishedAt: string | null;
}

/** When a published record last changed: its publication or its latest correction. */
export function recordUpdatedAt(record: Published): string | null {
  const corrected = lastCorrectedAt(record);
  const published = record.publishedAt;
  if (!corrected) return published;
  if (!published) return corrected;
  return new Date(corrected).getTime() > new Date(published).getTime() ? corrected : published;
}

/** The latest change over a set of records ("数据更新时间"), UTC ISO; null when none is published. */
export function latestUpdate(records: readonly Published[]): string | null {
  let best: string | null = null;
  let bestMs = -Infinity;
  for (const r of records) {
    const at = recordUpdatedAt(r);
    if (!at) continue;
    const ms = new Date(at).getTime();
    if (ms > bestMs) {
      best = new Date(at).toISOString();
      bestMs = ms;
    }
  }
  return best;
}

/** The late notice in words: '最新数据尚未更新：上次通报截至2021年1月15日 12:00。' */
export function lateNoticeText(late: LateUpdate): string {
  return `${t.figures.lateBefore}${formatDateTime(late.lastPeriodEnd)}${t.figures.lateAfter}`;
}
