import { describe, expect, it } from 'vitest';
import { listPublicBulletins } from '../bulletin/bulletin.ts';
import { listIsolationFacilities, listIsolationSnapshots } from '../isolation/isolation.ts';
import { listPressConferences } from '../press-conference/press-conference.ts';
import { listReports } from '../report/report.ts';
import { listStaffReports } from '../report/workflow.ts';
import { formatPeriod } from '../shared/time.ts';
import { testDatabase } from '../test-support/db.ts';
import { listTestingRounds } from '../testing-round/testing-round.ts';
import { listZones } from '../zone/zone.ts';
import { isEmpty, loadDemoData } from './load.ts';

describe('demo data', () => {
  it('loads the seeds through the write functions into an empty database', async () => {
    const db = await testDatabase();
    expect(await isEmpty(db)).toBe(true);
    await loadDemoData(db);
    expect(await isEmpty(db)).toBe(false);

    const [report] = await listReports(db);
    expect(report).toMatchObject({ newConfirmed: 48, newAsymptomatic: 10, cumulativeConfirmed: 579, cumulativeAsymptomatic: 213 });
    expect(formatPeriod(report!.periodStart, report!.periodEnd)).toBe('1月15日0—12时');
    // The demo figures went out the way every figure does: one person submitted, another approved.
    const [reviewed] = await listStaffReports(db);
    expect(reviewed!.review).toMatchObject({
      status: 'published',
      submittedBy: { name: '演示新闻发布员' },
      reviewedBy: { name: '演示审核员' },
    });
    expect(reviewed!.publishedAt).toBe('2021-01-15T11:00:00.000Z');

    const [round] = await listTestingRounds(db);
    expect(round).toMatchObject({ number: 2, collectionPoints: 13758, peopleTested: 10253103, positives: 247 });
    expect(round!.completedAt).toBe('2021-01-14T12:00:00.000Z');
    expect(round!.districts.find((d) => d.districtName === '藁城区')?.positives).toBe(217);
    expect(round!.districts.filter((d) => d.noSpread)).toHaveLength(9);

    const [iso] = await listIsolationSnapshots(db);
    expect(iso).toMatchObject({ sites: 434, rooms: 27831, people: 27014 });
    expect(iso!.transfers).toEqual([{ districtCode: '130109', districtName: '藁城区', asOf: '2021-01-15T10:00:00.000Z', people: 14573 }]);
    const [facility] = await listIsolationFacilities(db);
    expect(facility).toMatchObject({ rooms: 3000, status: 'under_construction', constructionStartedOn: '2021-01-13' });

    const [conf] = await listPressConferences(db);
    expect(conf!.number).toBe(11);
    expect(conf!.people[0]).toMatchObject({ role: 'host', name: '孟祥红', title: '副市长' });
    expect(conf!.agencies).toHaveLength(3);
    expect(conf!.links.map((l) => l.entityType).sort()).toEqual(['isolation_snapshot', 'report', 'testing_round']);

    const bulletins = await listPublicBulletins(db);
    expect(bulletins.map((b) => b.issuer)).toContain('中共石家庄市委员会办公室');
    expect(bulletins).toHaveLength(2);

    const zones = await listZones(db, new Date('2021-01-16T00:00:00Z').toISOString());
    expect(zones.map((z) => [z.name, z.level?.name])).toEqual([
      ['增村镇小果庄村', '高风险'],
      ['藁城区全域', '高风险'],
    ]);
    const before = await listZones(db, new Date('2021-01-05T12:00:00+08:00').toISOString());
    expect(before.filter((z) => z.state.status === 'sealed').map((z) => z.name)).toEqual(['增村镇小果庄村']);
    // As the province's notices have it: medium from 4 January, high from the 5th.
    expect(before[0]!.events.map((e) => [e.action, e.levelName, e.effectiveAt])).toEqual([
      ['seal', '中风险', '2021-01-03T16:00:00.000Z'],
      ['relevel', '高风险', '2021-01-04T16:00:00.000Z'],
    ]);
  });

  it('is all-or-nothing: a failure part-way leaves the database empty', async () => {
    const db = await testDatabase();
    await db
      .insertInto('setting')
      .values({ key: 'zone.level_scheme', value: 'control-2022' })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: 'control-2022' }))
      .execute();
    await expect(loadDemoData(db)).rejects.toThrow(/等级/);
    expect(await isEmpty(db)).toBe(true);
  });
});
