// Reads the figures of one reporting period out of a pasted bulletin paragraph, in the standard
// phrasing of the Hebei and Shijiazhuang health commissions (January 2021). Browser-safe and pure.
//
// Every value carries the span it was read from, so the form can show it next to its sentence.
// Nothing is guessed: a number or phrase that no rule recognises is returned in `unrecognised`,
// and a figure stated twice with different values is returned in `conflicts` and left empty.
// Offsets are indices into the original string (UTF-16 code units, as String#slice uses).

import { formatPeriod } from '../shared/time.ts';
import { assemble, span } from './extract/assemble.ts';
import { readFigures } from './extract/figure-families.ts';
import { reportLeftovers } from './extract/leftovers.ts';
import { normalise, sentenceRanges } from './extract/normalise.ts';
import { readPeriods, type DateContext } from './extract/period.ts';
import { findScopes, issuingCity, issuingNation, issuingProvince, scopeFinder, type Scope } from './extract/places.ts';
import { Sentence, type Findings, type Statement } from './extract/sentence.ts';
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
  const found: Findings = { statements: [], unrecognised: [], notes: [], figurePeriods: [] };
  let carriedScope: Scope | null = null;
  const dates: DateContext = { last: null };
  let scopeStated = false;
  const namedKinds = new Set<Scope['kind']>();
  const othersSince: Statement[] = [];

  // Another city's own text (its press conference): its '全市' and its figures are not the city's.
  const otherCity = issuingCity(normalised.text);
  // The nation's or the province's own bulletin: figures that name no place are theirs.
  const fallback = otherCity ?? issuingNation(normalised.text) ?? issuingProvince(normalised.text);
  for (const [a, b] of sentenceRanges(normalised.text)) {
    const sentence = new Sentence(text, normalised, a, b, found);
    const [statedBefore, unrecognisedBefore] = [found.statements.length, found.unrecognised.length];
    readPeriods(sentence, options.year, dates);
    const scopes = findScopes(sentence, otherCity, carriedScope);
    if (scopes.length > 0) scopeStated = true;
    for (const { scope } of scopes) namedKinds.add(scope.kind);
    readFigures(sentence, scopeFinder(scopes, carriedScope, fallback ?? undefined));
    othersSince.push(...sinceOfOthers(found, statedBefore, unrecognisedBefore));
    reportLeftovers(sentence);
    // The sentence's subject carries to the next: the first place named, not the last item of its
    // list ('河北省新增19例…，其中石家庄市报告14例…，邢台市报告5例。新增3例无症状感染者…' is the province's).
    if (scopes.length > 0) carriedScope = scopes[0]!.scope;
  }

  setAsideSinceOfOthers(found, othersSince);
  // Only another place named ('邢台市 1月22日0-12时 新增3+1'): a period with no figure read is theirs.
  setAsidePeriodsOfOthers(found, namedKinds.size > 0 && [...namedKinds].every((k) => k === 'other'));
  setAsideOwnPeriods(found);
  return assemble(found, scopeStated);
}

/**
 * A sentence of discharges with a period of its own ('1月31日14时至2月1日14时，…有57例…治愈出院'):
 *
 * - when the rest of the text states no period, or only a cut-off at the same moment its period
 *   ends ('截至2月1日14时，累计…'), its period is the report's;
 * - when it is the report's period stated again, it is the report's;
 * - when the text states the report's period otherwise, the count keeps its own period: it is read,
 *   and its period is given apart (`figurePeriods`), never taken for the report's.
 */
function setAsideOwnPeriods(found: Findings): void {
  const own = found.statements.filter((s) => s.periodOf !== undefined);
  if (own.length === 0) return;
  const isPeriod = (s: (typeof own)[number]) => s.ev.field === 'periodStart' || s.ev.field === 'periodEnd';
  const others = found.statements.filter((s) => s.periodOf === undefined && isPeriod(s));
  const ownEnd = own.find((s) => s.ev.field === 'periodEnd')?.ev.value;
  if (others.every((o) => o.ev.field === 'periodEnd' && o.ev.value === ownEnd)) {
    for (const s of own) delete s.periodOf;
    return;
  }
  for (const start of own.filter((s) => s.ev.field === 'periodStart')) {
    const end = own.find((s) => s.ev.field === 'periodEnd' && s.ev.start === start.ev.start);
    // The same period as the report's, stated again for the discharges: the report's own.
    const same = (field: string, value: unknown) => others.some((o) => o.ev.field === field && o.ev.value === value);
    if (end && same('periodStart', start.ev.value) && same('periodEnd', end.ev.value)) {
      delete start.periodOf;
      delete end.periodOf;
      continue;
    }
    const counted = found.statements.some((s) => s.ev.sentenceStart === start.ev.sentenceStart && s.ev.field === 'newDischarged');
    if (!end || !counted) {
      found.unrecognised.push({
        ...span(start.ev),
        start: start.ev.sentenceStart,
        end: start.ev.sentenceEnd,
        kind: 'period',
        reason: `${start.periodOf}的时段与通报的时段不同，但没有读出人数，未填入`,
      });
      continue;
    }
    found.figurePeriods.push({
      ...span(start.ev),
      figure: 'newDischarged',
      periodStart: start.ev.value as string,
      periodEnd: end.ev.value as string,
    });
    found.notes.push({
      ...span(start.ev),
      message: `${start.periodOf}人数按自己的时段（${formatPeriod(start.ev.value, end.ev.value)}）统计，与通报的时段不同：另记为该项的统计时段`,
    });
  }
  found.statements = found.statements.filter((s) => s.periodOf === undefined);
}

const TIME_FIELDS: readonly string[] = ['periodStart', 'periodEnd', 'cumulativeSince'];

/**
 * '自1月2日以来，河北省累计…' with no part of the city's in its sentence: the date those cumulative
 * counts start from, which may yet be the city's when a later sentence gives its part ('其中，石家庄市累计…').
 */
function sinceOfOthers(found: Findings, statedBefore: number, unrecognisedBefore: number): Statement[] {
  const sentence = found.statements.slice(statedBefore);
  const since = sentence.find((s) => s.ev.field === 'cumulativeSince');
  if (!since || sentence.some((s) => !TIME_FIELDS.includes(s.ev.field))) return [];
  return found.unrecognised.slice(unrecognisedBefore).some((u) => u.kind === 'scope') ? [since] : [];
}

/** Such a date with no cumulative count of the city's after it: theirs, listed rather than filled in. */
function setAsideSinceOfOthers(found: Findings, candidates: readonly Statement[]): void {
  for (const since of candidates) {
    const ours = found.statements.some(
      (s) => s.ev.field.startsWith('cumulative') && s.ev.field !== 'cumulativeSince' && s.ev.start > since.ev.start,
    );
    if (ours) continue;
    found.statements.splice(found.statements.indexOf(since), 1);
    found.unrecognised.push({ ...span(since.ev), kind: 'scope', reason: '这一句的累计数都不是石家庄市的，累计起始日期未填入' });
  }
}

/**
 * A text whose figures are all another place's (南宫市, the province without the city's part), or
 * none of them a report's: its period is theirs, so it is listed with them rather than filled in.
 */
function setAsidePeriodsOfOthers(found: Findings, onlyOthersNamed: boolean): void {
  if (found.statements.some((s) => !TIME_FIELDS.includes(s.ev.field))) return;
  // Figures of another place, or figures the form has no field for ('83名康复人员出院'): the period is theirs.
  const others = onlyOthersNamed || found.unrecognised.some((u) => u.kind === 'scope');
  if (!others && !found.unrecognised.some((u) => u.kind === 'unsupported')) return;
  const reason = others ? '文中的数字都不是石家庄市的，这一时段未填入' : '文中没有读出疫情通报的数字，这一时段未填入';
  const listed = new Set<string>();
  for (const { ev } of found.statements) {
    // A period's start and end come from one phrase: listed once.
    if (listed.has(`${ev.start}:${ev.end}`)) continue;
    listed.add(`${ev.start}:${ev.end}`);
    found.unrecognised.push({ ...span(ev), kind: others ? 'scope' : 'period', reason });
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
