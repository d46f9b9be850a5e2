// The only place the site reads its environment and its data. Pages get everything through the
// public tRPC procedures with a server-side caller, so the site shows exactly what the public
// API returns.
import { existsSync } from 'node:fs';
import { createCaller, createContext } from '@epi/api';
import type {
  BulletinAttachment,
  District,
  IsolationFacility,
  IsolationSnapshot,
  LevelScheme,
  PressConference,
  PublicBulletin,
  Report,
  TestingRound,
  ZoneView,
} from '@epi/core';
import { BLOCKABLE_KINDS, type ItemRef } from '@epi/core';
import { openDatabase, sqlitePathFromUrl } from '@epi/core/server';

/** Relative to the app folder (builds run with it as the working directory). */
const DEFAULT_DATABASE_URL = 'sqlite:../../.data/epi.sqlite';

export interface SiteEnv {
  databaseUrl: string;
  databasePath: string;
  /** The release moment: "now" for the state of zones, and the "updated" time shown. */
  builtAt: Date;
  /** Items set aside by the publisher after a build failed on them: left out of everything. */
  blocked: ItemRef[];
}

export class SiteEnvError extends Error {
  override name = 'SiteEnvError';
}

/** Reads and checks EPI_DATABASE_URL and EPI_SITE_BUILT_AT (EPI_PUBLIC_OUT_DIR is read by astro.config). */
export function readSiteEnv(env: NodeJS.ProcessEnv = process.env): SiteEnv {
  const databaseUrl = env.EPI_DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  let databasePath: string;
  try {
    databasePath = sqlitePathFromUrl(databaseUrl);
  } catch (e) {
    throw new SiteEnvError(`EPI_DATABASE_URL=${databaseUrl} is not usable: ${(e as Error).message}`);
  }
  if (databasePath === ':memory:') {
    throw new SiteEnvError('EPI_DATABASE_URL must name a database file; an in-memory database has no data to publish');
  }
  if (!existsSync(databasePath)) {
    throw new SiteEnvError(
      `The database file ${databasePath} does not exist (EPI_DATABASE_URL=${databaseUrl}). ` +
        'Set EPI_DATABASE_URL=sqlite:/path/to/epi.sqlite, or create the database first (npm start does).',
    );
  }
  const rawBuiltAt = env.EPI_SITE_BUILT_AT?.trim();
  const builtAt = rawBuiltAt ? new Date(rawBuiltAt) : new Date();
  if (Number.isNaN(builtAt.getTime())) {
    throw new SiteEnvError(`EPI_SITE_BUILT_AT=${rawBuiltAt} is not an ISO date-time (e.g. 2021-01-15T12:00:00Z)`);
  }
  return { databaseUrl, databasePath, builtAt, blocked: readBlocked(env.EPI_BLOCKED_ITEMS) };
}

function readBlocked(raw: string | undefined): ItemRef[] {
  if (!raw?.trim()) return [];
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new SiteEnvError(`EPI_BLOCKED_ITEMS is not JSON: ${raw.slice(0, 200)}`);
  }
  const kinds: readonly string[] = BLOCKABLE_KINDS;
  if (!Array.isArray(value) || !value.every((v) => kinds.includes((v as ItemRef)?.kind) && typeof (v as ItemRef).id === 'string')) {
    throw new SiteEnvError('EPI_BLOCKED_ITEMS must be a list of {"kind","id","path"} items');
  }
  return value as ItemRef[];
}

/** Everything the pages show, read once per build. */
export interface SiteData {
  builtAt: Date;
  /** builtAt as an ISO instant, for comparisons with stored instants. */
  now: string;
  latestReport: Report | null;
  /** Published reports, latest period first. */
  reports: Report[];
  /** Every zone with its history and its state at `now`. */
  zones: ZoneView[];
  levelSchemes: LevelScheme[];
  districts: District[];
  /** Newest first. */
  bulletins: PublicBulletin[];
  /** Latest first. */
  pressConferences: PressConference[];
  /** Addresses conferences had before, each with where it is now: they redirect. */
  pressConferenceAliases: Array<{ from: string; to: string }>;
  /** Latest round first. */
  testingRounds: TestingRound[];
  /** Latest first. */
  isolationSnapshots: IsolationSnapshot[];
  isolationFacilities: IsolationFacility[];
}

type Caller = ReturnType<typeof createCaller>;

/** Runs `read` with the site build's caller (public reads, and attachments) over the database, opened read-only for it and closed after. */
async function withCaller<T>(read: (caller: Caller, env: SiteEnv) => Promise<T>): Promise<T> {
  const env = readSiteEnv();
  const db = openDatabase(env.databaseUrl, { readonly: true });
  try {
    return await read(createCaller(await createContext({ db, now: () => env.builtAt, siteBuild: true })), env);
  } finally {
    await db.destroy();
  }
}

/** Every read at once, by name. */
async function allOf<T extends Record<string, Promise<unknown>>>(reads: T): Promise<{ [K in keyof T]: Awaited<T[K]> }> {
  const keys = Object.keys(reads) as (keyof T)[];
  const values = await Promise.all(keys.map((k) => reads[k]));
  return Object.fromEntries(keys.map((k, i) => [k, values[i]])) as { [K in keyof T]: Awaited<T[K]> };
}

function load(): Promise<SiteData> {
  return withCaller(async (caller, env) => {
    const read = await allOf({
      latestReport: caller.report.latest(),
      reports: caller.report.list(),
      zones: caller.zone.all(),
      levelSchemes: caller.zone.levelSchemes(),
      districts: caller.district.list(),
      bulletins: caller.bulletin.list(),
      pressConferences: caller.pressConference.list(),
      pressConferenceAliases: caller.pressConference.aliases(),
      testingRounds: caller.testingRound.list(),
      isolationSnapshots: caller.isolation.snapshots(),
      isolationFacilities: caller.isolation.facilities(),
    });
    // What the publisher set aside is not on any page, list, feed or data file of this release.
    const out = (kind: ItemRef['kind'], id: string) => env.blocked.some((b) => b.kind === kind && b.id === id);
    const pressConferences = read.pressConferences.filter((c) => !out('press_conference', c.id));
    const slugs = new Set(pressConferences.map((c) => c.slug));
    return {
      builtAt: env.builtAt,
      now: env.builtAt.toISOString(),
      ...read,
      bulletins: read.bulletins.filter((b) => !out('bulletin', b.id)),
      pressConferences,
      pressConferenceAliases: read.pressConferenceAliases.filter((a) => slugs.has(a.to)),
    };
  });
}

/**
 * The bytes of an attachment of a published bulletin revision, for its static file. Read one at a
 * time (not with siteData) so that a build never holds every attachment in memory at once.
 */
export function bulletinAttachment(id: string): Promise<{ attachment: BulletinAttachment; content: Uint8Array }> {
  return withCaller((caller) => caller.bulletin.attachment({ id }));
}

let cached: Promise<SiteData> | null = null;

/** The site's data; every page of one build shares the same read. */
export function siteData(): Promise<SiteData> {
  cached ??= load();
  return cached;
}
