// Reads the figures of one reporting period out of a pasted bulletin paragraph, in the standard
// phrasing of the Hebei and Shijiazhuang health commissions (January 2021). Browser-safe and pure.
//
// Every value carries the span it was read from, so the form can show it next to its sentence.
// Nothing is guessed: a number or phrase that no rule recognises is returned in `unrecognised`,
// and a figure stated twice with different values is returned in `conflicts` and left empty.
// Offsets are indices into the original string (UTF-16 code units, as String#slice uses).

import { assemble, span } from './extract/assemble.ts';
import { readFigures } from './extract/figure-families.ts';
import { reportLeftovers } from './extract/leftovers.ts';
import { normalise, sentenceRanges } from './extract/normalise.ts';
import { readPeriods } from './extract/period.ts';
import { findScopes, scopeFinder, type Scope } from './extract/places.ts';
import { Sentence, type Findings } from './extract/sentence.ts';
import {
  EXTRACTED_COUNT_FIELDS,
  type ExtractedCountField,
  type ExtractedValue,
  type ExtractionResult,
  type ExtractOptions,
} from './extract/types.ts';

export {
  EXTRACTED_COUNT_FIELDS,
  EXTRACTED_DISTRICT_FIELDS,
  type ExtractedCountField,
  type ExtractedDistrict,
  type ExtractedDistrictField,
  type ExtractedField,
  type ExtractedFields,
  type ExtractedTimeField,
  type ExtractedValue,
  type ExtractionConflict,
  type ExtractionNote,
  type ExtractionResult,
  type ExtractOptions,
  type SourceSpan,
  type UnrecognisedKind,
  type UnrecognisedText,
} from './extract/types.ts';

/**
 * Reads a bulletin paragraph; see the file comment for what is returned. Sentence by sentence:
 * the period and dates first, then whose figures they are, then each family of figures, then
 * whatever is left; a place named in one sentence carries to the next until another is named.
 */
export function extractReport(text: string, options: ExtractOptions): ExtractionResult {
  const normalised = normalise(text);
  const found: Findings = { statements: [], unrecognised: [], notes: [] };
  let carriedScope: Scope | null = null;
  let scopeStated = false;

  for (const [a, b] of sentenceRanges(normalised.text)) {
    const sentence = new Sentence(text, normalised, a, b, found);
    readPeriods(sentence, options.year);
    const scopes = findScopes(sentence);
    if (scopes.length > 0) scopeStated = true;
    readFigures(sentence, scopeFinder(scopes, carriedScope));
    reportLeftovers(sentence);
    if (scopes.length > 0) carriedScope = scopes[scopes.length - 1]!.scope;
  }

  setAsidePeriodsOfOthers(found);
  setAsideOwnPeriods(found);
  return assemble(found, scopeStated);
}

/**
 * A sentence of discharges with a period of its own, when the text states the report's period
 * elsewhere: the period is theirs, and so is the count; both are listed, since the form holds one
 * period for all its figures.
 */
function setAsideOwnPeriods(found: Findings): void {
  const own = found.statements.filter((s) => s.periodOf !== undefined);
  const others = found.statements.filter((s) => s.periodOf === undefined && (s.ev.field === 'periodStart' || s.ev.field === 'periodEnd'));
  if (own.length === 0 || others.length === 0) return;
  const sentences = new Set(own.map((s) => s.ev.sentenceStart));
  const setAside = found.statements.filter(
    (s) => s.periodOf !== undefined || (sentences.has(s.ev.sentenceStart) && s.ev.field === 'newDischarged'),
  );
  found.statements = found.statements.filter((s) => !setAside.includes(s));
  for (const s of own.filter((x) => x.ev.field === 'periodStart')) {
    found.unrecognised.push({
      ...span(s.ev),
      // The whole sentence: its period and its count go together.
      start: s.ev.sentenceStart,
      end: s.ev.sentenceEnd,
      kind: 'unsupported',
      reason: `${s.periodOf}人数按自己的时段统计，与通报的时段不同；表单还不能为单项数字另记时段，未填入`,
    });
  }
}

const TIME_FIELDS: readonly string[] = ['periodStart', 'periodEnd', 'cumulativeSince'];

/**
 * A text whose figures are all another place's (南宫市, the province without the city's part):
 * its period is theirs, so it is listed with them rather than filled in.
 */
function setAsidePeriodsOfOthers(found: Findings): void {
  if (found.statements.some((s) => !TIME_FIELDS.includes(s.ev.field))) return;
  if (!found.unrecognised.some((u) => u.kind === 'scope')) return;
  const listed = new Set<string>();
  for (const { ev } of found.statements) {
    // A period's start and end come from one phrase: listed once.
    if (listed.has(`${ev.start}:${ev.end}`)) continue;
    listed.add(`${ev.start}:${ev.end}`);
    found.unrecognised.push({ ...span(ev), kind: 'scope', reason: '文中的数字都不是石家庄市的，这一时段未填入' });
  }
  found.statements = [];
}

/** The plain values of an extraction, shaped like the report form (null where nothing was read). */
export function extractedFormValues(result: ExtractionResult) {
  const f = result.fields;
  const v = <V extends number | string>(x: ExtractedValue<V> | null) => (x ? x.value : null);
  return {
    periodStart: v(f.periodStart),
    periodEnd: v(f.periodEnd),
    ...(Object.fromEntries(EXTRACTED_COUNT_FIELDS.map((k) => [k, v(f[k])])) as Record<ExtractedCountField, number | null>),
    districts: result.districts.map((d) => ({
      districtCode: d.districtCode,
      newConfirmed: v(d.newConfirmed),
      newAsymptomatic: v(d.newAsymptomatic),
      cumulativeConfirmed: v(d.cumulativeConfirmed),
      cumulativeAsymptomatic: v(d.cumulativeAsymptomatic),
    })),
  };
}
