// What reading a bulletin yields: the values read with their spans, and what was not understood.

export const EXTRACTED_COUNT_FIELDS = [
  'newConfirmed',
  'newAsymptomatic',
  'reclassifiedConfirmed',
  'newDischarged',
  'newDeaths',
  'cumulativeConfirmed',
  'cumulativeAsymptomatic',
  'cumulativeDischarged',
  'cumulativeDeaths',
  'cumulativeReleased',
  'combinedTotal',
  'underTreatment',
  'underObservation',
] as const;
export type ExtractedCountField = (typeof EXTRACTED_COUNT_FIELDS)[number];
/** periodStart / periodEnd are UTC ISO instants; cumulativeSince is a 'YYYY-MM-DD' date. */
export type ExtractedTimeField = 'periodStart' | 'periodEnd' | 'cumulativeSince';
export type ExtractedField = ExtractedCountField | ExtractedTimeField;

export const EXTRACTED_DISTRICT_FIELDS = ['newConfirmed', 'newAsymptomatic', 'cumulativeConfirmed', 'cumulativeAsymptomatic'] as const;
export type ExtractedDistrictField = (typeof EXTRACTED_DISTRICT_FIELDS)[number];

/** Where something was read: the span itself and the sentence around it, in the original text. */
export interface SourceSpan {
  sentence: string;
  sentenceStart: number;
  sentenceEnd: number;
  start: number;
  end: number;
}

export interface ExtractedValue<V extends number | string = number | string> extends SourceSpan {
  field: ExtractedField;
  value: V;
  /** Set on per-district values. */
  districtCode?: string;
  /** The number as the text states it, when the form value differs (see `notes`). */
  stated?: number;
}

export type UnrecognisedKind =
  /** A number that no rule accounts for. */
  | 'number'
  /** Bulletin vocabulary, but no figure could be read. */
  | 'no-figure'
  /** A period without times, a relative date, an impossible date. */
  | 'period'
  /** A figure for the whole province, another city, or an unstated scope. */
  | 'scope'
  /** A figure whose meaning is not clear from the wording. */
  | 'ambiguous'
  /** A recognised figure the report form has no field for. */
  | 'unsupported'
  /** A district name not in the list of Shijiazhuang's county-level units. */
  | 'district';

export interface UnrecognisedText extends SourceSpan {
  kind: UnrecognisedKind;
  reason: string;
}

export interface ExtractionConflict {
  field: ExtractedField;
  districtCode?: string;
  /** Every statement of the field, in text order. */
  values: ExtractedValue[];
  message: string;
}

/** Something read and understood that the person entering the report should know about. */
export interface ExtractionNote extends SourceSpan {
  message: string;
}

export interface ExtractedDistrict {
  districtCode: string;
  districtName: string;
  newConfirmed: ExtractedValue<number> | null;
  newAsymptomatic: ExtractedValue<number> | null;
  cumulativeConfirmed: ExtractedValue<number> | null;
  cumulativeAsymptomatic: ExtractedValue<number> | null;
}

export type ExtractedFields = {
  periodStart: ExtractedValue<string> | null;
  periodEnd: ExtractedValue<string> | null;
  cumulativeSince: ExtractedValue<string> | null;
} & { [K in ExtractedCountField]: ExtractedValue<number> | null };

/** A count the text states for a period of its own ('1月31日14时至2月1日14时…有57例…治愈出院'). */
export interface ExtractedFigurePeriod extends SourceSpan {
  figure: 'newDischarged';
  /** UTC ISO instants. */
  periodStart: string;
  periodEnd: string;
}

export interface ExtractionResult {
  /** One value per field, or null when the text does not state it or states it in conflict. */
  fields: ExtractedFields;
  /** Counts stated for a period other than the report's, each with that period. */
  figurePeriods: ExtractedFigurePeriod[];
  /** Per-district rows, in the official order of the districts. */
  districts: ExtractedDistrict[];
  /** Every statement read, in text order, including repeated and conflicting ones. */
  values: ExtractedValue[];
  unrecognised: UnrecognisedText[];
  conflicts: ExtractionConflict[];
  notes: ExtractionNote[];
}

export interface ExtractOptions {
  /** Bulletins omit the year; this one is used unless the text states it. */
  year: number;
}
