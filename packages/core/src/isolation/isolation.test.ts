import { describe, expect } from 'vitest';
import { ZodError } from 'zod';
import { listAudit } from '../audit/audit.ts';
import { ConflictError, InputError, PermissionError } from '../shared/errors.ts';
import { later } from '../test-support/db.ts';
import { deskTest as it } from '../test-support/desk.ts';
import {
  approveIsolationSnapshot,
  getIsolationFacility,
  listIsolationFacilities,
  publishIsolationFacility,
  updateIsolationFacility,
  type IsolationFacilityInput,
  listIsolationSnapshots,
  listStaffIsolationSnapshots,
  resubmitIsolationSnapshot,
  returnIsolationSnapshot,
  submitIsolationSnapshot,
  type IsolationSnapshotInput,
} from './isolation.ts';
import { failure } from '../test-support/fixtures.ts';

const snapshot: IsolationSnapshotInput = {
  asOf: '2021-01-15T12:00:00+08:00',
  sites: 434,
  rooms: 27_831,
  people: 27_014,
  transfers: [{ districtCode: '130109', asOf: '2021-01-15T18:00:00+08:00', people: 14_573 }],
};

describe('isolation snapshot review', () => {
  it('is public only once a different reviewer approves it', async ({ db, press, reviewer }) => {
    const submitted = await submitIsolationSnapshot(press, snapshot);
    expect(submitted).toMatchObject({ status: 'in_review', version: 1 });
    expect(await listIsolationSnapshots(db)).toEqual([]);
    expect((await listStaffIsolationSnapshots(db)).map((s) => s.review.status)).toEqual(['in_review']);
    expect(await failure(approveIsolationSnapshot(press, { id: submitted.id, expectedVersion: 1 }))).toBeInstanceOf(PermissionError);

    await returnIsolationSnapshot(reviewer, { id: submitted.id, expectedVersion: 1, comment: '房间数请与指挥部口径核对' });
    expect(await failure(approveIsolationSnapshot(reviewer, { id: submitted.id, expectedVersion: 2 }))).toBeInstanceOf(InputError);
    const resubmitted = await resubmitIsolationSnapshot(press, { ...snapshot, rooms: 27_830, id: submitted.id, expectedVersion: 2 });
    expect(resubmitted).toMatchObject({ status: 'in_review', version: 3, rooms: 27_830 });
    await approveIsolationSnapshot(reviewer, { id: submitted.id, expectedVersion: 3 });
    const [published] = await listIsolationSnapshots(db);
    expect(published).toMatchObject({ rooms: 27_830, status: 'published', version: 4 });
    expect(published!.transfers).toHaveLength(1);
    const entries = await listAudit(db, { entityType: 'isolation_snapshot', entityId: submitted.id });
    expect(entries.map((e) => e.action)).toEqual(['isolation.approve', 'isolation.resubmit', 'isolation.return', 'isolation.submit']);
  });

  it('keeps a figure that was not stated as not stated, and refuses a snapshot that states nothing', async ({ db, press, reviewer }) => {
    // 「截至9日8时，石家庄全市已集中隔离11708人，启用隔离场所120个」: no rooms.
    const partial = await submitIsolationSnapshot(press, { asOf: '2021-01-09T08:00:00+08:00', sites: 120, people: 11_708 });
    await approveIsolationSnapshot(reviewer, { id: partial.id, expectedVersion: 1 });
    // 「截至1月15日18时，藁城区共集中转运隔离14573人」: a district's transfers alone.
    const transfers = await submitIsolationSnapshot(press, { asOf: '2021-01-15T18:00:00+08:00', transfers: snapshot.transfers });
    await approveIsolationSnapshot(reviewer, { id: transfers.id, expectedVersion: 1 });
    const listed = await listIsolationSnapshots(db);
    expect(listed.map((s) => [s.sites, s.rooms, s.people, s.transfers.length])).toEqual([
      [null, null, null, 1],
      [120, null, 11_708, 0],
    ]);
    const empty = await failure(submitIsolationSnapshot(press, { asOf: '2021-01-16T08:00:00+08:00' }));
    expect(empty).toBeInstanceOf(ZodError);
    expect((empty as ZodError).issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['people', '至少填写一项通报的数字（隔离场所、房间、人数、密接、次密接或区县转运）'],
    ]);
    // Not stated is not 0: a 0 that was stated stays a 0.
    const zero = await submitIsolationSnapshot(press, { asOf: '2021-02-21T00:00:00+08:00', people: 0 });
    expect(zero).toMatchObject({ people: 0, sites: null });
  });

  it('refuses a district listed twice among the transfers', async ({ press }) => {
    const row = { districtCode: '130109', asOf: '2021-01-15T18:00:00+08:00', people: 1 };
    const error = await failure(submitIsolationSnapshot(press, { ...snapshot, transfers: [row, row] }));
    expect(error).toBeInstanceOf(ZodError);
    expect((error as ZodError).issues.map((i) => i.path.join('.'))).toEqual(['transfers.1.districtCode']);
  });
});

// 黄庄公寓 as announced on 13 January 2021, and the day it took its first people.
const huangzhuang: IsolationFacilityInput = {
  name: '黄庄公寓隔离场所',
  location: '藁城区黄庄',
  rooms: 3000,
  roomAreaM2: 18,
  siteAreaMu: 485,
  constructionStartedOn: '2021-01-13',
  status: 'under_construction',
};

describe('isolation facility updates', () => {
  it('puts a facility into use, keeps what each changed field was before, and audits it with the reason', async ({ db, press }) => {
    const published = await publishIsolationFacility(press, huangzhuang);
    expect(published).toMatchObject({ version: 1, changes: [] });
    const reason = '1月20日首批隔离人员入住';
    const updated = await updateIsolationFacility(later(press, '2021-01-20T18:00:00+08:00'), {
      ...huangzhuang,
      status: 'in_use',
      rooms: 3200,
      openedOn: '2021-01-20',
      id: published.id,
      expectedVersion: 1,
      reason,
    });
    expect(updated).toMatchObject({
      status: 'in_use',
      rooms: 3200,
      openedOn: '2021-01-20',
      version: 2,
      updatedAt: '2021-01-20T10:00:00.000Z',
    });
    expect(updated.changes).toEqual([
      {
        version: 2,
        at: '2021-01-20T10:00:00.000Z',
        reason,
        fields: [
          { field: 'status', before: 'under_construction', after: 'in_use' },
          { field: 'rooms', before: 3000, after: 3200 },
          { field: 'openedOn', before: null, after: '2021-01-20' },
        ],
      },
    ]);
    // The public list shows the current state with its changes.
    expect(await listIsolationFacilities(db)).toEqual([updated]);
    const [entry] = await listAudit(db, { entityType: 'isolation_facility', entityId: published.id, limit: 1 });
    expect(entry).toMatchObject({
      action: 'isolation_facility.update',
      reason,
      before: { status: 'under_construction', version: 1 },
      after: { status: 'in_use', version: 2 },
    });
  });

  it('refuses a change made to a version someone else has changed since, and keeps theirs', async ({ db, press, otherPress }) => {
    const { id } = await publishIsolationFacility(press, huangzhuang);
    await updateIsolationFacility(otherPress, { ...huangzhuang, rooms: 3100, id, expectedVersion: 1, reason: '房间数调整' });
    const error = await failure(
      updateIsolationFacility(press, { ...huangzhuang, status: 'in_use', id, expectedVersion: 1, reason: '投入使用' }),
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).field).toBe('expectedVersion');
    expect(await getIsolationFacility(db, id)).toMatchObject({ rooms: 3100, status: 'under_construction', version: 2 });
    expect(await listAudit(db, { entityType: 'isolation_facility', entityId: id })).toHaveLength(2);
  });

  it('requires a reason and a change, and names the field', async ({ db, press }) => {
    const { id } = await publishIsolationFacility(press, huangzhuang);
    const noReason = await failure(updateIsolationFacility(press, { ...huangzhuang, rooms: 1, id, expectedVersion: 1, reason: ' ' }));
    expect((noReason as ZodError).issues.map((i) => i.path.join('.'))).toEqual(['reason']);
    const unchanged = await failure(updateIsolationFacility(press, { ...huangzhuang, id, expectedVersion: 1, reason: '核对' }));
    expect(unchanged).toBeInstanceOf(InputError);
    expect(await getIsolationFacility(db, id)).toMatchObject({ version: 1, changes: [] });
  });
});
