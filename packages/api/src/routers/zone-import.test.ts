import { describe, expect } from 'vitest';
import { VILLAGE_ZONE } from '@epi/core/test-support';
import { errorOf, routerTest as it } from '../test-support.ts';

const HEADER = '区县,乡镇/街道,村/社区/小区,风险等级,生效时间,依据,备注';
const file = (filename: string, ...lines: string[]) => ({
  filename,
  content: Buffer.from(`\uFEFF${[HEADER, ...lines].join('\r\n')}`, 'utf8').toString('base64'),
});

describe('zone import and the level scheme in force', () => {
  it.override('now', '2021-01-20T10:00:00+08:00');
  it.beforeEach(async ({ api, admin }) => {
    await admin.zone.create(VILLAGE_ZONE);
    api.publisher.reasons.length = 0;
  });

  it('previews, then applies the whole file with one release request and one import audit entry', async ({ api, admin }) => {
    const upload = file(
      '1月18日名单.csv',
      '藁城区,增村镇,小果庄村,中风险,2021-01-18 00:00,通告第2号,',
      '新华区,,,高风险,2021-01-07 00:00,通告第3号,',
    );
    const preview = await admin.zone.importPreview(upload);
    expect(preview.summary).toEqual({ rows: 2, zones: 2, seal: 1, relevel: 1, lift: 0, unchanged: 0, error: 0 });
    expect(preview.rows.map((r) => [r.row, r.action, r.name])).toEqual([
      [2, 'relevel', '增村镇小果庄村'],
      [3, 'seal', '新华区全域'],
    ]);
    expect(api.publisher.reasons).toEqual([]);

    const result = await admin.zone.importApply({ ...upload, fingerprint: preview.fingerprint });
    expect(result.applied.map((a) => [a.action, a.districtName, a.name, a.levelName])).toEqual([
      ['relevel', '藁城区', '增村镇小果庄村', '中风险'],
      ['seal', '新华区', '新华区全域', '高风险'],
    ]);
    expect(api.publisher.reasons).toEqual(['批量导入：1月18日名单.csv（新划定 1、调整等级 1、解除 0）']);
    const [entry] = await admin.audit.list({ entityType: 'zone_import' });
    expect(entry).toMatchObject({
      action: 'zone.import',
      actorName: '管控管理员',
      after: { filename: '1月18日名单.csv', counts: { seal: 1, relevel: 1 } },
    });
    const zones = await admin.zone.search({ sort: 'name' });
    expect(zones.total).toBe(2);
  });

  it('refuses a file with a bad row as a whole, naming nothing applied', async ({ api, admin }) => {
    const upload = file('mixed.csv', '新华区,,,高风险,2021-01-07 00:00,通告,', '不存在区,,某村,高风险,2021-01-07 00:00,通告,');
    const preview = await admin.zone.importPreview(upload);
    expect(preview.rows[1]!.errors).toEqual([
      { column: '区县', message: '未知的县（市、区）「不存在区」（可填名称、简称或 6 位区划代码）' },
    ]);
    const refused = await errorOf(admin.zone.importApply({ ...upload, fingerprint: preview.fingerprint }));
    expect(refused.code).toBe('BAD_REQUEST');
    expect(refused.message).toContain('1 行有问题');
    expect((await admin.zone.search()).total).toBe(1);
    expect(api.publisher.reasons).toEqual([]);
  });

  it('refuses with CONFLICT when a zone of the file changed after the preview', async ({ api, admin }) => {
    const upload = file('list.csv', '藁城区,增村镇,小果庄村,中风险,2021-01-18 00:00,通告,');
    const preview = await admin.zone.importPreview(upload);
    const [zone] = (await admin.zone.search()).rows;
    await admin.zone.relevel({
      zoneId: zone!.id,
      expectedVersion: zone!.version,
      levelId: 'risk-2021.low',
      effectiveAt: '2021-01-10T00:00:00+08:00',
      notice: '另一人调整',
    });
    api.publisher.reasons.length = 0;
    const stale = await errorOf(admin.zone.importApply({ ...upload, fingerprint: preview.fingerprint }));
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toContain('请重新预览');
    expect((await admin.zone.byId({ id: zone!.id })).level?.name).toBe('低风险');
    expect(api.publisher.reasons).toEqual([]);
  });

  it('says plainly when the file is not a list it can read', async ({ api }) => {
    const { body } = await api.postOverHttp('admin', 'zone.importPreview', {
      filename: 'notes.csv',
      content: Buffer.from('随便写的内容').toString('base64'),
    });
    expect(body.error.data.code).toBe('BAD_REQUEST');
    expect(body.error.message).toContain('没有找到表头');
    const tooBig = await api.postOverHttp('admin', 'zone.importPreview', { filename: 'big.csv', content: 'A'.repeat(7_000_000) });
    expect(tooBig.body.error.data.fieldErrors).toEqual({ content: ['文件超过 5 MB，请分成几个文件导入'] });
  });

  it('puts another level scheme in force, audited with before and after, and asks for a release', async ({ api, admin }) => {
    const { changed, schemes } = await admin.zone.setLevelScheme({ schemeId: 'control-2022' });
    expect(changed).toBe(true);
    expect(schemes.find((s) => s.inForce)?.id).toBe('control-2022');
    const [entry] = await admin.audit.list({ entityType: 'setting' });
    expect(entry).toMatchObject({ action: 'zone.level_scheme', before: { schemeId: 'risk-2021' }, after: { schemeId: 'control-2022' } });
    expect(api.publisher.reasons).toEqual(['启用等级体系：封控区、管控区、防范区']);

    // New seals use the scheme in force; the zone keeps its level of the earlier scheme.
    const preview = await admin.zone.importPreview(file('x.csv', '新华区,,某社区,高风险,2021-01-07 00:00,通告,'));
    expect(preview.rows[0]!.errors[0]!.message).toContain('现行等级体系为「封控区、管控区、防范区」');
    expect((await admin.zone.search()).rows[0]!.level?.name).toBe('高风险');

    expect((await errorOf(admin.zone.setLevelScheme({ schemeId: 'nope' }))).code).toBe('BAD_REQUEST');
    expect((await admin.zone.setLevelScheme({ schemeId: 'control-2022' })).changed).toBe(false);
    expect(api.publisher.reasons).toHaveLength(1);
  });
});
