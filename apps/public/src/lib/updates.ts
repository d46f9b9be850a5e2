// How the public pages say that a published item was changed afterwards: an isolation facility
// (each changed field with what it was before) or a press conference (which parts changed, why).
import {
  FACILITY_STATUS_LABELS,
  PRESS_CONFERENCE_FIELD_LABELS,
  type FacilityField,
  type IsolationFacilityChange,
  type PressConferenceUpdate,
} from '@epi/core';
import { t } from '../i18n/index.ts';
import { formatCount, formatDate } from './format.ts';

const I = t.isolation;

/** The label and the formatting of each facility field, as the facility's own entry shows it. */
const FACILITY_FIELDS: Record<FacilityField, { label: string; format: (v: string | number) => string }> = {
  name: { label: I.facilityName, format: String },
  location: { label: I.location, format: String },
  status: { label: I.status, format: (v) => FACILITY_STATUS_LABELS[v as keyof typeof FACILITY_STATUS_LABELS] ?? String(v) },
  rooms: { label: I.facilityRooms, format: (v) => formatCount(Number(v), t.common.rooms) },
  roomAreaM2: { label: I.roomArea, format: (v) => formatCount(Number(v), t.common.squareMetres) },
  floorAreaM2: { label: I.floorArea, format: (v) => formatCount(Number(v), t.common.squareMetres) },
  siteAreaMu: { label: I.siteArea, format: (v) => formatCount(Number(v), t.common.mu) },
  constructionStartedOn: { label: I.constructionStartedOn, format: (v) => formatDate(String(v)) },
  openedOn: { label: I.openedOn, format: (v) => formatDate(String(v)) },
  description: { label: I.description, format: String },
};

/** One line per changed field: '状态：原为建设中，现为已投用'. */
export function facilityChangeLines(change: IsolationFacilityChange): string[] {
  return change.fields.map(({ field, before, after }) => {
    const f = FACILITY_FIELDS[field];
    const shown = (v: string | number | null) => (v === null || v === '' ? I.empty : f.format(v));
    return I.changedFrom(f.label, shown(before), shown(after));
  });
}

/** '修改了：本场发布的内容、问答'. */
export function conferenceUpdateFields(update: PressConferenceUpdate): string {
  return t.pressConferences.updatedFields(update.fields.map((f) => PRESS_CONFERENCE_FIELD_LABELS[f]).join(t.common.listSeparator));
}
