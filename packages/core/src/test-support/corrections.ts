// What a correction is prepared with: the item's id and the version the person preparing it saw,
// the changed figures and the reason.
import type { ReportCorrectionInput } from '../report/schema.ts';
import type { IsolationSnapshotCorrectionInput, TestingRoundCorrectionInput } from '../review/correction-schema.ts';

/** A published item as a correction names it. */
interface Seen {
  id: string;
  version: number;
}

type Field<C extends { changes: Array<{ field: unknown }> }> = C['changes'][number]['field'];

/** New values by field, in the order written (`{ newConfirmed: 91, 'districts.130109.newConfirmed': 62 }`), as the list a correction carries. */
function changeList<F extends string>(changes: Partial<Record<F, number | null>>): Array<{ field: F; newValue: number | null }> {
  return Object.entries(changes).map(([field, newValue]) => ({ field: field as F, newValue: newValue as number | null }));
}

/** A correction of a report at the version it has. */
export const reportCorrection = (
  report: Seen,
  changes: Partial<Record<Field<ReportCorrectionInput>, number | null>>,
  reason: string,
): ReportCorrectionInput => ({ reportId: report.id, expectedVersion: report.version, changes: changeList(changes), reason });

/** A correction of a testing round at the version it has. */
export const testingRoundCorrection = (
  round: Seen,
  changes: Partial<Record<Field<TestingRoundCorrectionInput>, number | null>>,
  reason: string,
): TestingRoundCorrectionInput => ({ roundId: round.id, expectedVersion: round.version, changes: changeList(changes), reason });

/** A correction of an isolation snapshot at the version it has. */
export const isolationSnapshotCorrection = (
  snapshot: Seen,
  changes: Partial<Record<Field<IsolationSnapshotCorrectionInput>, number | null>>,
  reason: string,
): IsolationSnapshotCorrectionInput => ({
  snapshotId: snapshot.id,
  expectedVersion: snapshot.version,
  changes: changeList(changes),
  reason,
});
