import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import {
  astroSiteBuilder,
  consolePidFile,
  DEMO_USERS,
  ensureReferenceData,
  isEmpty,
  loadDemoData,
  migrateToLatest,
  openDatabase,
  sqliteClientOf,
  Publisher,
  publicSiteCodeVersion,
  publishDueBulletins,
  ScheduledRebuilds,
  SYSTEM_ACTOR,
  type Db,
} from '@epi/core/server';
import { SIGN_IN_LIMITS, signInThrottle, type ReleaseRequester, type SignInThrottle } from '@epi/api';
import { Clock } from './clock.ts';
import { readConfig, type Config } from './config.ts';

export interface Runtime {
  config: Config;
  db: Db;
  publisher: Publisher;
  /** What procedures call to ask for a release or re-plan scheduled publications. */
  requester: ReleaseRequester;
  scheduled: ScheduledRebuilds;
  clock: Clock;
  /** Counts failed sign-ins per account and address, for this console process. */
  signInThrottle: SignInThrottle;
}

let runtime: Runtime | null = null;
let starting: Promise<Runtime> | null = null;

const log = (message: string) => console.log(`[epi] ${message}`);

/** The running system: database, publisher and schedule. Started once per process; the public portal is a process of its own. */
export function getRuntime(): Runtime {
  if (!runtime) throw new Error('runtime not started');
  return runtime;
}

/** How often the console looks for changes recorded by another process that are not on the site. */
const RESUME_EVERY_MS = 15_000;
let resumeTimer: NodeJS.Timeout | null = null;

export function startRuntime(): Promise<Runtime> {
  starting ??= start();
  return starting;
}

async function start(): Promise<Runtime> {
  const config = readConfig();
  const clock = new Clock(config.testClock);
  // Who runs on this data folder: a restore of the database is refused while this process lives.
  mkdirSync(config.dataDir, { recursive: true });
  writeFileSync(consolePidFile(config.dataDir), String(process.pid));
  const db = openDatabase(config.databaseUrl);
  const applied = await migrateToLatest(db);
  if (applied.length > 0) log(`database migrated: ${applied.join(', ')}`);
  await ensureReferenceData(db);
  if (config.demoMode && (await isEmpty(db))) {
    await loadDemoData(db, { outbreak: config.demoData === 'outbreak' });
    log(`demo data loaded (${config.demoData})`);
  }

  const codeVersion = publicSiteCodeVersion(config.publicAppDir);
  // Announced changes (a zone lifted from tomorrow 00:00) rebuild the site when they fall due;
  // after a failed build the due change is retried a minute later.
  let publisher: Publisher | null = null;
  // Scheduled bulletins are published by the system when their time comes, even with nobody signed in.
  const publishDue = async (now: Date) => {
    const published = await publishDueBulletins(
      { db, actor: SYSTEM_ACTOR, now },
      { onError: (id, error) => log(`scheduled bulletin ${id} could not be published: ${String(error)}`) },
    );
    for (const b of published) log(`scheduled bulletin published: ${b.currentRevision.title}`);
    return published.length;
  };
  const scheduled = new ScheduledRebuilds({ db, request: (reason) => publisher?.request(reason), onDue: publishDue, now: clock.now, log });
  const replan = () => scheduled.refresh().catch((error: unknown) => log(`scheduling failed: ${String(error)}`));
  publisher = new Publisher({
    db,
    releasesDir: config.releasesDir,
    build: astroSiteBuilder(config.publicAppDir, config.publicUrl),
    codeVersion,
    log,
    now: clock.now,
    auditSeal: config.auditSeal,
    transparencyLog: config.transparencyLog,
    onSettled: (outcome) => {
      if (outcome !== 'failed') void replan();
      else setTimeout(() => void replan(), 60_000).unref();
    },
  });
  await publisher.recover();
  const requester: ReleaseRequester = { request: (reason) => publisher.request(reason), scheduleChanged: () => void replan() };
  runtime = {
    config,
    db,
    publisher,
    requester,
    scheduled,
    clock,
    signInThrottle: signInThrottle(SIGN_IN_LIMITS, { sqlite: sqliteClientOf(db) }),
  };
  // Whatever fell due while the system was down goes out with the first build.
  const caughtUp = await publishDue(clock.now());

  if (caughtUp > 0) {
    publisher.request(`定时发布公告（${caughtUp} 条，停机期间到期）`);
    await publisher.idle();
  } else if (config.publishOnStart && !(await publisher.isCurrent())) {
    publisher.request('启动时生成公众网站');
    await publisher.idle();
  } else if (await publisher.resume('启动时发布尚未上线的更改')) {
    // Changes acknowledged before the last stop and never built (the process died mid-build).
    await publisher.idle();
  } else {
    await replan();
  }
  // Changes recorded by another process (the command line) go live without waiting for the next one here.
  resumeTimer = setInterval(() => {
    void publisher.resume('其他进程（如命令行）记录的更改').catch((error: unknown) => log(`resume failed: ${String(error)}`));
  }, RESUME_EVERY_MS);
  resumeTimer.unref();

  process.once('sveltekit:shutdown' as 'exit', () => void stop());
  announce(config);
  return runtime;
}

/** Stops building and closes the database; nothing is left half-written. */
async function stop(): Promise<void> {
  if (!runtime) return;
  const { publisher, scheduled, db } = runtime;
  if (resumeTimer) clearInterval(resumeTimer);
  scheduled.stop();
  await publisher.stop();
  await db.destroy();
  rmSync(consolePidFile(runtime.config.dataDir), { force: true });
  log('stopped');
}

function announce(config: Config): void {
  const lines = ['', `  Public portal:  ${config.publicUrl}`, `  Admin console:  ${config.adminOrigin}/`];
  if (config.demoMode) {
    lines.push('', '  Demo mode — demo users (username / password):');
    for (const u of DEMO_USERS) lines.push(`    ${u.role.padEnd(14)} ${u.username} / ${u.password}`);
  }
  lines.push('', '  Press Ctrl-C to stop.', '');
  console.log(lines.join('\n'));
}
