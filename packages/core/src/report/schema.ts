import { z } from 'zod';
import { correctionInput } from '../review/correction-schema.ts';
import { REPORT_FIGURE_KEYS, REPORT_FIGURES, REPORT_PERIOD_FIGURES } from '../review/figures.ts';
import { atVersion, count, districtCode, instant, optionalText } from '../shared/zod.ts';

/** A figure as stated, or null when the source did not state it (never 0 for "not stated"). */
const stated = count.nullish().transform((v) => v ?? null);

export const reportDistrictInput = z.object({
  districtCode,
  newConfirmed: stated,
  newAsymptomatic: stated,
  cumulativeConfirmed: stated,
  cumulativeAsymptomatic: stated,
});

/** A figure counted over a period other than the report's: the text gave its own. */
export const figurePeriodInput = z.object({
  figure: z.enum(REPORT_PERIOD_FIGURES as [string, ...string[]], { message: '只有新增类数字可以有自己的统计时段' }),
  periodStart: instant,
  periodEnd: instant,
});

export const reportInput = z
  .object({
    periodStart: instant,
    periodEnd: instant,
    newConfirmed: stated,
    newAsymptomatic: stated,
    reclassifiedConfirmed: stated,
    newDischarged: stated,
    newDeaths: stated,
    cumulativeConfirmed: stated,
    cumulativeAsymptomatic: stated,
    cumulativeDischarged: stated,
    cumulativeDeaths: stated,
    cumulativeReleased: stated,
    combinedTotal: stated,
    underTreatment: stated,
    underObservation: stated,
    /** Figures stated for a period of their own, by figure. */
    figurePeriods: z.array(figurePeriodInput).max(REPORT_PERIOD_FIGURES.length).default([]),
    districts: z.array(reportDistrictInput).max(64).default([]),
    /** Written justification, required when the figures do not reconcile. */
    reconciliationNote: optionalText(1000),
    source: optionalText(4000),
  })
  .superRefine((r, ctx) => {
    if (r.periodEnd <= r.periodStart) {
      ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: '统计截止时间必须晚于开始时间' });
    }
    if (REPORT_FIGURE_KEYS.every((k) => r[k] === null)) {
      ctx.addIssue({ code: 'custom', path: ['newConfirmed'], message: '至少填写一项数字；未公布的数字留空' });
    }
    const periods = new Set<string>();
    r.figurePeriods.forEach((p, i) => {
      const label = REPORT_FIGURES.find((f) => f.key === p.figure)?.label ?? p.figure;
      if (periods.has(p.figure)) {
        ctx.addIssue({ code: 'custom', path: ['figurePeriods', i, 'figure'], message: `${label}的统计时段重复` });
      }
      periods.add(p.figure);
      if (p.periodEnd <= p.periodStart) {
        ctx.addIssue({ code: 'custom', path: ['figurePeriods', i, 'periodEnd'], message: `${label}的统计截止时间必须晚于开始时间` });
      }
      if (r[p.figure as keyof typeof r] === null) {
        ctx.addIssue({ code: 'custom', path: ['figurePeriods', i, 'figure'], message: `${label}未填写，不能有统计时段` });
      }
    });
    const seen = new Set<string>();
    r.districts.forEach((d, i) => {
      if (seen.has(d.districtCode)) {
        ctx.addIssue({ code: 'custom', path: ['districts', i, 'districtCode'], message: '区县重复' });
      }
      seen.add(d.districtCode);
    });
  });

export type ReportInput = z.input<typeof reportInput>;
export type ReportData = z.output<typeof reportInput>;

/** A returned report, edited and sent for review again: a new version of the same report. */
export const resubmitReportInput = reportInput.safeExtend(atVersion);
export type ResubmitReportInput = z.input<typeof resubmitReportInput>;

/** A correction of a published report: one or more figures, each with its new value, and one reason. */
export const reportCorrectionInput = correctionInput('report');
export type ReportCorrectionInput = z.input<typeof reportCorrectionInput>;
