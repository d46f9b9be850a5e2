import type { AuditEntryTable, CorrectionRequestTable, CorrectionTable } from '../audit/table.ts';
import type {
  BulletinAttachmentTable,
  BulletinRevisionAttachmentTable,
  BulletinRevisionTable,
  BulletinTable,
  BulletinTakedownTable,
  BulletinTransitionTable,
} from '../bulletin/table.ts';
import type { DistrictTable } from '../district/table.ts';
import type { DivisionTable } from '../division/table.ts';
import type {
  IsolationFacilityChangeTable,
  IsolationFacilityTable,
  IsolationSnapshotTable,
  IsolationTransferTable,
} from '../isolation/table.ts';
import type {
  PressConferenceAgencyTable,
  PressConferenceLinkTable,
  PressConferencePersonTable,
  PressConferenceQaTable,
  PressConferenceTable,
  PressConferenceUpdateTable,
  PressConferenceAliasTable,
} from '../press-conference/table.ts';
import type { BlockedItemTable, ReleaseTable, SiteChangeTable } from '../release/table.ts';
import type { ReportDistrictTable, ReportFigurePeriodTable, ReportTable } from '../report/table.ts';
import type { SettingTable } from '../setting/table.ts';
import type { TestingRoundDistrictTable, TestingRoundTable } from '../testing-round/table.ts';
import type { AppUserTable, SessionTable, SignInLimitTable } from '../user/table.ts';
import type { LevelSchemeTable, ZoneChangeTable, ZoneCorrectionTable, ZoneEventTable, ZoneLevelTable, ZoneTable } from '../zone/table.ts';

export interface Database {
  setting: SettingTable;
  district: DistrictTable;
  division: DivisionTable;
  app_user: AppUserTable;
  session: SessionTable;
  sign_in_limit: SignInLimitTable;
  audit_entry: AuditEntryTable;
  correction: CorrectionTable;
  correction_request: CorrectionRequestTable;
  level_scheme: LevelSchemeTable;
  zone_level: ZoneLevelTable;
  zone: ZoneTable;
  zone_event: ZoneEventTable;
  zone_change: ZoneChangeTable;
  zone_correction: ZoneCorrectionTable;
  report: ReportTable;
  report_district: ReportDistrictTable;
  report_figure_period: ReportFigurePeriodTable;
  testing_round: TestingRoundTable;
  testing_round_district: TestingRoundDistrictTable;
  isolation_snapshot: IsolationSnapshotTable;
  isolation_transfer: IsolationTransferTable;
  isolation_facility: IsolationFacilityTable;
  isolation_facility_change: IsolationFacilityChangeTable;
  press_conference: PressConferenceTable;
  press_conference_update: PressConferenceUpdateTable;
  press_conference_alias: PressConferenceAliasTable;
  press_conference_person: PressConferencePersonTable;
  press_conference_agency: PressConferenceAgencyTable;
  press_conference_qa: PressConferenceQaTable;
  press_conference_link: PressConferenceLinkTable;
  bulletin: BulletinTable;
  bulletin_revision: BulletinRevisionTable;
  bulletin_attachment: BulletinAttachmentTable;
  bulletin_revision_attachment: BulletinRevisionAttachmentTable;
  bulletin_transition: BulletinTransitionTable;
  bulletin_takedown: BulletinTakedownTable;
  release: ReleaseTable;
  blocked_item: BlockedItemTable;
  site_change: SiteChangeTable;
}
