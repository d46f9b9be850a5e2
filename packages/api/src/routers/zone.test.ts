import { putSetting } from '@epi/core/server';
import { VILLAGE_ZONE } from '@epi/core/test-support';
import { describe, expect } from 'vitest';
import { errorOf, routerTest as it } from '../test-support.ts';

const village = { ...VILLAGE_ZONE, address: '藁城区增村镇小果庄村' };

describe('zone router', () => {
  it.override('now', '2021-01-20T10:00:00+08:00');

  it('seals, re-levels and lifts a zone, auditing each change and asking for a release', async ({ api, admin }) => {
    const created = await admin.zone.create(village);
    expect(created).toMatchObject({ districtName: '藁城区', version: 2, state: { status: 'sealed', levelId: 'risk-2021.high' } });

    const relevelled = await admin.zone.relevel({
      zoneId: created.id,
      expectedVersion: created.version,
      levelId: 'risk-2021.medium',
      effectiveAt: '2021-01-18T00:00:00+08:00',
      notice: '关于调整风险等级的通告',
    });
    expect(relevelled).toMatchObject({ version: 3, level: { name: '中风险' }, state: { sealedSince: '2021-01-04T16:00:00.000Z' } });

    const lifted = await admin.zone.lift({
      zoneId: created.id,
      expectedVersion: relevelled.version,
      effectiveAt: '2021-01-20T00:00:00+08:00',
      notice: '关于解除管控的通告',
    });
    expect(lifted.state).toEqual({ status: 'lifted', sealedSince: '2021-01-04T16:00:00.000Z', liftedAt: '2021-01-19T16:00:00.000Z' });
    expect(lifted.level).toBeNull();
    expect(lifted.events.map((e) => [e.action, e.levelName, e.recordedByName])).toEqual([
      ['seal', '高风险', '管控管理员'],
      ['relevel', '中风险', '管控管理员'],
      ['lift', null, '管控管理员'],
    ]);

    const audit = await admin.audit.list({ entityType: 'zone', entityId: created.id });
    expect(audit.map((a) => a.action)).toEqual(['zone.lift', 'zone.relevel', 'zone.seal', 'zone.create']);
    expect(audit.every((a) => a.actorName === '管控管理员')).toBe(true);
    const relevelEntry = audit[1]!;
    expect(relevelEntry.reason).toBe('关于调整风险等级的通告');
    expect(relevelEntry.before).toMatchObject({ version: 2, state: { status: 'sealed', levelId: 'risk-2021.high' } });
    expect(relevelEntry.after).toMatchObject({ version: 3, state: { status: 'sealed', levelId: 'risk-2021.medium' } });
    expect(audit[0]!.after).toMatchObject({ state: { status: 'lifted' } });

    expect(api.publisher.reasons).toEqual([
      '划定管控：藁城区增村镇小果庄村',
      '调整等级：藁城区增村镇小果庄村',
      '解除管控：藁城区增村镇小果庄村',
    ]);
  });

  it('refuses a change made against a stale version', async ({ api, admin }) => {
    const created = await admin.zone.create(village);
    const change = { zoneId: created.id, levelId: 'risk-2021.medium', effectiveAt: '2021-01-18T00:00:00+08:00', notice: '通告' };
    await admin.zone.relevel({ ...change, expectedVersion: created.version });
    api.publisher.reasons.length = 0;

    const stale = await errorOf(admin.zone.lift({ ...change, expectedVersion: created.version }));
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toContain('版本 3');
    expect((await admin.zone.byId({ id: created.id })).events).toHaveLength(2);
    expect(api.publisher.reasons).toEqual([]);
  });

  it('shows the state at a past moment, and a change announced for later as upcoming', async ({ api, admin, anonymous }) => {
    const created = await admin.zone.create(village);
    // Lifted from tomorrow 00:00, entered today.
    await admin.zone.lift({
      zoneId: created.id,
      expectedVersion: created.version,
      effectiveAt: '2021-01-21T00:00:00+08:00',
      notice: '通告',
    });

    const [now] = await anonymous.zone.list();
    expect(now!.state.status).toBe('sealed');
    expect(now!.upcoming.map((e) => e.action)).toEqual(['lift']);

    const [before] = await anonymous.zone.list({ at: '2021-01-04T12:00:00+08:00' });
    expect(before!.state.status).toBe('none');
    expect(before!.upcoming).toHaveLength(2);

    const [later] = await anonymous.zone.list({ at: '2021-01-21T00:00:00+08:00' });
    expect(later!.state).toMatchObject({ status: 'lifted', liftedAt: '2021-01-20T16:00:00.000Z' });

    // The clock moving on has the same effect as asking about a later moment.
    api.clock.now = new Date('2021-01-21T08:00:00+08:00');
    expect((await anonymous.zone.byId({ id: created.id })).state.status).toBe('lifted');
  });

  it('names the field of malformed input in the error the console receives', async ({ api }) => {
    const { status, body } = await api.postOverHttp('admin', 'zone.create', {
      ...village,
      districtCode: '1301',
      effectiveAt: '2021-01-05 00:00',
    });
    expect(status).toBe(400);
    expect(body.error.data.code).toBe('BAD_REQUEST');
    expect(body.error.data.path).toBe('zone.create');
    expect(Object.keys(body.error.data.fieldErrors).sort()).toEqual(['districtCode', 'effectiveAt']);
    expect(body.error.data.fieldErrors.districtCode).toEqual(['区划代码为 6 位数字']);
    expect(body.error.message).toMatch(/^(districtCode|effectiveAt)：/);
    expect(body.error.data.stack).toBeUndefined();
  });

  it('names an unknown district in the message and the field', async ({ api, anonymous }) => {
    const { status, body } = await api.postOverHttp('admin', 'zone.create', { ...village, districtCode: '139999' });
    expect(status).toBe(400);
    expect(body.error.message).toContain('139999');
    expect(body.error.data.fieldErrors).toEqual({ districtCode: ['未知的县级区划代码 139999'] });
    expect(await anonymous.zone.list()).toEqual([]);
  });

  it('places a zone in any county-level unit of the province, apart from the city’s own districts', async ({ api, admin, anonymous }) => {
    await admin.zone.create({ ...village, districtCode: '130581', name: '南宫市凤凰城小区', kind: 'community' });
    await admin.zone.create(village);
    const list = await anonymous.zone.list();
    expect(list.map((z) => [z.name, z.districtName, z.cityName, z.home])).toEqual([
      ['增村镇小果庄村', '藁城区', '石家庄市', true],
      ['南宫市凤凰城小区', '南宫市', '邢台市', false],
    ]);
    // A city or a township is not a county-level unit.
    const { body } = await api.postOverHttp('admin', 'zone.create', { ...village, districtCode: '130500', name: '某地' });
    expect(body.error.data.fieldErrors).toEqual({ districtCode: ['未知的县级区划代码 130500'] });
  });

  it('lists every county of the province with its city, the city’s own districts first, for the console’s choice', async ({
    anonymous,
  }) => {
    const counties = await anonymous.district.counties();
    expect(counties).toHaveLength(190);
    expect(counties.slice(0, 2)).toEqual([
      { code: '130102', name: '长安区', cityCode: '1301', cityName: '石家庄市', home: true },
      { code: '130104', name: '桥西区', cityCode: '1301', cityName: '石家庄市', home: true },
    ]);
    expect(counties.filter((c) => c.home)).toHaveLength(24);
    expect(counties.find((c) => c.code === '130581')).toEqual({
      code: '130581',
      name: '南宫市',
      cityCode: '1305',
      cityName: '邢台市',
      home: false,
    });
  });

  it('refuses a level that is not in the scheme in force', async ({ api, admin }) => {
    await putSetting(api.db, 'zone.level_scheme', 'control-2022');
    const { body } = await api.postOverHttp('admin', 'zone.create', village);
    expect(body.error.data.code).toBe('BAD_REQUEST');
    expect(Object.keys(body.error.data.fieldErrors)).toEqual(['levelId']);
    const created = await admin.zone.create({ ...village, levelId: 'control-2022.sealed' });
    expect(created.level).toMatchObject({ name: '封控区' });
  });

  it('refuses a transition the rules forbid, naming the field', async ({ api, admin }) => {
    const created = await admin.zone.create(village);
    const sameLevel = await api.postOverHttp('admin', 'zone.relevel', {
      zoneId: created.id,
      expectedVersion: created.version,
      levelId: village.levelId,
      effectiveAt: '2021-01-18T00:00:00+08:00',
      notice: '通告',
    });
    expect(sameLevel.body.error.data.fieldErrors).toEqual({ levelId: ['新等级与当前等级相同'] });
    const backdated = await api.postOverHttp('admin', 'zone.lift', {
      zoneId: created.id,
      expectedVersion: created.version,
      effectiveAt: '2021-01-01T00:00:00+08:00',
      notice: '通告',
    });
    expect(Object.keys(backdated.body.error.data.fieldErrors)).toEqual(['effectiveAt']);
    expect((await admin.zone.byId({ id: created.id })).version).toBe(created.version);
  });

  it('exports the zones in force, the history and the template as dated files, for admins only', async ({ admin, press }) => {
    await admin.zone.create(village);
    const current = await admin.zone.export({ kind: 'current', format: 'csv' });
    expect(current).toMatchObject({
      filename: '管控区域名单-2021-01-20.csv',
      asciiFilename: 'zones-current-2021-01-20.csv',
      contentType: 'text/csv; charset=utf-8',
    });
    expect(Buffer.from(current.base64, 'base64').toString('utf8')).toContain('增村镇小果庄村');
    const template = await admin.zone.export({ kind: 'template', format: 'xlsx' });
    expect(template.filename).toBe('管控区域导入模板.xlsx');
    // An XLSX file is a ZIP archive.
    expect(Buffer.from(template.base64, 'base64').subarray(0, 2).toString('latin1')).toBe('PK');
    expect(await errorOf(press.zone.export({ kind: 'history', format: 'csv' }))).toMatchObject({ code: 'FORBIDDEN' });
  });
});
