import { describe, expect } from 'vitest';
import { listAudit } from '../audit/audit.ts';
import { ConflictError, InputError, PermissionError } from '../shared/errors.ts';
import { deskTest as it } from '../test-support/desk.ts';
import { THIRD_ROUND, failure } from '../test-support/fixtures.ts';
import {
  approveTestingRound,
  listTestingRounds,
  nextTestingRoundNumber,
  resubmitTestingRound,
  returnTestingRound,
  submitTestingRound,
} from './testing-round.ts';

describe('testing round review', () => {
  it('goes out only when a different reviewer approves, after a return and a resubmission', async ({ db, press, reviewer }) => {
    expect(await nextTestingRoundNumber(db)).toBe(1);
    const submitted = await submitTestingRound(press, THIRD_ROUND);
    expect(submitted).toMatchObject({ status: 'in_review', version: 1, publishedAt: null });
    expect(await nextTestingRoundNumber(db)).toBe(4);
    expect(await listTestingRounds(db)).toEqual([]);
    expect(await failure(approveTestingRound(press, { id: submitted.id, expectedVersion: 1 }))).toBeInstanceOf(PermissionError);

    const returned = await returnTestingRound(reviewer, { id: submitted.id, expectedVersion: 1, comment: '阳性数与区县合计不符' });
    expect(returned.review).toMatchObject({ status: 'returned', reviewComment: '阳性数与区县合计不符' });
    expect(await failure(approveTestingRound(reviewer, { id: submitted.id, expectedVersion: 2 }))).toBeInstanceOf(InputError);
    expect(await failure(resubmitTestingRound(press, { ...THIRD_ROUND, id: submitted.id, expectedVersion: 1 }))).toBeInstanceOf(
      ConflictError,
    );

    const resubmitted = await resubmitTestingRound(press, { ...THIRD_ROUND, positives: 10, id: submitted.id, expectedVersion: 2 });
    expect(resubmitted).toMatchObject({ status: 'in_review', version: 3, positives: 10 });
    expect(resubmitted.districts.map((d) => d.districtName)).toEqual(['井陉矿区', '藁城区']);

    const approved = await approveTestingRound(reviewer, { id: submitted.id, expectedVersion: 3 });
    expect(approved).toMatchObject({ status: 'published', version: 4, publishedAt: '2021-01-15T11:00:00.000Z' });
    expect((await listTestingRounds(db)).map((r) => r.number)).toEqual([3]);
    expect(await failure(resubmitTestingRound(press, { ...THIRD_ROUND, id: submitted.id, expectedVersion: 4 }))).toBeInstanceOf(InputError);

    const entries = await listAudit(db, { entityType: 'testing_round', entityId: submitted.id });
    expect(entries.map((e) => [e.action, e.actorName, e.reason])).toEqual([
      ['testing_round.approve', '审核员', null],
      ['testing_round.resubmit', '新闻发布员', null],
      ['testing_round.return', '审核员', '阳性数与区县合计不符'],
      ['testing_round.submit', '新闻发布员', null],
    ]);
  });

  it('keeps round numbers unique across every status', async ({ press }) => {
    await submitTestingRound(press, THIRD_ROUND);
    const error = await failure(submitTestingRound(press, THIRD_ROUND));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe('number');
  });
});
