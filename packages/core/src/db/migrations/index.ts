import type { Migration } from 'kysely/migration';
import * as m0001 from './0001-initial.ts';
import * as m0002 from './0002-review-and-corrections.ts';

// Explicit, ordered registry: works from bundled code and never depends on directory listing.
export const migrations: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-review-and-corrections': m0002,
};
