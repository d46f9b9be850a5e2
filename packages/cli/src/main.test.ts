import { describe, expect } from 'vitest';
import { COMMANDS } from './main.ts';
import { cliTest as it } from './test-support/cli.ts';

describe('epi: help and usage', () => {
  it('lists every command with --help and help, on standard output', async ({ ws }) => {
    for (const argv of [['--help'], ['help'], ['-h']]) {
      const r = await ws.epi(argv);
      expect(r.code).toBe(0);
      for (const c of COMMANDS) expect(r.stdout).toContain(`  ${c.name}`);
      expect(r.stderr).toBe('');
    }
  });

  it('shows the help of each command, by `help <command>` and by `<command> --help`', async ({ ws }) => {
    for (const c of COMMANDS) {
      const byHelp = await ws.epi(['help', ...c.name.split(' ')]);
      const byFlag = await ws.epi([...c.name.split(' '), '--help']);
      expect(byHelp.code).toBe(0);
      expect(byHelp.stdout).toContain(`usage: npm run epi -- ${c.name}`);
      for (const option of Object.keys(c.options)) expect(byHelp.stdout).toContain(`--${option}`);
      expect(byFlag).toEqual(byHelp);
    }
  });

  it('exits with 2 and a message on standard error for a wrong command line', async ({ ws }) => {
    const cases: Array<[string[], string]> = [
      [[], 'usage: npm run epi'],
      [['zone', 'list'], 'unknown command "zone"'],
      [['zones'], '"zones" needs a command; one of: zones import, zones at'],
      [['zones', 'delete'], 'unknown command "zones delete"'],
      [['help', 'nothing'], 'unknown command "nothing"'],
      [['zones', 'at'], 'zones at takes DATE, got none'],
      [['zones', 'at', '2021-01-20', 'extra'], 'got 2021-01-20 extra'],
      [['zones', 'at', '2021-01-20', '--bogus'], "Unknown option '--bogus'"],
      [['zones', 'at', '2021-02-30'], 'DATE must look like 2021-01-20'],
      [['zones', 'at', '2021-01-20T24:00'], 'DATE must look like'],
      [['zones', 'import', 'missing.csv'], 'cannot read missing.csv: ENOENT'],
      [['report', 'extract', '--year', '21'], '--year must be a year between 2000 and 2100'],
      [['user', 'create', '--username', 'li.hua', '--role', 'admin'], '--name 显示名 is required'],
      [
        ['user', 'create', '--username', 'li.hua', '--name', '李华', '--role', 'boss'],
        '--role must be one of admin, press_officer, reviewer',
      ],
    ];
    for (const [argv, message] of cases) {
      const r = await ws.epi(argv);
      expect({ argv, code: r.code, stdout: r.stdout }).toEqual({ argv, code: 2, stdout: '' });
      expect(r.stderr).toContain(message);
    }
  });

  it('refuses an unknown or demo --user with exit code 2, and a user without the role with 1', async ({ ws }) => {
    await ws.account('demo.admin', 'admin', { demo: true });
    await ws.account('press.li', 'press_officer');
    const unknown = await ws.epi(['publish', '--user', 'nobody']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--user nobody: no active account of that name');
    const demo = await ws.epi(['publish', '--user', 'demo.admin']);
    expect(demo.code).toBe(2);
    expect(demo.stderr).toContain('demo accounts only with EPI_DEMO=1');
    const press = await ws.epi(['publish', '--user', 'press.li']);
    expect(press.code).toBe(1);
    expect(press.stderr).toContain('press.li (press_officer) may not do this: it needs the role admin');
  });
});
