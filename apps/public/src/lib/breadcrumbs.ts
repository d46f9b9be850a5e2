// The pages a breadcrumb leads back to (the layout's `breadcrumb`), each named once.
import { t } from '../i18n/index.ts';

export interface Crumb {
  href: string;
  text: string;
}

export const CRUMBS = {
  zones: { href: '/zones/', text: t.zones.title },
  districts: { href: '/districts/', text: t.districts.allDistricts },
  timeline: { href: '/zones/timeline/', text: t.timeline.title },
  onDate: { href: '/zones/on/', text: t.onDate.title },
  figures: { href: '/figures/', text: t.figures.title },
  reports: { href: '/reports/', text: t.report.listTitle },
  bulletins: { href: '/bulletins/', text: t.bulletins.title },
  pressConferences: { href: '/press-conferences/', text: t.pressConferences.title },
} satisfies Record<string, Crumb>;
