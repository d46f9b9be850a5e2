// The bodies that hold press conferences, each with its own series of numbers: what the console
// suggests for a new conference. Reads the divisions, so server-only.
import type { Executor } from '../db/database.ts';
import { homeCityCode, listDivisions } from '../division/division.ts';
import { CONFERENCE_LEVELS, newsOffice, type ConferenceLevel } from './issuer.ts';

/** A body that holds conferences, and the number to suggest for its next one. */
export interface ConferenceIssuer {
  level: ConferenceLevel;
  issuer: string;
  /** Its highest published number plus 1. */
  nextNumber: number;
  /** When it last held one, or null for a body that has held none yet. */
  lastHeldOn: string | null;
}

/**
 * The bodies a new conference may come from: those that have held one (most recent first within a
 * level), and the home city's and the province's news offices even before they have.
 */
export async function pressConferenceIssuers(db: Executor): Promise<ConferenceIssuer[]> {
  const rows = await db
    .selectFrom('press_conference')
    .select((eb) => ['issuer_level', 'issuer', eb.fn.max('number').as('max'), eb.fn.max('held_on').as('last')])
    .where('status', '=', 'published')
    .groupBy(['issuer_level', 'issuer'])
    .execute();
  const issuers: ConferenceIssuer[] = rows.map((r) => ({
    level: r.issuer_level,
    issuer: r.issuer,
    nextNumber: Number(r.max ?? 0) + 1,
    lastHeldOn: r.last as string | null,
  }));
  const home = await homeCityCode(db);
  const divisions = await listDivisions(db, ['province', 'city']);
  const city = divisions.find((d) => d.code === home);
  const province = divisions.find((d) => d.level === 'province');
  for (const [level, place] of [
    ['municipal', city?.name],
    ['provincial', province?.name],
  ] as const) {
    if (place && !issuers.some((i) => i.level === level && i.issuer === newsOffice(place))) {
      issuers.push({ level, issuer: newsOffice(place), nextNumber: 1, lastHeldOn: null });
    }
  }
  const order = (l: ConferenceLevel) => CONFERENCE_LEVELS.indexOf(l);
  return issuers.sort(
    (a, b) => order(a.level) - order(b.level) || (b.lastHeldOn ?? '').localeCompare(a.lastHeldOn ?? '') || a.issuer.localeCompare(b.issuer),
  );
}
