import { sqliteClientOf } from '@epi/core/server';
import { describe, expect } from 'vitest';
import { cliTest as it } from './test-support/cli.ts';

describe('epi audit', () => {
  it('verifies an intact log, and names the entry edited behind the database triggers (exit code 1)', async ({ ws }) => {
    await ws.account('admin.wang', 'admin');
    await ws.account('li.hua', 'press_officer');
    const sealed = await ws.epi(['audit', 'seal', '--json']);
    expect(sealed.code).toBe(0);
    expect(JSON.parse(sealed.stdout)).toMatchObject({ count: 2 });
    expect(await ws.epi(['audit', 'verify'])).toMatchObject({ code: 0, stdout: '2 entries, 1 signed heads.\nThe audit log is intact.\n' });
    expect((await ws.epi(['audit', 'key'])).stdout).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+-----END PUBLIC KEY-----\n$/);

    // What someone with the database file can do: lift the append-only trigger, edit, put it back.
    sqliteClientOf(await ws.db()).exec(`DROP TRIGGER audit_entry_no_update;
      UPDATE audit_entry SET actor_name = '别人' WHERE id = 1;
      CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry BEGIN SELECT RAISE(ABORT, 'append-only'); END;`);
    const r = await ws.epi(['audit', 'verify', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, entries: 2, broken: { id: 1 } });
  });
});
