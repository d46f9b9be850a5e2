import { z } from 'zod';
import type { Executor } from '../db/database.ts';
import { InputError } from '../shared/errors.ts';
import { districtCode, optionalText, requiredText } from '../shared/zod.ts';

export const DISTRICT_KINDS = ['district', 'county', 'county_city', 'development_zone'] as const;
export const DISTRICT_KIND_LABELS: Record<(typeof DISTRICT_KINDS)[number], string> = {
  district: '市辖区',
  county: '县',
  county_city: '县级市',
  development_zone: '开发区（单独统计）',
};

export const districtInput = z.object({
  code: districtCode,
  name: requiredText(40),
  shortName: requiredText(20),
  kind: z.enum(DISTRICT_KINDS),
  sortOrder: z.number().int().min(0),
  note: optionalText(200),
});
export type DistrictInput = z.input<typeof districtInput>;

export interface District {
  code: string;
  name: string;
  shortName: string;
  kind: (typeof DISTRICT_KINDS)[number];
  sortOrder: number;
  note: string | null;
}

export async function upsertDistrict(db: Executor, input: DistrictInput): Promise<void> {
  const d = districtInput.parse(input);
  const row = { name: d.name, short_name: d.shortName, kind: d.kind, sort_order: d.sortOrder, note: d.note };
  await db
    .insertInto('district')
    .values({ code: d.code, ...row })
    .onConflict((oc) => oc.column('code').doUpdateSet(row))
    .execute();
}

export async function listDistricts(db: Executor): Promise<District[]> {
  const rows = await db.selectFrom('district').selectAll().orderBy('sort_order').execute();
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    shortName: r.short_name,
    kind: r.kind as District['kind'],
    sortOrder: r.sort_order,
    note: r.note,
  }));
}

/** Refuses a district code the city does not have, naming the row (`districts.2.districtCode`, or under `field`). */
export async function assertKnownDistricts(
  db: Executor,
  rows: ReadonlyArray<{ districtCode: string }>,
  field: 'districts' | 'transfers' = 'districts',
): Promise<void> {
  if (rows.length === 0) return;
  const known = new Set((await db.selectFrom('district').select('code').execute()).map((d) => d.code));
  rows.forEach((d, i) => {
    if (!known.has(d.districtCode)) throw new InputError(`${field}.${i}.districtCode`, `未知的区划代码 ${d.districtCode}`);
  });
}
