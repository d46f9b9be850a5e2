import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { auditSealFilesFor, transparencyLogFor, type AuditSealFiles, type TransparencyLogOptions } from '@epi/core/server';
import { UsageError } from './io.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

// The one place the command line reads its environment; the defaults are those of `npm start`.
export interface CliConfig {
  databaseUrl: string;
  dataDir: string;
  releasesDir: string;
  publicAppDir: string;
  /** The public portal's origin, ending with '/', for absolute links in the built site. */
  publicUrl: string;
  demoMode: boolean;
  /** What demo mode loads into an empty database: the seeds and the outbreak, or the seeds alone. */
  demoData: 'outbreak' | 'seeds';
  /** The audit log's signing key and signed heads (EPI_AUDIT_KEY_FILE moves the key). */
  auditSeal: AuditSealFiles;
  /** The public transparency log's key and name (EPI_LOG_KEY_FILE moves the key). */
  transparencyLog: TransparencyLogOptions;
}

function flag(env: Record<string, string | undefined>, name: string, fallback: boolean): boolean {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (['1', 'true'].includes(value)) return true;
  if (['0', 'false'].includes(value)) return false;
  throw new UsageError(`${name} must be 0 or 1, not "${value}"`);
}

function demoData(value: string | undefined): CliConfig['demoData'] {
  if (value === undefined || value === '' || value === 'outbreak') return 'outbreak';
  if (value === 'seeds') return 'seeds';
  throw new UsageError(`EPI_DEMO_DATA must be outbreak or seeds, not "${value}"`);
}

export function readConfig(env: Record<string, string | undefined>): CliConfig {
  const dataDir = env.EPI_DATA_DIR ? resolve(env.EPI_DATA_DIR) : join(ROOT, '.data');
  const url = env.EPI_DATABASE_URL || `sqlite:${join(dataDir, 'epi.sqlite')}`;
  const databaseUrl = url.startsWith('sqlite:') && url !== 'sqlite::memory:' ? `sqlite:${resolve(url.slice('sqlite:'.length))}` : url;
  const port = env.EPI_PUBLIC_PORT || '4321';
  if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535)
    throw new UsageError(`EPI_PUBLIC_PORT must be a port number, not "${port}"`);
  let publicUrl: URL;
  try {
    publicUrl = new URL(env.EPI_PUBLIC_URL || `http://localhost:${port}`);
  } catch {
    throw new UsageError(`EPI_PUBLIC_URL must be an origin such as https://yq.sjz.gov.cn, not "${env.EPI_PUBLIC_URL}"`);
  }
  if (!/^https?:$/.test(publicUrl.protocol) || publicUrl.pathname !== '/' || publicUrl.search || publicUrl.hash) {
    throw new UsageError(`EPI_PUBLIC_URL must be an http(s) origin only, e.g. ${publicUrl.origin}`);
  }
  return {
    databaseUrl,
    dataDir,
    releasesDir: join(dataDir, 'releases'),
    publicAppDir: env.EPI_PUBLIC_APP_DIR ? resolve(env.EPI_PUBLIC_APP_DIR) : join(ROOT, 'apps', 'public'),
    publicUrl: `${publicUrl.origin}/`,
    demoMode: flag(env, 'EPI_DEMO', false),
    demoData: demoData(env.EPI_DEMO_DATA),
    transparencyLog: transparencyLogFor(dataDir, `${publicUrl.origin}/`, env.EPI_LOG_KEY_FILE ? resolve(env.EPI_LOG_KEY_FILE) : undefined),
    auditSeal: auditSealFilesFor(dataDir, env.EPI_AUDIT_KEY_FILE ? resolve(env.EPI_AUDIT_KEY_FILE) : undefined),
  };
}
