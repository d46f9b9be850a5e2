import type { Migration } from 'kysely/migration';
import * as m0001 from './0001-initial.ts';

// Explicit, ordered registry: works from bundled code and never depends on directory listing.
export const migrations: Record<string, Migration> = {
  '0001-initial': m0001,
};
