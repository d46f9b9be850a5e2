// The corrections applied to published items, read with the items themselves so every figure can be
// shown beside what it was, why it changed and when.
import type { Executor } from '../db/database.ts';
import { correctionFieldLabel, type CorrectionEntityType } from './correction-schema.ts';

/** One figure changed after publication: what it was, what it is, and why. */
export interface FigureCorrection {
  /** The figure's key ('newConfirmed'), or a district row's figure by path ('districts.130109.newConfirmed'). */
  field: string;
  /** How the figure is named ('新增确诊', '藁城区 新增确诊'). */
  label: string;
  oldValue: number | null;
  newValue: number | null;
  reason: string;
  correctedAt: string;
}

const numberOrNull = (v: string | null) => (v === null ? null : Number(v));

/** The applied corrections of the given items of one kind, oldest first, by item id. */
export async function appliedCorrections(
  db: Executor,
  entityType: CorrectionEntityType,
  ids: readonly string[],
): Promise<Map<string, FigureCorrection[]>> {
  const byId = new Map<string, FigureCorrection[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return byId;
  const rows = await db
    .selectFrom('correction')
    .select(['entity_id', 'field', 'old_value', 'new_value', 'reason', 'corrected_at'])
    .where('entity_type', '=', entityType)
    .where('entity_id', 'in', [...ids])
    .orderBy('corrected_at')
    .orderBy('field')
    .execute();
  const names = rows.some((c) => c.field.includes('.'))
    ? new Map((await db.selectFrom('district').select(['code', 'name']).execute()).map((d) => [d.code, d.name]))
    : new Map<string, string>();
  for (const c of rows) {
    byId.get(c.entity_id)?.push({
      field: c.field,
      label: correctionFieldLabel(entityType, c.field, (code) => names.get(code)),
      oldValue: numberOrNull(c.old_value),
      newValue: numberOrNull(c.new_value),
      reason: c.reason,
      correctedAt: c.corrected_at,
    });
  }
  return byId;
}
