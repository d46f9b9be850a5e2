// From every statement read to the result: one value per field (none where statements conflict),
// a reclassification stated inside the new confirmed count split off, per-district rows, and a
// note when the text never says whose figures they are.
import { SHIJIAZHUANG_DISTRICTS } from '../../district/shijiazhuang.ts';
import { DISTRICT_ORDER } from './places.ts';
import type { Findings, Statement } from './sentence.ts';
import {
  EXTRACTED_COUNT_FIELDS,
  type ExtractedDistrict,
  type ExtractedDistrictField,
  type ExtractedFields,
  type ExtractedValue,
  type ExtractionConflict,
  type ExtractionNote,
  type ExtractionResult,
  type SourceSpan,
  type UnrecognisedText,
} from './types.ts';

export function assemble({ statements, unrecognised, notes, figurePeriods }: Findings, scopeStated: boolean): ExtractionResult {
  const { resolved, conflicts } = resolveStatements(statements);
  const fields = Object.fromEntries(
    (['periodStart', 'periodEnd', 'cumulativeSince', ...EXTRACTED_COUNT_FIELDS] as const).map((f) => [f, resolved.get(f)?.ev ?? null]),
  ) as ExtractedFields;
  splitInclusiveReclassification(fields, resolved.get('reclassifiedConfirmed'), notes, unrecognised);
  const districts = districtRows(statements, resolved);

  const counted = EXTRACTED_COUNT_FIELDS.some((f) => fields[f]) || districts.size > 0;
  const first = statements.find((s) => typeof s.ev.value === 'number');
  if (counted && !scopeStated && first) {
    notes.push({ ...span(first.ev), message: '通报没有写明“全市”或“石家庄市”，按石家庄市的数字读取' });
  }

  const byStart = <T extends { start: number }>(x: T, y: T) => x.start - y.start;
  return {
    fields,
    figurePeriods: figurePeriods.sort(byStart),
    districts: [...districts.values()].sort((x, y) => DISTRICT_ORDER.get(x.districtCode)! - DISTRICT_ORDER.get(y.districtCode)!),
    values: statements.map((s) => s.ev).sort(byStart),
    unrecognised: unrecognised.sort(byStart),
    conflicts,
    notes: notes.sort(byStart),
  };
}

/** One statement per field (and district): those stated with one value; the others are conflicts. */
function resolveStatements(statements: readonly Statement[]): { resolved: Map<string, Statement>; conflicts: ExtractionConflict[] } {
  const byKey = new Map<string, Statement[]>();
  for (const s of statements) {
    const key = s.ev.districtCode ? `${s.ev.districtCode}:${s.ev.field}` : s.ev.field;
    byKey.set(key, [...(byKey.get(key) ?? []), s]);
  }
  const conflicts: ExtractionConflict[] = [];
  const resolved = new Map<string, Statement>();
  for (const [key, list] of byKey) {
    const distinct = new Set(list.map((s) => s.ev.value));
    if (distinct.size === 1) {
      resolved.set(key, list[0]!);
      continue;
    }
    const first = list[0]!.ev;
    conflicts.push({
      field: first.field,
      ...(first.districtCode ? { districtCode: first.districtCode } : {}),
      values: list.map((s) => s.ev),
      message: `同一项出现了不同的数字：${[...distinct].join('、')}`,
    });
  }
  return { resolved, conflicts };
}

/**
 * A reclassification stated inside the new confirmed count: the form counts them apart, since
 * cumulative confirmed = previous + new confirmed + reclassified.
 */
function splitInclusiveReclassification(
  fields: ExtractedFields,
  reclass: Statement | undefined,
  notes: ExtractionNote[],
  unrecognised: UnrecognisedText[],
): void {
  const confirmed = fields.newConfirmed;
  if (!reclass?.inclusive || !confirmed) return;
  const r = reclass.ev.value as number;
  if (confirmed.value >= r) {
    fields.newConfirmed = { ...confirmed, value: confirmed.value - r, stated: confirmed.value };
    notes.push({
      ...span(reclass.ev),
      message: `新增确诊${confirmed.value}例中含无症状感染者转确诊${r}例；本表分开填写：新增确诊${confirmed.value - r}例，转确诊${r}例`,
    });
  } else {
    fields.newConfirmed = null;
    unrecognised.push({ ...span(reclass.ev), kind: 'ambiguous', reason: `转确诊${r}例多于新增确诊${confirmed.value}例，无法拆分` });
  }
}

/** A row per district stated; a district stated only in conflict still gets its row, with the field left empty. */
function districtRows(statements: readonly Statement[], resolved: ReadonlyMap<string, Statement>): Map<string, ExtractedDistrict> {
  const districts = new Map<string, ExtractedDistrict>();
  for (const s of statements) {
    const code = s.ev.districtCode;
    if (!code) continue;
    let row = districts.get(code);
    if (!row) {
      const d = SHIJIAZHUANG_DISTRICTS.find((x) => x.code === code)!;
      row = {
        districtCode: code,
        districtName: d.shortName,
        newConfirmed: null,
        newAsymptomatic: null,
        cumulativeConfirmed: null,
        cumulativeAsymptomatic: null,
      };
      districts.set(code, row);
    }
    const field = s.ev.field as ExtractedDistrictField;
    row[field] = (resolved.get(`${code}:${field}`)?.ev as ExtractedValue<number> | undefined) ?? null;
  }
  return districts;
}

/** Only the place of a value or statement, to report or note it there. */
export function span(s: SourceSpan): SourceSpan {
  return { sentence: s.sentence, sentenceStart: s.sentenceStart, sentenceEnd: s.sentenceEnd, start: s.start, end: s.end };
}
