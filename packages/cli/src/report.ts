import {
  extractReport,
  FIGURE_LABELS,
  formatDate,
  formatDateTime,
  formatPeriod,
  beijingParts,
  type ExtractedValue,
  type ExtractionResult,
} from '@epi/core';
import { JSON_OPTION, type Command } from './command.ts';
import { EXIT_OK, line, readAll, UsageError } from './io.ts';

/** As much text as the console's report form sends to the same extraction. */
const MAX_TEXT = 20_000;

const TIME_LABELS: Record<string, string> = { periodStart: '统计起', periodEnd: '统计止', cumulativeSince: '累计起始日' };
const labelOf = (field: string) => TIME_LABELS[field] ?? FIGURE_LABELS[field] ?? field;

const plain = (v: ExtractedValue | null): number | string | null => (v ? v.value : null);

/** The extraction without the text spans: values by field, districts, and what was not understood, each with its sentence. */
export function extractionJson(result: ExtractionResult) {
  return {
    fields: Object.fromEntries(Object.entries(result.fields).map(([k, v]) => [k, plain(v)])),
    /** Counts stated for a period of their own: the field and that period (UTC instants). */
    figurePeriods: result.figurePeriods.map((p) => ({ figure: p.figure, periodStart: p.periodStart, periodEnd: p.periodEnd })),
    districts: result.districts.map((d) => ({
      districtCode: d.districtCode,
      districtName: d.districtName,
      newConfirmed: plain(d.newConfirmed),
      newAsymptomatic: plain(d.newAsymptomatic),
      cumulativeConfirmed: plain(d.cumulativeConfirmed),
      cumulativeAsymptomatic: plain(d.cumulativeAsymptomatic),
    })),
    unrecognised: result.unrecognised.map((u) => ({
      kind: u.kind,
      reason: u.reason,
      text: u.sentence.slice(u.start - u.sentenceStart, u.end - u.sentenceStart),
      sentence: u.sentence,
    })),
    notes: result.notes.map((n) => ({ message: n.message, sentence: n.sentence })),
    conflicts: result.conflicts.map((c) => ({ field: c.field, districtCode: c.districtCode ?? null, message: c.message })),
  };
}

function shown(field: string, value: number | string): string {
  if (typeof value === 'number') return String(value);
  return field === 'cumulativeSince' ? formatDate(value) : formatDateTime(value);
}

export const reportExtract: Command = {
  name: 'report extract',
  args: [],
  options: {
    year: { type: 'string', value: 'YEAR', description: 'the year of dates the text leaves it out of (default: this year, Beijing time)' },
    json: {
      ...JSON_OPTION,
      description: 'print {"fields","districts","unrecognised","notes","conflicts"} on standard output',
    },
  },
  summary: 'read the figures of an official bulletin text given on standard input',
  details: [
    "The same reading as the console's report form (粘贴通报原文). Nothing is written.",
    'In JSON, "fields" maps each report field to its value or null (periodStart/periodEnd are UTC instants,',
    'cumulativeSince a date); "figurePeriods" gives the period of a count stated for a period of its own;',
    '"districts" lists per-district figures; "unrecognised" and "notes" quote the sentence',
    'concerned; a field stated twice with different values is null and listed in "conflicts".',
    'Example: npm run epi -- report extract --year 2021 < bulletin.txt',
  ],
  async run({ io, values }) {
    const year = values.year === undefined ? beijingParts(io.now()).year : Number(values.year);
    if (!Number.isInteger(year) || year < 2000 || year > 2100)
      throw new UsageError(`--year must be a year between 2000 and 2100, not "${String(values.year)}"`, 'report extract');
    const text = await readAll(io.stdin);
    if (!text.trim()) throw new UsageError('no text on standard input: pipe or redirect the bulletin text', 'report extract');
    if (text.length > MAX_TEXT)
      throw new UsageError(`the text is ${text.length} characters long; at most ${MAX_TEXT} are read at once`, 'report extract');
    const result = extractReport(text, { year });
    if (values.json) {
      line(io.stdout, JSON.stringify(extractionJson(result)));
      return EXIT_OK;
    }
    const out = io.stdout;
    const read = Object.entries(result.fields).filter(([, v]) => v !== null);
    line(out, read.length > 0 ? 'Figures read:' : 'No figures read.');
    for (const [field, v] of read) line(out, `  ${labelOf(field)}: ${shown(field, v!.value)}`);
    for (const p of result.figurePeriods)
      line(out, `  ${labelOf(p.figure)} counted over its own period: ${formatPeriod(p.periodStart, p.periodEnd)}`);
    if (result.districts.length > 0) {
      line(out, 'By district:');
      for (const d of result.districts) {
        const parts = (['newConfirmed', 'newAsymptomatic', 'cumulativeConfirmed', 'cumulativeAsymptomatic'] as const)
          .filter((k) => d[k] !== null)
          .map((k) => `${labelOf(k)} ${d[k]!.value}`);
        line(out, `  ${d.districtName}: ${parts.join(', ')}`);
      }
    }
    for (const c of result.conflicts) line(out, `Conflict: ${c.message}`);
    for (const n of result.notes) line(out, `Note: ${n.message}`);
    for (const u of result.unrecognised)
      line(out, `Not understood: “${u.sentence.slice(u.start - u.sentenceStart, u.end - u.sentenceStart)}” — ${u.reason}`);
    return EXIT_OK;
  },
};

export const reportCommands: Command[] = [reportExtract];
