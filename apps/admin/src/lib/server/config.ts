import { resolve } from 'node:path';
import { z } from 'zod';

// The one place the admin app reads its environment.
const schema = z.object({
  EPI_DATABASE_URL: z.string().min(1).default('sqlite:../../.data/epi.sqlite'),
  EPI_DATA_DIR: z.string().min(1).default('../../.data'),
  EPI_PUBLIC_APP_DIR: z.string().min(1).default('../public'),
  EPI_PUBLIC_PORT: z.coerce.number().int().min(1).max(65535).default(4321),
  EPI_PUBLIC_HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  EPI_ADMIN_ORIGIN: z.url().optional(),
  EPI_DEMO: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
  EPI_PUBLISH_ON_START: z
    .enum(['0', '1', 'true', 'false'])
    .default('1')
    .transform((v) => v === '1' || v === 'true'),
});

export type Config = {
  databaseUrl: string;
  dataDir: string;
  releasesDir: string;
  publicAppDir: string;
  publicPort: number;
  publicHost: string;
  adminPort: number;
  adminOrigin: string;
  demoMode: boolean;
  publishOnStart: boolean;
  secureCookies: boolean;
};

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.EPI_DATA_DIR);
  const adminOrigin = e.EPI_ADMIN_ORIGIN ?? `http://localhost:${e.PORT}`;
  const databaseUrl = e.EPI_DATABASE_URL.startsWith('sqlite:')
    ? `sqlite:${resolve(e.EPI_DATABASE_URL.slice('sqlite:'.length))}`
    : e.EPI_DATABASE_URL;
  return {
    databaseUrl,
    dataDir,
    releasesDir: resolve(dataDir, 'releases'),
    publicAppDir: resolve(e.EPI_PUBLIC_APP_DIR),
    publicPort: e.EPI_PUBLIC_PORT,
    publicHost: e.EPI_PUBLIC_HOST,
    adminPort: e.PORT,
    adminOrigin,
    demoMode: e.EPI_DEMO,
    publishOnStart: e.EPI_PUBLISH_ON_START,
    secureCookies: adminOrigin.startsWith('https:'),
  };
}
