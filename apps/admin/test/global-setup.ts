import { rmSync } from 'node:fs';
import { E2E_DATA_DIR } from './system.ts';

/** Starts each run without what an interrupted run left behind, and removes the run's data folders at the end. */
export default function globalSetup(): () => void {
  rmSync(E2E_DATA_DIR, { recursive: true, force: true });
  return () => rmSync(E2E_DATA_DIR, { recursive: true, force: true });
}
