// Server-only entry: the database, repositories and write functions, sessions, the publisher.
export * from './index.ts';
export * from './db/database.ts';
export type { Database } from './db/schema.ts';
export type { WriteContext } from './shared/actor.ts';
export { inTransaction } from './shared/tx.ts';
export { seededRandom } from './shared/seeded-random.ts';
export { backupDatabase, BackupError, consolePidFile, restoreDatabase, runningConsole, tableContents } from './db/backup.ts';
export { recordAudit, listAudit } from './audit/audit.ts';
export { getSetting, putSetting } from './setting/setting.ts';
export { listDistricts, upsertDistrict } from './district/district.ts';
export { ensureReferenceData } from './district/reference.ts';
export {
  listDivisions,
  listCounties,
  type County,
  loadDivisions,
  loadCountyIndex,
  homeCityCode,
  shippedDivisions,
  HOME_CITY_SETTING,
  type Division,
} from './division/division.ts';
export { CITY_NAME } from './district/shijiazhuang.ts';
export { listLevelSchemes, listLevels, schemeInForce, setLevelSchemeInForce, LEVEL_SCHEMES } from './zone/levels.ts';
export { listZones, getZone, createZone, sealZone, relevelZone, liftZone } from './zone/zone.ts';
export { searchZones, type ZoneSearchResult } from './zone/search.ts';
export { getDateWindow, setDateWindow, DEFAULT_DATE_WINDOW, type DateWindow, type DateWindowSetting } from './zone/window.ts';
export { previewImport, applyImport, parseBeijingTime, type ImportFile } from './zone/import.ts';
export { currentZonesTable, zoneHistoryTable, importTemplateTable, tableToCsv, tableToXlsx, type ExportTable } from './zone/export.ts';
export { zoneExportFile, zoneExportInput, type ZoneExportFile, type ZoneExportInput } from './zone/export-file.ts';
export { listReports, getReport, checkReport, previousPublishedReport, nextPublishedReport, ReconciliationError } from './report/report.ts';
export {
  reviewedReports,
  listStaffReports,
  getStaffReport,
  submitReport,
  resubmitReport,
  approveReport,
  returnReport,
} from './report/workflow.ts';
export {
  listCorrectionRequests,
  getCorrectionRequest,
  prepareCorrection,
  prepareTestingRoundCorrection,
  prepareIsolationSnapshotCorrection,
  approveCorrection,
  returnCorrection,
  listReportCorrections,
} from './report/correction.ts';
export { listReviewQueue, getForReview } from './review/queue.ts';
export {
  reviewedTestingRounds,
  listTestingRounds,
  listStaffTestingRounds,
  getTestingRound,
  nextTestingRoundNumber,
  previousPublishedRound,
  submitTestingRound,
  resubmitTestingRound,
  approveTestingRound,
  returnTestingRound,
} from './testing-round/testing-round.ts';
export {
  reviewedIsolationSnapshots,
  listIsolationSnapshots,
  listStaffIsolationSnapshots,
  getIsolationSnapshot,
  previousPublishedSnapshot,
  submitIsolationSnapshot,
  resubmitIsolationSnapshot,
  approveIsolationSnapshot,
  returnIsolationSnapshot,
  listIsolationFacilities,
  getIsolationFacility,
  publishIsolationFacility,
  updateIsolationFacility,
} from './isolation/isolation.ts';
export {
  listPressConferences,
  getPressConference,
  getPressConferenceById,
  listPressConferenceAliases,
  publishPressConference,
  updatePressConference,
} from './press-conference/press-conference.ts';
export { pressConferenceIssuers } from './press-conference/issuers.ts';
export {
  listStaffBulletins,
  getBulletin,
  listBulletinRevisions,
  listBulletinTransitions,
  listPublicBulletins,
  publicAttachmentContent,
  attachmentContent,
  createBulletin,
  updateBulletin,
  submitBulletin,
  returnBulletin,
  approveBulletin,
  scheduleBulletin,
  unscheduleBulletin,
  publishBulletin,
  publishDueBulletins,
  nextScheduledBulletin,
  withdrawBulletin,
  uploadAttachment,
} from './bulletin/bulletin.ts';
export {
  createUser,
  listUsers,
  activeUser,
  signIn,
  signOut,
  recordSignInFailure,
  userForSession,
  actorOf,
  SignInError,
  TotpRequiredError,
  TotpError,
  SESSION_TTL_MS,
  SESSION_IDLE_MS,
  DEFAULT_SESSION_POLICY,
  type SessionPolicy,
} from './user/user.ts';
export {
  accountIdOf,
  listAccounts,
  disableUser,
  enableUser,
  setUserRole,
  resetPassword,
  revokeSessions,
  listSessions,
  endOwnSession,
  endOtherSessions,
  changeOwnPassword,
} from './user/accounts.ts';
export { passwordProblem, PASSWORD_MIN_LENGTH } from './user/password-policy.ts';
export { hashPassword, verifyPassword } from './user/password.ts';
export { listReleases, liveRelease } from './release/release.ts';
export {
  latestSiteChange,
  listSiteChanges,
  recordSiteChange,
  siteBehind,
  writeForSite,
  type SiteChange,
  type SiteChangeNote,
} from './release/site-change.ts';
export { bulletinSiteChange } from './bulletin/site-note.ts';
export { activeBlocks, listBlocked, retryBlocked, blockedName, BlockedItemNotFound, type BlockedItem } from './release/blocked.ts';
export { Publisher, type SiteBuilder, type BuildRequest, type PublishOutcome } from './release/publisher.ts';
export { astroSiteBuilder, publicSiteCodeVersion, siteCodeVersion } from './release/site-builder.ts';
export { ScheduledRebuilds, nextChangeAfter } from './release/scheduler.ts';
export { loadDemoData, isEmpty, type DemoOptions } from './demo/load.ts';
export { SYSTEM_ACTOR } from './shared/actor.ts';
export {
  loadOutbreakData,
  outbreakConferences,
  outbreakIsolation,
  outbreakReports,
  outbreakTestingRounds,
  type OutbreakLoad,
} from './demo/outbreak.ts';
export { DEMO_USERS } from './demo/data.ts';
export {
  getZoneChange,
  listZoneChanges,
  previewZoneChange,
  submitZoneChange,
  previewZoneSweep,
  submitZoneSweep,
  submitZoneImport,
  approveZoneChange,
  returnZoneChange,
  type ZoneChange,
  type ZoneChangeOutcome,
} from './zone/change.ts';
export {
  sealAuditLog,
  verifyAuditLog,
  auditPublicKey,
  auditSealFilesFor,
  type AuditSealFiles,
  type AuditHead,
  type AuditVerification,
} from './audit/seal.ts';
export { beginTotpSetup, confirmTotpSetup, resetTotp, totpCodeAt, totpCodeForSecret } from './user/totp.ts';
export {
  requestTakedown,
  confirmTakedown,
  cancelTakedown,
  listTakedowns,
  takenDownBulletinIds,
  TAKEN_DOWN_TITLE,
  type Takedown,
} from './bulletin/takedown.ts';
export {
  writeTransparencyLog,
  transparencyLogKey,
  transparencyLogFor,
  logEntries,
  type TransparencyLogOptions,
  type LogEntry,
} from './translog/log.ts';
export { verifyLog, type SeenTree, type LogVerification } from './translog/verify.ts';
