// What the portal process reads from its environment: the same names as the console's.
export interface PortalConfig {
  dataDir: string;
  host: string;
  port: number;
}

export function readPortalConfig(env: NodeJS.ProcessEnv): PortalConfig {
  const problems: string[] = [];
  const dataDir = env.EPI_DATA_DIR?.trim() || '.data';
  const host = env.EPI_PUBLIC_HOST?.trim() || '0.0.0.0';
  const rawPort = env.EPI_PUBLIC_PORT?.trim() || '4321';
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port < 1 || port > 65_535)
    problems.push(`EPI_PUBLIC_PORT: expected a port number (1–65535), got "${rawPort}"`);
  if (problems.length > 0) throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  return { dataDir, host, port };
}
