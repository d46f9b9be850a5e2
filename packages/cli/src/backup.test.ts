import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { consolePidFile, createUser, openDatabase, SYSTEM_ACTOR, tableContents } from '@epi/core/server';
import { describe, expect } from 'vitest';
import { cliTest as it } from './test-support/cli.ts';

describe('epi backup and epi restore', () => {
  it.override('workspaceOptions', { demo: true });
  it('round-trips every table, keeps the database it replaces, and refuses while the console runs', async ({ ws }) => {
    const db = await ws.db();
    const before = await tableContents(db);
    const file = join(ws.dir, 'backup.sqlite');
    const backedUp = await ws.epi(['backup', file, '--json']);
    expect(backedUp.code).toBe(0);
    const { tables } = JSON.parse(backedUp.stdout);
    expect(tables.report).toBe(before.report!.length);
    expect(Object.keys(tables).sort()).toEqual(Object.keys(before).sort());
    // Never over an existing file.
    expect((await ws.epi(['backup', file])).stderr).toContain('already exists');

    // Changed after the backup…
    await createUser(
      { db, actor: SYSTEM_ACTOR, now: new Date('2021-01-16T08:00:00Z') },
      {
        username: 'later.user',
        displayName: '后来的用户',
        role: 'reviewer',
        password: 'a-long-password-2021',
      },
    );
    await db.destroy();

    // …and not restored while a console runs on the data folder.
    writeFileSync(consolePidFile(ws.dir), String(process.pid));
    const refused = await ws.epi(['restore', file]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('the console is running');
    writeFileSync(consolePidFile(ws.dir), '999999999');

    const restored = await ws.epi(['restore', file]);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    const kept = /kept as (\S+)\.$/m.exec(restored.stdout)![1]!;
    const reopened = openDatabase(`sqlite:${join(ws.dir, 'epi.sqlite')}`);
    expect(await tableContents(reopened)).toEqual(before);
    await reopened.destroy();
    const replaced = openDatabase(`sqlite:${kept}`, { readonly: true });
    expect((await tableContents(replaced)).app_user!.length).toBe(before.app_user!.length + 1);
    await replaced.destroy();
  });

  it('refuses a file that is not a backup of this system, naming why, and replaces nothing', async ({ ws }) => {
    await (await ws.db()).destroy();
    const junk = join(ws.dir, 'junk.sqlite');
    writeFileSync(junk, 'not a database at all');
    const r = await ws.epi(['restore', junk]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/not an SQLite database|damaged/);
    expect((await ws.epi(['restore', join(ws.dir, 'missing.sqlite')])).stderr).toContain('no such file');
  });
});
