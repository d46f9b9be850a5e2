import {
  latestSiteChange,
  listPressConferences,
  listReports,
  outbreakIsolation,
  outbreakReports,
  outbreakTestingRounds,
} from '@epi/core/server';
import { describe, expect } from 'vitest';
import { cliTest as it } from './test-support/cli.ts';

describe('epi demo outbreak', () => {
  it('loads the outbreak through review by two people, justified only where the console asks', async ({ ws }) => {
    await ws.account('press.li', 'press_officer');
    await ws.account('rev.zhao', 'reviewer');
    // One person cannot both submit and approve.
    const alone = await ws.epi(['demo', 'outbreak', '--user', 'press.li', '--reviewer', 'press.li']);
    expect(alone.code).not.toBe(0);
    expect(await listReports(await ws.db())).toEqual([]);
    expect(await latestSiteChange(await ws.db())).toBe(0);

    const r = await ws.epi(['demo', 'outbreak', '--user', 'press.li', '--reviewer', 'rev.zhao', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const load = JSON.parse(r.stdout);
    const rows = outbreakReports();
    expect(load.reports).toEqual({ loaded: rows.length, kept: 0 });
    expect(load.justified.map((j: { note: string }) => j.note)).toEqual(
      rows.filter((row) => row.reconciliationNote).map((row) => row.reconciliationNote),
    );
    const db = await ws.db();
    expect(await listReports(db)).toHaveLength(rows.length);
    expect((await listPressConferences(db)).length).toBe(load.conferences.loaded);
    // Recorded for the public site with the load: a running console publishes it.
    const recorded = await latestSiteChange(db);
    expect(recorded).toBeGreaterThan(0);

    // Again: everything is there already, nothing is loaded twice.
    const again = JSON.parse((await ws.epi(['demo', 'outbreak', '--user', 'press.li', '--reviewer', 'rev.zhao', '--json'])).stdout);
    expect(again.reports).toEqual({ loaded: 0, kept: rows.length });
    expect(again.conferences.loaded).toBe(0);
    expect(load.testingRounds).toEqual({ loaded: outbreakTestingRounds().length, kept: 0 });
    expect(again.testingRounds).toEqual({ loaded: 0, kept: outbreakTestingRounds().length });
    expect(again.isolation).toEqual({ loaded: 0, kept: outbreakIsolation().length });
    // Nothing new, nothing for the site.
    expect(await latestSiteChange(db)).toBe(recorded);
  });
});

describe('demo mode on an empty database', () => {
  it.override('workspaceOptions', { demo: true, demoData: 'outbreak' });
  it('loads the seeds and the outbreak, as `npm start` does', async ({ ws }) => {
    const r = await ws.epi(['demo', 'outbreak', '--user', 'press', '--reviewer', 'reviewer', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('demo data loaded (outbreak)');
    // Already there from the first opening: nothing is loaded twice.
    expect(JSON.parse(r.stdout).reports.loaded).toBe(0);
    expect(await listReports(await ws.db())).toHaveLength(outbreakReports().length);
  });
});
