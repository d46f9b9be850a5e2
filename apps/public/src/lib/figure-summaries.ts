// The short text under each chart, generated from the same numbers: what a sighted reader takes
// from the chart at a glance, in a sentence ("1月15日新增确诊病例48例，较前一日增加8例……").
import { formatAsOf, type IsolationSnapshot, type SeriesDay, type TestingRound } from '@epi/core';
import { t } from '../i18n/index.ts';
import { formatCount, formatDateTime, formatNumber } from './format.ts';
import { dayLabel, periodsLabel } from './figures.ts';

const S = t.summary;
const DAY_MS = 24 * 60 * 60 * 1000;

/** ', 较前一日增加 n 例' and the like; nothing when either day cannot be compared. */
function change(current: number, previous: number | null | undefined): string {
  if (previous === null || previous === undefined) return '';
  if (current > previous) return S.more(formatNumber(current - previous));
  if (current < previous) return S.fewer(formatNumber(previous - current));
  return S.same;
}

/**
 * The latest day with new counts: its new confirmed cases (with how many of them were reclassified
 * from asymptomatic, as the official reports say it) and asymptomatic cases, each against the day
 * before when both days are whole days, and the cumulative confirmed count. A day that is not
 * whole is named by its periods and never compared.
 */
export function curveSummary(days: readonly SeriesDay[]): string {
  let i = days.length - 1;
  while (i >= 0 && (days[i]!.newConfirmed === null || days[i]!.newAsymptomatic === null)) i -= 1;
  if (i < 0) return S.none;
  const day = days[i]!;
  const previous = days[i - 1];
  const comparable = day.complete && !day.approximate && previous?.complete === true && !previous.approximate;
  // A period longer than a day ('2月11日0时—2月14日24时') is several days' count, not part of one.
  const severalDays = day.periods.some((p) => Date.parse(p.periodEnd) - Date.parse(p.periodStart) > DAY_MS);
  const head =
    comparable || (day.complete && !day.approximate)
      ? dayLabel(day.date)
      : severalDays
        ? S.severalDays(periodsLabel(day))
        : S.partialDay(periodsLabel(day));
  const confirmed = day.newConfirmed!;
  const asymptomatic = day.newAsymptomatic!;
  return (
    head +
    S.confirmed(formatNumber(confirmed)) +
    (day.reclassifiedConfirmed ? S.reclassifiedPart(formatNumber(day.reclassifiedConfirmed)) : '') +
    (comparable ? change(confirmed, previous.newConfirmed) : '') +
    '，' +
    S.asymptomatic(formatNumber(asymptomatic)) +
    (comparable ? change(asymptomatic, previous.newAsymptomatic) : '') +
    (day.cumulativeConfirmed !== null ? S.cumulativeTail(formatNumber(day.cumulativeConfirmed)) : '') +
    S.end
  );
}

/** The latest cumulative counts with the moment they were stated, and the rise over 7 days. */
export function cumulativeSummary(days: readonly SeriesDay[]): string {
  let i = days.length - 1;
  while (i >= 0 && days[i]!.cumulativeConfirmed === null) i -= 1;
  if (i < 0) return S.none;
  const day = days[i]!;
  const weekBefore = days[i - 7];
  const rise =
    weekBefore && weekBefore.cumulativeConfirmed !== null
      ? S.cumulativeWeek(formatNumber(day.cumulativeConfirmed! - weekBefore.cumulativeConfirmed))
      : '';
  return (
    S.cumulative(
      formatAsOf(day.cumulativeAsOf!),
      formatNumber(day.cumulativeConfirmed!),
      day.cumulativeAsymptomatic === null ? null : formatNumber(day.cumulativeAsymptomatic),
    ) +
    rise +
    S.end
  );
}

/** The three districts with the most, and how many are above zero. */
export function districtSummary(rows: ReadonlyArray<{ label: string; value: number | null }>, what: string): string {
  const known = rows.filter((r): r is { label: string; value: number } => r.value !== null);
  const nonZero = known.filter((r) => r.value > 0).sort((a, b) => b.value - a.value);
  if (nonZero.length === 0) return S.none;
  const top = nonZero.slice(0, 3).map((r) => S.districtItem(r.label, formatNumber(r.value)));
  return S.districtsTop(what, top.join(t.common.listSeparator)) + S.districtsWith(what, formatNumber(nonZero.length)) + S.end;
}

/** The latest round (rounds in any order), with the one before it for comparison. */
export function testingSummary(rounds: readonly TestingRound[]): string {
  const sorted = [...rounds].sort((a, b) => b.number - a.number);
  const [latest, previous] = sorted;
  if (!latest) return S.none;
  const people = (r: TestingRound) => formatCount(r.peopleTested, t.common.people);
  const cases = (r: TestingRound) => formatCount(r.positives, t.common.cases);
  return (
    S.testing(t.figures.roundLabel(latest.number), people(latest), cases(latest)) +
    (previous ? S.testingPrevious(t.figures.roundLabel(previous.number), people(previous), cases(previous)) : '') +
    S.end
  );
}

/** The latest isolation figures (snapshots in any order), and the change in people since the one before. */
export function isolationSummary(snapshots: readonly IsolationSnapshot[]): string {
  const sorted = [...snapshots].sort((a, b) => new Date(b.asOf).getTime() - new Date(a.asOf).getTime());
  const [latest, previous] = sorted;
  if (!latest) return S.none;
  // The change in people only between two snapshots that both state it.
  const delta = previous && latest.people !== null && previous.people !== null ? latest.people - previous.people : 0;
  const trend = delta > 0 ? S.isolationMore(formatNumber(delta)) : delta < 0 ? S.isolationFewer(formatNumber(-delta)) : '';
  const stated = (n: number | null) => (n === null ? null : formatNumber(n));
  return S.isolation(formatDateTime(latest.asOf), stated(latest.sites), stated(latest.rooms), stated(latest.people)) + trend + S.end;
}
