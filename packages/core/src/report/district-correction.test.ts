import { describe, expect } from 'vitest';
import { listAudit } from '../audit/audit.ts';
import { getIsolationSnapshot } from '../isolation/isolation.ts';
import { InputError, PermissionError } from '../shared/errors.ts';
import { isolationSnapshotCorrection, reportCorrection, testingRoundCorrection } from '../test-support/corrections.ts';
import { later, publishedIsolationSnapshot, publishedJan14, publishedTestingRound } from '../test-support/db.ts';
import { deskTest } from '../test-support/desk.ts';
import { JAN14_REPORT, failure } from '../test-support/fixtures.ts';
import { getTestingRound } from '../testing-round/testing-round.ts';
import {
  approveCorrection,
  listReportCorrections,
  prepareCorrection,
  prepareIsolationSnapshotCorrection,
  prepareTestingRoundCorrection,
} from './correction.ts';
import { getReport } from './report.ts';
import type { ReportInput } from './schema.ts';

const jan14: ReportInput = {
  ...JAN14_REPORT,
  districts: [
    { districtCode: '130109', newConfirmed: 60, newAsymptomatic: 12, cumulativeConfirmed: 400, cumulativeAsymptomatic: 150 },
    { districtCode: '130102', newConfirmed: 20, newAsymptomatic: 5 },
  ],
};

/** 1月14日's report with two districts' rows, published before each test. */
const it = deskTest.extend('report', { auto: true }, ({ press, reviewer }) => publishedJan14(press, reviewer, jan14));

describe('corrections of per-district figures', () => {
  it.override('times', { press: '2021-01-16T09:00:00+08:00', reviewer: '2021-01-16T10:00:00+08:00' });

  it('prepares a district figure correction and applies it to that row on approval by another person', async ({
    db,
    press,
    reviewer,
    report,
  }) => {
    const { request } = await prepareCorrection(
      press,
      reportCorrection(report, { 'districts.130109.newConfirmed': 62 }, '藁城区2例确诊归属复核'),
    );
    expect(request.changes).toEqual([{ field: 'districts.130109.newConfirmed', label: '藁城区 新增确诊', oldValue: 60, newValue: 62 }]);
    expect((await getReport(db, report.id)).districts.find((d) => d.districtCode === '130109')?.newConfirmed).toBe(60);

    const result = await approveCorrection(reviewer, { id: request.id, expectedVersion: request.version });
    if (result.entityType !== 'report') throw new Error('expected a report');
    expect(result.entity.version).toBe(report.version + 1);
    expect(result.entity.districts.find((d) => d.districtCode === '130109')?.newConfirmed).toBe(62);
    // The city-wide figure and the other rows are untouched.
    expect(result.entity.newConfirmed).toBe(90);
    expect(result.entity.districts.find((d) => d.districtCode === '130102')?.newConfirmed).toBe(20);
    expect(result.entity.corrections).toEqual([
      {
        field: 'districts.130109.newConfirmed',
        label: '藁城区 新增确诊',
        oldValue: 60,
        newValue: 62,
        reason: '藁城区2例确诊归属复核',
        correctedAt: '2021-01-16T02:00:00.000Z',
      },
    ]);
    expect((await listReportCorrections(db))[0]).toMatchObject({
      field: 'districts.130109.newConfirmed',
      label: '藁城区 新增确诊',
      oldValue: 60,
      newValue: 62,
    });
    const audit = await listAudit(db, { entityType: 'report', entityId: report.id });
    expect(audit.map((a) => a.action)).toContain('report.correct');
  });

  it('refuses a district that has no row, naming the district', async ({ press, report }) => {
    const e = await failure(prepareCorrection(press, reportCorrection(report, { 'districts.130104.newConfirmed': 1 }, '补报')));
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).message).toContain('桥西区');
  });

  it('refuses a correction that makes the districts add up to more than the city total', async ({ press, report }) => {
    const e = await failure(prepareCorrection(press, reportCorrection(report, { 'districts.130102.newConfirmed': 31 }, '长安区补报')));
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).message).toBe('各区县新增确诊合计 91 超过全市 90');
    // Raising the city total in the same correction is accepted.
    const { request } = await prepareCorrection(
      press,
      reportCorrection(report, { 'districts.130102.newConfirmed': 31, newConfirmed: 91 }, '长安区补报'),
    );
    expect(request.changes.map((c) => c.field)).toEqual(['newConfirmed', 'districts.130102.newConfirmed']);
  });

  it('refuses approval by the person who prepared it', async ({ db, press, report }) => {
    const { request } = await prepareCorrection(press, reportCorrection(report, { 'districts.130109.cumulativeConfirmed': 401 }, '复核'));
    expect(await failure(approveCorrection(press, { id: request.id, expectedVersion: request.version }))).toBeInstanceOf(PermissionError);
    expect((await getReport(db, report.id)).districts.find((d) => d.districtCode === '130109')?.cumulativeConfirmed).toBe(400);
  });

  it('corrects testing round district rows and isolation transfers', async ({ db, press, reviewer }) => {
    // Both published on the evening of 17 January.
    const evening = [later(press, '2021-01-17T19:00:00+08:00'), later(reviewer, '2021-01-17T20:00:00+08:00')] as const;
    const round = await publishedTestingRound(...evening, {
      number: 3,
      peopleTested: 10_000_000,
      positives: 12,
      districts: [{ districtCode: '130109', peopleTested: 500_000, positives: 10 }],
    });
    const tooMany = await failure(
      prepareTestingRoundCorrection(press, testingRoundCorrection(round, { 'districts.130109.positives': 13 }, '补报')),
    );
    expect((tooMany as InputError).message).toBe('各区县阳性合计 13 超过全市 12');
    const { request } = await prepareTestingRoundCorrection(
      press,
      testingRoundCorrection(round, { 'districts.130109.positives': 11 }, '藁城区1例阳性复核'),
    );
    await approveCorrection(reviewer, { id: request.id, expectedVersion: request.version });
    const after = await getTestingRound(db, round.id);
    expect(after.districts[0]).toMatchObject({ districtCode: '130109', positives: 11 });
    expect(after.corrections[0]).toMatchObject({ field: 'districts.130109.positives', label: '藁城区 阳性', oldValue: 10, newValue: 11 });

    const snapshot = await publishedIsolationSnapshot(...evening, {
      asOf: '2021-01-17T12:00:00+08:00',
      sites: 20,
      rooms: 3000,
      people: 2500,
      transfers: [{ districtCode: '130109', asOf: '2021-01-17T12:00:00+08:00', people: 300 }],
    });
    const missing = await failure(
      prepareIsolationSnapshotCorrection(press, isolationSnapshotCorrection(snapshot, { 'transfers.130102.people': 5 }, '补报')),
    );
    expect((missing as InputError).message).toContain('长安区');
    const prepared = await prepareIsolationSnapshotCorrection(
      press,
      isolationSnapshotCorrection(snapshot, { 'transfers.130109.people': 320 }, '转运人数复核'),
    );
    await approveCorrection(reviewer, { id: prepared.request.id, expectedVersion: prepared.request.version });
    const corrected = await getIsolationSnapshot(db, snapshot.id);
    expect(corrected.transfers[0]).toMatchObject({ districtCode: '130109', people: 320 });
    expect(corrected.version).toBe(snapshot.version + 1);
    expect(corrected.corrections[0]).toMatchObject({ field: 'transfers.130109.people', label: '藁城区 转运人数' });
  });
});
