import { describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../db/database.ts';
import { ensureReferenceData } from '../district/reference.ts';
import { listPressConferences } from '../press-conference/press-conference.ts';
import { listReports } from '../report/report.ts';
import { dailySeries } from '../report/series.ts';
import { actorOf, listUsers } from '../user/user.ts';
import { loadDemoData } from './load.ts';
import { listTestingRounds, testingRoundInput } from '../testing-round/testing-round.ts';
import {
  loadOutbreakData,
  outbreakConferences,
  outbreakIsolation,
  outbreakReports,
  outbreakTestingRounds,
  outbreakTestingRoundInput,
} from './outbreak.ts';

describe('the outbreak as it was published', () => {
  it('cites a source for every row', () => {
    for (const row of [...outbreakReports(), ...outbreakConferences()]) {
      expect(row.source.url, JSON.stringify(row).slice(0, 80)).toMatch(/^https?:\/\//);
      expect(row.source.title.length).toBeGreaterThan(0);
    }
  });

  it('loads on the demo through review, asking a justification only across the days no figures were found', async () => {
    const db = openDatabase(':memory:');
    await migrateToLatest(db);
    await ensureReferenceData(db);
    await loadDemoData(db);
    const users = await listUsers(db);
    const press = actorOf(users.find((u) => u.role === 'press_officer')!);
    const reviewer = actorOf(users.find((u) => u.role === 'reviewer')!);

    const load = await loadOutbreakData(db, press, reviewer);
    const rows = outbreakReports();
    // The seeds' own report of 1月15日0—12时 stays as it is.
    expect(load.reports).toEqual({ loaded: rows.length - 1, kept: 1 });
    // Every justification answers a gap: the part-day and full-day figures of the same day never need one.
    // (The seeds' 1月15日0—12时 is kept; its row needs no note either way, since 1月14日0—24时 ends where it starts.)
    expect(load.justified.length).toBe(rows.filter((r) => r.reconciliationNote).length);
    expect(load.justified.flatMap((j) => j.issues)).toEqual(load.justified.map(() => '统计时段与上一期通报之间有空档'));
    expect(load.justified.length).toBeLessThan(rows.length / 2);

    const reports = await listReports(db);
    expect(reports).toHaveLength(rows.length);
    const { days, issues } = dailySeries(reports);
    expect(issues).toEqual([]);
    // The real curve: 1月6日 (50 new), 1月12日 (84), and the days no figures were found left out, never 0.
    const day = (date: string) => days.find((d) => d.date === date)!;
    expect(day('2021-01-06').newConfirmed).toBe(50);
    expect(day('2021-01-12').newConfirmed).toBe(84);
    expect(day('2021-01-08').newConfirmed).toBeNull();

    // Conferences of both levels and of other bodies, the seeds' 11th kept.
    const conferences = await listPressConferences(db);
    expect(load.conferences.loaded + 1).toBe(conferences.length);
    expect(new Set(conferences.map((c) => c.level))).toEqual(new Set(['municipal', 'provincial', 'other']));
    expect(conferences.filter((c) => c.number === null).length).toBeGreaterThan(0);

    // Testing rounds: each round's progress and final figures; the seeds' final of round 2 kept.
    const roundRows = outbreakTestingRounds();
    expect(load.testingRounds).toEqual({ loaded: roundRows.length - 1, kept: 1 });
    const rounds = await listTestingRounds(db);
    expect(new Set(rounds.map((r) => r.number))).toEqual(new Set([1, 2, 3]));
    expect(rounds.filter((r) => r.stage === 'final').map((r) => [r.number, r.positives])).toEqual([
      [3, 32],
      [2, 247],
      [1, 354],
    ]);
    expect(rounds.filter((r) => r.stage === 'in_progress').length).toBe(roundRows.filter((r) => r.stage === 'in_progress').length);
    // The seeds' own snapshot (1月15日12时) is kept; the others are loaded, each figure as stated.
    expect(load.isolation).toEqual({ loaded: outbreakIsolation().length - 1, kept: 1 });
    await db.destroy();
  });

  it('cites a source for every testing round and isolation row, and each is valid input', () => {
    for (const row of [...outbreakTestingRounds(), ...outbreakIsolation()]) {
      expect(row.source.url).toMatch(/^https?:\/\//);
      expect(row.quote.length).toBeGreaterThan(0);
    }
    for (const row of outbreakTestingRounds()) expect(testingRoundInput.safeParse(outbreakTestingRoundInput(row)).success).toBe(true);
  });

  it('loads with the seeds in one go as the demo of `npm start`', async () => {
    const db = openDatabase(':memory:');
    await migrateToLatest(db);
    await ensureReferenceData(db);
    await loadDemoData(db, { outbreak: true });
    const reports = await listReports(db);
    expect(reports).toHaveLength(outbreakReports().length);
    // The latest figures are the outbreak's last, not the seeds'.
    const latest = [...reports].sort((a, b) => b.periodEnd.localeCompare(a.periodEnd))[0]!;
    expect(latest.periodEnd > '2021-02-01').toBe(true);
    await db.destroy();
  });
});
