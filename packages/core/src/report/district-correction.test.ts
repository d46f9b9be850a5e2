import { beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../audit/audit.ts';
import type { Db } from '../db/database.ts';
import { approveIsolationSnapshot, getIsolationSnapshot, submitIsolationSnapshot } from '../isolation/isolation.ts';
import type { WriteContext } from '../shared/actor.ts';
import { InputError, PermissionError } from '../shared/errors.ts';
import { later, publishedReport, reviewDesk } from '../test-support/db.ts';
import { approveTestingRound, getTestingRound, submitTestingRound } from '../testing-round/testing-round.ts';
import {
  approveCorrection,
  listReportCorrections,
  prepareCorrection,
  prepareIsolationSnapshotCorrection,
  prepareTestingRoundCorrection,
} from './correction.ts';
import { getReport } from './report.ts';
import type { ReportInput } from './schema.ts';
import type { StaffReport } from './workflow.ts';
import { JAN14_REPORT, failure } from '../test-support/fixtures.ts';

const jan14: ReportInput = {
  ...JAN14_REPORT,
  districts: [
    { districtCode: '130109', newConfirmed: 60, newAsymptomatic: 12, cumulativeConfirmed: 400, cumulativeAsymptomatic: 150 },
    { districtCode: '130102', newConfirmed: 20, newAsymptomatic: 5 },
  ],
};

describe('corrections of per-district figures', () => {
  let db: Db;
  let press: WriteContext;
  let reviewer: WriteContext;
  let report: StaffReport;
  beforeEach(async () => {
    ({ db, press, reviewer } = await reviewDesk({ press: '2021-01-16T09:00:00+08:00', reviewer: '2021-01-16T10:00:00+08:00' }));
    report = await publishedReport(later(press, '2021-01-15T08:00:00+08:00'), later(reviewer, '2021-01-15T09:00:00+08:00'), jan14);
  });

  it('prepares a district figure correction and applies it to that row on approval by another person', async () => {
    const { request } = await prepareCorrection(press, {
      reportId: report.id,
      expectedVersion: report.version,
      changes: [{ field: 'districts.130109.newConfirmed', newValue: 62 }],
      reason: '藁城区2例确诊归属复核',
    });
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

  it('refuses a district that has no row, naming the district', async () => {
    const e = await failure(
      prepareCorrection(press, {
        reportId: report.id,
        expectedVersion: report.version,
        changes: [{ field: 'districts.130104.newConfirmed', newValue: 1 }],
        reason: '补报',
      }),
    );
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).message).toContain('桥西区');
  });

  it('refuses a correction that makes the districts add up to more than the city total', async () => {
    const e = await failure(
      prepareCorrection(press, {
        reportId: report.id,
        expectedVersion: report.version,
        changes: [{ field: 'districts.130102.newConfirmed', newValue: 31 }],
        reason: '长安区补报',
      }),
    );
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).message).toBe('各区县新增确诊合计 91 超过全市 90');
    // Raising the city total in the same correction is accepted.
    const { request } = await prepareCorrection(press, {
      reportId: report.id,
      expectedVersion: report.version,
      changes: [
        { field: 'districts.130102.newConfirmed', newValue: 31 },
        { field: 'newConfirmed', newValue: 91 },
      ],
      reason: '长安区补报',
    });
    expect(request.changes.map((c) => c.field)).toEqual(['newConfirmed', 'districts.130102.newConfirmed']);
  });

  it('refuses approval by the person who prepared it', async () => {
    const { request } = await prepareCorrection(press, {
      reportId: report.id,
      expectedVersion: report.version,
      changes: [{ field: 'districts.130109.cumulativeConfirmed', newValue: 401 }],
      reason: '复核',
    });
    expect(await failure(approveCorrection(press, { id: request.id, expectedVersion: request.version }))).toBeInstanceOf(PermissionError);
    expect((await getReport(db, report.id)).districts.find((d) => d.districtCode === '130109')?.cumulativeConfirmed).toBe(400);
  });

  it('corrects testing round district rows and isolation transfers', async () => {
    const submitted = await submitTestingRound(later(press, '2021-01-17T19:00:00+08:00'), {
      number: 3,
      peopleTested: 10_000_000,
      positives: 12,
      districts: [{ districtCode: '130109', peopleTested: 500_000, positives: 10 }],
    });
    const round = await approveTestingRound(later(reviewer, '2021-01-17T20:00:00+08:00'), {
      id: submitted.id,
      expectedVersion: submitted.version,
    });
    const tooMany = await failure(
      prepareTestingRoundCorrection(press, {
        roundId: round.id,
        expectedVersion: round.version,
        changes: [{ field: 'districts.130109.positives', newValue: 13 }],
        reason: '补报',
      }),
    );
    expect((tooMany as InputError).message).toBe('各区县阳性合计 13 超过全市 12');
    const { request } = await prepareTestingRoundCorrection(press, {
      roundId: round.id,
      expectedVersion: round.version,
      changes: [{ field: 'districts.130109.positives', newValue: 11 }],
      reason: '藁城区1例阳性复核',
    });
    await approveCorrection(reviewer, { id: request.id, expectedVersion: request.version });
    const after = await getTestingRound(db, round.id);
    expect(after.districts[0]).toMatchObject({ districtCode: '130109', positives: 11 });
    expect(after.corrections[0]).toMatchObject({ field: 'districts.130109.positives', label: '藁城区 阳性', oldValue: 10, newValue: 11 });

    const snap = await submitIsolationSnapshot(later(press, '2021-01-17T19:00:00+08:00'), {
      asOf: '2021-01-17T12:00:00+08:00',
      sites: 20,
      rooms: 3000,
      people: 2500,
      transfers: [{ districtCode: '130109', asOf: '2021-01-17T12:00:00+08:00', people: 300 }],
    });
    const snapshot = await approveIsolationSnapshot(later(reviewer, '2021-01-17T20:00:00+08:00'), {
      id: snap.id,
      expectedVersion: snap.version,
    });
    const missing = await failure(
      prepareIsolationSnapshotCorrection(press, {
        snapshotId: snapshot.id,
        expectedVersion: snapshot.version,
        changes: [{ field: 'transfers.130102.people', newValue: 5 }],
        reason: '补报',
      }),
    );
    expect((missing as InputError).message).toContain('长安区');
    const prepared = await prepareIsolationSnapshotCorrection(press, {
      snapshotId: snapshot.id,
      expectedVersion: snapshot.version,
      changes: [{ field: 'transfers.130109.people', newValue: 320 }],
      reason: '转运人数复核',
    });
    await approveCorrection(reviewer, { id: prepared.request.id, expectedVersion: prepared.request.version });
    const corrected = await getIsolationSnapshot(db, snapshot.id);
    expect(corrected.transfers[0]).toMatchObject({ districtCode: '130109', people: 320 });
    expect(corrected.version).toBe(snapshot.version + 1);
    expect(corrected.corrections[0]).toMatchObject({ field: 'transfers.130109.people', label: '藁城区 转运人数' });
  });
});
