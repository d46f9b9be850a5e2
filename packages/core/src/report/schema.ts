import { z } from 'zod';
import { correctionInput } from '../review/correction-schema.ts';
import { atVersion, count, districtCode, instant, optionalText } from '../shared/zod.ts';

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
export const resubmitReportInput = reportInput.safeExtend(atVersion);
export type ResubmitReportInput = z.input<typeof resubmitReportInput>;

/** A correction of a published report: one or more figures, each with its new value, and one reason. */
export const reportCorrectionInput = correctionInput('report');
export type ReportCorrectionInput = z.input<typeof reportCorrectionInput>;
