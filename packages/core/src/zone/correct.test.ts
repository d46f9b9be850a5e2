import { describe, expect } from 'vitest';
import { listAudit } from '../audit/audit.ts';
import { ConflictError, InputError } from '../shared/errors.ts';
import { deskTest as it } from '../test-support/desk.ts';
import { VILLAGE_ZONE, failure } from '../test-support/fixtures.ts';
import { approveZoneChange, submitZoneChange } from './change.ts';
import type { CorrectZoneInput } from './change-schema.ts';
import { createZone, liftZone, listZones, relevelZone, sealZone, type ZoneView } from './zone.ts';

const NOW = '2021-01-20T10:00:00+08:00';

/** The event of a zone as a correction names it, with what is to change. */
const fix = (zone: ZoneView, index: number, changes: object = {}) => {
  const e = zone.events[index]!;
  return {
    eventId: e.id,
    levelId: e.levelId,
    effectiveAt: e.effectiveAt,
    plannedEndAt: e.plannedEndAt,
    listedOn: e.listedOn,
    notice: e.notice,
    note: e.note,
    ...changes,
  };
};

const correction = (zone: ZoneView, input: Partial<CorrectZoneInput>) => ({
  operations: [{ op: 'correct' as const, input: { zoneId: zone.id, expectedVersion: zone.version, reason: '录入有误', ...input } }],
});

async function refused(write: Promise<unknown>): Promise<InputError> {
  const error = await failure(write);
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe('corrections of zones', () => {
  it.override('times', { reviewer: NOW });

  it('corrects the name and county of a zone through review, shown with its reason', async ({ db, admin, officer, reviewer }) => {
    const zone = await createZone(admin, { ...VILLAGE_ZONE, name: '增村镇小果庄' });
    const change = await submitZoneChange(
      officer,
      correction(zone, {
        reason: '名称漏写“村”字',
        place: { districtCode: '130183', name: '增村镇小果庄村', address: null, kind: 'village' },
      }),
    );
    expect(change).toMatchObject({ kind: 'correct', title: '更正：藁城区增村镇小果庄' });
    expect(change.effect).toEqual([
      '更正藁城区增村镇小果庄：名称由「增村镇小果庄」改为「增村镇小果庄村」',
      '更正藁城区增村镇小果庄：所在区县由「藁城区」改为「晋州市」',
      '公众网站将在该区域页面和更正记录中显示更正说明：名称漏写“村”字',
    ]);
    expect((await listZones(db, NOW))[0]!.name).toBe('增村镇小果庄');
    await approveZoneChange(reviewer, { id: change.id, expectedVersion: change.version });
    const [after] = await listZones(db, NOW);
    expect(after).toMatchObject({ name: '增村镇小果庄村', districtName: '晋州市', version: zone.version + 1 });
    expect(after!.corrections).toEqual([
      {
        id: expect.any(String),
        correctedAt: new Date(NOW).toISOString(),
        reason: '名称漏写“村”字',
        changes: [
          { label: '名称', before: '增村镇小果庄', after: '增村镇小果庄村' },
          { label: '所在区县', before: '藁城区', after: '晋州市' },
        ],
      },
    ]);
    const [entry] = await listAudit(db, { entityType: 'zone' });
    expect(entry).toMatchObject({ action: 'zone.correct', actorName: '审核员', reason: '名称漏写“村”字' });
  });

  it('takes a seal recorded in error out of the history, instead of a lift of a seal that never happened', async ({
    db,
    admin,
    officer,
    reviewer,
  }) => {
    const zone = await createZone(admin, VILLAGE_ZONE);
    const change = await submitZoneChange(officer, correction(zone, { reason: '误将邻村录入', events: [fix(zone, 0, { void: true })] }));
    expect(change.effect).toEqual([
      '更正藁城区增村镇小果庄村：2021年1月5日划定管控（高风险）由「已记录」改为「系误录，已撤销」',
      '公众网站将在该区域页面和更正记录中显示更正说明：误将邻村录入',
      '更正后，藁城区增村镇小果庄村当前显示为未划定（更正前：高风险）',
      '生效后，公众网站的管控区域合计：无管控区域（此前：高风险1个）',
    ]);
    await approveZoneChange(reviewer, { id: change.id, expectedVersion: change.version });
    const [after] = await listZones(db, NOW);
    expect(after!.events).toEqual([]);
    expect(after!.state).toEqual({ status: 'none' });
    const [kept] = await db.selectFrom('zone_event').selectAll().execute();
    expect(kept).toMatchObject({ voided_by_change: change.id, action: 'seal' });
    expect(kept!.voided_at).not.toBeNull();
    // A later designation comes after the event on record, taken out or not.
    const again = await sealZone(admin, {
      zoneId: zone.id,
      expectedVersion: after!.version,
      levelId: 'risk-2021.medium',
      effectiveAt: NOW,
      notice: '公告',
    });
    expect(again.events.map((e) => [e.seq, e.action])).toEqual([[2, 'seal']]);
    expect(again.corrections).toHaveLength(1);
  });

  it('corrects the level and time of a recorded change; the state follows', async ({ db, admin, officer, reviewer }) => {
    const zone = await createZone(admin, VILLAGE_ZONE);
    const change = await submitZoneChange(
      officer,
      correction(zone, { events: [fix(zone, 0, { levelId: 'risk-2021.medium', effectiveAt: '2021-01-06T00:00:00+08:00' })] }),
    );
    expect(change.effect.slice(0, 2)).toEqual([
      '更正藁城区增村镇小果庄村：2021年1月5日划定管控（高风险）：等级由「高风险」改为「中风险」',
      '更正藁城区增村镇小果庄村：2021年1月5日划定管控（高风险）：生效时间由「2021年1月5日 00:00」改为「2021年1月6日 00:00」',
    ]);
    await approveZoneChange(reviewer, { id: change.id, expectedVersion: change.version });
    const [after] = await listZones(db, NOW);
    expect(after).toMatchObject({ level: { name: '中风险' }, state: { sealedSince: '2021-01-05T16:00:00.000Z' } });
  });

  it('refuses a correction that leaves a history that does not hold, or changes nothing', async ({ admin, officer }) => {
    const zone = await createZone(admin, VILLAGE_ZONE);
    const lifted = await liftZone(admin, {
      zoneId: zone.id,
      expectedVersion: zone.version,
      effectiveAt: '2021-01-10T00:00:00+08:00',
      notice: '解除',
    });
    const late = await refused(
      submitZoneChange(officer, correction(lifted, { events: [fix(lifted, 0, { effectiveAt: '2021-01-12T00:00:00+08:00' })] })),
    );
    expect(late).toMatchObject({ field: 'events.0.effectiveAt' });
    expect(late.message).toContain('晚于后一次变更');
    const voidSeal = await refused(submitZoneChange(officer, correction(lifted, { events: [fix(lifted, 0, { void: true })] })));
    expect(voidSeal.message).toContain('更正后的记录不成立');
    const same = await refused(submitZoneChange(officer, correction(lifted, { events: [fix(lifted, 1)] })));
    expect(same.message).toContain('没有需要更正的内容');
    const outside = await refused(
      submitZoneChange(officer, correction(lifted, { events: [fix(lifted, 0, { effectiveAt: '2019-06-01T00:00:00+08:00' })] })),
    );
    expect(outside.field).toBe('events.0.effectiveAt');
  });

  it('refuses at approval a correction of a zone changed since', async ({ db, admin, officer, reviewer }) => {
    const zone = await createZone(admin, VILLAGE_ZONE);
    const change = await submitZoneChange(officer, correction(zone, { events: [fix(zone, 0, { notice: '正确的公告名称' })] }));
    await relevelZone(admin, {
      zoneId: zone.id,
      expectedVersion: zone.version,
      levelId: 'risk-2021.medium',
      effectiveAt: NOW,
      notice: '公告',
    });
    expect(await failure(approveZoneChange(reviewer, { id: change.id, expectedVersion: change.version }))).toBeInstanceOf(ConflictError);
    expect((await listZones(db, NOW))[0]!.corrections).toEqual([]);
  });
});
