// The zones of a past-date page as ready HTML list items. A year of dates with thousands of zones
// in force repeats the same items on every page, so each item is rendered once and reused.
import { t } from '../i18n/index.ts';
import type { ZoneOnDate } from '@epi/core';
import { levelClass } from './zones.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

const cache = new Map<string, string>();

/** `<li>` with the zone's link and level, and the whole-district measure it lies within, if any. */
export function compactZoneItem(z: ZoneOnDate, within: ZoneOnDate | null): string {
  const key = `${z.id}|${z.level.id}|${within?.id ?? ''}|${within?.level.id ?? ''}`;
  let html = cache.get(key);
  if (html === undefined) {
    html =
      `<li><a href="/zones/${encodeURIComponent(z.id)}/">${escapeHtml(z.zone.name)}</a> ` +
      `<span class="${levelClass(z.level)}">${escapeHtml(z.level.name)}</span>` +
      (within ? ` <span class="zone-within">${escapeHtml(t.zones.within(within.zone.name, within.level.name))}</span>` : '') +
      '</li>';
    cache.set(key, html);
  }
  return html;
}
