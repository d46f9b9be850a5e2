import { z } from 'zod';
import { REPORT_FIGURE_KEYS, REPORT_FIGURES, REQUIRED_REPORT_FIGURES } from '../review/figures.ts';
import { count, districtCode, id, instant, optionalText, requiredText, version } from '../shared/zod.ts';

const optionalCount = count.nullish().transform((v) => v ?? null);

export const reportDistrictInput = z.object({
  districtCode,
  newConfirmed: count,
  newAsymptomatic: count,
  cumulativeConfirmed: optionalCount,
  cumulativeAsymptomatic: optionalCount,
});

export const reportInput = z
  .object({
    periodStart: instant,
    periodEnd: instant,
    newConfirmed: count,
    newAsymptomatic: count,
    reclassifiedConfirmed: optionalCount,
    newDischarged: optionalCount,
    newDeaths: optionalCount,
    cumulativeConfirmed: count,
    cumulativeAsymptomatic: count,
    underTreatment: optionalCount,
    underObservation: optionalCount,
    districts: z.array(reportDistrictInput).max(64).default([]),
    /** Written justification, required when the figures do not reconcile. */
    reconciliationNote: optionalText(1000),
    source: optionalText(4000),
  })
  .superRefine((r, ctx) => {
    if (r.periodEnd <= r.periodStart) {
      ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: '统计截止时间必须晚于开始时间' });
    }
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
export const resubmitReportInput = reportInput.safeExtend({ id, expectedVersion: version });
export type ResubmitReportInput = z.input<typeof resubmitReportInput>;

/** A correction of a published report: one or more figures, each with its new value, and one reason. */
export const reportCorrectionInput = z
  .object({
    reportId: id,
    /** The report version the correction was prepared against. */
    expectedVersion: version,
    changes: z
      .array(z.object({ field: z.enum(REPORT_FIGURE_KEYS, { message: '请选择要更正的数字' }), newValue: count.nullable() }))
      .min(1, '请至少选择一项要更正的数字')
      .max(REPORT_FIGURES.length),
    reason: requiredText(1000),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.changes.forEach((change, i) => {
      if (seen.has(change.field)) ctx.addIssue({ code: 'custom', path: ['changes', i, 'field'], message: '同一项数字只能更正一次' });
      seen.add(change.field);
      if (change.newValue === null && REQUIRED_REPORT_FIGURES.includes(change.field)) {
        ctx.addIssue({ code: 'custom', path: ['changes', i, 'newValue'], message: '必填' });
      }
    });
  });
export type ReportCorrectionInput = z.input<typeof reportCorrectionInput>;
