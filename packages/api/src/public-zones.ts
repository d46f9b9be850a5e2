// The zone list the public reads (zone.list, over HTTP, by anyone): computed once per change and
// minute rather than once per request. It changes only when a change is recorded for the public
// site (every write the public sees records one, in its own transaction) or when a scheduled event
// takes effect, and events take effect on the minute: "now" is read as the start of the current
// minute.
import { latestSiteChange, listZones, type Executor, type ZoneView } from '@epi/core/server';

interface Cached {
  key: string;
  zones: Promise<ZoneView[]>;
}
const cache = new WeakMap<object, Cached[]>();
/** Lists kept per database: the current minute's, and a few asked for other moments. */
const KEEP = 4;

/** The zones at `at` (the moment asked for; null: now, to the minute), from the cache when asked before. */
export async function publicZones(db: Executor, at: string | null, now: Date): Promise<ZoneView[]> {
  const moment = at === null ? `${now.toISOString().slice(0, 16)}:00.000Z` : new Date(at).toISOString();
  const key = `${await latestSiteChange(db)}|${moment}`;
  const entries = cache.get(db) ?? [];
  const hit = entries.find((e) => e.key === key);
  if (hit) return hit.zones;
  const zones = listZones(db, moment);
  cache.set(db, [{ key, zones }, ...entries].slice(0, KEEP));
  // A failed read is not kept.
  zones.catch(() =>
    cache.set(
      db,
      (cache.get(db) ?? []).filter((e) => e.zones !== zones),
    ),
  );
  return zones;
}
