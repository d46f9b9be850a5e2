// Corrections of zones: the place as it should have been (name, county, type, address), recorded
// changes as they should have been (level, times, notice), or taken out as recorded in error. The
// corrected history must still hold (in time order, each change allowed after the one before); the
// correction is kept in words with its public reason, and the events taken out stay on record.
import { recordAudit } from '../audit/audit.ts';
import type { Tx } from '../db/database.ts';
import { InputError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { beijingDayStart, formatDate, formatDateTime } from '../shared/time.ts';
import { inTransaction } from '../shared/tx.ts';
import { correctZoneInput, type CorrectZoneInput } from './change-schema.ts';
import { listLevels, schemeInForce, type ZoneLevel } from './levels.ts';
import { ZONE_KIND_LABELS } from './schema.ts';
import { foldZoneEvents, ZONE_ACTION_LABELS, ZoneTransitionError } from './state-machine.ts';
import { getDateWindow, outsideWindow } from './window.ts';
import {
  assertZoneVersion,
  bumpZoneVersion,
  getZone,
  summarise,
  type ZoneCorrection,
  type ZoneEvent,
  type ZoneView,
  type ZoneWriteContext,
} from './zone.ts';

type Change = ZoneCorrection['changes'][number];
type EventFix = ReturnType<typeof correctZoneInput.parse>['events'][number];

const NONE = '（无）';
const text = (v: string | null | undefined) => (v ? v : NONE);

/** How an event is named in a correction: '2021年1月5日划定管控（高风险）'. */
function eventName(e: ZoneEvent): string {
  return `${formatDate(e.effectiveAt)}${ZONE_ACTION_LABELS[e.action]}${e.levelName ? `（${e.levelName}）` : ''}`;
}

/** The event as corrected (or null when taken out). */
function corrected(e: ZoneEvent, fix: EventFix | undefined, levels: Map<string, ZoneLevel>): ZoneEvent | null {
  if (!fix) return e;
  if (fix.void) return null;
  const levelId = e.action === 'lift' ? null : fix.levelId;
  return {
    ...e,
    levelId,
    levelName: levelId ? (levels.get(levelId)?.name ?? null) : null,
    effectiveAt: fix.effectiveAt,
    plannedEndAt: e.action === 'lift' ? null : fix.plannedEndAt,
    listedOn: fix.listedOn,
    notice: fix.notice,
    note: fix.note,
  };
}

/** What changes, in words, field by field. */
function eventChanges(before: ZoneEvent, after: ZoneEvent | null): Change[] {
  const name = eventName(before);
  if (!after) return [{ label: name, before: '已记录', after: '系误录，已撤销' }];
  const time = (v: string | null) => (v ? formatDateTime(v) : NONE);
  const date = (v: string | null) => (v ? formatDate(v) : NONE);
  const fields: Array<[string, string, string]> = [
    ['等级', text(before.levelName), text(after.levelName)],
    ['生效时间', time(before.effectiveAt), time(after.effectiveAt)],
    ['计划解除时间', time(before.plannedEndAt), time(after.plannedEndAt)],
    ['名单日期', date(before.listedOn), date(after.listedOn)],
    ['依据', before.notice, after.notice],
    ['备注', text(before.note), text(after.note)],
  ];
  return fields.filter(([, b, a]) => b !== a).map(([label, b, a]) => ({ label: `${name}：${label}`, before: b, after: a }));
}

/** Refuses a corrected history that does not hold, naming the reason. */
async function checkHistory(tx: Tx, ctx: ZoneWriteContext, before: ZoneEvent[], history: ZoneEvent[], levels: Map<string, ZoneLevel>) {
  const window = await getDateWindow(tx, ctx.now);
  const scheme = await schemeInForce(tx);
  const was = new Map(before.map((e) => [e.id, e]));
  for (const [i, e] of history.entries()) {
    const old = was.get(e.id)!;
    if (e === old) continue;
    for (const field of ['effectiveAt', 'plannedEndAt'] as const) {
      const outside = e[field] && e[field] !== old[field] ? outsideWindow(window, e[field]) : null;
      if (outside) throw new InputError(`events.${i}.${field}`, `${eventName(old)}：${outside}`);
    }
    if (e.listedOn && e.effectiveAt !== beijingDayStart(e.listedOn)) {
      throw new InputError(`events.${i}.effectiveAt`, `${eventName(old)}：只有名单日期的变更，生效时间为名单日期 0 时`);
    }
    if (e.action !== 'lift') {
      if (!e.levelId || !levels.has(e.levelId)) throw new InputError(`events.${i}.levelId`, `${eventName(old)}：请选择等级`);
      if (e.levelId !== old.levelId && !scheme.levels.some((l) => l.id === e.levelId)) {
        throw new InputError(`events.${i}.levelId`, `${eventName(old)}：等级不属于当前启用的等级体系（${scheme.name}）`);
      }
    }
    const previous = history[i - 1];
    if (previous && e.effectiveAt < previous.effectiveAt) {
      throw new InputError(`events.${i}.effectiveAt`, `${eventName(old)}：更正后的生效时间早于前一次变更（${eventName(previous)}）`);
    }
    const next = history[i + 1];
    if (next && next.effectiveAt < e.effectiveAt) {
      throw new InputError(`events.${i}.effectiveAt`, `${eventName(old)}：更正后的生效时间晚于后一次变更（${eventName(next)}）`);
    }
  }
  try {
    foldZoneEvents(history);
  } catch (e) {
    if (e instanceof ZoneTransitionError) throw new InputError('events', `更正后的记录不成立：${e.message}`);
    throw e;
  }
}

/** The place as corrected, and what changes in words; refuses an unknown county or a name taken in it. */
async function placeChanges(tx: Tx, before: ZoneView, place: NonNullable<ReturnType<typeof correctZoneInput.parse>['place']>) {
  const county = await tx
    .selectFrom('division')
    .select(['code', 'name'])
    .where('code', '=', place.districtCode)
    .where('level', '=', 'county')
    .executeTakeFirst();
  if (!county) throw new InputError('place.districtCode', `未知的县级区划代码 ${place.districtCode}`);
  const taken = await tx
    .selectFrom('zone')
    .select('id')
    .where('district_code', '=', place.districtCode)
    .where('name', '=', place.name)
    .where('id', '!=', before.id)
    .executeTakeFirst();
  if (taken) throw new InputError('place.name', `${county.name}已有名为「${place.name}」的区域`);
  const fields: Array<[string, string, string]> = [
    ['名称', before.name, place.name],
    ['所在区县', before.districtName, county.name],
    ['类型', ZONE_KIND_LABELS[before.kind], ZONE_KIND_LABELS[place.kind]],
    ['地址', text(before.address), text(place.address)],
  ];
  return fields.filter(([, b, a]) => b !== a).map(([label, b, a]): Change => ({ label, before: b, after: a }));
}

/**
 * Corrects a zone at the version seen: its place, and its recorded changes as they should have
 * been or taken out. Applied by a reviewed change (named on the correction and the events taken out).
 */
export async function correctZone(ctx: ZoneWriteContext, raw: CorrectZoneInput): Promise<ZoneView> {
  const input = correctZoneInput.parse(raw);
  return inTransaction(ctx.db, async (tx) => {
    const now = ctx.now.toISOString();
    const before = await getZone(tx, input.zoneId, now);
    assertZoneVersion(before, input.expectedVersion);
    const levels = new Map((await listLevels(tx)).map((l) => [l.id, l]));
    const fixes = new Map(input.events.map((f) => [f.eventId, f]));
    for (const id of fixes.keys()) {
      if (!before.events.some((e) => e.id === id)) throw new InputError('events', `该区域没有这条变更记录（${id}）`);
    }
    const history = before.events.map((e) => corrected(e, fixes.get(e.id), levels));
    const kept = history.filter((e): e is ZoneEvent => e !== null);
    await checkHistory(tx, ctx, before.events, kept, levels);

    const changes = [
      ...(input.place ? await placeChanges(tx, before, input.place) : []),
      ...before.events.flatMap((e, i) => (fixes.has(e.id) ? eventChanges(e, history[i]!) : [])),
    ];
    if (changes.length === 0) throw new InputError('events', '没有需要更正的内容：与现有记录相同');

    if (input.place) {
      await tx
        .updateTable('zone')
        .set({ district_code: input.place.districtCode, name: input.place.name, address: input.place.address, kind: input.place.kind })
        .where('id', '=', before.id)
        .execute();
    }
    for (const [i, e] of before.events.entries()) {
      const fix = history[i];
      if (!fixes.has(e.id)) continue;
      if (fix === null) {
        await tx
          .updateTable('zone_event')
          .set({ voided_at: now, voided_by_change: ctx.changeId ?? null })
          .where('id', '=', e.id)
          .execute();
      } else {
        await tx
          .updateTable('zone_event')
          .set({
            level_id: fix!.levelId,
            effective_at: fix!.effectiveAt,
            planned_end_at: fix!.plannedEndAt,
            listed_on: fix!.listedOn,
            notice: fix!.notice,
            note: fix!.note,
          })
          .where('id', '=', e.id)
          .execute();
      }
    }
    await bumpZoneVersion(tx, before, now);
    await tx
      .insertInto('zone_correction')
      .values({
        id: newId(),
        zone_id: before.id,
        change_id: ctx.changeId ?? null,
        corrected_at: now,
        corrected_by: ctx.actor.id,
        prepared_by: (ctx.author ?? ctx.actor).id,
        reason: input.reason,
        changes: JSON.stringify(changes),
      })
      .execute();
    const after = await getZone(tx, before.id, now);
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'zone.correct',
      entityType: 'zone',
      entityId: before.id,
      before: summarise(before),
      after: { ...summarise(after), changes },
      reason: input.reason,
    });
    return after;
  });
}
