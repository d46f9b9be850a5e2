import { putSetting } from '@epi/core/server';
import { VILLAGE_ZONE } from '@epi/core/test-support';
import { describe, expect } from 'vitest';
import { changeZones, createZone, errorOf, routerTest as it } from '../test-support.ts';

const village = { ...VILLAGE_ZONE, address: '藁城区增村镇小果庄村' };

describe('zone router', () => {
  it.override('now', '2021-01-20T10:00:00+08:00');

  it('seals, re-levels and lifts a zone through review, auditing each change and asking for a release', async ({
    api,
    admin,
    reviewer,
  }) => {
    const created = await createZone(admin, reviewer, village, '补录 1 月 5 日的公告');
    expect(created).toMatchObject({ districtName: '藁城区', version: 2, state: { status: 'sealed', levelId: 'risk-2021.high' } });

    const [relevelled] = await changeZones(
      admin,
      reviewer,
      [
        {
          op: 'relevel',
          input: {
            zoneId: created.id,
            expectedVersion: created.version,
            levelId: 'risk-2021.medium',
            effectiveAt: '2021-01-18T00:00:00+08:00',
            notice: '关于调整风险等级的通告',
          },
        },
      ],
      '补录',
    );
    expect(relevelled).toMatchObject({ version: 3, level: { name: '中风险' }, state: { sealedSince: '2021-01-04T16:00:00.000Z' } });

    const [lifted] = await changeZones(admin, reviewer, [
      {
        op: 'lift',
        input: {
          zoneId: created.id,
          expectedVersion: relevelled!.version,
          effectiveAt: '2021-01-20T00:00:00+08:00',
          notice: '关于解除管控的通告',
        },
      },
    ]);
    expect(lifted!.state).toEqual({ status: 'lifted', sealedSince: '2021-01-04T16:00:00.000Z', liftedAt: '2021-01-19T16:00:00.000Z' });
    expect(lifted!.level).toBeNull();
    // Recorded by the administrator who prepared each change; applied by the reviewer who approved it.
    expect(lifted!.events.map((e) => [e.action, e.levelName, e.recordedByName])).toEqual([
      ['seal', '高风险', '管控管理员'],
      ['relevel', '中风险', '管控管理员'],
      ['lift', null, '管控管理员'],
    ]);

    const audit = await admin.audit.list({ entityType: 'zone', entityId: created.id });
    expect(audit.map((a) => a.action)).toEqual(['zone.lift', 'zone.relevel', 'zone.seal', 'zone.create']);
    expect(audit.every((a) => a.actorName === '审核员')).toBe(true);
    const relevelEntry = audit[1]!;
    expect(relevelEntry.reason).toBe('关于调整风险等级的通告');
    expect(relevelEntry.before).toMatchObject({ version: 2, state: { status: 'sealed', levelId: 'risk-2021.high' } });
    expect(relevelEntry.after).toMatchObject({ version: 3, state: { status: 'sealed', levelId: 'risk-2021.medium' } });
    expect(audit[0]!.after).toMatchObject({ state: { status: 'lifted' } });
    const changes = await admin.audit.list({ entityType: 'zone_change' });
    expect(changes.map((a) => [a.action, a.actorName])).toEqual([
      ['zone_change.approve', '审核员'],
      ['zone_change.submit', '管控管理员'],
      ['zone_change.approve', '审核员'],
      ['zone_change.submit', '管控管理员'],
      ['zone_change.approve', '审核员'],
      ['zone_change.submit', '管控管理员'],
    ]);

    expect(api.publisher.reasons).toEqual([
      '新划定：藁城区增村镇小果庄村',
      '调整等级：藁城区增村镇小果庄村',
      '解除管控：藁城区增村镇小果庄村',
    ]);
  });

  it('shows nothing publicly and asks for no release until a change is approved, by someone else', async ({
    api,
    admin,
    reviewer,
    anonymous,
  }) => {
    const change = await admin.zone.submitChange({ operations: [{ op: 'create', input: village }], reason: '补录' });
    expect((await anonymous.zone.list()).items).toEqual([]);
    expect(api.publisher.reasons).toEqual([]);
    expect(await errorOf(admin.zone.approveChange({ id: change.id, expectedVersion: change.version }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await reviewer.zone.changes({ statuses: ['in_review'] })).map((c) => c.id)).toEqual([change.id]);
    const returned = await reviewer.zone.returnChange({ id: change.id, expectedVersion: change.version, comment: '请核对名称' });
    expect(returned).toMatchObject({ status: 'returned', review: { reviewComment: '请核对名称' } });
    expect((await anonymous.zone.list()).items).toEqual([]);
    expect(api.publisher.reasons).toEqual([]);
  });

  it('asks for a reason when a change covers a whole district, naming the field', async ({ api, admin }) => {
    const wide = { ...village, name: '藁城区全域', kind: 'district' as const, effectiveAt: '2021-01-20T08:00:00+08:00' };
    const preview = await admin.zone.previewChange({ operations: [{ op: 'create', input: wide }] });
    expect(preview.effect[0]).toBe('藁城区全域全体居民将显示为在高风险区内（自2021年1月20日 08:00起，即时生效）');
    expect(preview.warnings.map((w) => w.code)).toEqual(['wide']);
    const { body } = await api.postOverHttp('admin', 'zone.submitChange', { operations: [{ op: 'create', input: wide }] });
    expect(Object.keys(body.error.data.fieldErrors)).toEqual(['reason']);
  });

  it('corrects a zone through review; the public sees the correction and its reason, not a lift', async ({
    admin,
    reviewer,
    anonymous,
  }) => {
    const created = await createZone(admin, reviewer, village, '补录');
    const [corrected] = await changeZones(admin, reviewer, [
      {
        op: 'correct',
        input: {
          zoneId: created.id,
          expectedVersion: created.version,
          place: { districtCode: '130109', name: '增村镇小果庄村', address: null, kind: 'community' },
          reason: '类型录入有误',
        },
      },
    ]);
    expect(corrected).toMatchObject({ kind: 'community', state: { status: 'sealed' } });
    const shown = await anonymous.zone.byId({ id: created.id });
    expect(shown.events.map((e) => e.action)).toEqual(['seal']);
    expect(shown.corrections.map((c) => [c.reason, c.changes])).toEqual([
      [
        '类型录入有误',
        [
          { label: '类型', before: '村', after: '社区/小区' },
          { label: '地址', before: '藁城区增村镇小果庄村', after: '（无）' },
        ],
      ],
    ]);
  });

  it('refuses to apply a change made against a stale version', async ({ api, admin, reviewer }) => {
    const created = await createZone(admin, reviewer, village, '补录');
    const change = { zoneId: created.id, levelId: 'risk-2021.medium', effectiveAt: '2021-01-20T08:00:00+08:00', notice: '通告' };
    const first = await admin.zone.submitChange({
      operations: [{ op: 'relevel', input: { ...change, expectedVersion: created.version } }],
    });
    const second = await admin.zone.submitChange({ operations: [{ op: 'lift', input: { ...change, expectedVersion: created.version } }] });
    await reviewer.zone.approveChange({ id: first.id, expectedVersion: first.version });
    api.publisher.reasons.length = 0;

    const stale = await errorOf(reviewer.zone.approveChange({ id: second.id, expectedVersion: second.version }));
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toContain('版本 3');
    expect((await admin.zone.byId({ id: created.id })).events).toHaveLength(2);
    expect(api.publisher.reasons).toEqual([]);
  });

  it('shows the state at a past moment, and a change announced for later as upcoming', async ({ api, admin, reviewer, anonymous }) => {
    const created = await createZone(admin, reviewer, village, '补录');
    // Lifted from tomorrow 00:00, entered today.
    await changeZones(admin, reviewer, [
      {
        op: 'lift',
        input: { zoneId: created.id, expectedVersion: created.version, effectiveAt: '2021-01-21T00:00:00+08:00', notice: '通告' },
      },
    ]);

    const [now] = (await anonymous.zone.list()).items;
    expect(now!.state.status).toBe('sealed');
    expect(now!.upcoming.map((e) => e.action)).toEqual(['lift']);

    const [before] = (await anonymous.zone.list({ at: '2021-01-04T12:00:00+08:00' })).items;
    expect(before!.state.status).toBe('none');
    expect(before!.upcoming).toHaveLength(2);

    const [later] = (await anonymous.zone.list({ at: '2021-01-21T00:00:00+08:00' })).items;
    expect(later!.state).toMatchObject({ status: 'lifted', liftedAt: '2021-01-20T16:00:00.000Z' });

    // The clock moving on has the same effect as asking about a later moment.
    api.clock.now = new Date('2021-01-21T08:00:00+08:00');
    expect((await anonymous.zone.byId({ id: created.id })).state.status).toBe('lifted');
  });

  it('gives the public list a page at a time, by county and under control only when asked, computed once per change', async ({
    api,
    admin,
    reviewer,
    anonymous,
  }) => {
    for (const n of [1, 2, 3]) await createZone(admin, reviewer, { ...village, name: `分页测试${n}村` }, '补录');
    await createZone(admin, reviewer, { ...village, districtCode: '130105', name: '分页测试新华小区', kind: 'community' }, '补录');
    const page = await anonymous.zone.list({ limit: 2 });
    expect(page).toMatchObject({ total: 4, offset: 0 });
    expect(page.items).toHaveLength(2);
    const next = await anonymous.zone.list({ limit: 2, offset: 2 });
    expect([...page.items, ...next.items].map((z) => z.name).sort()).toEqual([
      '分页测试1村',
      '分页测试2村',
      '分页测试3村',
      '分页测试新华小区',
    ]);
    expect((await anonymous.zone.list({ district: '130105' })).items.map((z) => z.name)).toEqual(['分页测试新华小区']);
    expect((await anonymous.zone.list({ inForce: true })).total).toBe(4);
    expect(await errorOf(anonymous.zone.list({ limit: 501 }))).toMatchObject({ code: 'BAD_REQUEST' });
    // The same list object for every reader until the next change recorded for the site.
    const first = await anonymous.zone.list({ limit: 500 });
    const again = await anonymous.zone.list({ limit: 500 });
    expect(again.items[0]).toBe(first.items[0]);
    const [zone] = first.items.filter((z) => z.name === '分页测试1村');
    await changeZones(admin, reviewer, [
      { op: 'lift', input: { zoneId: zone!.id, expectedVersion: zone!.version, effectiveAt: '2021-01-20T09:00:00+08:00', notice: '解除' } },
    ]);
    const after = await anonymous.zone.list({ inForce: true });
    expect(after.total).toBe(3);
    expect(api.publisher.reasons.length).toBeGreaterThan(0);
  });

  it('names the field of malformed input in the error the console receives', async ({ api }) => {
    const { status, body } = await api.postOverHttp('admin', 'zone.previewChange', {
      operations: [{ op: 'create', input: { ...village, districtCode: '1301', effectiveAt: '2021-01-05 00:00' } }],
    });
    expect(status).toBe(400);
    expect(body.error.data.code).toBe('BAD_REQUEST');
    expect(body.error.data.path).toBe('zone.previewChange');
    expect(Object.keys(body.error.data.fieldErrors).sort()).toEqual(['operations.0.input.districtCode', 'operations.0.input.effectiveAt']);
    expect(body.error.data.fieldErrors['operations.0.input.districtCode']).toEqual(['区划代码为 6 位数字']);
    expect(body.error.message).toMatch(/^operations\.0\.input\.(districtCode|effectiveAt)：/);
    expect(body.error.data.stack).toBeUndefined();
  });

  it('names an unknown district in the message and the field', async ({ api, anonymous }) => {
    const { status, body } = await api.postOverHttp('admin', 'zone.submitChange', {
      operations: [{ op: 'create', input: { ...village, districtCode: '139999' } }],
      reason: '补录',
    });
    expect(status).toBe(400);
    expect(body.error.message).toContain('139999');
    expect(body.error.data.fieldErrors).toEqual({ districtCode: ['未知的县级区划代码 139999'] });
    expect((await anonymous.zone.list()).items).toEqual([]);
  });

  it('places a zone in any county-level unit of the province, apart from the city’s own districts', async ({
    api,
    admin,
    reviewer,
    anonymous,
  }) => {
    await createZone(admin, reviewer, { ...village, districtCode: '130581', name: '南宫市凤凰城小区', kind: 'community' }, '补录');
    await createZone(admin, reviewer, village, '补录');
    const list = (await anonymous.zone.list()).items;
    expect(list.map((z) => [z.name, z.districtName, z.cityName, z.home])).toEqual([
      ['增村镇小果庄村', '藁城区', '石家庄市', true],
      ['南宫市凤凰城小区', '南宫市', '邢台市', false],
    ]);
    // A city or a township is not a county-level unit.
    const { body } = await api.postOverHttp('admin', 'zone.previewChange', {
      operations: [{ op: 'create', input: { ...village, districtCode: '130500', name: '某地' } }],
    });
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

  it('refuses a level that is not in the scheme in force', async ({ api, admin, reviewer }) => {
    await putSetting(api.db, 'zone.level_scheme', 'control-2022');
    const { body } = await api.postOverHttp('admin', 'zone.previewChange', { operations: [{ op: 'create', input: village }] });
    expect(body.error.data.code).toBe('BAD_REQUEST');
    expect(Object.keys(body.error.data.fieldErrors)).toEqual(['levelId']);
    const created = await createZone(admin, reviewer, { ...village, levelId: 'control-2022.sealed' }, '补录');
    expect(created.level).toMatchObject({ name: '封控区' });
  });

  it('refuses a transition the rules forbid, naming the field', async ({ api, admin, reviewer }) => {
    const created = await createZone(admin, reviewer, village, '补录');
    const sameLevel = await api.postOverHttp('admin', 'zone.previewChange', {
      operations: [
        {
          op: 'relevel',
          input: {
            zoneId: created.id,
            expectedVersion: created.version,
            levelId: village.levelId,
            effectiveAt: '2021-01-18T00:00:00+08:00',
            notice: '通告',
          },
        },
      ],
    });
    expect(sameLevel.body.error.data.fieldErrors).toEqual({ levelId: ['新等级与当前等级相同'] });
    const backdated = await api.postOverHttp('admin', 'zone.submitChange', {
      operations: [
        {
          op: 'lift',
          input: { zoneId: created.id, expectedVersion: created.version, effectiveAt: '2021-01-01T00:00:00+08:00', notice: '通告' },
        },
      ],
      reason: '补录',
    });
    expect(Object.keys(backdated.body.error.data.fieldErrors)).toEqual(['effectiveAt']);
    expect((await admin.zone.byId({ id: created.id })).version).toBe(created.version);
  });

  it('exports the zones in force, the history and the template as dated files, for admins only', async ({ admin, reviewer, press }) => {
    await createZone(admin, reviewer, village, '补录');
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
