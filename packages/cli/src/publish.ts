import { lstatSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import {
  astroSiteBuilder,
  blockedName,
  listBlocked,
  listReleases,
  retryBlocked,
  Publisher,
  publicSiteCodeVersion,
  BlockedItemNotFound,
  type Db,
  type PublishOutcome,
  type SiteBuilder,
} from '@epi/core/server';
import { actingUser, JSON_OPTION, SITE_RECORDED, SITE_RECORDED_HELP, USER_OPTION, type Command } from './command.ts';
import type { CliConfig } from './config.ts';
import { CommandError, EXIT_FAILED, EXIT_OK, line, UsageError } from './io.ts';

/**
 * The release folder must belong to this database: a `current` link to a release the database does
 * not know means EPI_DATA_DIR is the folder of another database, whose live site would be replaced.
 */
async function checkReleasesFolder(db: Db, config: CliConfig): Promise<void> {
  const current = join(config.releasesDir, 'current');
  if (!lstatSync(current, { throwIfNoEntry: false })?.isSymbolicLink()) return; // the link itself: its release may be gone
  const id = readlinkSync(current);
  const known = (await listReleases(db, 100_000)).some((r) => r.id === id);
  if (!known) {
    throw new CommandError(
      `${config.releasesDir} serves release ${id}, which ${config.databaseUrl.replace(/^sqlite:/, '')} has no record of: ` +
        'it belongs to another database. Set EPI_DATA_DIR to the data folder of this database.',
    );
  }
}

/** Builds a release with the given builder and waits for it; the outcome of that build. */
export async function publishNow(
  db: Db,
  config: CliConfig,
  options: { build: SiteBuilder; reason: string; codeVersion: string; now: () => Date; log: (m: string) => void },
) {
  const { build, reason, codeVersion, now, log } = options;
  await checkReleasesFolder(db, config);
  let settled: { outcome: PublishOutcome; id: string } | null = null;
  const publisher = new Publisher({
    db,
    releasesDir: config.releasesDir,
    build,
    codeVersion,
    now,
    log,
    auditSeal: config.auditSeal,
    transparencyLog: config.transparencyLog,
    // The last build says how it ended: one that failed on a single item is followed at once by one without it.
    onSettled: (outcome, id) => (settled = { outcome, id }),
    // One build and its outcome: a running console retries what stays off the site.
    retry: { initialMs: 0, maxMs: 0 },
  });
  // Ctrl-C stops the build and records it as interrupted; the live site stays.
  const interrupt = () => void publisher.stop();
  process.once('SIGINT', interrupt);
  try {
    publisher.request(reason);
    await publisher.idle();
  } finally {
    process.off('SIGINT', interrupt);
  }
  const result = settled as { outcome: PublishOutcome; id: string } | null;
  if (!result) throw new CommandError('the build did not run');
  const release = (await listReleases(db, 100_000)).find((r) => r.id === result.id)!;
  return { ...result, release, blocked: await listBlocked(db) };
}

export const publish: Command = {
  name: 'publish',
  args: [],
  options: {
    user: { ...USER_OPTION, description: 'an admin, named in the release reason as the console names who asked' },
    json: { ...JSON_OPTION, description: 'print {"release","status","error","path","blocked"} on standard output' },
  },
  summary: 'build a release of the public site now and wait for it',
  details: [
    'Builds the public site from a snapshot of the database into <EPI_DATA_DIR>/releases/<id> and switches',
    '`current` to it atomically; a failed build leaves the live site as it was (exit code 1).',
    'The console may be running on the same data folder: builds of the public site take turns (a build',
    'waits while another one runs), each has its own folder, the switch of `current` is made under the',
    'database write lock, and a build that finishes after a newer release went live is kept but not',
    'switched to ("superseded", exit code 0). A console started while this build runs marks it as',
    'interrupted. EPI_DATA_DIR must be the data folder of EPI_DATABASE_URL (checked). Ctrl-C stops the',
    'build and records it as interrupted; the live site stays.',
    'A build that fails on one bulletin or press conference (an attachment that no longer matches its',
    'checksum) sets that item aside and publishes the rest at once; the items set aside are listed (and in',
    '"blocked" with --json) until their page changes or `epi blocked retry` asks for them again.',
  ],
  async run({ io, config, values, db }) {
    const handle = await db();
    const actor = values.user === undefined ? null : await actingUser(handle, config, values.user as string, ['admin'], 'publish');
    const reason = actor ? `命令行重新发布（${actor.name}）` : '命令行重新发布';
    const build = astroSiteBuilder(config.publicAppDir, config.publicUrl);
    const { outcome, release, blocked } = await publishNow(handle, config, {
      build,
      reason,
      codeVersion: publicSiteCodeVersion(config.publicAppDir),
      now: io.now,
      log: (m) => line(io.stderr, `epi: ${m}`),
    });
    if (values.json) {
      line(io.stdout, JSON.stringify({ release: release.id, status: outcome, error: release.error, path: release.path, blocked }));
    } else if (outcome === 'failed') {
      line(io.stderr, `Release ${release.id} failed: ${release.error ?? 'unknown error'}`);
    } else if (outcome === 'superseded') {
      line(io.stdout, `Release ${release.id} was built, but a newer release went live meanwhile; the site stays on that one.`);
    } else {
      line(io.stdout, `Release ${release.id} is live: ${join(config.releasesDir, 'current')} → ${release.path}`);
    }
    if (!values.json)
      for (const b of blocked) line(io.stderr, `Not on the site (set aside, ${b.id}): ${blockedName(b)}: ${b.reason.split('\n')[0]}`);
    return outcome === 'failed' ? EXIT_FAILED : EXIT_OK;
  },
};

export const blockedList: Command = {
  name: 'blocked list',
  args: [],
  options: {
    json: { ...JSON_OPTION, description: 'print [{"id","kind","itemId","path","reason","releaseId","blockedAt"}] on standard output' },
  },
  summary: 'the bulletins and press conferences set aside because building them failed',
  details: [
    'A build that fails on one item sets it aside and publishes the rest; the console lists them on 网站发布.',
    'An item is tried again when its page changes (edited, withdrawn, republished) or on `epi blocked retry`.',
  ],
  async run({ io, values, db }) {
    const blocked = await listBlocked(await db());
    if (values.json) line(io.stdout, JSON.stringify(blocked));
    else if (blocked.length === 0) line(io.stdout, 'Nothing is set aside: every item is on the site.');
    else for (const b of blocked) line(io.stdout, `${b.id}\t${blockedName(b)}\t${b.blockedAt}\t${b.reason.split('\n')[0]}`);
    return EXIT_OK;
  },
};

export const blockedRetry: Command = {
  name: 'blocked retry',
  args: ['ID'],
  options: { user: USER_OPTION },
  summary: 'try a set-aside item again, once its cause is mended (a file restored, a fix deployed)',
  details: ['ID is the number `epi blocked list` shows. Recorded in the audit log.', SITE_RECORDED_HELP],
  async run({ io, config, values, args, db }) {
    const handle = await db();
    const actor = await actingUser(handle, config, values.user as string | undefined, ['admin', 'press_officer'], 'blocked retry');
    const id = Number(args[0]);
    if (!Number.isInteger(id) || id <= 0)
      throw new UsageError(`ID: expected the number \`epi blocked list\` shows, got "${args[0]}"`, 'blocked retry');
    const item = await retryBlocked({ db: handle, actor, now: io.now() }, id).catch((error: unknown) => {
      throw error instanceof BlockedItemNotFound ? new CommandError(error.message) : error;
    });
    line(io.stdout, `${blockedName(item)} will be tried again.`);
    line(io.stdout, SITE_RECORDED);
    return EXIT_OK;
  },
};
