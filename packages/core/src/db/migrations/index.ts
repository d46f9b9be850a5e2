import type { Migration } from 'kysely/migration';
import * as m0001 from './0001-initial.ts';
import * as m0002 from './0002-review-and-corrections.ts';
import * as m0003 from './0003-bulletin-workflow.ts';
import * as m0004 from './0004-figures-followups.ts';
import * as m0005 from './0005-typed-states.ts';
import * as m0006 from './0006-level-control.ts';
import * as m0007 from './0007-divisions.ts';
import * as m0008 from './0008-zone-listed-on.ts';
import * as m0009 from './0009-zone-changes.ts';
import * as m0010 from './0010-zone-corrections.ts';
import * as m0011 from './0011-press-conference-issuers.ts';
import * as m0012 from './0012-stated-figures.ts';
import * as m0013 from './0013-testing-progress.ts';
import * as m0014 from './0014-under-observation-meaning.ts';
import * as m0015 from './0015-site-changes.ts';
import * as m0016 from './0016-blocked-items.ts';
import * as m0017 from './0017-isolation-stated.ts';
import * as m0018 from './0018-accounts.ts';
import * as m0019 from './0019-binding-reviews.ts';
import * as m0020 from './0020-audit-chain.ts';
import * as m0021 from './0021-totp.ts';
import * as m0022 from './0022-takedowns.ts';
import * as m0023 from './0023-site-change-log-reason.ts';
import * as m0024 from './0024-audit-redaction.ts';

// Explicit, ordered registry: works from bundled code and never depends on directory listing.
export const migrations: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-review-and-corrections': m0002,
  '0003-bulletin-workflow': m0003,
  '0004-figures-followups': m0004,
  '0005-typed-states': m0005,
  '0006-level-control': m0006,
  '0007-divisions': m0007,
  '0008-zone-listed-on': m0008,
  '0009-zone-changes': m0009,
  '0010-zone-corrections': m0010,
  '0011-press-conference-issuers': m0011,
  '0012-stated-figures': m0012,
  '0013-testing-progress': m0013,
  '0014-under-observation-meaning': m0014,
  '0015-site-changes': m0015,
  '0016-blocked-items': m0016,
  '0017-isolation-stated': m0017,
  '0018-accounts': m0018,
  '0019-binding-reviews': m0019,
  '0020-audit-chain': m0020,
  '0021-totp': m0021,
  '0022-takedowns': m0022,
  '0023-site-change-log-reason': m0023,
  '0024-audit-redaction': m0024,
};
