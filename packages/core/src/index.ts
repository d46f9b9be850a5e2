// Browser-safe entry: domain types, zod schemas and pure rules shared by forms, API and site.
export * from './shared/time.ts';
export * from './shared/errors.ts';
export * from './shared/zod.ts';
export { ROLES, ROLE_LABELS, type Role, type Actor } from './shared/actor.ts';
export { DISTRICT_KINDS, DISTRICT_KIND_LABELS, districtInput, type District } from './district/district.ts';
export * from './zone/schema.ts';
export * from './zone/state-machine.ts';
export * from './zone/import-format.ts';
export * from './zone/by-date.ts';
export * from './zone/control.ts';
export * from './zone/containment.ts';
export * from './zone/change-schema.ts';
export * from './zone/place.ts';
export * from './division/names.ts';
export type { ZoneView, ZoneEvent, ZoneCorrection } from './zone/zone.ts';
export type { ZoneChange, ZoneChangeOutcome } from './zone/change.ts';
export type { LevelScheme, ZoneLevel } from './zone/levels.ts';
export * from './report/schema.ts';
export * from './report/reconcile.ts';
export * from './report/extract.ts';
export * from './report/series.ts';
export type { Report, ReportDistrictRow, ReportCorrection } from './report/report.ts';
export type { StaffReport } from './report/workflow.ts';
export type { CorrectionRequest, CorrectionChange, CorrectionWarnings, AppliedCorrection } from './report/correction.ts';
export type { FigureCorrection } from './review/applied-corrections.ts';
export * from './review/schema.ts';
export * from './review/figures.ts';
export * from './review/correction-schema.ts';
export type { ReviewDetail } from './review/queue.ts';
export {
  testingRoundInput,
  resubmitTestingRoundInput,
  TESTING_STAGES,
  TESTING_STAGE_LABELS,
  type TestingStage,
  type TestingRoundInput,
  type ResubmitTestingRoundInput,
  type TestingRound,
  type StaffTestingRound,
} from './testing-round/testing-round.ts';
export {
  isolationSnapshotInput,
  resubmitIsolationSnapshotInput,
  isolationFacilityInput,
  updateIsolationFacilityInput,
  FACILITY_STATUSES,
  FACILITY_STATUS_LABELS,
  FACILITY_FIELDS,
  FACILITY_FIELD_LABELS,
  type FacilityField,
  type IsolationFacilityChange,
  type UpdateIsolationFacilityInput,
  type IsolationSnapshot,
  type StaffIsolationSnapshot,
  type ResubmitIsolationSnapshotInput,
  type IsolationFacility,
  type IsolationSnapshotInput,
  type IsolationFacilityInput,
} from './isolation/isolation.ts';
export {
  pressConferenceInput,
  updatePressConferenceInput,
  LINKABLE_TYPES,
  LINKABLE_TYPE_LABELS,
  PRESS_CONFERENCE_FIELDS,
  PRESS_CONFERENCE_FIELD_LABELS,
  type PressConference,
  type PressConferenceInput,
  type PressConferenceField,
  type PressConferenceUpdate,
  type UpdatePressConferenceInput,
  type LinkableType,
} from './press-conference/press-conference.ts';
export * from './press-conference/issuer.ts';
export type { ConferenceIssuer } from './press-conference/issuers.ts';
export * from './bulletin/schema.ts';
export { renderMarkdown } from './bulletin/markdown.ts';
export type {
  Bulletin,
  BulletinAttachment,
  BulletinRevision,
  BulletinTransition,
  PublicBulletin,
  PublicBulletinPublication,
} from './bulletin/bulletin.ts';
export { compareRevisions, type DiffSegment, type FieldComparison } from './bulletin/compare.ts';
export {
  createUserInput,
  signInInput,
  changePasswordInput,
  setUserRoleInput,
  disableUserInput,
  userIdInput,
  sessionHandleInput,
  totpCodeInput,
  totpBeginInput,
  mustEnrollTotp,
  type CreateUserInput,
  type User,
  type Account,
  type SessionInfo,
} from './user/schema.ts';
export { RELEASE_STATUSES, RELEASE_STATUS_LABELS, type Release, type ReleaseStatus } from './release/release.ts';
export { SITE_CHANGE_STATUSES, SITE_CHANGE_STATUS_LABELS, type SiteChangeStatus } from './release/site-change-status.ts';
export {
  BLOCKABLE_KINDS,
  BLOCKABLE_KIND_LABELS,
  culpritOf,
  forItem,
  itemTag,
  type BlockableKind,
  type ItemRef,
} from './release/item-tag.ts';
export type { SiteChange } from './release/site-change.ts';
export type { AuditEntry } from './audit/types.ts';
