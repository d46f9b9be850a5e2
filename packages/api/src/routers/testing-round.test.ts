import { beforeEach, describe, expect, it } from 'vitest';
import { errorOf, testApi, type Caller, type TestApi } from '../test-support.ts';

const round2 = { number: 2, completedAt: '2021-01-14T20:00:00+08:00', collectionPoints: 13_758, peopleTested: 10_253_103, positives: 247 };

describe('testing round and isolation routers', () => {
  let api: TestApi;
  let press: Caller;
  let reviewer: Caller;
  beforeEach(async () => {
    api = await testApi();
    press = await api.as('press_officer');
    reviewer = await api.as('reviewer');
  });

  it('publishes a round only when a reviewer approves it, and suggests the next number', async () => {
    expect(await press.testingRound.nextNumber()).toBe(1);
    const submitted = await press.testingRound.submit(round2);
    expect(await press.testingRound.nextNumber()).toBe(3);
    const anonymous = await api.as(null);
    expect(await anonymous.testingRound.list()).toEqual([]);
    expect((await reviewer.testingRound.all()).map((r) => r.review.status)).toEqual(['in_review']);
    const detail = await reviewer.review.forReview({ type: 'testing_round', id: submitted.id });
    expect(detail.previous).toBeNull();

    await reviewer.testingRound.return({ id: submitted.id, expectedVersion: 1, comment: '请补充采样开始时间' });
    const resubmitted = await press.testingRound.resubmit({ ...round2, startedAt: '2021-01-12T07:00:00+08:00', id: submitted.id, expectedVersion: 2 });
    await reviewer.testingRound.approve({ id: submitted.id, expectedVersion: resubmitted.version });
    expect((await anonymous.testingRound.list()).map((r) => [r.number, r.startedAt])).toEqual([[2, '2021-01-11T23:00:00.000Z']]);
    expect(api.publisher.reasons).toEqual(['发布第2轮核酸检测']);
  });

  it('publishes an isolation snapshot after review, and a facility directly', async () => {
    const submitted = await press.isolation.submitSnapshot({ asOf: '2021-01-15T12:00:00+08:00', sites: 434, rooms: 27_831, people: 27_014 });
    expect((await errorOf(press.isolation.approveSnapshot({ id: submitted.id, expectedVersion: 1 }))).code).toBe('FORBIDDEN');
    await reviewer.isolation.approveSnapshot({ id: submitted.id, expectedVersion: 1 });
    const facility = await press.isolation.publishFacility({ name: '集中隔离点建设项目', location: '正定县', rooms: 3000, status: 'under_construction' });
    const anonymous = await api.as(null);
    expect((await anonymous.isolation.snapshots()).map((s) => s.people)).toEqual([27_014]);
    expect((await anonymous.isolation.facilities()).map((f) => f.id)).toEqual([facility.id]);
    expect(api.publisher.reasons).toEqual(['发布集中隔离情况', '发布隔离设施：集中隔离点建设项目']);
  });
});
