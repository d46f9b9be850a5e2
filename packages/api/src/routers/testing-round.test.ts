import { describe, expect } from 'vitest';
import { errorOf, routerTest as it } from '../test-support.ts';
import { isolationSnapshotCorrection, testingRoundCorrection } from '@epi/core/test-support';

const round2 = { number: 2, completedAt: '2021-01-14T20:00:00+08:00', collectionPoints: 13_758, peopleTested: 10_253_103, positives: 247 };

describe('testing round and isolation routers', () => {
  it('publishes a round only when a reviewer approves it, and suggests the next number', async ({ api, press, reviewer, anonymous }) => {
    expect(await press.testingRound.nextNumber()).toEqual({ number: 1, ongoing: false });
    const submitted = await press.testingRound.submit(round2);
    expect(await press.testingRound.nextNumber()).toEqual({ number: 3, ongoing: false });
    expect(await anonymous.testingRound.list()).toEqual([]);
    expect((await reviewer.testingRound.all()).map((r) => r.review.status)).toEqual(['in_review']);
    const detail = await reviewer.review.forReview({ type: 'testing_round', id: submitted.id });
    expect(detail.previous).toBeNull();

    await reviewer.testingRound.return({ id: submitted.id, expectedVersion: 1, comment: '请补充采样开始时间' });
    const resubmitted = await press.testingRound.resubmit({
      ...round2,
      startedAt: '2021-01-12T07:00:00+08:00',
      id: submitted.id,
      expectedVersion: 2,
    });
    await reviewer.testingRound.approve({ id: submitted.id, expectedVersion: resubmitted.version });
    expect((await anonymous.testingRound.list()).map((r) => [r.number, r.startedAt])).toEqual([[2, '2021-01-11T23:00:00.000Z']]);
    expect(api.publisher.reasons).toEqual(['发布第2轮核酸检测']);
  });

  it('publishes an isolation snapshot after review, and a facility directly', async ({ api, press, reviewer, anonymous }) => {
    const submitted = await press.isolation.submitSnapshot({
      asOf: '2021-01-15T12:00:00+08:00',
      sites: 434,
      rooms: 27_831,
      people: 27_014,
    });
    expect((await errorOf(press.isolation.approveSnapshot({ id: submitted.id, expectedVersion: 1 }))).code).toBe('FORBIDDEN');
    await reviewer.isolation.approveSnapshot({ id: submitted.id, expectedVersion: 1 });
    const facility = await press.isolation.publishFacility({
      name: '集中隔离点建设项目',
      location: '正定县',
      rooms: 3000,
      status: 'under_construction',
    });
    expect((await anonymous.isolation.snapshots()).map((s) => s.people)).toEqual([27_014]);
    expect((await anonymous.isolation.facilities()).map((f) => f.id)).toEqual([facility.id]);
    expect(api.publisher.reasons).toEqual(['发布集中隔离情况', '发布隔离设施：集中隔离点建设项目']);
  });

  it('corrects a published round and snapshot on two people’s word through the shared correction review', async ({
    api,
    press,
    reviewer,
    anonymous,
  }) => {
    const submitted = await press.testingRound.submit(round2);
    const notPublished = await errorOf(press.testingRound.correct(testingRoundCorrection(submitted, { positives: 248 }, '补报')));
    expect(notPublished.code).toBe('BAD_REQUEST');
    const round = await reviewer.testingRound.approve({ id: submitted.id, expectedVersion: 1 });
    expect((await errorOf(reviewer.testingRound.correct(testingRoundCorrection(round, { positives: 248 }, '补报')))).code).toBe(
      'FORBIDDEN',
    );
    const prepared = await press.testingRound.correct(testingRoundCorrection(round, { positives: 248 }, '1例阳性复核后补报'));
    expect((await press.testingRound.get({ id: round.id })).correctionRequests.map((c) => c.status)).toEqual(['in_review']);
    expect((await errorOf(press.report.approveCorrection({ id: prepared.request.id, expectedVersion: 1 }))).code).toBe('FORBIDDEN');
    const applied = await reviewer.report.approveCorrection({ id: prepared.request.id, expectedVersion: 1 });
    expect(applied.entity).toMatchObject({ positives: 248, version: round.version + 1 });
    const [listed] = await anonymous.testingRound.list();
    expect(listed!.corrections.map((c) => [c.field, c.oldValue, c.newValue, c.reason])).toEqual([
      ['positives', 247, 248, '1例阳性复核后补报'],
    ]);

    const snapshot = await press.isolation.submitSnapshot({ asOf: '2021-01-15T12:00:00+08:00', sites: 434, rooms: 27_831, people: 27_014 });
    const published = await reviewer.isolation.approveSnapshot({ id: snapshot.id, expectedVersion: 1 });
    const correction = await press.isolation.correctSnapshot(
      isolationSnapshotCorrection(published, { people: 27_104 }, '数字顺序录入有误'),
    );
    expect((await reviewer.review.queue()).map((q) => [q.type, q.title])).toEqual([
      ['correction', '集中隔离情况（截至2021年1月15日 12:00）：隔离人数'],
    ]);
    await reviewer.report.returnCorrection({ id: correction.request.id, expectedVersion: 1, comment: '请核实' });
    expect((await anonymous.isolation.snapshots())[0]).toMatchObject({ people: 27_014, corrections: [] });
    expect(api.publisher.reasons).toEqual(['发布第2轮核酸检测', '更正第2轮全员核酸检测', '发布集中隔离情况']);
  });

  it('corrects a district row of a published round through the same review, refusing a district without a row', async ({
    press,
    reviewer,
    anonymous,
  }) => {
    const submitted = await press.testingRound.submit({
      ...round2,
      districts: [{ districtCode: '130109', peopleTested: 600_000, positives: 200 }],
    });
    const round = await reviewer.testingRound.approve({ id: submitted.id, expectedVersion: 1 });
    const missing = await errorOf(press.testingRound.correct(testingRoundCorrection(round, { 'districts.130102.positives': 1 }, '补报')));
    expect(missing.code).toBe('BAD_REQUEST');
    expect(missing.message).toContain('长安区');
    const prepared = await press.testingRound.correct(
      testingRoundCorrection(round, { 'districts.130109.positives': 201 }, '藁城区1例阳性复核后补报'),
    );
    expect(prepared.request.changes).toEqual([{ field: 'districts.130109.positives', label: '藁城区 阳性', oldValue: 200, newValue: 201 }]);
    expect((await errorOf(press.report.approveCorrection({ id: prepared.request.id, expectedVersion: 1 }))).code).toBe('FORBIDDEN');
    const applied = await reviewer.report.approveCorrection({ id: prepared.request.id, expectedVersion: 1 });
    expect(applied.entity).toMatchObject({ version: round.version + 1 });
    const [listed] = await anonymous.testingRound.list();
    expect(listed!.districts[0]).toMatchObject({ districtCode: '130109', positives: 201 });
    expect(listed!.corrections.map((c) => [c.field, c.label, c.oldValue, c.newValue])).toEqual([
      ['districts.130109.positives', '藁城区 阳性', 200, 201],
    ]);
  });
});
