import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Writable } from 'node:stream';
import {
  beijingDayEnd,
  containingZones,
  countUnderControl,
  formatDate,
  getDateWindow,
  setDateWindow,
  formatDateTime,
  fromBeijingLocal,
  InputError,
  levelsOf,
  listLevelSchemes,
  listZones,
  previewImport,
  submitZoneImport,
  zonesInForceAt,
  type DuplicateDecisions,
  type ImportFile,
  type ImportPreview,
  type ZoneChange,
} from '@epi/core/server';
import { actingUser, JSON_OPTION, USER_OPTION, type Command } from './command.ts';
import { EXIT_FAILED, EXIT_OK, line, UsageError } from './io.ts';

/** One problem of the file: the row as the spreadsheet shows it (null: the file as a whole) and the column header (null: the whole row). */
interface RowError {
  row: number | null;
  field: string | null;
  message: string;
}

const rowErrors = (preview: ImportPreview): RowError[] =>
  preview.rows.flatMap((r) => r.errors.map((e) => ({ row: r.row, field: e.column, message: e.message })));

/** What is worth knowing about good rows (a recorded row whose 依据 differs), by row. */
const rowNotes = (preview: ImportPreview): Array<{ row: number; message: string }> =>
  preview.rows.flatMap((r) => r.notes.map((message) => ({ row: r.row, message })));

function readImportFile(path: string): ImportFile {
  try {
    return { filename: basename(path), bytes: readFileSync(path) };
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, 'zones import');
  }
}

/** The decisions --duplicates makes for the rows held as possible duplicates (several candidates stay undecided for "same"). */
function decide(preview: ImportPreview, how: 'new' | 'same'): DuplicateDecisions {
  const decisions: DuplicateDecisions = {};
  for (const row of preview.rows) {
    if (!row.zoneKey || row.possibleDuplicates.length === 0) continue;
    if (how === 'new') decisions[row.zoneKey] = 'new';
    else if (row.possibleDuplicates.length === 1) decisions[row.zoneKey] = row.possibleDuplicates[0]!.zoneId;
  }
  return decisions;
}

/** A change as the commands print it: a line per sentence of what the public site will show. */
export function printChange(out: Writable, change: ZoneChange): void {
  line(out, `change ${change.id}: ${change.title}${change.urgent ? ' (urgent)' : ''}`);
  for (const sentence of change.effect) line(out, `  ${sentence}`);
  for (const w of change.warnings) line(out, `  warning: ${w.message}`);
  if (change.reason) line(out, `  reason: ${change.reason}`);
}

/** A submitted change as JSON prints it. */
export const changeJson = (c: ZoneChange) => ({
  id: c.id,
  kind: c.kind,
  title: c.title,
  status: c.status,
  version: c.version,
  urgent: c.urgent,
  reason: c.reason,
  effect: c.effect,
  warnings: c.warnings.map((w) => w.message),
  submittedBy: c.review.submittedBy?.name ?? null,
  submittedAt: c.review.submittedAt,
  reviewedBy: c.review.reviewedBy?.name ?? null,
  reviewedAt: c.review.reviewedAt,
  comment: c.review.reviewComment,
  zoneIds: c.zoneIds,
});

export const URGENT_OPTION = { type: 'boolean', description: 'put the change first in the review queue' } as const;
export const REASON_OPTION = {
  type: 'string',
  value: 'TEXT',
  description:
    'why, for the reviewer: required when the change covers a whole county or township, is backdated over 24 h or starts over 7 days ahead',
} as const;

export const zonesImport: Command = {
  name: 'zones import',
  args: ['FILE'],
  options: {
    submit: { type: 'boolean', description: 'submit the file for review as one change; needs --user, an admin' },
    apply: { type: 'boolean', description: 'no longer accepted: a file is applied when another person approves it (see --submit)' },
    urgent: URGENT_OPTION,
    reason: REASON_OPTION,
    duplicates: {
      type: 'string',
      value: 'new|same',
      description:
        'rows whose place may be an existing zone (天悦花苑小区 beside 天悦花苑) wait for a decision: "new" makes them new zones, "same" takes the one existing zone each names',
    },
    user: USER_OPTION,
    json: {
      ...JSON_OPTION,
      description:
        'print {"rows","accepted","errors":[{"row","field","message"}],"change","summary","notes":[{"row","message"}]} on standard output',
    },
  },
  summary: 'preview a zone list (CSV or XLSX), or submit it for review, as the console’s import does',
  details: [
    'FILE is read by its content: XLSX (a zip) or else CSV (UTF-8 or GB18030), with the headers of the',
    "console's import template. Without --submit nothing is written and --user is optional.",
    'With --submit the file is checked as the import will apply it and kept as one change waiting for review',
    '("change" in the JSON); `epi zones approve ID --user …`, by a reviewer or another admin, applies every row',
    'in one transaction, or none when the zones changed since. Nothing is public before the approval.',
    'Errors name the row as the spreadsheet shows it (the header is row 1) and the column header as "field";',
    'an error about the whole file has "row": null, one about a whole row "field": null.',
    '"accepted" counts the rows without errors (unchanged and recorded rows included).',
    'A row the zone has recorded already (the same change at the same time, or the level in force then) is',
    '"recorded" and not written again, so a cumulative timeline can be imported every day: only the rows after',
    'the recorded history are applied. A row falling between recorded changes, or contradicting one, is an error.',
    '"notes" says what is worth knowing about a good row (a recorded row whose 依据 differs keeps the recorded one).',
    'Exit code 1 when the file has errors; a file with nothing new submits nothing (exit 0).',
    'A file may hold many rows per zone (a timeline: 城市, 区县, 区域, 风险等级, 起始时间, 截止时间, 名单日期, 依据),',
    'applied in date order; "其余地区" in 区域 changes every other area in force in its county, city or the province.',
  ],
  async run({ io, config, values, args, db }) {
    if (values.apply) {
      throw new UsageError(
        '--apply is no longer accepted: submit the file with --submit --user <admin>, then another person approves it with `epi zones approve ID --user <reviewer>`',
        'zones import',
      );
    }
    const file = readImportFile(args[0]!);
    const handle = await db();
    // A preview needs nobody; a --user given anyway is checked, so a typo shows before --submit is added.
    const actor =
      values.submit || values.user !== undefined
        ? await actingUser(handle, config, values.user as string | undefined, ['admin'], 'zones import')
        : null;
    const duplicates = values.duplicates as string | undefined;
    if (duplicates !== undefined && duplicates !== 'new' && duplicates !== 'same') {
      throw new UsageError(`--duplicates takes "new" or "same", not "${duplicates}"`, 'zones import');
    }
    let preview: ImportPreview;
    let decisions: DuplicateDecisions = {};
    try {
      preview = await previewImport(handle, file, io.now());
      if (duplicates) {
        decisions = decide(preview, duplicates);
        preview = await previewImport(handle, file, io.now(), decisions);
      }
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      const errors: RowError[] = [{ row: null, field: error.field ?? null, message: error.message }];
      if (values.json) line(io.stdout, JSON.stringify({ rows: 0, accepted: 0, errors, change: null }));
      else line(io.stderr, `${file.filename}: ${error.message}`);
      return EXIT_FAILED;
    }
    const errors = rowErrors(preview);
    const { summary } = preview;
    const nothingNew = summary.seal + summary.relevel + summary.lift === 0;
    let change: ZoneChange | null = null;
    let failure: string | null = errors.length > 0 ? `${summary.error} row(s) have errors: nothing was submitted` : null;
    if (values.submit && actor && !failure && !nothingNew) {
      try {
        change = await submitZoneImport({ db: handle, actor, now: io.now() }, file, preview.fingerprint, decisions, {
          urgent: values.urgent === true,
          reason: (values.reason as string | undefined) ?? null,
        });
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        failure = error.message;
        errors.push({ row: null, field: error.field ?? null, message: error.message });
      }
    }

    if (values.json) {
      const accepted = summary.rows - summary.error;
      line(
        io.stdout,
        JSON.stringify({
          rows: summary.rows,
          accepted,
          errors,
          change: change ? changeJson(change) : null,
          summary: {
            seal: summary.seal,
            relevel: summary.relevel,
            lift: summary.lift,
            unchanged: summary.unchanged,
            recorded: summary.recorded,
          },
          notes: rowNotes(preview),
        }),
      );
    } else {
      const out = io.stdout;
      line(out, `${preview.filename} (${preview.format.toUpperCase()}, level scheme ${preview.scheme.name}): ${summary.rows} rows`);
      line(
        out,
        `  new ${summary.seal}, re-levelled ${summary.relevel}, lifted ${summary.lift}, unchanged ${summary.unchanged}, recorded already ${summary.recorded}, with errors ${summary.error}`,
      );
      if (preview.ignoredColumns.length > 0) line(out, `  columns not read: ${preview.ignoredColumns.join(', ')}`);
      for (const n of rowNotes(preview)) line(out, `row ${n.row}: ${n.message}`);
      for (const e of errors) if (e.row !== null) line(io.stderr, `row ${e.row}${e.field ? `, ${e.field}` : ''}: ${e.message}`);
      if (!failure && nothingNew) line(out, 'Nothing to submit: every row is recorded already or unchanged.');
      else if (change) {
        printChange(out, change);
        line(out, `Submitted for review as ${actor!.name}. Another reviewer or admin applies it: epi zones approve ${change.id} --user …`);
      } else if (!values.submit && !failure)
        line(out, 'Preview only: nothing was written. Add --submit --user <admin> to submit it for review.');
    }
    if (failure) {
      line(io.stderr, failure);
      return EXIT_FAILED;
    }
    return EXIT_OK;
  },
};

/**
 * A date, or a date and time, as typed on a command line: the date, and the instant when a time is
 * given (Beijing time unless it has an offset). Null when it is neither, or no such date or time.
 */
export function readCommandTime(text: string): { date: string; at: string | null } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?)?$/i.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, sec, offset] = m;
  // A calendar date that exists (not 2021-02-30, which Date would roll over into March).
  const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  const ok =
    day.getUTCMonth() === Number(mo) - 1 &&
    day.getUTCDate() === Number(d) &&
    Number(h ?? 0) <= 23 &&
    Number(mi ?? 0) <= 59 &&
    Number(sec ?? 0) <= 59;
  if (!ok) return null;
  const date = `${y}-${mo}-${d}`;
  if (h === undefined) return { date, at: null };
  const local = `${date}T${h}:${mi}:${sec ?? '00'}`;
  return { date, at: offset ? new Date(`${local}${offset.toUpperCase()}`).toISOString() : fromBeijingLocal(local) };
}

/** The moment DATE names: a date alone is the end of that day, as /zones/on/<date>/ shows it; a time is that instant, Beijing time unless an offset is given. */
export function momentOf(text: string): { moment: { before: string } | { at: string }; label: string } {
  const read = readCommandTime(text);
  if (!read) throw new UsageError(`DATE must look like 2021-01-20, 2021-01-20T12:00 or 2021-01-20T12:00+08:00, not "${text}"`, 'zones at');
  if (read.at === null) return { moment: { before: beijingDayEnd(read.date) }, label: `the end of ${formatDate(read.date)}` };
  return { moment: { at: read.at }, label: formatDateTime(read.at) };
}

export const zonesAt: Command = {
  name: 'zones at',
  args: ['DATE'],
  options: {
    json: { ...JSON_OPTION, description: 'print [{"city","district","name","level","since","listedOn","within"}] on standard output' },
  },
  summary: 'the zones in force at a date, or at a date and time',
  details: [
    'DATE alone (2021-01-20) means the end of that day, Beijing time, as the public page /zones/on/2021-01-20/',
    'shows it: every change effective before the next day 00:00 counts (a lift "from 1月21日 00:00" does not).',
    'DATE and time (2021-01-20T12:00, Beijing time, or with an offset: 2021-01-20T04:00Z) means that instant,',
    'changes effective at that very minute included. Changes recorded for later dates count when their time has come.',
    'In JSON, "level" is the level as named in its scheme (高风险), "since" the UTC instant the zone was',
    'sealed (sealed at one level and re-levelled later keeps its first date), "listedOn" the date of the list',
    'that named it when no start was stated, "within" the wider zone it lies in (counted instead of it).',
    "Zones are in district order, the city's own districts first, then the province's other areas.",
    'Areas lowered to a level that is not a control level (低风险) are not in force.',
  ],
  async run({ io, values, args, db }) {
    const { moment, label } = momentOf(args[0]!);
    const handle = await db();
    const zones = await listZones(handle, io.now().toISOString());
    const levels = levelsOf({ levelSchemes: await listLevelSchemes(handle) });
    const inForce = zonesInForceAt(zones, levels, moment);
    const within = containingZones(inForce);
    // A designation known only from a list as of a date: that date, not a start time.
    const listedOn = (z: (typeof inForce)[number]) => z.zone.events.find((e) => e.effectiveAt === z.sealedSince)?.listedOn ?? null;
    if (values.json) {
      const rows = inForce.map((z) => ({
        city: z.zone.cityName,
        district: z.zone.districtName,
        name: z.zone.name,
        level: z.level.name,
        since: z.sealedSince,
        listedOn: listedOn(z),
        within: within.get(z.id)?.name ?? null,
      }));
      line(io.stdout, JSON.stringify(rows));
      return EXIT_OK;
    }
    const counts = [...countUnderControl(inForce).values()]
      .sort((a, b) => b.level.severity - a.level.severity)
      .map((c) => `${c.level.name} ${c.count}`)
      .join(', ');
    line(
      io.stdout,
      `Zones in force at ${label} (Beijing time): ${inForce.length}${counts ? `; counted as notices count them: ${counts}` : ''}`,
    );
    for (const z of inForce) {
      const since = listedOn(z) ? `listed ${formatDate(listedOn(z)!)}` : `since ${formatDateTime(z.sealedSince)}`;
      const inside = within.get(z.id) ? `  (within ${within.get(z.id)!.name})` : '';
      line(io.stdout, `  ${z.zone.cityName ?? ''}${z.zone.districtName}  ${z.zone.name}  ${z.level.name}  ${since}${inside}`);
    }
    return EXIT_OK;
  },
};

export const zonesWindow: Command = {
  name: 'zones window',
  args: [],
  options: {
    from: { type: 'string', value: 'YYYY-MM-DD', description: 'the earliest date a zone change may take effect' },
    'days-ahead': { type: 'string', value: 'N', description: 'how many days after now a change may be announced for' },
    user: USER_OPTION,
    json: { ...JSON_OPTION, description: 'print {"from","daysAhead","window"} on standard output' },
  },
  summary: 'show, or set, the plausible dates of a zone change (outside them a change is refused)',
  details: [
    'Without --from and --days-ahead, prints the window in force. With either, sets it (the other keeps its',
    'value) as the --user named, an admin; the change is recorded in the audit log with before and after.',
    'A start date in 2019 or a year typed as 0021 is refused by the console, the API and the import alike.',
  ],
  async run({ io, config, values, db }) {
    const handle = await db();
    const from = values.from as string | undefined;
    const ahead = values['days-ahead'] as string | undefined;
    if (from !== undefined || ahead !== undefined) {
      if (ahead !== undefined && !/^\d+$/.test(ahead))
        throw new UsageError(`--days-ahead takes a whole number, not "${ahead}"`, 'zones window');
      const actor = await actingUser(handle, config, values.user as string | undefined, ['admin'], 'zones window');
      const { setting } = await getDateWindow(handle, io.now());
      try {
        await setDateWindow(
          { db: handle, actor, now: io.now() },
          { from: from ?? setting.from, daysAhead: ahead !== undefined ? Number(ahead) : setting.daysAhead },
        );
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        throw new UsageError(error.message, 'zones window');
      }
    }
    const window = await getDateWindow(handle, io.now());
    const { from: first, daysAhead } = window.setting;
    if (values.json) line(io.stdout, JSON.stringify({ from: first, daysAhead, window: window.label }));
    else line(io.stdout, `Zone changes may take effect from ${window.label} (${daysAhead} days after now).`);
    return EXIT_OK;
  },
};

export const zonesCommands: Command[] = [zonesImport, zonesAt, zonesWindow];
