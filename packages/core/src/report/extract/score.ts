// How well extraction reads a corpus of official paragraphs whose values a person entered: every
// value expected is right, wrong or missed, and a value read where none was stated is wrong too
// (it would be entered as if the text said it). Used by the corpus test and the scoring script.
import { extractReport } from '../extract.ts';
import { EXTRACTED_COUNT_FIELDS, EXTRACTED_DISTRICT_FIELDS, type ExtractionResult } from './types.ts';

export interface CorpusEntry {
  id: string;
  style: string;
  set: 'dev' | 'held-back';
  source: string;
  year: number;
  text: string;
  expected: {
    fields: Record<string, number | string>;
    districts?: Array<{ districtCode: string } & Record<string, number | string>>;
    /** Counts stated for a period of their own, with that period (UTC ISO instants). */
    figurePeriods?: Array<{ figure: string; periodStart: string; periodEnd: string }>;
  };
}

export interface Miss {
  id: string;
  key: string;
  expected: number | string | null;
  read: number | string | null;
}

export interface Score {
  total: number;
  right: number;
  wrong: number;
  missed: number;
  /** Each value wrong (read differently, or read where nothing was stated) or missed. */
  misses: Miss[];
}

const TIME_FIELDS = ['periodStart', 'periodEnd', 'cumulativeSince'] as const;

/** A figure's own period as one value: 'start/end'. */
const periodValue = (p: { periodStart: string; periodEnd: string }) => `${p.periodStart}/${p.periodEnd}`;

/** Every value of an extraction by key: 'newConfirmed', 'district.130109.newConfirmed', 'period.newDischarged'. */
export function readValues(result: ExtractionResult): Map<string, number | string> {
  const values = new Map<string, number | string>();
  for (const field of [...TIME_FIELDS, ...EXTRACTED_COUNT_FIELDS]) {
    const v = result.fields[field];
    if (v) values.set(field, v.value);
  }
  for (const d of result.districts) {
    for (const field of EXTRACTED_DISTRICT_FIELDS) {
      const v = d[field];
      if (v) values.set(`district.${d.districtCode}.${field}`, v.value);
    }
  }
  for (const p of result.figurePeriods) values.set(`period.${p.figure}`, periodValue(p));
  return values;
}

/** The values a person entered for an entry, keyed as `readValues` keys them. */
export function expectedValues(entry: CorpusEntry): Map<string, number | string> {
  const values = new Map<string, number | string>(Object.entries(entry.expected.fields));
  for (const { districtCode, ...row } of entry.expected.districts ?? []) {
    for (const [field, v] of Object.entries(row)) values.set(`district.${districtCode}.${field}`, v);
  }
  for (const p of entry.expected.figurePeriods ?? []) values.set(`period.${p.figure}`, periodValue(p));
  return values;
}

export function scoreEntries(entries: readonly CorpusEntry[]): Score {
  const score: Score = { total: 0, right: 0, wrong: 0, missed: 0, misses: [] };
  for (const entry of entries) {
    const expected = expectedValues(entry);
    const read = readValues(extractReport(entry.text, { year: entry.year }));
    score.total += expected.size;
    for (const [key, want] of expected) {
      const got = read.get(key) ?? null;
      if (got === want) score.right += 1;
      else if (got === null) {
        score.missed += 1;
        score.misses.push({ id: entry.id, key, expected: want, read: null });
      } else {
        score.wrong += 1;
        score.misses.push({ id: entry.id, key, expected: want, read: got });
      }
    }
    for (const [key, got] of read) {
      if (expected.has(key)) continue;
      score.wrong += 1;
      score.misses.push({ id: entry.id, key, expected: null, read: got });
    }
  }
  return score;
}
