import { describe, expect } from 'vitest';
import { errorOf, routerTest as it } from '../test-support.ts';

const facility = {
  name: '黄庄公寓隔离场所',
  location: '藁城区黄庄',
  rooms: 3000,
  constructionStartedOn: '2021-01-13',
  status: 'under_construction' as const,
};

describe('isolation facility updates through the router', () => {
  it('updates a published facility, asks for a release, and shows the change publicly', async ({ api, press, anonymous }) => {
    const published = await press.isolation.publishFacility(facility);
    const updated = await press.isolation.updateFacility({
      ...facility,
      status: 'in_use',
      openedOn: '2021-01-20',
      id: published.id,
      expectedVersion: published.version,
      reason: '首批隔离人员入住',
    });
    expect(updated).toMatchObject({ status: 'in_use', version: 2 });
    expect(api.publisher.reasons).toEqual([`发布隔离设施：${facility.name}`, `更新隔离设施：${facility.name}`]);
    const [shown] = await anonymous.isolation.facilities();
    expect(shown!.changes).toEqual([
      {
        version: 2,
        at: api.clock.now.toISOString(),
        reason: '首批隔离人员入住',
        fields: [
          { field: 'status', before: 'under_construction', after: 'in_use' },
          { field: 'openedOn', before: null, after: '2021-01-20' },
        ],
      },
    ]);
    expect(await press.isolation.facility({ id: published.id })).toEqual(updated);
  });

  it('refuses a stale version with CONFLICT, and a reviewer or an admin outright', async ({ api, press }) => {
    const published = await press.isolation.publishFacility(facility);
    const change = { ...facility, rooms: 3100, id: published.id, expectedVersion: 1, reason: '房间数调整' };
    await press.isolation.updateFacility(change);
    const stale = await errorOf(press.isolation.updateFacility({ ...change, rooms: 3200 }));
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toContain('当前版本 2');
    for (const role of ['reviewer', 'admin'] as const) {
      expect((await errorOf((await api.as(role)).isolation.updateFacility({ ...change, expectedVersion: 2 }))).code).toBe('FORBIDDEN');
    }
    const { body } = await api.postOverHttp('press_officer', 'isolation.updateFacility', { ...change, expectedVersion: 2, reason: '' });
    expect(Object.keys(body.error.data.fieldErrors)).toEqual(['reason']);
  });
});
