// Who held a press conference and how it is named: the city's and the province's conferences are
// numbered in separate series, other bodies (a national mechanism, another city) have their own,
// and some conferences carry no number at all. Pure and browser-safe.
import { formatDate } from '../shared/time.ts';

export const CONFERENCE_LEVELS = ['municipal', 'provincial', 'other'] as const;
export type ConferenceLevel = (typeof CONFERENCE_LEVELS)[number];

export const CONFERENCE_LEVEL_LABELS: Record<ConferenceLevel, string> = {
  municipal: '市级',
  provincial: '省级',
  other: '其他机构',
};

/** The first part of a conference's address, by level: `/press-conferences/city-12/`. */
const SLUG_KEYS: Record<ConferenceLevel, string> = { municipal: 'city', provincial: 'province', other: 'other' };

interface Named {
  level: ConferenceLevel;
  issuer: string;
  number: number | null;
  heldOn: string;
}

/** The address a conference is given: its level and number, or its level and date when it has no number. */
export function conferenceSlugBase(c: Pick<Named, 'level' | 'number' | 'heldOn'>): string {
  return `${SLUG_KEYS[c.level]}-${c.number ?? c.heldOn}`;
}

/** Whether an address was made from this base, as given or with a suffix that told it apart from another. */
export function slugFromBase(slug: string, base: string): boolean {
  return slug === base || new RegExp(`^${base}-\\d+$`).test(slug);
}

/** Its place in its body's series: '第12场', or '未标明场次'. */
export const conferenceNumbering = (c: Pick<Named, 'number'>) => (c.number === null ? '未标明场次' : `第${c.number}场`);

/** One line naming a conference: its body and number ('石家庄市人民政府新闻办公室第12场新闻发布会'), or its body and date. */
export function conferenceName(c: Named): string {
  return c.number === null ? `${c.issuer}${formatDate(c.heldOn)}新闻发布会（未标明场次）` : `${c.issuer}第${c.number}场新闻发布会`;
}

/** The office suffixes a body's name carries after the place it speaks for. */
const OFFICE_SUFFIXES = ['人民政府新闻办公室', '人民政府新闻办', '政府新闻办公室', '政府新闻办', '新闻办公室', '新闻办'];

/** The place a body speaks for ('河北省人民政府新闻办公室' → '河北省'), or null when the name is not an office's. */
export function issuerPlace(issuer: string): string | null {
  const name = issuer.trim();
  for (const suffix of OFFICE_SUFFIXES) if (name.length > suffix.length && name.endsWith(suffix)) return name.slice(0, -suffix.length);
  return null;
}

/** The news office of a city or province, as conferences name it. */
export const newsOffice = (place: string) => `${place}人民政府新闻办公室`;

/**
 * The title the city and the province used for their conferences, from the body and the number:
 * '石家庄市新冠肺炎疫情防控工作第12场新闻发布会'; another body's is its name and 新闻发布会.
 */
export function suggestedConferenceTitle(issuer: string, number: number | null): string {
  const name = issuer.trim();
  if (!name) return '';
  const place = issuerPlace(name);
  const numbered = number !== null && Number.isInteger(number) && number > 0 ? `第${number}场` : '';
  return place ? `${place}新冠肺炎疫情防控工作${numbered}新闻发布会` : `${name}${numbered}新闻发布会`;
}
