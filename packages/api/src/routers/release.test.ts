import { describe, expect } from 'vitest';
import { outcomeOf, routerTest as it } from '../test-support.ts';

describe('release router', () => {
  it('shows the release history only to signed-in users', async ({ api, reviewer, anonymous }) => {
    await api.db
      .insertInto('release')
      .values({
        id: '20210115T110000Z-1-1',
        status: 'live',
        reasons: JSON.stringify(['发布疫情通报']),
        requested_at: '2021-01-15T11:00:00.000Z',
        started_at: '2021-01-15T11:00:00.000Z',
        finished_at: '2021-01-15T11:00:05.000Z',
        error: null,
        path: null,
        code_version: 'test',
      })
      .execute();
    expect(await outcomeOf(anonymous.release.list())).toBe('UNAUTHORIZED');
    const [release] = await reviewer.release.list();
    expect(release).toMatchObject({ id: '20210115T110000Z-1-1', status: 'live', reasons: ['发布疫情通报'] });
  });

  it('lets an admin ask for a rebuild, naming who asked', async ({ api, admin }) => {
    expect(await admin.release.request()).toEqual({ requested: true });
    expect(api.publisher.reasons).toEqual(['手动重新发布（管控管理员）']);
  });
});
