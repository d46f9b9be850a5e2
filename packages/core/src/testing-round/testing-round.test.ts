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
  testingRoundInput,
} from './testing-round.ts';

describe('testing round review', () => {
  it('goes out only when a different reviewer approves, after a return and a resubmission', async ({ db, press, reviewer }) => {
    expect(await nextTestingRoundNumber(db)).toEqual({ number: 1, ongoing: false });
    const submitted = await submitTestingRound(press, THIRD_ROUND);
    expect(submitted).toMatchObject({ status: 'in_review', version: 1, publishedAt: null });
    expect(await nextTestingRoundNumber(db)).toEqual({ number: 4, ongoing: false });
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

describe('a round published while it goes on', () => {
  // The city's 2nd round as the press conference of 1月13日 gave it, then its final figures.
  const progress = {
    number: 2,
    stage: 'in_progress' as const,
    asOf: '2021-01-13T12:00:00+08:00',
    startedAt: '2021-01-12T07:00:00+08:00',
    collectionPoints: 13_758,
    peopleSampled: 10_183_412,
    peopleSent: 9_846_312,
    resultsOut: 8_135_641,
    positives: 135,
  };

  it('is published as dated progress, then with its final figures; one final and one per moment', async ({ db, press, reviewer }) => {
    const first = await submitTestingRound(press, progress);
    await approveTestingRound(reviewer, { id: first.id, expectedVersion: first.version });
    // The round goes on: its number is suggested again.
    expect(await nextTestingRoundNumber(db)).toEqual({ number: 2, ongoing: true });
    expect(await failure(submitTestingRound(press, progress))).toMatchObject({
      field: 'asOf',
      message: '第2轮截至1月13日12时的数据已存在',
    });

    const final = await submitTestingRound(press, {
      number: 2,
      completedAt: '2021-01-14T20:00:00+08:00',
      collectionPoints: 13_758,
      peopleTested: 10_253_103,
      positives: 247,
    });
    await approveTestingRound(reviewer, { id: final.id, expectedVersion: final.version });
    expect((await listTestingRounds(db)).map((r) => [r.number, r.stage, r.asOf, r.resultsOut, r.positives])).toEqual([
      [2, 'final', '2021-01-14T12:00:00.000Z', null, 247],
      [2, 'in_progress', '2021-01-13T04:00:00.000Z', 8_135_641, 135],
    ]);
    expect(await nextTestingRoundNumber(db)).toEqual({ number: 3, ongoing: false });
    expect(await failure(submitTestingRound(press, { ...progress, asOf: '2021-01-15T12:00:00+08:00' }))).toMatchObject({
      field: 'asOf',
      message: '第2轮已于1月14日20时结束：之后的数字请作为新的一轮录入',
    });
    expect(await failure(submitTestingRound(press, { number: 2, peopleTested: 1, positives: 0 }))).toMatchObject({ field: 'number' });
    // A final statement without a moment ends the round too: no progress after it.
    await submitTestingRound(press, { number: 5, peopleTested: 1_000, positives: 0 });
    expect(await failure(submitTestingRound(press, { ...progress, number: 5, asOf: '2021-01-20T12:00:00+08:00' }))).toMatchObject({
      field: 'stage',
      message: '第5轮已有最终数据：之后的数字请作为新的一轮录入',
    });
  });

  it('checks what a progress report states: a moment, no completion, and each stage no more than the one before', () => {
    const issues = (input: Record<string, unknown>) =>
      testingRoundInput.safeParse(input).error?.issues.map((i) => [i.path.join('.'), i.message]) ?? [];
    expect(issues({ ...progress, asOf: null, completedAt: '2021-01-14T20:00:00+08:00' })).toEqual([
      ['asOf', '进行中的轮次请填写数据截至时间'],
      ['completedAt', '进行中的轮次还没有完成时间；已完成请选择“已完成”'],
    ]);
    expect(issues({ ...progress, resultsOut: 9_900_000 })).toEqual([['resultsOut', '已出结果人数 9900000 超过送检人数 9846312']]);
    expect(issues({ number: 2, stage: 'final', peopleTested: 10 })).toEqual([['positives', '已完成的轮次须填写最终数字']]);
  });
});
