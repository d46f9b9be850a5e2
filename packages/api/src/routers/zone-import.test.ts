import { describe, expect } from 'vitest';
import { VILLAGE_ZONE } from '@epi/core/test-support';
import { changeZones, createZone, errorOf, routerTest as it } from '../test-support.ts';

const HEADER = '区县,乡镇/街道,村/社区/小区,风险等级,生效时间,依据,备注';
const file = (filename: string, ...lines: string[]) => ({
  filename,
  content: Buffer.from(`\uFEFF${[HEADER, ...lines].join('\r\n')}`, 'utf8').toString('base64'),
});

describe('zone import and the level scheme in force', () => {
  it.override('now', '2021-01-20T10:00:00+08:00');
  it.beforeEach(async ({ api, admin, reviewer }) => {
    await createZone(admin, reviewer, VILLAGE_ZONE, '补录');
    api.publisher.reasons.length = 0;
  });

  it('previews, submits for review, then applies the whole file with one release request and one import audit entry', async ({
    api,
    admin,
    reviewer,
  }) => {
    const upload = file(
      '1月18日名单.csv',
      '藁城区,增村镇,小果庄村,中风险,2021-01-18 00:00,通告第2号,',
      '新华区,,,高风险,2021-01-07 00:00,通告第3号,',
    );
    const preview = await admin.zone.importPreview(upload);
    expect(preview.summary).toEqual({ rows: 2, zones: 2, seal: 1, relevel: 1, lift: 0, unchanged: 0, recorded: 0, error: 0 });
    expect(preview.rows.map((r) => [r.row, r.action, r.name])).toEqual([
      [2, 'relevel', '增村镇小果庄村'],
      [3, 'seal', '新华区全域'],
    ]);
    expect(api.publisher.reasons).toEqual([]);

    const unexplained = await errorOf(admin.zone.importSubmit({ ...upload, fingerprint: preview.fingerprint }));
    expect(unexplained.message).toContain('涉及整个区县或乡镇（街道）：新华区全域');
    const change = await admin.zone.importSubmit({ ...upload, fingerprint: preview.fingerprint, reason: '补录两份通告' });
    expect(change).toMatchObject({ kind: 'import', status: 'in_review', reason: '补录两份通告' });
    expect(change.effect.slice(0, 2)).toEqual([
      '新华区全域全体居民将显示为在高风险区内（补录，自2021年1月7日 00:00起）',
      '藁城区增村镇小果庄村将由高风险调整为中风险（补录，自2021年1月18日 00:00起）',
    ]);
    expect((await admin.zone.search()).total).toBe(1);
    expect(api.publisher.reasons).toEqual([]);

    const approved = await reviewer.zone.approveChange({ id: change.id, expectedVersion: change.version });
    expect(approved.zoneIds).toHaveLength(2);
    expect(api.publisher.reasons).toEqual(['批量导入：1月18日名单.csv（新划定 1、调整等级 1、解除 0）']);
    const [entry] = await admin.audit.list({ entityType: 'zone_import' });
    expect(entry).toMatchObject({
      action: 'zone.import',
      actorName: '审核员',
      after: { filename: '1月18日名单.csv', counts: { seal: 1, relevel: 1 } },
    });
    const zones = await admin.zone.search({ sort: 'name' });
    expect(zones.total).toBe(2);

    // The same file again: recorded already, so there is nothing to submit and no release is requested.
    api.publisher.reasons.length = 0;
    const again = await admin.zone.importPreview(upload);
    expect(again.summary).toMatchObject({ seal: 0, relevel: 0, recorded: 2 });
    const nothing = await errorOf(admin.zone.importSubmit({ ...upload, fingerprint: again.fingerprint, reason: '补录' }));
    expect(nothing).toMatchObject({ code: 'BAD_REQUEST', message: '文件中没有需要导入的变更（2 行已记录）' });
    expect(api.publisher.reasons).toEqual([]);
    expect(await admin.audit.list({ entityType: 'zone_import' })).toHaveLength(1);
  });

  it('refuses a file with a bad row as a whole, naming nothing applied', async ({ api, admin }) => {
    const upload = file('mixed.csv', '新华区,,,高风险,2021-01-07 00:00,通告,', '不存在区,,某村,高风险,2021-01-07 00:00,通告,');
    const preview = await admin.zone.importPreview(upload);
    expect(preview.rows[1]!.errors).toEqual([
      { column: '区县', message: '未知的县（市、区）「不存在区」（可填名称、简称或 6 位区划代码）' },
    ]);
    const refused = await errorOf(admin.zone.importSubmit({ ...upload, fingerprint: preview.fingerprint, reason: '补录' }));
    expect(refused.code).toBe('BAD_REQUEST');
    expect(refused.message).toContain('1 行有问题');
    expect((await admin.zone.search()).total).toBe(1);
    expect(api.publisher.reasons).toEqual([]);
  });

  it('refuses with CONFLICT when a zone of the file changed after the preview, or after the submission', async ({
    api,
    admin,
    reviewer,
  }) => {
    const upload = file('list.csv', '藁城区,增村镇,小果庄村,中风险,2021-01-18 00:00,通告,');
    const preview = await admin.zone.importPreview(upload);
    const submitted = await admin.zone.importSubmit({ ...upload, fingerprint: preview.fingerprint, reason: '补录' });
    const [zone] = (await admin.zone.search()).rows;
    const lower = {
      zoneId: zone!.id,
      expectedVersion: zone!.version,
      levelId: 'risk-2021.low',
      effectiveAt: '2021-01-10T00:00:00+08:00',
      notice: '另一人调整',
    };
    await changeZones(admin, reviewer, [{ op: 'relevel', input: lower }], '补录');
    api.publisher.reasons.length = 0;
    const stale = await errorOf(admin.zone.importSubmit({ ...upload, fingerprint: preview.fingerprint, reason: '补录' }));
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toContain('请重新预览');
    const staleApproval = await errorOf(reviewer.zone.approveChange({ id: submitted.id, expectedVersion: submitted.version }));
    expect(staleApproval.code).toBe('CONFLICT');
    expect(staleApproval.message).toContain('请退回');
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
