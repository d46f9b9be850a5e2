import type { Executor } from '../db/database.ts';
import { recordAudit } from '../audit/audit.ts';
import type { WriteContext } from '../shared/actor.ts';
import { InputError, NotFoundError } from '../shared/errors.ts';
import { inTransaction } from '../shared/tx.ts';
import { getSetting, putSetting } from '../setting/setting.ts';

export interface LevelSchemeSeed {
  id: string;
  name: string;
  description: string;
  levels: Array<{ code: string; name: string; nameEn: string; severity: number; control: boolean }>;
}

// Both schemes used in China ship; which one is in force is a setting, not code.
export const LEVEL_SCHEMES: LevelSchemeSeed[] = [
  {
    id: 'risk-2021',
    name: '高、中、低风险地区（2021年1月）',
    description: '2021年1月石家庄疫情期间使用的风险等级划分',
    levels: [
      { code: 'high', name: '高风险', nameEn: 'High risk', severity: 3, control: true },
      { code: 'medium', name: '中风险', nameEn: 'Medium risk', severity: 2, control: true },
      // Lowering an area to 低风险 ends its control: it is the level of everywhere not designated.
      { code: 'low', name: '低风险', nameEn: 'Low risk', severity: 1, control: false },
    ],
  },
  {
    id: 'control-2022',
    name: '封控区、管控区、防范区',
    description: '后期采用的分区管控划分',
    levels: [
      { code: 'sealed', name: '封控区', nameEn: 'Sealed area', severity: 3, control: true },
      { code: 'controlled', name: '管控区', nameEn: 'Controlled area', severity: 2, control: true },
      // 防范区 limits gatherings but not residents' movement: not a controlled area.
      { code: 'precaution', name: '防范区', nameEn: 'Precaution area', severity: 1, control: false },
    ],
  },
];

export const LEVEL_SCHEME_SETTING = 'zone.level_scheme';

export interface ZoneLevel {
  id: string;
  schemeId: string;
  code: string;
  name: string;
  nameEn: string;
  severity: number;
  /** Whether an area at this level is under control; lowering to a level that is not ends control. */
  control: boolean;
}

export interface LevelScheme {
  id: string;
  name: string;
  description: string | null;
  inForce: boolean;
  levels: ZoneLevel[];
}

export async function ensureLevelSchemes(db: Executor): Promise<void> {
  for (const [i, scheme] of LEVEL_SCHEMES.entries()) {
    await db
      .insertInto('level_scheme')
      .values({ id: scheme.id, name: scheme.name, description: scheme.description, sort_order: i + 1 })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    for (const l of scheme.levels) {
      await db
        .insertInto('zone_level')
        .values({
          id: `${scheme.id}.${l.code}`,
          scheme_id: scheme.id,
          code: l.code,
          name: l.name,
          name_en: l.nameEn,
          severity: l.severity,
          control: l.control ? 1 : 0,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    }
  }
  if (!(await getSetting(db, LEVEL_SCHEME_SETTING))) await putSetting(db, LEVEL_SCHEME_SETTING, LEVEL_SCHEMES[0]!.id);
}

export async function listLevelSchemes(db: Executor): Promise<LevelScheme[]> {
  const inForce = await getSetting(db, LEVEL_SCHEME_SETTING);
  const schemes = await db.selectFrom('level_scheme').selectAll().orderBy('sort_order').execute();
  const levels = await listLevels(db);
  return schemes.map((s) => ({
    id: s.id,
    name: s.name,
    description: s.description,
    inForce: s.id === inForce,
    levels: levels.filter((l) => l.schemeId === s.id),
  }));
}

export async function listLevels(db: Executor): Promise<ZoneLevel[]> {
  const rows = await db.selectFrom('zone_level').selectAll().orderBy('scheme_id').orderBy('severity', 'desc').execute();
  return rows.map((r) => ({
    id: r.id,
    schemeId: r.scheme_id,
    code: r.code,
    name: r.name,
    nameEn: r.name_en,
    severity: r.severity,
    control: r.control === 1,
  }));
}

export async function schemeInForce(db: Executor): Promise<LevelScheme> {
  const schemes = await listLevelSchemes(db);
  const scheme = schemes.find((s) => s.inForce);
  if (!scheme) throw new NotFoundError('no level scheme is in force');
  return scheme;
}

/**
 * Puts another level scheme in force. Zones keep the level they have (it belongs to its own
 * scheme); new seals and re-levels use the scheme in force. Audited with before and after.
 */
export async function setLevelSchemeInForce(ctx: WriteContext, schemeId: string): Promise<{ changed: boolean; scheme: LevelScheme }> {
  return inTransaction(ctx.db, async (tx) => {
    const schemes = await listLevelSchemes(tx);
    const next = schemes.find((s) => s.id === schemeId);
    if (!next) throw new InputError('schemeId', `未知的等级体系「${schemeId}」`);
    const before = schemes.find((s) => s.inForce) ?? null;
    if (before?.id === next.id) return { changed: false, scheme: next };
    await putSetting(tx, LEVEL_SCHEME_SETTING, next.id);
    const summary = (s: LevelScheme | null) => (s ? { schemeId: s.id, name: s.name } : null);
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'zone.level_scheme',
      entityType: 'setting',
      entityId: LEVEL_SCHEME_SETTING,
      before: summary(before),
      after: summary(next),
    });
    return { changed: true, scheme: { ...next, inForce: true } };
  });
}
