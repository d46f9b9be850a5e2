import { describe, expect } from 'vitest';
import { listAudit } from '../audit/audit.ts';
import { InputError } from '../shared/errors.ts';
import { deskTest as it } from '../test-support/desk.ts';
import { VILLAGE_ZONE } from '../test-support/fixtures.ts';
import { schemeInForce, setLevelSchemeInForce } from './levels.ts';
import { createZone, getZone } from './zone.ts';

describe('the level scheme in force', () => {
  it('switches the scheme, auditing before and after, and leaves zones at their level', async ({ db, admin }) => {
    const zone = await createZone(admin, VILLAGE_ZONE);
    const result = await setLevelSchemeInForce(admin, 'control-2022');
    expect(result).toMatchObject({ changed: true, scheme: { id: 'control-2022', inForce: true } });
    expect((await schemeInForce(db)).id).toBe('control-2022');
    const [entry] = await listAudit(db, { entityType: 'setting' });
    expect(entry).toMatchObject({
      action: 'zone.level_scheme',
      actorName: '管理员甲',
      before: { schemeId: 'risk-2021' },
      after: { schemeId: 'control-2022', name: '封控区、管控区、防范区' },
    });
    expect((await getZone(db, zone.id, admin.now.toISOString())).level?.name).toBe('高风险');

    // Choosing the scheme already in force changes and records nothing.
    expect((await setLevelSchemeInForce(admin, 'control-2022')).changed).toBe(false);
    expect(await listAudit(db, { entityType: 'setting' })).toHaveLength(1);
  });

  it('refuses a scheme that does not exist', async ({ db, admin }) => {
    await expect(setLevelSchemeInForce(admin, 'no-such-scheme')).rejects.toBeInstanceOf(InputError);
    expect((await schemeInForce(db)).id).toBe('risk-2021');
  });
});
