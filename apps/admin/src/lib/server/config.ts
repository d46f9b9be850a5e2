import { resolve } from 'node:path';
import {
  auditSealFilesFor,
  transparencyLogFor,
  type AuditSealFiles,
  type SessionPolicy,
  type TransparencyLogOptions,
} from '@epi/core/server';
import { z } from 'zod';

// The one place the admin app reads its environment.
const schema = z.object({
  EPI_DATABASE_URL: z.string().min(1).default('sqlite:../../.data/epi.sqlite'),
  EPI_DATA_DIR: z.string().min(1).default('../../.data'),
  EPI_PUBLIC_APP_DIR: z.string().min(1).default('../public'),
  // The portal's port (its own process serves it): the default public address, when EPI_PUBLIC_URL is not set.
  EPI_PUBLIC_PORT: z.coerce.number().int().min(1).max(65535).default(4321),
  // The public portal's address as residents reach it: absolute links in feeds, sitemap and robots.txt.
  EPI_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  EPI_ADMIN_ORIGIN: z.url().optional(),
  EPI_DEMO: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
  // What demo mode loads into an empty database: the seeds and the outbreak of January–February 2021,
  // or the seeds alone (a smaller, fixed city, for tests).
  EPI_DEMO_DATA: z.enum(['outbreak', 'seeds']).default('outbreak'),
  EPI_PUBLISH_ON_START: z
    .enum(['0', '1', 'true', 'false'])
    .default('1')
    .transform((v) => v === '1' || v === 'true'),
  // The key that signs the audit log's head with every release; by default in the data folder.
  EPI_AUDIT_KEY_FILE: z.string().min(1).optional(),
  // The key that signs the public transparency log's checkpoints; by default in the data folder.
  EPI_LOG_KEY_FILE: z.string().min(1).optional(),
  // How long a console session lasts without a request, and at most from sign-in.
  EPI_SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(1440).default(60),
  EPI_SESSION_HOURS: z.coerce.number().int().min(1).max(168).default(12),
  // For browser tests: the system's clock can be moved forward through /api/test-clock (demo mode only).
  EPI_TEST_CLOCK: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
});

export type Config = {
  databaseUrl: string;
  dataDir: string;
  releasesDir: string;
  publicAppDir: string;
  publicPort: number;
  /** The public portal's URL (an origin, ending with '/'), passed to its build as EPI_PUBLIC_SITE_URL. */
  publicUrl: string;
  adminPort: number;
  adminOrigin: string;
  demoMode: boolean;
  demoData: 'outbreak' | 'seeds';
  publishOnStart: boolean;
  secureCookies: boolean;
  testClock: boolean;
  sessionPolicy: SessionPolicy;
  auditSeal: AuditSealFiles;
  transparencyLog: TransparencyLogOptions;
};

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.EPI_TEST_CLOCK && !e.EPI_DEMO) {
    throw new Error('Invalid configuration:\n  EPI_TEST_CLOCK: a movable clock is for tests and is only allowed with EPI_DEMO=1');
  }
  const dataDir = resolve(e.EPI_DATA_DIR);
  const adminOrigin = e.EPI_ADMIN_ORIGIN ?? `http://localhost:${e.PORT}`;
  const publicUrl = new URL(e.EPI_PUBLIC_URL ?? `http://localhost:${e.EPI_PUBLIC_PORT}`);
  if (publicUrl.pathname !== '/' || publicUrl.search || publicUrl.hash) {
    throw new Error(
      `Invalid configuration:\n  EPI_PUBLIC_URL: must be an origin only (the portal is served from its root), e.g. ${publicUrl.origin}`,
    );
  }
  const databaseUrl = e.EPI_DATABASE_URL.startsWith('sqlite:')
    ? `sqlite:${resolve(e.EPI_DATABASE_URL.slice('sqlite:'.length))}`
    : e.EPI_DATABASE_URL;
  return {
    databaseUrl,
    dataDir,
    releasesDir: resolve(dataDir, 'releases'),
    publicAppDir: resolve(e.EPI_PUBLIC_APP_DIR),
    publicPort: e.EPI_PUBLIC_PORT,
    publicUrl: `${publicUrl.origin}/`,
    adminPort: e.PORT,
    adminOrigin,
    demoMode: e.EPI_DEMO,
    demoData: e.EPI_DEMO_DATA,
    publishOnStart: e.EPI_PUBLISH_ON_START,
    secureCookies: adminOrigin.startsWith('https:'),
    testClock: e.EPI_TEST_CLOCK,
    transparencyLog: transparencyLogFor(dataDir, `${publicUrl.origin}/`, e.EPI_LOG_KEY_FILE ? resolve(e.EPI_LOG_KEY_FILE) : undefined),
    auditSeal: auditSealFilesFor(dataDir, e.EPI_AUDIT_KEY_FILE ? resolve(e.EPI_AUDIT_KEY_FILE) : undefined),
    sessionPolicy: { idleMs: e.EPI_SESSION_IDLE_MINUTES * 60_000, lifetimeMs: e.EPI_SESSION_HOURS * 3_600_000 },
  };
}
