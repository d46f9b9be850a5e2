// Scales and ticks for the build-time SVG charts: "nice" value ticks (1, 2, 2.5, 5 × 10ⁿ, whole
// numbers only, since every figure is a count), calendar-day ticks that always label the latest
// day, and axis labels in Chinese (万 for large counts); and the colours their axes are drawn in.
import { beijingDayStart, type Instant } from '@epi/core';

/** Axes, labels and gridlines of every chart: the site's text, muted text and line colours. */
export const CHART_INK = '#1a1a1a';
export const CHART_MUTED = '#4a4a4a';
export const CHART_GRID = '#d4d4d0';

/** A coordinate rounded to a hundredth of a unit, which keeps the SVG short. */
export const round2 = (v: number) => Math.round(v * 100) / 100;

export interface ValueTicks {
  /** Top of the axis: the last tick, at or above the largest value. */
  max: number;
  step: number;
  ticks: number[];
}

const STEPS = [1, 2, 2.5, 5, 10];

/**
 * Ticks from 0 to a nice maximum at or above `max`, at most `count` intervals. Counts are whole,
 * so a step is never below 1 (a chart of zeros gets 0 and 1).
 */
export function valueTicks(max: number, count = 4): ValueTicks {
  const top = Math.max(0, Number.isFinite(max) ? max : 0);
  if (top === 0) return { max: 1, step: 1, ticks: [0, 1] };
  const raw = top / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  // Counts are whole: a step below 1, or 2.5 at the scale of units, is never used.
  const step = Math.max(1, STEPS.map((s) => s * magnitude).find((s) => s >= raw && Number.isInteger(s)) ?? 10 * magnitude);
  const n = Math.ceil(top / step);
  const ticks = Array.from({ length: n + 1 }, (_, i) => i * step);
  return { max: n * step, step, ticks };
}

/** The frame the day charts share: a 360×230 viewBox, the value axis, margins fitted to its widest label, one band a day. */
export interface DayChartFrame {
  W: number;
  H: number;
  FONT: number;
  y: ValueTicks;
  tickLabels: string[];
  left: number;
  right: number;
  top: number;
  bottom: number;
  plotW: number;
  plotH: number;
  /** Days on the axis (at least 1). */
  n: number;
  band: number;
  yPos: (v: number) => number;
}

export function dayChartFrame(maxValue: number, days: number, right: number): DayChartFrame {
  const W = 360;
  const H = 230;
  const FONT = 13;
  const y = valueTicks(Math.max(0, maxValue));
  const tickLabels = y.ticks.map((v) => axisLabel(v, y.step));
  const left = Math.max(24, Math.ceil(Math.max(...tickLabels.map((l) => textWidth(l, FONT)))) + 8);
  const top = 30;
  const bottom = 38;
  const plotW = W - left - right;
  const plotH = H - top - bottom;
  const n = Math.max(1, days);
  const band = plotW / n;
  return { W, H, FONT, y, tickLabels, left, right, top, bottom, plotW, plotH, n, band, yPos: linear(y.max, top + plotH, top) };
}

/** A linear map from [0, domainMax] to [rangeStart, rangeEnd] (either direction). */
export function linear(domainMax: number, rangeStart: number, rangeEnd: number): (v: number) => number {
  const span = domainMax === 0 ? 1 : domainMax;
  return (v) => rangeStart + ((rangeEnd - rangeStart) * v) / span;
}

/** Axis label for a count: '0', '800', '1,500', '5万', '1,000万'. */
export function axisLabel(value: number, step: number): string {
  if (value === 0) return '0';
  if (step >= 10_000 && value % 10_000 === 0) return `${new Intl.NumberFormat('zh-CN').format(value / 10_000)}万`;
  return new Intl.NumberFormat('zh-CN').format(value);
}

const DAY_STEPS = [1, 2, 3, 7, 14, 28, 56, 91, 182, 364];

/**
 * Which of `n` consecutive days get a tick label: at most `maxLabels`, evenly spaced, always the
 * last (latest) day, counted back from it. Returns indexes, oldest first.
 */
export function dayTickIndexes(n: number, maxLabels = 5): number[] {
  if (n <= 0) return [];
  const limit = Math.max(1, maxLabels);
  const step = DAY_STEPS.find((s) => Math.ceil(n / s) <= limit) ?? Math.ceil(n / limit);
  const out: number[] = [];
  for (let i = n - 1; i >= 0; i -= step) out.push(i);
  return out.reverse();
}

export interface DayTick {
  index: number;
  /** '1月15日' */
  label: string;
  /** '2021年' under the first tick and wherever the year changes; otherwise null. */
  year: string | null;
}

/** Tick labels for a run of 'YYYY-MM-DD' dates (consecutive days). */
export function dayTicks(dates: readonly string[], maxLabels = 5): DayTick[] {
  let previousYear: string | null = null;
  return dayTickIndexes(dates.length, maxLabels).map((index) => {
    const [y, m, d] = dates[index]!.split('-');
    const year = y !== previousYear ? `${y}年` : null;
    previousYear = y!;
    return { index, label: `${Number(m)}月${Number(d)}日`, year };
  });
}

/** Width in viewBox units of a label drawn at `fontSize`: CJK glyphs are square, others about half. */
export function textWidth(text: string, fontSize: number): number {
  let w = 0;
  for (const ch of text) w += /[\u2E80-\uFFFF]/.test(ch) ? fontSize : fontSize * 0.6;
  return w;
}

const DAY_MS = 86_400_000;

/** Position of an instant on a day axis that starts at `firstDate` (Beijing), in days (1.5 = noon of the second day). */
export function dayOffset(instant: Instant, firstDate: string): number {
  return (new Date(instant).getTime() - Date.parse(beijingDayStart(firstDate))) / DAY_MS;
}

/** A point of a line chart on a day axis. */
export interface LinePoint {
  /** Position in days from the first date: 0.5 is noon of the first day. */
  at: number;
  value: number | null;
}

export interface LineSeries {
  name: string;
  points: LinePoint[];
}

/** A bar of a bar chart. */
export interface Bar {
  label: string;
  value: number | null;
  /** The value has been corrected: marked after the number. */
  corrected?: boolean;
}

/** Where to anchor a centred label so that it stays inside [0, width]: at an edge it is aligned to it. */
export function fitLabel(x: number, text: string, fontSize: number, width: number): { x: number; anchor: 'start' | 'middle' | 'end' } {
  const half = textWidth(text, fontSize) / 2;
  if (x - half < 0) return { x: 0, anchor: 'start' };
  if (x + half > width) return { x: width, anchor: 'end' };
  return { x, anchor: 'middle' };
}
