// Changes of zones through review. An administrator prepares a change (one zone or several, a
// notice's sweep, an imported file); before it is stored, it is made through the same write
// functions inside a transaction that is then undone, which checks it completely and says in words
// what the public site will show. A reviewer who is not its author approves it (the operations are
// then made for real, in one transaction, refused when the zones changed since) or returns it.
import type { Selectable } from 'kysely';
import type { Executor, Tx } from '../db/database.ts';
import { recordStepAudit } from '../audit/audit.ts';
import { assertOtherPerson, newSubmission, reviewStateOf, reviewStep, userNames, type StoredKind } from '../review/review.ts';
import type { ReviewState } from '../review/schema.ts';
import { ConflictError, DomainError, InputError, NotFoundError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { formatDate, formatDateTime } from '../shared/time.ts';
import { dryRun } from '../shared/dry-run.ts';
import { inTransaction } from '../shared/tx.ts';
import {
  AHEAD_AFTER_MS,
  BACKDATED_AFTER_MS,
  decideZoneChangeInput,
  returnZoneChangeInput,
  zoneChangeInput,
  zoneSweepInput,
  ZONE_CHANGE_KIND_LABELS,
  type ZoneChangeKind,
  type ZoneChangeStatus,
  type ZoneOperation,
  type ZoneWarning,
  type ZoneWarningCode,
} from './change-schema.ts';
import { containingZones, countUnderControl, type ContainedLike } from './containment.ts';
import { applyImport, previewImport, type ImportFile } from './import.ts';
import type { DuplicateDecisions } from './import-format.ts';
import { listLevels, type ZoneLevel } from './levels.ts';
import { zonePlaceName } from './place.ts';
import { foldZoneEvents, type ZoneState } from './state-machine.ts';
import type { ZoneChangeTable } from './table.ts';
import { correctZone } from './correct.ts';
import { createZone, liftZone, listZones, relevelZone, sealZone, type ZoneEvent, type ZoneView, type ZoneWriteContext } from './zone.ts';

/** An imported file as a change keeps it: the file itself, the preview it was checked against, the duplicates decided. */
interface ImportOperation {
  op: 'import';
  filename: string;
  /** base64 */
  content: string;
  fingerprint: string;
  decisions: DuplicateDecisions;
}
type StoredOperation = ZoneOperation | ImportOperation;

/** What a change will do, in words, and what about it needs a reason. */
export interface ZoneChangeOutcome {
  kind: ZoneChangeKind;
  title: string;
  /** One sentence per event the public site will show ("藁城区全体居民将显示为在高风险区内（自…起）"), then the counts. */
  effect: string[];
  warnings: ZoneWarning[];
}

export interface ZoneChange extends ZoneChangeOutcome {
  id: string;
  status: ZoneChangeStatus;
  version: number;
  review: ReviewState;
  reason: string | null;
  urgent: boolean;
  /** The operations; an imported file is named, not carried. */
  operations: Array<ZoneOperation | { op: 'import'; filename: string }>;
  /** The zones it names; once applied, every zone it recorded a change on (new ones too). */
  zoneIds: string[];
}

const NOUN = '管控区域变更';

function stored(operations: StoredOperation[]): ZoneChange['operations'] {
  return operations.map((o) => (o.op === 'import' ? { op: 'import', filename: o.filename } : o));
}

function zoneIdsOf(operations: readonly StoredOperation[], applied: readonly string[]): string[] {
  const ids = new Set<string>();
  for (const o of operations) if (o.op !== 'import' && o.op !== 'create') ids.add(o.input.zoneId);
  for (const id of applied) ids.add(id);
  return [...ids];
}

type ChangeRow = Selectable<ZoneChangeTable>;

function selectRows(db: Executor) {
  return db.selectFrom('zone_change').selectAll();
}

/** The zones each applied change recorded events on, by change id. */
async function appliedZones(db: Executor, rows: readonly ChangeRow[]): Promise<Map<string, string[]>> {
  const applied = rows.filter((r) => r.status === 'published').map((r) => r.id);
  const found = new Map<string, string[]>();
  if (applied.length === 0) return found;
  const events = await db
    .selectFrom('zone_event')
    .select(['change_id', 'zone_id'])
    .distinct()
    .where('change_id', 'in', applied)
    .orderBy('zone_id')
    .execute();
  for (const e of events) found.set(e.change_id!, [...(found.get(e.change_id!) ?? []), e.zone_id]);
  return found;
}

async function toChanges(db: Executor, rows: readonly ChangeRow[]): Promise<ZoneChange[]> {
  const [names, applied] = await Promise.all([userNames(db), appliedZones(db, rows)]);
  return rows.map((r) => toChange(r, names, applied.get(r.id)));
}

function toChange(row: ChangeRow, names: Map<string, string>, applied: string[] = []): ZoneChange {
  const operations = JSON.parse(row.operations) as StoredOperation[];
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    effect: JSON.parse(row.effect) as string[],
    warnings: JSON.parse(row.warnings) as ZoneWarning[],
    reason: row.reason,
    urgent: row.urgent === 1,
    status: row.status,
    version: row.version,
    review: reviewStateOf(row, names),
    operations: stored(operations),
    zoneIds: zoneIdsOf(operations, applied),
  };
}

export async function getZoneChange(db: Executor, id: string): Promise<ZoneChange> {
  const row = await selectRows(db).where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(`${NOUN} ${id} 不存在`);
  return (await toChanges(db, [row]))[0]!;
}

/** Changes, newest first: every status, or those asked for; those naming a zone when `zoneId` is given. */
export async function listZoneChanges(
  db: Executor,
  filter: { statuses?: readonly ZoneChangeStatus[]; zoneId?: string; limit?: number } = {},
): Promise<ZoneChange[]> {
  let q = selectRows(db)
    .orderBy('submitted_at', 'desc')
    .limit(filter.limit ?? 200);
  if (filter.statuses) q = q.where('status', 'in', filter.statuses);
  if (filter.zoneId) q = q.where('operations', 'like', `%"zoneId":"${filter.zoneId.replace(/[%_"\\]/g, '')}"%`);
  return toChanges(db, await q.execute());
}

const CHANGE: StoredKind<ZoneChange> = {
  table: 'zone_change',
  auditPrefix: 'zone_change',
  noun: NOUN,
  thisItem: '该变更',
  load: getZoneChange,
  // The audit log keeps what the change is and where it stands, not a copy of an imported file.
  audited: (before, after) => ({
    before: { status: before.status, version: before.version },
    after: { status: after.status, version: after.version, title: after.title, effect: after.effect },
  }),
};

// ---------------------------------------------------------------------------------------------
// What a change will do, in words.

function levelWord(level: ZoneLevel): string {
  return level.name.endsWith('区') ? level.name : `${level.name}区`;
}

function whenWords(event: ZoneEvent, now: string): string {
  if (event.listedOn) return `据${formatDate(event.listedOn)}通报`;
  const at = formatDateTime(event.effectiveAt);
  if (event.effectiveAt > now) return `自${at}起`;
  return Date.parse(now) - Date.parse(event.effectiveAt) > BACKDATED_AFTER_MS ? `补录，自${at}起` : `自${at}起，即时生效`;
}

/** The sentence for one event of a change: who will be shown how, and from when. */
function eventSentence(zone: ZoneView, event: ZoneEvent, prior: ZoneState, levels: Map<string, ZoneLevel>, now: string): string {
  const label = zonePlaceName(zone);
  const wide = zone.kind === 'district' || zone.kind === 'town';
  const everyone = `${label}全体居民`;
  const level = event.levelId ? levels.get(event.levelId) : undefined;
  const from = prior.status === 'sealed' ? levels.get(prior.levelId) : undefined;
  let what: string;
  if (event.action === 'lift' || !level) {
    what = wide ? `${everyone}将不再显示为在管控区域内（解除管控）` : `${label}将解除管控，不再显示为管控区域`;
  } else if (!level.control) {
    what = `${label}将显示为${level.name}，不再计入管控区域`;
  } else if (wide) {
    what = `${everyone}将显示为在${levelWord(level)}内${from ? `（原为${from.name}）` : ''}`;
  } else {
    what = from ? `${label}将由${from.name}调整为${level.name}` : `${label}将显示为${levelWord(level)}`;
  }
  const end = event.plannedEndAt ? `，计划于${formatDateTime(event.plannedEndAt)}解除` : '';
  return `${what}（${whenWords(event, now)}${end}）`;
}

/** The state of every zone at `at`, as containment and counting take it. */
function inForceAt(zones: readonly ZoneView[], at: string, levels: Map<string, ZoneLevel>) {
  return zones.flatMap((z) => {
    const state = foldZoneEvents(z.events, at);
    const level = state.status === 'sealed' ? levels.get(state.levelId) : undefined;
    return level?.control ? [{ ...z, level }] : [];
  });
}

function countsWords(zones: readonly ZoneView[], at: string, levels: Map<string, ZoneLevel>): string {
  const counts = [...countUnderControl(inForceAt(zones, at, levels)).values()].sort((a, b) => b.level.severity - a.level.severity);
  return counts.length === 0 ? '无管控区域' : counts.map((c) => `${c.level.name}${c.count}个`).join('、');
}

function examples(names: readonly string[]): string {
  return `${names.slice(0, 3).join('、')}${names.length > 3 ? `等${names.length}个` : ''}`;
}

/** The areas inside a whole district or township that this change leaves as they are, at `at`. */
function innerWords(
  zone: ZoneView,
  after: readonly ZoneView[],
  at: string,
  changed: Set<string>,
  levels: Map<string, ZoneLevel>,
): string | null {
  if (zone.kind !== 'district' && zone.kind !== 'town') return null;
  // Containment as the public site computes it, with the wider zone taken as under control at a
  // level above every other (so it is the measure its areas are found in).
  const inForce = inForceAt(after, at, levels).filter((z) => z.id !== zone.id);
  const within = containingZones<ContainedLike>([...inForce, { ...zone, level: { severity: Number.MAX_SAFE_INTEGER } }]);
  const inner = inForce.filter((z) => within.get(z.id)?.id === zone.id && !changed.has(z.id)).map((z) => zonePlaceName(z));
  if (inner.length === 0) return null;
  const stillControlled = inForceAt([zone], at, levels).length > 0;
  return stillControlled
    ? `其范围内另有${inner.length}个管控区域（${examples(inner)}），公众网站将显示为位于${zonePlaceName(zone)}范围内`
    : `其范围内另有${inner.length}个区域（${examples(inner)}）仍在管控中，本次不随之调整`;
}

function warningsOf(events: Array<{ zone: ZoneView; event: ZoneEvent }>, now: string): ZoneWarning[] {
  const found = new Map<ZoneWarningCode, string[]>();
  const add = (code: ZoneWarningCode, name: string) => found.set(code, [...(found.get(code) ?? []), name]);
  const nowMs = Date.parse(now);
  for (const { zone, event } of events) {
    const name = zonePlaceName(zone);
    if (zone.kind === 'district' || zone.kind === 'town') add('wide', name);
    const at = Date.parse(event.effectiveAt);
    if (nowMs - at > BACKDATED_AFTER_MS) add('backdated', name);
    if (at - nowMs > AHEAD_AFTER_MS) add('ahead', name);
  }
  const text: Record<ZoneWarningCode, (names: string[]) => string> = {
    wide: (names) => `涉及整个区县或乡镇（街道）：${examples([...new Set(names)])}`,
    backdated: (names) => `${names.length}项变更的生效时间早于现在超过 24 小时（补录）：${examples(names)}`,
    ahead: (names) => `${names.length}项变更的生效时间在 7 天以后：${examples(names)}`,
  };
  return [...found].map(([code, names]) => ({ code, count: names.length, message: text[code](names) }));
}

/** Where a zone stands at `at`, in words: '高风险', '低风险（不计入管控区域）', '已解除管控', '未划定'. */
function standingWords(zone: ZoneView, at: string, levels: Map<string, ZoneLevel>): string {
  const state = foldZoneEvents(zone.events, at);
  if (state.status === 'lifted') return '已解除管控';
  if (state.status === 'none') return '未划定';
  const level = levels.get(state.levelId);
  return level?.control === false ? `${level.name}（不计入管控区域）` : (level?.name ?? '');
}

/** The lines of the corrections a change adds to a zone: what was corrected, the public reason, and where it stands now if that changed. */
function correctionWords(before: ZoneView | undefined, after: ZoneView, levels: Map<string, ZoneLevel>, now: string): string[] {
  const known = new Set(before?.corrections.map((c) => c.id));
  const added = after.corrections.filter((c) => !known.has(c.id));
  if (added.length === 0) return [];
  // Named as the public knew it before the correction.
  const label = zonePlaceName(before ?? after);
  const lines = added.flatMap((c) => [
    ...c.changes.map((x) => `更正${label}：${x.label}由「${x.before}」改为「${x.after}」`),
    `公众网站将在该区域页面和更正记录中显示更正说明：${c.reason}`,
  ]);
  const was = before ? standingWords(before, now, levels) : '未划定';
  const is = standingWords(after, now, levels);
  if (was !== is) lines.push(`更正后，${label}当前显示为${is}（更正前：${was}）`);
  return lines;
}

/** Compares the zones before and after a change: the sentences, the warnings, the zones it touched. */
function describeOutcome(before: readonly ZoneView[], after: readonly ZoneView[], levels: Map<string, ZoneLevel>, now: string) {
  const known = new Set(before.flatMap((z) => z.events.map((e) => e.id)));
  const beforeById = new Map(before.map((z) => [z.id, z]));
  const events: Array<{ zone: ZoneView; event: ZoneEvent; prior: ZoneState }> = [];
  for (const zone of after) {
    zone.events.forEach((event, i) => {
      if (!known.has(event.id)) events.push({ zone, event, prior: foldZoneEvents(zone.events.slice(0, i)) });
    });
  }
  // In the order they take effect (zones in list order within one instant).
  events.sort((a, b) => (a.event.effectiveAt < b.event.effectiveAt ? -1 : a.event.effectiveAt > b.event.effectiveAt ? 1 : 0));
  const changed = new Set(events.map((e) => e.zone.id));
  const effect: string[] = [];
  const corrected: ZoneView[] = [];
  for (const zone of after) {
    const lines = correctionWords(beforeById.get(zone.id), zone, levels, now);
    if (lines.length > 0) corrected.push(beforeById.get(zone.id) ?? zone);
    effect.push(...lines);
  }
  for (const { zone, event, prior } of events) {
    effect.push(eventSentence(zone, event, prior, levels, now));
    const inner = innerWords(zone, after, event.effectiveAt, changed, levels);
    if (inner) effect.push(inner);
  }
  if (events.length > 0 || corrected.length > 0) {
    const at = events.reduce((max, e) => (e.event.effectiveAt > max ? e.event.effectiveAt : max), now);
    const [was, is] = [countsWords(before, at, levels), countsWords(after, at, levels)];
    if (events.length > 0 || was !== is) {
      effect.push(`${at > now ? `${formatDateTime(at)}生效后` : '生效后'}，公众网站的管控区域合计：${is}（此前：${was}）`);
    }
  }
  const touched = [...corrected, ...events.map((e) => e.zone).filter((z) => !corrected.some((c) => c.id === z.id))];
  return { effect, warnings: warningsOf(events, now), touched };
}

// ---------------------------------------------------------------------------------------------
// Applying operations, for real or to see what they would do.

async function applyOperations(ctx: ZoneWriteContext, operations: readonly StoredOperation[]): Promise<void> {
  for (const o of operations) {
    try {
      switch (o.op) {
        case 'create':
          await createZone(ctx, o.input);
          break;
        case 'seal':
          await sealZone(ctx, o.input);
          break;
        case 'relevel':
          await relevelZone(ctx, o.input);
          break;
        case 'lift':
          await liftZone(ctx, o.input);
          break;
        case 'correct':
          await correctZone(ctx, o.input);
          break;
        case 'import':
          await applyImport(ctx, importFile(o), o.fingerprint, o.decisions);
          break;
      }
    } catch (e) {
      // Several operations: say which one a message is about.
      if (e instanceof InputError && operations.length > 1 && o.op !== 'import') {
        const zone = o.op === 'create' ? `${o.input.name}` : await zoneName(ctx.db, o.input.zoneId);
        throw new InputError(e.field ?? 'operations', `${zone}：${e.message}`);
      }
      throw e;
    }
  }
}

async function zoneName(db: Executor, zoneId: string): Promise<string> {
  const [zone] = await listZones(db, new Date(0).toISOString(), { zoneIds: [zoneId] });
  return zone ? zonePlaceName(zone) : zoneId;
}

const importFile = (o: ImportOperation): ImportFile => ({ filename: o.filename, bytes: Buffer.from(o.content, 'base64') });

/** What the operations would do, checked through the write functions and undone. */
async function outcomeOf(ctx: ZoneWriteContext, operations: readonly StoredOperation[]) {
  const now = ctx.now.toISOString();
  return dryRun(ctx.db, async (tx) => {
    const levels = new Map((await listLevels(tx)).map((l) => [l.id, l]));
    const before = await listZones(tx, now);
    await applyOperations({ ...ctx, db: tx }, operations);
    return describeOutcome(before, await listZones(tx, now), levels, now);
  });
}

function kindOf(operations: readonly ZoneOperation[]): ZoneChangeKind {
  const ops = new Set(operations.map((o) => o.op));
  return ops.size === 1 ? operations[0]!.op : 'mixed';
}

function titleOf(kind: ZoneChangeKind, touched: readonly ZoneView[]): string {
  const names = [...new Set(touched.map((z) => zonePlaceName(z)))];
  const label = kind === 'mixed' ? '调整' : ZONE_CHANGE_KIND_LABELS[kind];
  if (names.length <= 1) return `${label}：${names[0] ?? ''}`;
  return `${label}：${names[0]}及另外${names.length - 1}个区域`;
}

async function outcomeOfOperations(ctx: ZoneWriteContext, operations: readonly ZoneOperation[]): Promise<ZoneChangeOutcome> {
  const kind = kindOf(operations);
  const { touched, ...outcome } = await outcomeOf(ctx, operations);
  return { kind, title: titleOf(kind, touched), ...outcome };
}

function requireReason(outcome: ZoneChangeOutcome, reason: string | null): void {
  if (outcome.warnings.length > 0 && !reason) {
    throw new InputError('reason', `请说明理由：${outcome.warnings.map((w) => w.message).join('；')}`);
  }
}

/** Stores a checked change as waiting for review, with its audit entry. */
async function store(
  ctx: ZoneWriteContext,
  outcome: ZoneChangeOutcome,
  operations: readonly StoredOperation[],
  submission: { urgent: boolean; reason: string | null },
): Promise<ZoneChange> {
  requireReason(outcome, submission.reason);
  return inTransaction(ctx.db, async (tx) => {
    const id = newId();
    const now = ctx.now.toISOString();
    await tx
      .insertInto('zone_change')
      .values({
        id,
        kind: outcome.kind,
        title: outcome.title,
        operations: JSON.stringify(operations),
        effect: JSON.stringify(outcome.effect),
        warnings: JSON.stringify(outcome.warnings),
        reason: submission.reason,
        urgent: submission.urgent ? 1 : 0,
        ...newSubmission(ctx.actor, now),
      })
      .execute();
    const change = await getZoneChange(tx, id);
    await recordStepAudit(tx, ctx, CHANGE, 'submit', id, {
      after: { title: change.title, kind: change.kind, effect: change.effect, warnings: change.warnings, urgent: change.urgent },
      reason: submission.reason,
    });
    return change;
  });
}

/** What a change of one or several zones would do, before it is submitted; writes nothing. */
export async function previewZoneChange(ctx: ZoneWriteContext, raw: unknown): Promise<ZoneChangeOutcome> {
  const input = zoneChangeInput.parse(raw);
  return outcomeOfOperations(ctx, input.operations);
}

/** Submits a change of one or several zones for review. */
export async function submitZoneChange(ctx: ZoneWriteContext, raw: unknown): Promise<ZoneChange> {
  const input = zoneChangeInput.parse(raw);
  const outcome = await outcomeOfOperations(ctx, input.operations);
  return store(ctx, outcome, input.operations, input);
}

/** The re-levels a sweep makes: every zone of the place above the level, except those kept. */
async function sweepOperations(db: Executor, raw: unknown) {
  const input = zoneSweepInput.parse(raw);
  const [scope, levels, zones] = await Promise.all([
    db.selectFrom('division').select(['code', 'name', 'level']).where('code', '=', input.scopeCode).executeTakeFirst(),
    listLevels(db),
    listZones(db, input.effectiveAt),
  ]);
  if (!scope || scope.level === 'township') throw new InputError('scopeCode', `未知的县级或市级区划 ${input.scopeCode}`);
  const level = levels.find((l) => l.id === input.levelId);
  if (!level) throw new InputError('levelId', '未知的等级');
  const keep = new Set(input.keep);
  const inScope = zones.filter((z) => z.districtCode === scope.code || z.cityCode === scope.code || scope.level === 'province');
  const swept = inScope.filter(
    (z) => z.state.status === 'sealed' && z.level !== null && z.level.severity > level.severity && !keep.has(z.id),
  );
  if (swept.length === 0) throw new InputError('scopeCode', `${scope.name}没有高于${level.name}的区域需要调整`);
  const later = swept.filter((z) => (z.events.at(-1)?.effectiveAt ?? '') > input.effectiveAt);
  if (later.length > 0) {
    throw new InputError(
      'effectiveAt',
      `以下区域在该时间之后已有变更，不能按此时间统一调整：${examples(later.map((z) => zonePlaceName(z)))}`,
    );
  }
  const operations: ZoneOperation[] = swept.map((z) => ({
    op: 'relevel',
    input: {
      zoneId: z.id,
      expectedVersion: z.version,
      levelId: level.id,
      plannedEndAt: null,
      effectiveAt: input.effectiveAt,
      listedOn: input.listedOn,
      notice: input.notice,
      note: input.note,
    },
  }));
  return { input, operations, title: `${scope.name}其余地区调整为${level.name}（${swept.length}个区域）` };
}

async function outcomeOfSweep(ctx: ZoneWriteContext, raw: unknown) {
  const { input, operations, title } = await sweepOperations(ctx.db, raw);
  const { touched: _touched, ...outcome } = await outcomeOf(ctx, operations);
  return { input, operations, outcome: { kind: 'sweep' as const, title, ...outcome } };
}

/** What a notice's sweep ("其余地区调整为低风险") would do; writes nothing. */
export async function previewZoneSweep(ctx: ZoneWriteContext, raw: unknown): Promise<ZoneChangeOutcome> {
  return (await outcomeOfSweep(ctx, raw)).outcome;
}

/** Submits a notice's sweep for review, as the re-levels of the zones it finds now. */
export async function submitZoneSweep(ctx: ZoneWriteContext, raw: unknown): Promise<ZoneChange> {
  const { input, operations, outcome } = await outcomeOfSweep(ctx, raw);
  return store(ctx, outcome, operations, input);
}

/** Submits a previewed file for review: checked as the import will apply it, and kept until approved. */
export async function submitZoneImport(
  ctx: ZoneWriteContext,
  file: ImportFile,
  fingerprint: string,
  decisions: DuplicateDecisions,
  submission: { urgent?: boolean; reason?: string | null } = {},
): Promise<ZoneChange> {
  const preview = await previewImport(ctx.db, file, ctx.now, decisions);
  if (preview.fingerprint !== fingerprint) {
    throw new ConflictError('自预览以来，文件涉及的区域或现行等级体系已有变更：请重新预览，核对后再提交', 'fingerprint');
  }
  const { seal, relevel, lift, recorded } = preview.summary;
  if (preview.summary.error === 0 && seal + relevel + lift === 0) {
    throw new InputError('content', `文件中没有需要导入的变更${recorded > 0 ? `（${recorded} 行已记录）` : ''}`);
  }
  const operation: ImportOperation = {
    op: 'import',
    filename: file.filename,
    content: Buffer.from(file.bytes).toString('base64'),
    fingerprint,
    decisions,
  };
  const { touched: _touched, ...outcome } = await outcomeOf(ctx, [operation]);
  const title = `${ZONE_CHANGE_KIND_LABELS.import}：${file.filename}（新划定 ${seal}、调整等级 ${relevel}、解除 ${lift}）`;
  return store(ctx, { kind: 'import', title, ...outcome }, [operation], {
    urgent: submission.urgent ?? false,
    reason: submission.reason?.trim() || null,
  });
}

// ---------------------------------------------------------------------------------------------
// The reviewer's decision.

const NOT_IN_REVIEW: Record<ZoneChangeStatus, string> = {
  in_review: '',
  returned: '该变更已退回；如仍需要，请重新准备并提交',
  published: '该变更已生效；如需修改，请提交新的变更或更正',
};

async function operationsOf(tx: Tx, id: string): Promise<StoredOperation[]> {
  const row = await tx.selectFrom('zone_change').select('operations').where('id', '=', id).executeTakeFirstOrThrow();
  return JSON.parse(row.operations) as StoredOperation[];
}

/**
 * A reviewer, not the author, approves a change: its operations are made in the same transaction,
 * each through the zone write functions (checked and audited on its own, naming the change). When
 * the zones changed since it was submitted, nothing is applied: the change can only be returned.
 */
export async function approveZoneChange(ctx: ZoneWriteContext, raw: unknown): Promise<ZoneChange> {
  const target = decideZoneChangeInput.parse(raw);
  return reviewStep(ctx, CHANGE, target, {
    action: 'approve',
    check: (_tx, _before, row) => {
      if (row.status !== 'in_review') throw new InputError('id', NOT_IN_REVIEW[row.status as ZoneChangeStatus]);
      assertOtherPerson(row.submitted_by, ctx.actor);
    },
    change: (_before, _checked, now) => ({
      status: 'published',
      reviewed_at: now,
      reviewed_by: ctx.actor.id,
      published_at: now,
      published_by: ctx.actor.id,
      review_comment: null,
    }),
    write: async (tx, before) => {
      try {
        const author = before.review.submittedBy ?? undefined;
        await applyOperations({ ...ctx, db: tx, changeId: target.id, author }, await operationsOf(tx, target.id));
      } catch (e) {
        if (e instanceof DomainError && e.code !== 'FORBIDDEN') {
          throw new ConflictError(`该变更已无法按提交时的内容生效（${e.message}）：请退回，由提交人按最新情况重新准备`, 'id');
        }
        throw e;
      }
    },
  });
}

/** A reviewer sends a change back with a comment; it is closed, and a new one is prepared if still needed. */
export async function returnZoneChange(ctx: ZoneWriteContext, raw: unknown): Promise<ZoneChange> {
  const { comment, ...target } = returnZoneChangeInput.parse(raw);
  return reviewStep(ctx, CHANGE, target, {
    action: 'return',
    check: (_tx, _before, row) => {
      if (row.status !== 'in_review') throw new InputError('id', NOT_IN_REVIEW[row.status as ZoneChangeStatus]);
      assertOtherPerson(row.submitted_by, ctx.actor);
    },
    change: (_before, _checked, now) => ({ status: 'returned', reviewed_at: now, reviewed_by: ctx.actor.id, review_comment: comment }),
    comment,
  });
}
