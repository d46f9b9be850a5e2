// What a press conference announced: its links resolved to the published records they name.
import type { IsolationSnapshot, LinkableType, PressConference, PublicBulletin, Report, TestingRound } from '@epi/core';
import type { SiteData } from './api.ts';

export type AnnouncedItem =
  | { type: 'report'; report: Report }
  | { type: 'testing_round'; round: TestingRound }
  | { type: 'isolation_snapshot'; snapshot: IsolationSnapshot }
  | { type: 'bulletin'; bulletin: PublicBulletin };

const ORDER: LinkableType[] = ['report', 'testing_round', 'isolation_snapshot', 'bulletin'];

/** Links in a fixed order (figures first), skipping any record that is not published. */
export function announcedItems(conference: PressConference, site: SiteData): AnnouncedItem[] {
  const items: AnnouncedItem[] = [];
  const links = [...conference.links].sort((a, b) => ORDER.indexOf(a.entityType) - ORDER.indexOf(b.entityType));
  for (const link of links) {
    switch (link.entityType) {
      case 'report': {
        const report = site.reports.find((r) => r.id === link.entityId);
        if (report) items.push({ type: 'report', report });
        break;
      }
      case 'testing_round': {
        const round = site.testingRounds.find((r) => r.id === link.entityId);
        if (round) items.push({ type: 'testing_round', round });
        break;
      }
      case 'isolation_snapshot': {
        const snapshot = site.isolationSnapshots.find((s) => s.id === link.entityId);
        if (snapshot) items.push({ type: 'isolation_snapshot', snapshot });
        break;
      }
      case 'bulletin': {
        const bulletin = site.bulletins.find((b) => b.id === link.entityId);
        if (bulletin) items.push({ type: 'bulletin', bulletin });
        break;
      }
    }
  }
  return items;
}
