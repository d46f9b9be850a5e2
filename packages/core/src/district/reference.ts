import type { Db } from '../db/database.ts';
import { upsertDistrict } from './district.ts';
import { SHIJIAZHUANG_DISTRICTS } from './shijiazhuang.ts';
import { ensureLevelSchemes } from '../zone/levels.ts';
import { loadDivisions } from '../division/division.ts';

/** Reference data every deployment needs: the divisions, the city's county-level units and the level schemes. */
export async function ensureReferenceData(db: Db): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const count = await tx
      .selectFrom('district')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await loadDivisions(tx);
    if (Number(count.n) === 0) for (const d of SHIJIAZHUANG_DISTRICTS) await upsertDistrict(tx, d);
    await ensureLevelSchemes(tx);
  });
}
