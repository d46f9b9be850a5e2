import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/database.ts';
import type { WriteContext } from '../shared/actor.ts';
import { testDatabase } from '../test-support/db.ts';
import { searchZones } from './search.ts';
import { createZone, liftZone } from './zone.ts';

const NOW = '2021-01-20T02:00:00.000Z';

describe('zone search', () => {
  let db: Db;
  beforeEach(async () => {
    db = await testDatabase();
    const at = (iso: string): WriteContext => ({ db, actor: { id: null, name: '管理员甲', role: 'admin' }, now: new Date(iso) });
    const zone = (districtCode: string, name: string, levelId: string, effectiveAt: string, recordedAt: string) =>
      createZone(at(recordedAt), { districtCode, name, kind: 'community', levelId, effectiveAt, notice: '通告', address: `${name}所在路` });
    await zone('130109', '甲村', 'risk-2021.high', '2021-01-05T00:00:00+08:00', '2021-01-05T10:00:00+08:00');
    await zone('130102', '乙社区', 'risk-2021.medium', '2021-01-07T00:00:00+08:00', '2021-01-07T10:00:00+08:00');
    const lifted = await zone('130105', '丙小区', 'risk-2021.low', '2021-01-06T00:00:00+08:00', '2021-01-06T10:00:00+08:00');
    await liftZone(at('2021-01-19T10:00:00+08:00'), {
      zoneId: lifted.id,
      expectedVersion: lifted.version,
      effectiveAt: '2021-01-19T00:00:00+08:00',
      notice: '解除',
    });
    // Announced for later: not in effect at NOW.
    await zone('130109', '丁村_100%', 'risk-2021.high', '2021-01-25T00:00:00+08:00', '2021-01-19T12:00:00+08:00');
  });

  const names = async (input: Parameters<typeof searchZones>[1]) => (await searchZones(db, input, NOW)).rows.map((z) => z.name);

  it('sorts by district order by default, and by any column either way, empty values last', async () => {
    expect(await names({})).toEqual(['乙社区', '丙小区', '丁村_100%', '甲村']);
    expect(await names({ sort: 'level', dir: 'desc' })).toEqual(['甲村', '乙社区', '丙小区', '丁村_100%']);
    expect(await names({ sort: 'level', dir: 'asc' })).toEqual(['乙社区', '甲村', '丙小区', '丁村_100%']);
    expect(await names({ sort: 'since', dir: 'desc' })).toEqual(['丙小区', '乙社区', '甲村', '丁村_100%']);
    expect(await names({ sort: 'changed', dir: 'desc' })).toEqual(['丁村_100%', '丙小区', '乙社区', '甲村']);
    expect(await names({ sort: 'name', dir: 'asc' })).toEqual([...(await names({}))].sort());
  });

  it('filters by district, level, status at the moment and text, in SQL', async () => {
    expect(await names({ districtCode: '130109' })).toEqual(['丁村_100%', '甲村']);
    expect(await names({ status: 'sealed' })).toEqual(['乙社区', '甲村']);
    expect(await names({ status: 'lifted' })).toEqual(['丙小区']);
    expect(await names({ status: 'none' })).toEqual(['丁村_100%']);
    // Designated 低风险 (not a control level) before it was lifted: control had already ended.
    expect(await names({ status: 'sealed', at: '2021-01-10T00:00:00+08:00' })).toEqual(['乙社区', '甲村']);
    expect(await names({ status: 'lifted', at: '2021-01-10T00:00:00+08:00' })).toEqual(['丙小区']);
    expect(await names({ status: 'sealed', at: '2021-01-26T00:00:00+08:00' })).toEqual(['乙社区', '丁村_100%', '甲村']);
    expect(await names({ levelId: 'risk-2021.high' })).toEqual(['甲村']);
    expect(await names({ q: '所在路', districtCode: '130102' })).toEqual(['乙社区']);
    // LIKE wildcards in the query are matched literally.
    expect(await names({ q: '_100%' })).toEqual(['丁村_100%']);
    expect(await names({ q: '%' })).toEqual(['丁村_100%']);
    expect(await names({ q: '新华' })).toEqual(['丙小区']);
    expect(await names({ districtCode: '', levelId: '', status: '', q: '' } as never)).toHaveLength(4);
  });

  it('pages with the total of matches and of all zones', async () => {
    const first = await searchZones(db, { pageSize: 3 }, NOW);
    expect(first).toMatchObject({ total: 4, all: 4, page: 1, pageSize: 3, pageCount: 2 });
    expect(first.rows).toHaveLength(3);
    const second = await searchZones(db, { pageSize: 3, page: 2 }, NOW);
    expect(second.rows.map((z) => z.name)).toEqual(['甲村']);
    // A page past the end shows the last page.
    expect((await searchZones(db, { pageSize: 3, page: 9 }, NOW)).page).toBe(2);
    const filtered = await searchZones(db, { status: 'lifted' }, NOW);
    expect(filtered).toMatchObject({ total: 1, all: 4, pageCount: 1 });
    expect(filtered.rows[0]!.state.status).toBe('lifted');
    const none = await searchZones(db, { q: '没有这个' }, NOW);
    expect(none).toMatchObject({ rows: [], total: 0, page: 1, pageCount: 1 });
  });
});
