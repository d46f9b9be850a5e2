// The review of zone changes from the command line, as the console's change pages do it: the list,
// one change, approving or returning it, and a notice's sweep ("其余地区调整为低风险") submitted for
// review. Every write goes through the same functions, checks and audit log as the console.
import {
  approveZoneChange,
  writeForSite,
  fromBeijingLocal,
  getZoneChange,
  listLevelSchemes,
  listZoneChanges,
  previewZoneSweep,
  returnZoneChange,
  submitZoneSweep,
  ZONE_CHANGE_STATUSES,
  type Db,
  type ZoneChangeStatus,
} from '@epi/core/server';
import { actingUser, JSON_OPTION, SITE_RECORDED, SITE_RECORDED_HELP, USER_OPTION, type Command } from './command.ts';
import { EXIT_OK, line, UsageError } from './io.ts';
import { changeJson, printChange, readCommandTime, REASON_OPTION, URGENT_OPTION } from './zones.ts';

const REVIEWERS = ['admin', 'reviewer'] as const;

export const zonesChanges: Command = {
  name: 'zones changes',
  args: [],
  options: {
    status: { type: 'string', value: 'in_review|returned|published', description: 'only the changes in this state' },
    json: { ...JSON_OPTION, description: 'print [{"id","kind","title","status","version","urgent","effect",…}] on standard output' },
  },
  summary: 'list the zone changes, newest first: waiting for review, returned, applied',
  details: ['Each change is one line: its id, state and title; `epi zones change ID` shows what it does.'],
  async run({ io, values, db }) {
    const status = values.status as string | undefined;
    if (status !== undefined && !(ZONE_CHANGE_STATUSES as readonly string[]).includes(status)) {
      throw new UsageError(`--status takes ${ZONE_CHANGE_STATUSES.join(', ')}, not "${status}"`, 'zones changes');
    }
    const changes = await listZoneChanges(await db(), status ? { statuses: [status as ZoneChangeStatus] } : {});
    if (values.json) line(io.stdout, JSON.stringify(changes.map(changeJson)));
    else if (changes.length === 0) line(io.stdout, 'No zone changes.');
    else for (const c of changes) line(io.stdout, `${c.id}  ${c.status}${c.urgent ? ' urgent' : ''}  ${c.title}`);
    return EXIT_OK;
  },
};

export const zonesChange: Command = {
  name: 'zones change',
  args: ['ID'],
  options: { json: { ...JSON_OPTION, description: 'print {"id","kind","title","status","effect","warnings",…} on standard output' } },
  summary: 'show one zone change: what the public site will show, its warnings and reason, where it stands',
  details: [],
  async run({ io, values, args, db }) {
    const change = await getZoneChange(await db(), args[0]!);
    if (values.json) line(io.stdout, JSON.stringify(changeJson(change)));
    else {
      printChange(io.stdout, change);
      const r = change.review;
      line(io.stdout, `  status: ${change.status}, version ${change.version}; submitted by ${r.submittedBy?.name ?? '—'}`);
      if (r.reviewedBy) line(io.stdout, `  decided by ${r.reviewedBy.name}${r.reviewComment ? `: ${r.reviewComment}` : ''}`);
    }
    return EXIT_OK;
  },
};

export const zonesApprove: Command = {
  name: 'zones approve',
  args: ['ID'],
  options: { user: USER_OPTION, json: { ...JSON_OPTION, description: 'print the change as `zones change --json` does' } },
  summary: 'approve a zone change, as a reviewer or an admin who did not submit it: it applies at once',
  details: [
    'Every operation of the change is made in one transaction, each checked and audited; when the zones',
    'changed since it was submitted nothing is applied and the change can only be returned.',
    SITE_RECORDED_HELP,
  ],
  async run({ io, config, values, args, db }) {
    const handle = await db();
    const actor = await actingUser(handle, config, values.user as string | undefined, REVIEWERS, 'zones approve');
    const current = await getZoneChange(handle, args[0]!);
    const { result: change } = await writeForSite(
      { db: handle, actor, now: io.now() },
      (ctx) => approveZoneChange(ctx, { id: current.id, expectedVersion: current.version }),
      (c) => ({ reason: `${c.urgent ? '紧急：' : ''}${c.title}`, path: '/zones/' }),
    );
    if (values.json) line(io.stdout, JSON.stringify(changeJson(change)));
    else {
      printChange(io.stdout, change);
      line(io.stdout, `Approved and applied as ${actor.name}.`);
      line(io.stdout, SITE_RECORDED);
    }
    return EXIT_OK;
  },
};

export const zonesReturn: Command = {
  name: 'zones return',
  args: ['ID'],
  options: {
    comment: { type: 'string', value: 'TEXT', description: 'why, for the author (required)', required: true },
    user: USER_OPTION,
  },
  summary: 'return a zone change to its author with a comment: it is closed, nothing is applied',
  details: ['A returned change is not resubmitted: its author prepares a new one.'],
  async run({ io, config, values, args, db }) {
    const handle = await db();
    const actor = await actingUser(handle, config, values.user as string | undefined, REVIEWERS, 'zones return');
    const current = await getZoneChange(handle, args[0]!);
    await returnZoneChange(
      { db: handle, actor, now: io.now() },
      { id: current.id, expectedVersion: current.version, comment: values.comment as string },
    );
    line(io.stdout, `Returned change ${current.id} (${current.title}) as ${actor.name}.`);
    return EXIT_OK;
  },
};

/** An instant from a command line: a date is the start of that day, a time is Beijing time unless an offset is given. */
export function instantOf(text: string, command: string): string {
  const read = readCommandTime(text);
  if (!read) throw new UsageError(`--at must look like 2021-02-08, 2021-02-08T00:00 or with an offset, not "${text}"`, command);
  return read.at ?? fromBeijingLocal(`${read.date}T00:00:00`);
}

/** A county or city by its code, or by its name when only one has it ('藁城区', '邢台市'). */
async function scopeOf(db: Db, text: string): Promise<string> {
  if (/^\d{4}(\d{2})?$/.test(text)) return text;
  const found = await db
    .selectFrom('division')
    .select(['code', 'name'])
    .where('name', '=', text)
    .where('level', 'in', ['city', 'county'])
    .execute();
  if (found.length === 1) return found[0]!.code;
  throw new UsageError(
    found.length === 0
      ? `--scope: no city or county-level unit named "${text}" (give its name or its 4- or 6-digit code)`
      : `--scope: "${text}" names ${found.length} places (${found.map((f) => f.code).join(', ')}): give the code`,
    'zones sweep',
  );
}

export const zonesSweep: Command = {
  name: 'zones sweep',
  args: [],
  options: {
    scope: { type: 'string', value: 'CODE|NAME', description: 'the county-level unit or city the notice covers', required: true },
    level: { type: 'string', value: 'LEVEL', description: 'the level the other areas take (低风险), by name', required: true },
    at: {
      type: 'string',
      value: 'TIME',
      description: 'when it takes effect: 2021-02-08 (start of day) or 2021-02-08T00:00, Beijing time',
      required: true,
    },
    notice: { type: 'string', value: 'TEXT', description: 'the notice it follows (依据)', required: true },
    'listed-on': { type: 'string', value: 'YYYY-MM-DD', description: 'the date of the list, when the notice gives no start time' },
    note: { type: 'string', value: 'TEXT', description: 'a note shown with the change' },
    keep: { type: 'string', value: 'ID,ID', description: 'zones the notice names at their own level: left as they are' },
    urgent: URGENT_OPTION,
    reason: REASON_OPTION,
    submit: { type: 'boolean', description: 'submit it for review (without it, only what it would do is shown)' },
    user: USER_OPTION,
    json: { ...JSON_OPTION, description: 'print the outcome ({"title","effect","warnings"}) or, with --submit, the change' },
  },
  summary: 'a notice\'s "其余地区调整为低风险": every other zone of a county or city above LEVEL takes it',
  details: [
    'Every zone of the place in force at --at at a level more severe than --level is re-levelled to it,',
    'except those named by --keep. Without --submit nothing is written. With --submit it waits for a',
    'reviewer or another admin: `epi zones approve ID --user …`.',
  ],
  async run({ io, config, values, db }) {
    const handle = await db();
    const actor = await actingUser(handle, config, values.user as string | undefined, ['admin'], 'zones sweep');
    const scheme = (await listLevelSchemes(handle)).find((s) => s.inForce);
    const level = scheme?.levels.find((l) => l.name === values.level || l.id === values.level);
    if (!level) {
      throw new UsageError(
        `--level: no level "${String(values.level)}" in the scheme in force (${scheme?.levels.map((l) => l.name).join(', ') ?? 'none'})`,
        'zones sweep',
      );
    }
    const input = {
      scopeCode: await scopeOf(handle, values.scope as string),
      levelId: level.id,
      effectiveAt: instantOf(values.at as string, 'zones sweep'),
      listedOn: (values['listed-on'] as string | undefined) ?? null,
      notice: values.notice as string,
      note: (values.note as string | undefined) ?? null,
      keep: ((values.keep as string | undefined) ?? '').split(',').filter(Boolean),
      urgent: values.urgent === true,
      reason: (values.reason as string | undefined) ?? null,
    };
    const ctx = { db: handle, actor, now: io.now() };
    if (!values.submit) {
      const outcome = await previewZoneSweep(ctx, input);
      if (values.json) line(io.stdout, JSON.stringify({ ...outcome, warnings: outcome.warnings.map((w) => w.message) }));
      else {
        line(io.stdout, outcome.title);
        for (const sentence of outcome.effect) line(io.stdout, `  ${sentence}`);
        for (const w of outcome.warnings) line(io.stdout, `  warning: ${w.message}`);
        line(io.stdout, 'Preview only: nothing was written. Add --submit to submit it for review.');
      }
      return EXIT_OK;
    }
    const change = await submitZoneSweep(ctx, input);
    if (values.json) line(io.stdout, JSON.stringify(changeJson(change)));
    else {
      printChange(io.stdout, change);
      line(io.stdout, `Submitted for review as ${actor.name}: epi zones approve ${change.id} --user …`);
    }
    return EXIT_OK;
  },
};

export const zoneChangeCommands: Command[] = [zonesChanges, zonesChange, zonesApprove, zonesReturn, zonesSweep];
