// Two-person review of a report: a press officer submits, a different reviewer approves or returns it.
import type { Executor, Tx } from '../db/database.ts';
import { assertKnownDistricts } from '../district/district.ts';
import { replaceDistrictRows } from '../review/figure-rows.ts';
import { reviewedFigures, reviewStateOf } from '../review/review.ts';
import type { ReviewState } from '../review/schema.ts';
import { blockingIssues, type ReconciliationIssue } from './reconcile.ts';
import { checkReport, hydrate, ReconciliationError, selectReports, type Report, type ReportRow } from './report.ts';
import { reportInput, resubmitReportInput, type ReportData } from './schema.ts';

/** A report as staff see it: any status, with where it stands in review. */
export interface StaffReport extends Report {
  review: ReviewState;
  /** The reconciliation issues the written justification answered when it was (last) submitted. */
  submittedIssues: ReconciliationIssue[];
}

function toStaff(report: Report, row: ReportRow, names: Map<string, string>): StaffReport {
  return {
    ...report,
    review: reviewStateOf(row, names),
    submittedIssues: row.reconciliation_json ? (JSON.parse(row.reconciliation_json) as ReconciliationIssue[]) : [],
  };
}

/** The report's figures as input again, to check them as they stand now. */
export function inputOf(report: Report): ReportData {
  return reportInput.parse({
    periodStart: report.periodStart,
    periodEnd: report.periodEnd,
    newConfirmed: report.newConfirmed,
    newAsymptomatic: report.newAsymptomatic,
    reclassifiedConfirmed: report.reclassifiedConfirmed,
    newDischarged: report.newDischarged,
    newDeaths: report.newDeaths,
    cumulativeConfirmed: report.cumulativeConfirmed,
    cumulativeAsymptomatic: report.cumulativeAsymptomatic,
    cumulativeDischarged: report.cumulativeDischarged,
    cumulativeDeaths: report.cumulativeDeaths,
    cumulativeReleased: report.cumulativeReleased,
    combinedTotal: report.combinedTotal,
    underTreatment: report.underTreatment,
    underObservation: report.underObservation,
    figurePeriods: report.figurePeriods,
    districts: report.districts.map((d) => ({
      districtCode: d.districtCode,
      newConfirmed: d.newConfirmed,
      newAsymptomatic: d.newAsymptomatic,
      cumulativeConfirmed: d.cumulativeConfirmed,
      cumulativeAsymptomatic: d.cumulativeAsymptomatic,
    })),
    reconciliationNote: report.reconciliationNote,
    source: report.source,
  });
}

/** What a justification answered: the same mismatch, or an overlap with the same published report. */
const issueKey = (i: ReconciliationIssue) => `${i.kind}|${i.field}|${i.expected ?? ''}|${i.actual ?? ''}|${i.overlaps?.id ?? ''}`;

/**
 * The same rules as at the press officer's desk: known districts, and a written justification for
 * anything that does not reconcile, an overlap with a published period included (1月15日0—24时
 * entered after 1月15日0—12时 was published).
 */
async function reconcileForSubmission(tx: Tx, input: ReportData): Promise<ReconciliationIssue[]> {
  await assertKnownDistricts(tx, input.districts);
  const issues = blockingIssues(await checkReport(tx, input));
  if (issues.length > 0 && !input.reconciliationNote) throw new ReconciliationError(issues);
  return issues;
}

/**
 * The issues that stand in the way of approving now: a mismatch or an overlap the justification
 * did not answer, because a report published after submission changed the previous figures or
 * now overlaps this one.
 */
export async function issuesAtApproval(db: Executor, report: Report, submittedIssues: ReconciliationIssue[]) {
  const issues = await checkReport(db, inputOf(report));
  const answered = new Set(report.reconciliationNote ? submittedIssues.map(issueKey) : []);
  return { issues, unanswered: blockingIssues(issues).filter((i) => !answered.has(issueKey(i))) };
}

function figureColumns(input: ReportData, issues: ReconciliationIssue[]) {
  return {
    period_start: input.periodStart,
    period_end: input.periodEnd,
    new_confirmed: input.newConfirmed,
    new_asymptomatic: input.newAsymptomatic,
    reclassified_confirmed: input.reclassifiedConfirmed,
    new_discharged: input.newDischarged,
    new_deaths: input.newDeaths,
    cumulative_confirmed: input.cumulativeConfirmed,
    cumulative_asymptomatic: input.cumulativeAsymptomatic,
    cumulative_discharged: input.cumulativeDischarged,
    cumulative_deaths: input.cumulativeDeaths,
    cumulative_released: input.cumulativeReleased,
    combined_total: input.combinedTotal,
    under_treatment: input.underTreatment,
    under_observation: input.underObservation,
    // A note nothing needed is not kept; the issues it answered are, for the re-check at approval.
    reconciliation_note: issues.length > 0 ? input.reconciliationNote : null,
    reconciliation_json: issues.length > 0 ? JSON.stringify(issues) : null,
    source: input.source,
  };
}

/** A district row of the input, as stored. */
function districtColumns(d: ReportData['districts'][number]) {
  return {
    district_code: d.districtCode,
    new_confirmed: d.newConfirmed,
    new_asymptomatic: d.newAsymptomatic,
    cumulative_confirmed: d.cumulativeConfirmed,
    cumulative_asymptomatic: d.cumulativeAsymptomatic,
  };
}

/**
 * Reports in review. Reconciliation is checked again at approval against the previous published
 * report as it is now: a report approved in between may have changed it.
 */
export const reviewedReports = reviewedFigures({
  table: 'report',
  auditPrefix: 'report',
  noun: '通报',
  input: reportInput,
  resubmitInput: resubmitReportInput,
  validate: (tx, input) => reconcileForSubmission(tx, input),
  columns: figureColumns,
  async writeChildren(tx, id, input) {
    await replaceDistrictRows(tx, 'report', id, input.districts.map(districtColumns));
    await tx.deleteFrom('report_figure_period').where('report_id', '=', id).execute();
    for (const p of input.figurePeriods) {
      await tx
        .insertInto('report_figure_period')
        .values({ report_id: id, figure: p.figure, period_start: p.periodStart, period_end: p.periodEnd })
        .execute();
    }
  },
  auditReason: (report) => report.reconciliationNote,
  async beforeApprove(db, report) {
    const { unanswered } = await issuesAtApproval(db, report, report.submittedIssues);
    if (unanswered.length > 0) {
      throw new ReconciliationError(unanswered, '与最新已发布的通报核对不一致，且提交时的说明未涉及，请退回由新闻发布员核实');
    }
  },
  select: selectReports,
  hydrate,
  toStaff,
});

/** Every report, whatever its status (or in one), latest period first, with where it stands in review. */
export const listStaffReports = reviewedReports.listStaff;
/** One report in any status, with where it stands in review. */
export const getStaffReport = reviewedReports.get;
/** A press officer sends a report for review; a different reviewer approves or returns it. */
export const { submit: submitReport, resubmit: resubmitReport, approve: approveReport, return: returnReport } = reviewedReports;
