// Browser-safe entry: domain types, zod schemas and pure rules shared by forms, API and site.
export * from './shared/time.ts';
export * from './shared/errors.ts';
export * from './shared/zod.ts';
export { ROLES, ROLE_LABELS, type Role, type Actor } from './shared/actor.ts';
export { DISTRICT_KINDS, DISTRICT_KIND_LABELS, districtInput, type District } from './district/district.ts';
export * from './zone/schema.ts';
export * from './zone/state-machine.ts';
export * from './zone/import-format.ts';
export type { ZoneView, ZoneEvent } from './zone/zone.ts';
export type { LevelScheme, ZoneLevel } from './zone/levels.ts';
export * from './report/schema.ts';
export * from './report/reconcile.ts';
export * from './report/extract.ts';
export * from './report/series.ts';
export type { Report, ReportDistrictRow, ReportCorrection } from './report/report.ts';
export type { StaffReport } from './report/workflow.ts';
export type { CorrectionRequest, CorrectionChange, CorrectionStatus, CorrectionWarnings, AppliedCorrection } from './report/correction.ts';
export type { FigureCorrection } from './review/applied-corrections.ts';
export * from './review/schema.ts';
export * from './review/figures.ts';
export * from './review/correction-schema.ts';
export type { ReviewDetail } from './review/queue.ts';
export {
  testingRoundInput,
  resubmitTestingRoundInput,
  type TestingRoundInput,
  type ResubmitTestingRoundInput,
  type TestingRound,
  type StaffTestingRound,
} from './testing-round/testing-round.ts';
export {
  isolationSnapshotInput,
  resubmitIsolationSnapshotInput,
  isolationFacilityInput,
  FACILITY_STATUSES,
  FACILITY_STATUS_LABELS,
  type IsolationSnapshot,
  type StaffIsolationSnapshot,
  type ResubmitIsolationSnapshotInput,
  type IsolationFacility,
  type IsolationSnapshotInput,
  type IsolationFacilityInput,
} from './isolation/isolation.ts';
export {
  pressConferenceInput,
  LINKABLE_TYPES,
  type PressConference,
  type PressConferenceInput,
  type LinkableType,
} from './press-conference/press-conference.ts';
export * from './bulletin/schema.ts';
export { renderMarkdown } from './bulletin/markdown.ts';
export type { Bulletin, BulletinRevision, PublicBulletin } from './bulletin/bulletin.ts';
export { createUserInput, signInInput, type CreateUserInput, type User } from './user/schema.ts';
export { RELEASE_STATUSES, RELEASE_STATUS_LABELS, type Release, type ReleaseStatus } from './release/release.ts';
export type { AuditEntry } from './audit/audit.ts';
