// What reviewers and press officers see: the items waiting for review or returned, and one item
// beside the previous published one of its kind, figure by figure.
import type { Executor } from '../db/database.ts';
import {
  getIsolationSnapshot,
  previousPublishedSnapshot,
  type IsolationSnapshot,
  type StaffIsolationSnapshot,
} from '../isolation/isolation.ts';
import {
  applyChanges,
  correctedItemTitle,
  getCorrectedItem,
  correctionWarnings,
  getCorrectionRequest,
  listCorrectionRequests,
  type CorrectionRequest,
  type CorrectionWarnings,
} from '../report/correction.ts';
import type { ReconciliationIssue } from '../report/reconcile.ts';
import { previousPublishedReport, type Report } from '../report/report.ts';
import { getStaffReport, issuesAtApproval, type StaffReport } from '../report/workflow.ts';
import { formatAsOf, formatDateTime, formatPeriod } from '../shared/time.ts';
import { getTestingRound, previousPublishedRound, type StaffTestingRound, type TestingRound } from '../testing-round/testing-round.ts';
import { correctableFigure } from './correction-schema.ts';
import { figureDifferences, ISOLATION_FIGURES, REPORT_FIGURES, TESTING_ROUND_FIGURES, type FigureDifference } from './figures.ts';
import { listStaffBulletins } from '../bulletin/bulletin.ts';
import { personOf, reviewStateOf, userNames } from './review.ts';
import type { FigureReviewType, ReviewQueueItem, ReviewState, ReviewStatus, ReviewType } from './schema.ts';
import type { ReviewColumns } from './table.ts';

const OPEN = ['in_review', 'returned'] as const;

/** Every kind waiting for review (urgent ones first), then the returned ones; oldest first within each. */
export async function listReviewQueue(db: Executor): Promise<ReviewQueueItem[]> {
  const names = await userNames(db);
  const common = (r: ReviewColumns<ReviewStatus> & { id: string }) => ({
    ...reviewStateOf(r, names),
    id: r.id,
    status: r.status as ReviewQueueItem['status'],
    urgent: false,
  });
  const [reports, rounds, snapshots, corrections, bulletins, zoneChanges] = await Promise.all([
    db.selectFrom('report').selectAll().where('status', 'in', OPEN).execute(),
    db.selectFrom('testing_round').selectAll().where('status', 'in', OPEN).execute(),
    db.selectFrom('isolation_snapshot').selectAll().where('status', 'in', OPEN).execute(),
    // A returned correction is closed (a new one is prepared instead): only pending ones wait here.
    listCorrectionRequests(db, { status: 'in_review' }),
    // A returned bulletin is a draft again, carrying the reviewer's comment until it is resubmitted.
    listStaffBulletins(db, { statuses: ['in_review', 'draft'] }),
    // A returned change of zones is closed, like a correction: only pending ones wait here.
    db.selectFrom('zone_change').selectAll().where('status', '=', 'in_review').execute(),
  ]);
  // Who sent a bulletin back, and when: its last return.
  const returnedBulletins = bulletins.filter((b) => b.status === 'draft' && b.reviewComment !== null).map((b) => b.id);
  const returns = new Map(
    returnedBulletins.length === 0
      ? []
      : (
          await db
            .selectFrom('bulletin_transition')
            .select(['bulletin_id', 'at', 'actor_id'])
            .where('bulletin_id', 'in', returnedBulletins)
            .where('from_status', '=', 'in_review')
            .where('to_status', '=', 'draft')
            .orderBy('id')
            .execute()
        ).map((t) => [t.bulletin_id, t] as const),
  );
  const correctedTitles = new Map(
    await Promise.all(
      [...new Map(corrections.map((c) => [`${c.entityType}|${c.entityId}`, c])).values()].map(
        async (c) => [`${c.entityType}|${c.entityId}`, await correctedItemTitle(db, c.entityType, c.entityId)] as const,
      ),
    ),
  );
  const items: ReviewQueueItem[] = [
    ...reports.map((r) => ({ type: 'report' as const, title: formatPeriod(r.period_start, r.period_end), ...common(r) })),
    ...rounds.map((r) => ({
      type: 'testing_round' as const,
      title: `第${r.number}轮全员核酸检测${r.stage === 'in_progress' && r.as_of ? `进展（截至${formatAsOf(r.as_of)}）` : ''}`,
      ...common(r),
    })),
    ...snapshots.map((r) => ({ type: 'isolation_snapshot' as const, title: `截至${formatDateTime(r.as_of)}`, ...common(r) })),
    ...corrections.map((c) => {
      return {
        type: 'correction' as const,
        id: c.id,
        title: `${correctedTitles.get(`${c.entityType}|${c.entityId}`)}：${c.changes.map((x) => x.label).join('、')}`,
        status: 'in_review' as const,
        version: c.version,
        submittedAt: c.preparedAt,
        submittedBy: c.preparedBy,
        reviewedAt: c.reviewedAt,
        reviewedBy: c.reviewedBy,
        reviewComment: c.reviewComment,
        urgent: false,
      };
    }),
    ...zoneChanges.map((c) => ({ type: 'zone_change' as const, title: c.title, ...common(c), urgent: c.urgent === 1 })),
    ...bulletins
      .filter((b) => b.status === 'in_review' || b.reviewComment !== null)
      .map((b) => ({
        type: 'bulletin' as const,
        id: b.id,
        title: b.currentRevision.title,
        status: b.status === 'in_review' ? ('in_review' as const) : ('returned' as const),
        version: b.version,
        submittedAt: b.submittedAt,
        submittedBy: b.submittedBy ?? b.currentRevision.createdBy,
        reviewedAt: b.status === 'in_review' ? null : (returns.get(b.id)?.at ?? null),
        reviewedBy: b.status === 'in_review' ? null : personOf(returns.get(b.id)?.actor_id ?? null, names),
        reviewComment: b.status === 'in_review' ? null : b.reviewComment,
        urgent: false,
      })),
  ];
  // Urgent items first, then the rest waiting, then the returned ones; oldest first within each.
  const rank = (item: ReviewQueueItem) => (item.status === 'in_review' ? (item.urgent ? 0 : 1) : 2);
  return items.sort((a, b) => rank(a) - rank(b) || (a.submittedAt ?? '').localeCompare(b.submittedAt ?? ''));
}

interface Detail<T extends ReviewType, I, P> {
  type: T;
  item: I;
  review: ReviewState;
  previous: P | null;
  differences: FigureDifference[];
}

export type ReviewDetail =
  | (Detail<'report', StaffReport, Report> & {
      /** Reconciliation against the previous published report as it is now. */
      issues: ReconciliationIssue[];
      /** Issues the submitted justification does not answer: approval is refused while there are any. */
      unanswered: ReconciliationIssue[];
    })
  | Detail<'testing_round', StaffTestingRound, TestingRound>
  | Detail<'isolation_snapshot', StaffIsolationSnapshot, IsolationSnapshot>
  | (Detail<'correction', CorrectionRequest, Report | TestingRound | IsolationSnapshot> &
      CorrectionWarnings & {
        /** What the corrected item is called ('2021年1月14日…通报', '第3轮全员核酸检测'). */
        subject: string;
        /** The item has changed since the correction was prepared: it can only be returned. */
        stale: boolean;
      });

/** One item beside the previous published one of its kind, with the difference of every figure. */
export async function getForReview(db: Executor, type: FigureReviewType, id: string): Promise<ReviewDetail> {
  switch (type) {
    case 'report': {
      const item = await getStaffReport(db, id);
      const previous = await previousPublishedReport(db, item.periodStart);
      const { issues, unanswered } =
        item.status === 'published' ? { issues: [], unanswered: [] } : await issuesAtApproval(db, item, item.submittedIssues);
      return {
        type,
        item,
        review: item.review,
        previous,
        differences: figureDifferences(REPORT_FIGURES, item, previous),
        issues,
        unanswered,
      };
    }
    case 'testing_round': {
      const item = await getTestingRound(db, id);
      const previous = await previousPublishedRound(db, item.number, item.asOf);
      return { type, item, review: item.review, previous, differences: figureDifferences(TESTING_ROUND_FIGURES, item, previous) };
    }
    case 'isolation_snapshot': {
      const item = await getIsolationSnapshot(db, id);
      const previous = await previousPublishedSnapshot(db, item.asOf);
      return { type, item, review: item.review, previous, differences: figureDifferences(ISOLATION_FIGURES, item, previous) };
    }
    case 'correction': {
      const item = await getCorrectionRequest(db, id);
      // "Previous" of a correction is the item as published: each change is new value beside old.
      const subject = await getCorrectedItem(db, item.entityType, item.entityId);
      const differences = item.changes.map(
        (c) => figureDifferences([correctableFigure(item.entityType, c.field)], { [c.field]: c.newValue }, { [c.field]: c.oldValue })[0]!,
      );
      const warnings =
        item.status === 'in_review' && item.entityType === 'report'
          ? await correctionWarnings(db, subject as Report, applyChanges(subject as Report, item.changes))
          : { nextReport: null, warnings: [] };
      const review: ReviewState = {
        status: item.status,
        version: item.version,
        submittedAt: item.preparedAt,
        submittedBy: item.preparedBy,
        reviewedAt: item.reviewedAt,
        reviewedBy: item.reviewedBy,
        reviewComment: item.reviewComment,
      };
      return {
        type,
        item,
        review,
        previous: subject,
        differences,
        ...warnings,
        subject: await correctedItemTitle(db, item.entityType, item.entityId),
        stale: subject.version !== item.entityVersion,
      };
    }
  }
}
