import { describe, expect } from 'vitest';
import { ZodError } from 'zod';
import { listAudit } from '../audit/audit.ts';
import {
  getIsolationSnapshot,
  listIsolationSnapshots,
  submitIsolationSnapshot,
  type IsolationSnapshotInput,
} from '../isolation/isolation.ts';
import {
  approveCorrection,
  listCorrectionRequests,
  prepareIsolationSnapshotCorrection,
  prepareTestingRoundCorrection,
  returnCorrection,
} from '../report/correction.ts';
import { InputError, PermissionError } from '../shared/errors.ts';
import { isolationSnapshotCorrection, testingRoundCorrection } from '../test-support/corrections.ts';
import { later, publishedIsolationSnapshot, publishedTestingRound } from '../test-support/db.ts';
import { deskTest } from '../test-support/desk.ts';
import { THIRD_ROUND, failure } from '../test-support/fixtures.ts';
import { listTestingRounds, submitTestingRound } from '../testing-round/testing-round.ts';
import { getForReview, listReviewQueue } from './queue.ts';

const snapshot: IsolationSnapshotInput = { asOf: '2021-01-17T12:00:00+08:00', sites: 20, rooms: 3000, people: 2500, closeContacts: 800 };

/** The third testing round, published on the evening of 17 January, before each test. */
const it = deskTest.extend('round', { auto: true }, ({ press, reviewer }) =>
  publishedTestingRound(later(press, '2021-01-17T19:00:00+08:00'), later(reviewer, '2021-01-17T20:00:00+08:00'), THIRD_ROUND),
);

describe('corrections of published testing rounds and isolation snapshots', () => {
  it.override('times', { press: '2021-01-18T09:00:00+08:00', reviewer: '2021-01-18T10:00:00+08:00' });

  it('corrects a testing round only when a different reviewer approves, keeping old value, new value, reason and both people', async ({
    db,
    press,
    reviewer,
    round,
  }) => {
    const { request } = await prepareTestingRoundCorrection(
      press,
      testingRoundCorrection(round, { positives: 13, peopleSampled: 10_100_000 }, '1例阳性复核后补报'),
    );
    expect(request).toMatchObject({
      entityType: 'testing_round',
      entityId: round.id,
      entityVersion: round.version,
      status: 'in_review',
      // In the order the figures are shown.
      changes: [
        { field: 'peopleSampled', label: '采样人数', oldValue: null, newValue: 10_100_000 },
        { field: 'positives', label: '阳性', oldValue: 12, newValue: 13 },
      ],
    });
    expect((await listTestingRounds(db))[0]).toMatchObject({ positives: 12, corrections: [] });

    const queue = await listReviewQueue(db);
    expect(queue.map((q) => [q.type, q.title])).toEqual([['correction', '第3轮全员核酸检测：采样人数、阳性']]);
    const detail = await getForReview(db, 'correction', request.id);
    if (detail.type !== 'correction') throw new Error('expected a correction');
    expect(detail.subject).toBe('第3轮全员核酸检测');
    expect(detail.differences.map((d) => [d.label, d.previous, d.value])).toEqual([
      ['采样人数', null, 10_100_000],
      ['阳性', 12, 13],
    ]);

    const self = await failure(
      approveCorrection({ ...press, actor: { ...press.actor, role: 'reviewer' } }, { id: request.id, expectedVersion: 1 }),
    );
    expect(self).toBeInstanceOf(PermissionError);

    const result = await approveCorrection(reviewer, { id: request.id, expectedVersion: 1 });
    expect(result).toMatchObject({ entityType: 'testing_round', title: '第3轮全员核酸检测', warnings: [] });
    expect(result.entity).toMatchObject({ positives: 13, peopleSampled: 10_100_000, version: round.version + 1 });
    const [listed] = await listTestingRounds(db);
    expect(listed!.corrections).toEqual([
      {
        field: 'peopleSampled',
        label: '采样人数',
        oldValue: null,
        newValue: 10_100_000,
        reason: '1例阳性复核后补报',
        correctedAt: '2021-01-18T02:00:00.000Z',
      },
      {
        field: 'positives',
        label: '阳性',
        oldValue: 12,
        newValue: 13,
        reason: '1例阳性复核后补报',
        correctedAt: '2021-01-18T02:00:00.000Z',
      },
    ]);
    const rows = await db.selectFrom('correction').select(['entity_type', 'corrected_by', 'prepared_by', 'request_id']).execute();
    expect(rows).toEqual([
      { entity_type: 'testing_round', corrected_by: reviewer.actor.id, prepared_by: press.actor.id, request_id: request.id },
      { entity_type: 'testing_round', corrected_by: reviewer.actor.id, prepared_by: press.actor.id, request_id: request.id },
    ]);
    const entries = await listAudit(db, { entityType: 'testing_round', entityId: round.id, limit: 2 });
    expect(entries.map((e) => [e.action, e.actorName, e.reason])).toEqual([
      ['testing_round.correct', '审核员', '1例阳性复核后补报'],
      ['testing_round.correction_submit', '新闻发布员', '1例阳性复核后补报'],
    ]);
    expect(entries[0]!.before).toMatchObject({ positives: 12 });
    expect(entries[0]!.after).toMatchObject({ positives: 13 });
  });

  it('refuses a testing round correction without a reason, emptying a required figure, or breaking the district total', async ({
    db,
    press,
    round,
  }) => {
    const noReason = await failure(prepareTestingRoundCorrection(press, testingRoundCorrection(round, { positives: 13 }, '')));
    expect((noReason as ZodError).issues.map((i) => i.path.join('.'))).toEqual(['reason']);
    const required = await failure(prepareTestingRoundCorrection(press, testingRoundCorrection(round, { peopleTested: null }, '原因')));
    expect((required as ZodError).issues.map((i) => i.path.join('.'))).toEqual(['changes.0.newValue']);
    const unknownField = await failure(
      prepareTestingRoundCorrection(press, testingRoundCorrection(round, { ['newConfirmed' as 'positives']: 1 }, '原因')),
    );
    expect(unknownField).toBeInstanceOf(ZodError);
    const below = await failure(prepareTestingRoundCorrection(press, testingRoundCorrection(round, { positives: 9 }, '原因')));
    expect(below).toBeInstanceOf(InputError);
    expect((below as InputError).field).toBe('changes.0.newValue');
    expect(await listCorrectionRequests(db)).toEqual([]);
  });

  it('refuses to correct a round that is not published', async ({ press }) => {
    const waiting = await submitTestingRound(press, { ...THIRD_ROUND, number: 4 });
    const error = await failure(prepareTestingRoundCorrection(press, testingRoundCorrection(waiting, { positives: 1 }, '笔误')));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe('roundId');
  });

  it('corrects an isolation snapshot through the same review, and a returned one changes nothing', async ({ db, press, reviewer }) => {
    const published = await publishedIsolationSnapshot(
      later(press, '2021-01-17T13:00:00+08:00'),
      later(reviewer, '2021-01-17T14:00:00+08:00'),
      snapshot,
    );
    const unpublished = await submitIsolationSnapshot(press, { ...snapshot, asOf: '2021-01-18T12:00:00+08:00' });
    const refused = await failure(
      prepareIsolationSnapshotCorrection(press, isolationSnapshotCorrection(unpublished, { people: 1 }, '笔误')),
    );
    expect((refused as InputError).field).toBe('snapshotId');
    const noReason = await failure(prepareIsolationSnapshotCorrection(press, isolationSnapshotCorrection(published, { people: 1 }, ' ')));
    expect(noReason).toBeInstanceOf(ZodError);

    const first = await prepareIsolationSnapshotCorrection(press, isolationSnapshotCorrection(published, { people: 2600 }, '统计口径'));
    await returnCorrection(reviewer, { id: first.request.id, expectedVersion: 1, comment: '口径未变' });
    expect(await getIsolationSnapshot(db, published.id)).toMatchObject({ people: 2500, corrections: [] });

    const { request } = await prepareIsolationSnapshotCorrection(
      press,
      isolationSnapshotCorrection(published, { closeContacts: 812, secondaryContacts: 1500 }, '补充次密切接触者人数，密接人数复核'),
    );
    expect(await failure(approveCorrection(press, { id: request.id, expectedVersion: 1 }))).toBeInstanceOf(PermissionError);
    const result = await approveCorrection(reviewer, { id: request.id, expectedVersion: 1 });
    expect(result.entityType).toBe('isolation_snapshot');
    expect(result.entity).toMatchObject({ closeContacts: 812, secondaryContacts: 1500, version: published.version + 1 });
    const [listed] = await listIsolationSnapshots(db);
    expect(listed!.corrections.map((c) => [c.field, c.oldValue, c.newValue, c.reason])).toEqual([
      ['closeContacts', 800, 812, '补充次密切接触者人数，密接人数复核'],
      ['secondaryContacts', null, 1500, '补充次密切接触者人数，密接人数复核'],
    ]);
    const entries = await listAudit(db, { entityType: 'isolation_snapshot', entityId: published.id, limit: 4 });
    expect(entries.map((e) => e.action)).toEqual([
      'isolation.correct',
      'isolation.correction_submit',
      'isolation.correction_return',
      'isolation.correction_submit',
    ]);
  });
});
