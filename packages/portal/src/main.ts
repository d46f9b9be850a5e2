// The public portal as a process of its own: it serves the live release from the data folder and
// needs nothing else — not the console, not the database. `npm start` runs it beside the console
// under a supervisor; on a server it is a unit of its own (see the README).
import { join, resolve } from 'node:path';
import { readPortalConfig } from './config.ts';
import { startPublicServer } from './server.ts';

const log = (message: string) => console.log(`[portal] ${message}`);

let config;
try {
  config = readPortalConfig(process.env);
} catch (error) {
  console.error(`[portal] ${(error as Error).message}`);
  process.exit(2);
}
const current = join(resolve(config.dataDir), 'releases', 'current');
const server = await startPublicServer(current, config.host, config.port);
log(`serving ${current} on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}/`);

// Stops taking connections and lets those in flight finish, for ten seconds at most. A second signal
// (Ctrl-C reaches the process group, then the supervisor passes it on) changes nothing.
let stopping = false;
const stop = (signal: NodeJS.Signals) => {
  if (stopping) return;
  stopping = true;
  log(`${signal}: stopping`);
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 10_000).unref();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
