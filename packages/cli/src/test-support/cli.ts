import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { test } from 'vitest';
import { createUser, SYSTEM_ACTOR, type Db, type Role, type User } from '@epi/core/server';
import { openSystem } from '../command.ts';
import { readConfig } from '../config.ts';
import { run } from '../main.ts';

/** A data folder in a temp directory with its own database, as EPI_DATA_DIR / EPI_DATABASE_URL name it. */
export interface Workspace {
  dir: string;
  env: Record<string, string>;
  /** Runs `epi …` in-process; standard input is the given text (or empty). */
  epi: (argv: string[], stdin?: string) => Promise<{ code: number; stdout: string; stderr: string }>;
  /** The database, opened as the commands open it (migrated, reference data). */
  db: () => Promise<Db>;
  /** A real account, created through core's createUser. */
  account: (username: string, role: Role, options?: { demo?: boolean }) => Promise<User>;
  close: () => Promise<void>;
}

const collect = (stream: PassThrough) => {
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return () => Buffer.concat(chunks).toString('utf8');
};

export interface WorkspaceOptions {
  /** EPI_DEMO=1: demo accounts may act. */
  demo?: boolean;
  /** What demo mode loads (default the seeds alone, the city the tests know). */
  demoData?: 'outbreak' | 'seeds';
  /** What the commands take to be now (default 2021-01-20 10:00, Beijing time). */
  now?: string;
}

export function workspace(options: WorkspaceOptions = {}): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'epi-cli-'));
  const env = {
    EPI_DATA_DIR: dir,
    EPI_DATABASE_URL: `sqlite:${join(dir, 'epi.sqlite')}`,
    EPI_DEMO: options.demo ? '1' : '0',
    EPI_DEMO_DATA: options.demoData ?? 'seeds',
  };
  const now = () => new Date(options.now ?? '2021-01-20T10:00:00+08:00');
  let handle: Db | null = null;
  const db = async () =>
    (handle ??= await openSystem(readConfig(env), {
      stdin: Readable.from([]),
      stdout: new PassThrough(),
      stderr: new PassThrough(),
      env,
      now,
    }));
  return {
    dir,
    env,
    async epi(argv, stdin = '') {
      const stdout = new PassThrough();
      const stderr = new PassThrough();
      const out = collect(stdout);
      const err = collect(stderr);
      const code = await run(argv, { stdin: Readable.from([Buffer.from(stdin)]), stdout, stderr, env, now });
      return { code, stdout: out(), stderr: err() };
    },
    db,
    async account(username, role, opts = {}) {
      return createUser(
        { db: await db(), actor: SYSTEM_ACTOR, now: now() },
        { username, displayName: `${username} 姓名`, role, password: 'a-long-password-2021' },
        opts,
      );
    },
    async close() {
      await handle?.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * `it` with a fresh workspace, `ws`, removed once the test is over; a describe block gives it other
 * options with `it.override('workspaceOptions', { … })`.
 */
export const cliTest = test.extend('workspaceOptions', {} as WorkspaceOptions).extend('ws', ({ workspaceOptions, onTestFinished }) => {
  const ws = workspace(workspaceOptions);
  onTestFinished(() => ws.close());
  return ws;
});
