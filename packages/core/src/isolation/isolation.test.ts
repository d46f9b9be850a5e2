import { beforeEach, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { listAudit } from '../audit/audit.ts';
import type { Db } from '../db/database.ts';
import type { WriteContext } from '../shared/actor.ts';
import { InputError, PermissionError } from '../shared/errors.ts';
import { staffMember, testDatabase } from '../test-support/db.ts';
import {
  approveIsolationSnapshot,
  listIsolationSnapshots,
  listStaffIsolationSnapshots,
  resubmitIsolationSnapshot,
  returnIsolationSnapshot,
  submitIsolationSnapshot,
  type IsolationSnapshotInput,
} from './isolation.ts';

const snapshot: IsolationSnapshotInput = {
  asOf: '2021-01-15T12:00:00+08:00',
  sites: 434,
  rooms: 27_831,
  people: 27_014,
  transfers: [{ districtCode: '130109', asOf: '2021-01-15T18:00:00+08:00', people: 14_573 }],
};

const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e);

describe('isolation snapshot review', () => {
  let db: Db;
  let press: WriteContext;
  let reviewer: WriteContext;
  beforeEach(async () => {
    db = await testDatabase();
    press = await staffMember(db, 'press_officer', '新闻发布员');
    reviewer = await staffMember(db, 'reviewer', '审核员');
  });

  it('is public only once a different reviewer approves it', async () => {
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

  it('refuses a district listed twice among the transfers', async () => {
    const row = { districtCode: '130109', asOf: '2021-01-15T18:00:00+08:00', people: 1 };
    const error = await failure(submitIsolationSnapshot(press, { ...snapshot, transfers: [row, row] }));
    expect(error).toBeInstanceOf(ZodError);
    expect((error as ZodError).issues.map((i) => i.path.join('.'))).toEqual(['transfers.1.districtCode']);
  });
});
