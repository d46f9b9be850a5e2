// The past-date states of one build, computed once and shared by /zones/on/ and its date pages.
import { siteData } from './api.ts';
import { levelsOf, pageDates, statesByDate, type DayState } from '@epi/core';

let cached: Promise<DayState[]> | null = null;

/** The state at the end of every date from the first change to the release date, oldest first. */
export function siteHistory(): Promise<DayState[]> {
  cached ??= siteData().then((site) => statesByDate(site.zones, levelsOf(site), pageDates(site.zones, site.builtAt)));
  return cached;
}
