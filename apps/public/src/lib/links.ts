// What a press conference announced: its links resolved to the published records they name, and
// how each is introduced on the conference's page.
import {
  formatAsOf,
  type IsolationSnapshot,
  type LinkableType,
  type PressConference,
  type PublicBulletin,
  type Report,
  type TestingRound,
} from '@epi/core';
import { t } from '../i18n/index.ts';
import type { SiteData } from './api.ts';
import { bulletinPath } from './bulletins.ts';
import { formatDateTime, formatPeriod } from './format.ts';
import { reportHref } from './report-pages.ts';

export type AnnouncedItem =
  | { type: 'report'; report: Report }
  | { type: 'testing_round'; round: TestingRound }
  | { type: 'isolation_snapshot'; snapshot: IsolationSnapshot }
  | { type: 'bulletin'; bulletin: PublicBulletin };

/** For each type, in the order shown (figures first): the published record a link names, if any. */
const FIND: { [T in LinkableType]: (site: SiteData, id: string) => AnnouncedItem | undefined } = {
  report: (site, id) => found(site.reports, id, (report) => ({ type: 'report', report })),
  testing_round: (site, id) => found(site.testingRounds, id, (round) => ({ type: 'testing_round', round })),
  isolation_snapshot: (site, id) => found(site.isolationSnapshots, id, (snapshot) => ({ type: 'isolation_snapshot', snapshot })),
  bulletin: (site, id) => found(site.bulletins, id, (bulletin) => ({ type: 'bulletin', bulletin })),
};
const ORDER = Object.keys(FIND) as LinkableType[];

function found<R extends { id: string }>(records: readonly R[], id: string, item: (record: R) => AnnouncedItem): AnnouncedItem | undefined {
  const record = records.find((r) => r.id === id);
  return record && item(record);
}

/** Links in a fixed order (figures first), skipping any record that is not published. */
export function announcedItems(conference: PressConference, site: SiteData): AnnouncedItem[] {
  return [...conference.links]
    .sort((a, b) => ORDER.indexOf(a.entityType) - ORDER.indexOf(b.entityType))
    .flatMap((link) => FIND[link.entityType](site, link.entityId) ?? []);
}

/** An announced item's section on the conference page: its id, its heading and the link to where it is in full. */
export function announcedSection(item: AnnouncedItem): { id: string; heading: string; link: { href: string; text: string } } {
  const details = t.pressConferences.details;
  switch (item.type) {
    case 'report':
      return {
        id: `report-${item.report.id}`,
        heading: t.pressConferences.reportFigures(formatPeriod(item.report.periodStart, item.report.periodEnd)),
        link: { href: reportHref(item.report), text: details },
      };
    case 'testing_round':
      return {
        id: `round-${item.round.id}`,
        heading:
          item.round.stage === 'in_progress' && item.round.asOf
            ? t.testing.roundAsOf(item.round.number, formatAsOf(item.round.asOf))
            : t.pressConferences.testingFigures(item.round.number),
        link: { href: `/testing/#round-${item.round.number}`, text: details },
      };
    case 'isolation_snapshot':
      return {
        id: `snapshot-${item.snapshot.id}`,
        heading: t.pressConferences.isolationFigures(formatDateTime(item.snapshot.asOf)),
        link: { href: `/isolation/#snapshot-${item.snapshot.id}`, text: details },
      };
    case 'bulletin':
      return {
        id: `bulletin-${item.bulletin.id}`,
        heading: t.pressConferences.bulletinLink,
        link: { href: bulletinPath(item.bulletin.id), text: item.bulletin.title },
      };
  }
}
