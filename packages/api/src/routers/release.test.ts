import { listAudit } from '@epi/core/server';
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
        through_change: null,
      })
      .execute();
    expect(await outcomeOf(anonymous.release.list())).toBe('UNAUTHORIZED');
    const [release] = await reviewer.release.list();
    expect(release).toMatchObject({ id: '20210115T110000Z-1-1', status: 'live', reasons: ['发布疫情通报'] });
  });

  it('records each change the public site shows with the change itself, and shows where it stands', async ({
    api,
    press,
    reviewer,
    anonymous,
  }) => {
    await press.pressConference.publish({
      level: 'municipal',
      issuer: '石家庄市人民政府新闻办公室',
      number: 12,
      heldOn: '2021-01-16',
      title: '石家庄市第12场新冠肺炎疫情防控新闻发布会',
      summary: '通报最新情况。',
    });
    // A write that fails records nothing.
    await expect(
      press.pressConference.publish({ level: 'municipal', issuer: '', number: 13, heldOn: '2021-01-17', title: '', summary: '' }),
    ).rejects.toThrow();
    expect(await outcomeOf(anonymous.release.changes())).toBe('UNAUTHORIZED');
    const changes = await reviewer.release.changes();
    expect(changes.map((c) => [c.reason, c.status, c.requestedBy])).toEqual([
      ['发布石家庄市人民政府新闻办公室第12场新闻发布会', 'pending', '新闻发布员'],
    ]);
    expect(api.publisher.reasons).toEqual(['发布石家庄市人民政府新闻办公室第12场新闻发布会']);
  });

  it('lets an admin ask for a rebuild, naming who asked', async ({ api, admin }) => {
    expect(await admin.release.request()).toEqual({ requested: true });
    expect(api.publisher.reasons).toEqual(['手动重新发布（管控管理员）']);
    const [entry] = await listAudit(api.db, { actions: ['site.rebuild_request'] });
    expect(entry).toMatchObject({ actorName: '管控管理员', entityType: 'release' });
  });
});
