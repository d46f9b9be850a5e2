import { beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../audit/audit.ts';
import type { Db } from '../db/database.ts';
import type { WriteContext } from '../shared/actor.ts';
import { InputError } from '../shared/errors.ts';
import { testDatabase } from '../test-support/db.ts';
import { schemeInForce, setLevelSchemeInForce } from './levels.ts';
import { createZone, getZone } from './zone.ts';

describe('the level scheme in force', () => {
  let db: Db;
  let ctx: WriteContext;
  beforeEach(async () => {
    db = await testDatabase();
    ctx = { db, actor: { id: null, name: '管理员甲', role: 'admin' }, now: new Date('2021-01-20T10:00:00+08:00') };
  });

  it('switches the scheme, auditing before and after, and leaves zones at their level', async () => {
    const zone = await createZone(ctx, {
      districtCode: '130109',
      name: '增村镇小果庄村',
      kind: 'village',
      levelId: 'risk-2021.high',
      effectiveAt: '2021-01-05T00:00:00+08:00',
      notice: '通告',
    });
    const result = await setLevelSchemeInForce(ctx, 'control-2022');
    expect(result).toMatchObject({ changed: true, scheme: { id: 'control-2022', inForce: true } });
    expect((await schemeInForce(db)).id).toBe('control-2022');
    const [entry] = await listAudit(db, { entityType: 'setting' });
    expect(entry).toMatchObject({
      action: 'zone.level_scheme',
      actorName: '管理员甲',
      before: { schemeId: 'risk-2021' },
      after: { schemeId: 'control-2022', name: '封控区、管控区、防范区' },
    });
    expect((await getZone(db, zone.id, ctx.now.toISOString())).level?.name).toBe('高风险');

    // Choosing the scheme already in force changes and records nothing.
    expect((await setLevelSchemeInForce(ctx, 'control-2022')).changed).toBe(false);
    expect(await listAudit(db, { entityType: 'setting' })).toHaveLength(1);
  });

  it('refuses a scheme that does not exist', async () => {
    await expect(setLevelSchemeInForce(ctx, 'no-such-scheme')).rejects.toBeInstanceOf(InputError);
    expect((await schemeInForce(db)).id).toBe('risk-2021');
  });
});
