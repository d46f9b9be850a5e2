import { describe, expect } from 'vitest';
import { listAudit } from '../audit/audit.ts';
import { ConflictError, InputError, PermissionError } from '../shared/errors.ts';
import { later } from '../test-support/db.ts';
import { deskTest as it } from '../test-support/desk.ts';
import { VILLAGE_ZONE, failure } from '../test-support/fixtures.ts';
import {
  approveZoneChange,
  getZoneChange,
  listZoneChanges,
  previewZoneChange,
  previewZoneSweep,
  returnZoneChange,
  submitZoneChange,
  submitZoneImport,
  submitZoneSweep,
} from './change.ts';
import { previewImport } from './import.ts';
import { createZone, listZones } from './zone.ts';

// The administrator works on 2021-01-20 10:00 (Beijing time); the village was designated on 1/5.
const NOW = '2021-01-20T10:00:00+08:00';
const RECENT = '2021-01-20T08:00:00+08:00';
const village = { ...VILLAGE_ZONE, effectiveAt: RECENT };
const district = {
  districtCode: '130109',
  name: '藁城区全域',
  kind: 'district' as const,
  levelId: 'risk-2021.high',
  effectiveAt: RECENT,
  notice: '领导小组公告',
};

const create = (input: object) => ({ operations: [{ op: 'create' as const, input }] });

async function refused(write: Promise<unknown>): Promise<InputError> {
  const error = await failure(write);
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe('changes of zones through review', () => {
  it.override('times', { reviewer: NOW });

  it('changes nothing until a reviewer approves; then applies it, naming the change on the events', async ({ db, officer, reviewer }) => {
    const change = await submitZoneChange(officer, create(village));
    expect(change).toMatchObject({ status: 'in_review', kind: 'create', title: '新划定：藁城区增村镇小果庄村', warnings: [] });
    expect(change.effect[0]).toBe('藁城区增村镇小果庄村将显示为高风险区（自2021年1月20日 08:00起，即时生效）');
    expect(change.effect.at(-1)).toBe('生效后，公众网站的管控区域合计：高风险1个（此前：无管控区域）');
    expect(await listZones(db, NOW)).toEqual([]);

    const approved = await approveZoneChange(reviewer, { id: change.id, expectedVersion: change.version });
    expect(approved).toMatchObject({ status: 'published', review: { reviewedBy: { name: '审核员' } } });
    const [zone] = await listZones(db, NOW);
    expect(zone).toMatchObject({ name: '增村镇小果庄村', level: { name: '高风险' } });
    expect(zone!.events.map((e) => e.changeId)).toEqual([change.id]);
    expect((await listAudit(db)).map((a) => a.action).reverse()).toEqual([
      'zone_change.submit',
      'zone.create',
      'zone.seal',
      'zone_change.approve',
    ]);
  });

  it('previews without writing anything', async ({ db, officer }) => {
    const outcome = await previewZoneChange(officer, create(village));
    expect(outcome.title).toBe('新划定：藁城区增村镇小果庄村');
    expect(await db.selectFrom('zone').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('zone_change').selectAll().execute()).toEqual([]);
    expect(await listAudit(db)).toEqual([]);
  });

  it('refuses a change the write functions refuse, naming the field', async ({ officer }) => {
    const error = await refused(submitZoneChange(officer, create({ ...village, plannedEndAt: '2021-01-04T00:00:00+08:00' })));
    expect(error.field).toBe('plannedEndAt');
    expect((await refused(submitZoneChange(officer, create({ ...village, effectiveAt: '2019-01-01T00:00:00+08:00' })))).field).toBe(
      'effectiveAt',
    );
  });

  it('needs another person to decide, at the version they saw', async ({ db, officer, reviewer }) => {
    const change = await submitZoneChange(officer, create(village));
    expect(await failure(approveZoneChange(officer, { id: change.id, expectedVersion: change.version }))).toBeInstanceOf(PermissionError);
    expect(await failure(approveZoneChange(reviewer, { id: change.id, expectedVersion: change.version + 1 }))).toBeInstanceOf(
      ConflictError,
    );
    const returned = await returnZoneChange(reviewer, { id: change.id, expectedVersion: change.version, comment: '名称核对后再报' });
    expect(returned).toMatchObject({ status: 'returned', review: { reviewComment: '名称核对后再报' } });
    const again = await refused(approveZoneChange(reviewer, { id: returned.id, expectedVersion: returned.version }));
    expect(again.message).toContain('已退回');
    expect(await listZones(db, NOW)).toEqual([]);
  });

  it('asks for a reason for a whole district, a start more than 24 hours back or more than 7 days ahead', async ({ officer }) => {
    const wide = await refused(submitZoneChange(officer, create(district)));
    expect(wide.field).toBe('reason');
    expect(wide.message).toContain('涉及整个区县或乡镇（街道）：藁城区全域');
    const change = await submitZoneChange(officer, { ...create(district), reason: '领导小组决定' });
    expect(change.warnings.map((w) => w.code)).toEqual(['wide']);
    expect(change.effect[0]).toBe('藁城区全域全体居民将显示为在高风险区内（自2021年1月20日 08:00起，即时生效）');
    expect(change.reason).toBe('领导小组决定');

    const backdated = await previewZoneChange(officer, create(VILLAGE_ZONE));
    expect(backdated.warnings).toEqual([{ code: 'backdated', count: 1, message: expect.stringContaining('早于现在超过 24 小时') }]);
    expect(backdated.effect[0]).toContain('补录，自2021年1月5日 00:00起');
    const ahead = await previewZoneChange(officer, create({ ...village, effectiveAt: '2021-01-28T00:00:00+08:00' }));
    expect(ahead.warnings.map((w) => w.code)).toEqual(['ahead']);
  });

  it('refuses at approval a change whose zone changed since, applying nothing', async ({ db, admin, officer, reviewer }) => {
    const zone = await createZone(admin, village);
    const relevel = (levelId: string) => ({
      operations: [
        { op: 'relevel' as const, input: { zoneId: zone.id, expectedVersion: zone.version, levelId, effectiveAt: NOW, notice: '公告' } },
      ],
    });
    const first = await submitZoneChange(officer, relevel('risk-2021.medium'));
    const second = await submitZoneChange(officer, relevel('risk-2021.low'));
    expect(first.effect[0]).toBe('藁城区增村镇小果庄村将由高风险调整为中风险（自2021年1月20日 10:00起，即时生效）');
    expect(second.effect[0]).toBe('藁城区增村镇小果庄村将显示为低风险，不再计入管控区域（自2021年1月20日 10:00起，即时生效）');
    await approveZoneChange(reviewer, { id: first.id, expectedVersion: first.version });
    const stale = await failure(approveZoneChange(reviewer, { id: second.id, expectedVersion: second.version }));
    expect(stale).toBeInstanceOf(ConflictError);
    expect((stale as ConflictError).message).toContain('请退回');
    expect((await getZoneChange(db, second.id)).status).toBe('in_review');
    expect((await listZones(db, NOW))[0]!.level?.name).toBe('中风险');
    expect((await listZoneChanges(db, { zoneId: zone.id })).map((c) => c.id).sort()).toEqual([first.id, second.id].sort());
  });

  it('says what becomes of the areas inside a whole district', async ({ admin, officer }) => {
    await createZone(admin, village);
    const wide = await previewZoneChange(officer, create(district));
    expect(wide.effect[1]).toBe('其范围内另有1个管控区域（藁城区增村镇小果庄村），公众网站将显示为位于藁城区全域范围内');
    expect(wide.effect.at(-1)).toBe('生效后，公众网站的管控区域合计：高风险1个（此前：高风险1个）');
  });

  it('sweeps the other areas of a county to a lower level, keeping those the notice names', async ({ db, admin, officer, reviewer }) => {
    const a = await createZone(admin, village);
    const b = await createZone(admin, { ...village, name: '增村镇刘家佐村', levelId: 'risk-2021.medium' });
    const kept = await createZone(admin, { ...village, name: '增村镇东辛庄村' });
    const elsewhere = await createZone(admin, { ...village, districtCode: '130102', name: '某小区' });
    const sweep = { scopeCode: '130109', levelId: 'risk-2021.low', effectiveAt: NOW, notice: '其余地区调整为低风险', keep: [kept.id] };
    const outcome = await previewZoneSweep(officer, sweep);
    expect(outcome).toMatchObject({ kind: 'sweep', title: '藁城区其余地区调整为低风险（2个区域）' });
    expect(outcome.effect.at(-1)).toBe('生效后，公众网站的管控区域合计：高风险2个（此前：高风险3个、中风险1个）');
    const change = await submitZoneSweep(officer, sweep);
    await approveZoneChange(reviewer, { id: change.id, expectedVersion: change.version });
    const levels = new Map((await listZones(db, NOW)).map((z) => [z.id, z.level?.name]));
    expect([a, b, kept, elsewhere].map((z) => levels.get(z.id))).toEqual(['低风险', '低风险', '高风险', '高风险']);
    expect(await refused(previewZoneSweep(officer, sweep))).toMatchObject({ field: 'scopeCode' });
  });

  it('keeps an imported file until it is approved, then applies it as previewed', async ({ db, officer, reviewer }) => {
    const file = {
      filename: 'notice.csv',
      bytes: Buffer.from('城市,区县,区域,风险等级,起始时间,依据\n石家庄市,藁城区,增村镇小果庄村,高风险,2021-01-20 08:00,公告\n'),
    };
    const preview = await previewImport(db, file, officer.now);
    const change = await submitZoneImport(officer, file, preview.fingerprint, {});
    expect(change).toMatchObject({
      kind: 'import',
      title: '批量导入：notice.csv（新划定 1、调整等级 0、解除 0）',
      operations: [{ op: 'import', filename: 'notice.csv' }],
    });
    expect(await listZones(db, NOW)).toEqual([]);
    await approveZoneChange(later(reviewer, NOW), { id: change.id, expectedVersion: change.version });
    expect((await listZones(db, NOW)).map((z) => z.events[0]!.changeId)).toEqual([change.id]);
  });
});
