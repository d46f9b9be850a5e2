import { createZone, listAudit, listSiteChanges, listZones, SYSTEM_ACTOR } from '@epi/core/server';
import { describe, expect } from 'vitest';
import { instantOf } from './zone-changes.ts';
import { cliTest as it } from './test-support/cli.ts';

describe('epi zones sweep', () => {
  it('previews a notice’s "其余地区调整为低风险", submits it, and another person applies it; kept zones stay', async ({ ws }) => {
    const admin = await ws.account('admin.wang', 'admin');
    await ws.account('rev.zhao', 'reviewer');
    const db = await ws.db();
    const ctx = { db, actor: SYSTEM_ACTOR, now: new Date('2021-01-15T10:00:00+08:00') };
    const zone = (name: string, level: string, districtCode = '130109') =>
      createZone(ctx, {
        districtCode,
        name,
        kind: 'village',
        levelId: `risk-2021.${level}`,
        effectiveAt: '2021-01-10T00:00:00+08:00',
        notice: '通告',
      });
    await zone('增村镇小果庄村', 'high');
    await zone('增村镇刘家佐村', 'medium');
    const kept = await zone('增村镇东辛庄村', 'high');
    await zone('某某社区', 'medium', '130105');

    const args = ['zones', 'sweep', '--scope', '藁城区', '--level', '低风险', '--at', '2021-01-20T12:00', '--notice', '藁城区通告第9号'];
    const audited = (await listAudit(db)).length;
    const preview = await ws.epi([...args, '--keep', kept.id, '--user', 'admin.wang']);
    expect(preview.code).toBe(0);
    expect(preview.stdout.split('\n')).toEqual(
      expect.arrayContaining([
        '藁城区其余地区调整为低风险（2个区域）',
        '  藁城区增村镇刘家佐村将显示为低风险，不再计入管控区域（自2021年1月20日 12:00起）',
        'Preview only: nothing was written. Add --submit to submit it for review.',
      ]),
    );
    expect(await listAudit(db)).toHaveLength(audited);

    const submitted = await ws.epi([...args, '--keep', kept.id, '--submit', '--user', 'admin.wang', '--json']);
    expect(submitted.code).toBe(0);
    const change = JSON.parse(submitted.stdout);
    expect(change).toMatchObject({ kind: 'sweep', status: 'in_review', submittedBy: admin.displayName });
    expect((await ws.epi(['zones', 'approve', change.id, '--user', 'admin.wang'])).code).toBe(1);
    // A refused approval leaves nothing for the public site; an applied one is recorded for it.
    expect(await listSiteChanges(db)).toEqual([]);
    expect((await ws.epi(['zones', 'approve', change.id, '--user', 'rev.zhao'])).code).toBe(0);
    expect((await listSiteChanges(db)).map((c) => [c.status, c.path, c.requestedBy])).toEqual([['pending', '/zones/', 'rev.zhao 姓名']]);

    const levels = (await listZones(db, '2021-01-20T06:00:00.000Z')).map((z) => `${z.name} ${z.level?.name}`).sort();
    expect(levels).toEqual(['增村镇东辛庄村 高风险', '增村镇刘家佐村 低风险', '增村镇小果庄村 低风险', '某某社区 中风险']);
  });

  it('names what it cannot do: an unknown place or level, nothing above the level', async ({ ws }) => {
    await ws.account('admin.wang', 'admin');
    const base = ['zones', 'sweep', '--at', '2021-01-20', '--notice', '通告', '--user', 'admin.wang'];
    const place = await ws.epi([...base, '--scope', '火星区', '--level', '低风险']);
    expect(place).toMatchObject({ code: 2 });
    expect(place.stderr).toContain('no city or county-level unit named "火星区"');
    const level = await ws.epi([...base, '--scope', '130109', '--level', '特高风险']);
    expect(level.stderr).toContain('no level "特高风险"');
    const none = await ws.epi([...base, '--scope', '130109', '--level', '低风险']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('藁城区没有高于低风险的区域需要调整');
  });
});

describe('instantOf', () => {
  it('reads a date as the start of that day and a time as Beijing time, unless an offset is given', () => {
    expect(instantOf('2021-02-08', 'x')).toBe('2021-02-07T16:00:00.000Z');
    expect(instantOf('2021-02-08T08:30', 'x')).toBe('2021-02-08T00:30:00.000Z');
    expect(instantOf('2021-02-08T08:30Z', 'x')).toBe('2021-02-08T08:30:00.000Z');
    expect(() => instantOf('2021-02-30', 'x')).toThrow('--at must look like');
    expect(() => instantOf('2021-02-32', 'x')).toThrow('--at must look like');
    expect(() => instantOf('8 Feb', 'x')).toThrow('--at must look like');
  });
});
