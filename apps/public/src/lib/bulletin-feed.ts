// Feeds of bulletins: RSS 2.0 (@astrojs/rss), Atom 1.0 and JSON Feed 1.1 (`feed`). One mapping,
// `bulletinFeedItems`, turns the public list into feed items; each format only renders them.
// Items are the latest FEED_LIMIT by their last public change (publication, update or
// withdrawal), so a reader sees an old bulletin again when it is updated or withdrawn.
import { getRssString, type RSSFeedItem } from '@astrojs/rss';
import { BULLETIN_CATEGORY_LABELS, type PublicBulletin } from '@epi/core';
import { Feed, type Item } from 'feed';
import { t } from '../i18n/index.ts';
import { bulletinChangedAt, bulletinPath } from './bulletins.ts';
import { formatDateTime } from './format.ts';

export const FEED_LIMIT = 50;

export const FEED_PATHS = {
  rss: '/bulletins/rss.xml',
  atom: '/bulletins/atom.xml',
  json: '/bulletins/feed.json',
} as const;

export const FEED_TYPES = {
  rss: 'application/rss+xml',
  atom: 'application/atom+xml',
  json: 'application/feed+json',
} as const;

export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';

/** A bulletin as every feed format shows it. */
export interface BulletinFeedItem {
  /** The permanent URL: the item's link, RSS guid, Atom id and JSON Feed id. */
  url: string;
  /** Withdrawn bulletins say so first: 【已撤回】… */
  title: string;
  /** First publication. */
  published: Date;
  /** Last public change: the latest publication, or the withdrawal. */
  updated: Date;
  category: { code: PublicBulletin['category']; label: string; scheme: string };
  /** The issuing body. */
  author: string;
  /** The published text, after a notice of the withdrawal or update when there is one. */
  contentHtml: string;
  /** Plain text: the withdrawal or update notice, else the beginning of the text. */
  summary: string;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** The text of sanitised HTML, whitespace collapsed. */
export function htmlToText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(
      /&(#\d+|#x[0-9a-f]+|\w+);/gi,
      (m, e: string) =>
        ENTITIES[e] ??
        (e.startsWith('#x') || e.startsWith('#X')
          ? String.fromCodePoint(parseInt(e.slice(2), 16))
          : e.startsWith('#')
            ? String.fromCodePoint(Number(e.slice(1)))
            : m),
    )
    .replace(/\s+/g, ' ')
    .trim();
}

const SUMMARY_LENGTH = 120;

function excerpt(text: string): string {
  const chars = [...text];
  return chars.length > SUMMARY_LENGTH ? `${chars.slice(0, SUMMARY_LENGTH).join('')}……` : text;
}

/** Characters XML 1.0 does not allow, which a pasted text may still carry. */
// eslint-disable-next-line no-control-regex -- these control characters are exactly what it removes
const xmlSafe = (s: string) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');

/**
 * HTML for a CDATA section: "]]>" in the text would end the section early; "]]&gt;" reads the same
 * as HTML.
 */
const cdataSafe = (html: string) => xmlSafe(html).replaceAll(']]>', ']]&gt;');

/** The one mapping from a public bulletin to a feed item. */
export function bulletinFeedItem(b: PublicBulletin, site: URL): BulletinFeedItem {
  const notice = b.withdrawn
    ? t.feed.withdrawn(formatDateTime(b.withdrawn.at), b.withdrawn.reason)
    : b.updated
      ? t.feed.updated(formatDateTime(b.updated.at), b.updated.reason)
      : null;
  return {
    url: new URL(bulletinPath(b.id), site).href,
    title: xmlSafe(b.withdrawn ? `${t.feed.withdrawnPrefix}${b.title}` : b.title),
    published: new Date(b.firstPublishedAt),
    updated: new Date(bulletinChangedAt(b)),
    category: { code: b.category, label: BULLETIN_CATEGORY_LABELS[b.category], scheme: new URL('/bulletins/category/', site).href },
    author: xmlSafe(b.issuer),
    contentHtml: cdataSafe(notice ? `<p><strong>${escapeHtml(notice)}</strong></p>\n${b.bodyHtml}` : b.bodyHtml),
    summary: xmlSafe(notice ?? excerpt(htmlToText(b.bodyHtml))),
  };
}

/** The latest `limit` bulletins by last public change, newest first. */
export function bulletinFeedItems(bulletins: PublicBulletin[], site: URL, limit = FEED_LIMIT): BulletinFeedItem[] {
  return bulletins
    .map((b) => bulletinFeedItem(b, site))
    .sort(
      (a, b) => b.updated.getTime() - a.updated.getTime() || b.published.getTime() - a.published.getTime() || a.url.localeCompare(b.url),
    )
    .slice(0, limit);
}

/** The feed's own updated time: its latest item's, so that an unchanged feed stays byte-identical. */
export function feedUpdated(items: BulletinFeedItem[], builtAt: Date): Date {
  return items.reduce<Date | null>((max, i) => (max === null || i.updated > max ? i.updated : max), null) ?? builtAt;
}

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** RSS 2.0. The issuing body is dc:creator (RSS's own <author> must be an e-mail address). */
export function bulletinsRss(items: BulletinFeedItem[], site: URL, builtAt: Date): Promise<string> {
  const self = new URL(FEED_PATHS.rss, site).href;
  return getRssString({
    title: t.feed.title,
    description: t.feed.description,
    site: new URL('/bulletins/', site).href,
    trailingSlash: true,
    xmlns: { atom: 'http://www.w3.org/2005/Atom', dc: 'http://purl.org/dc/elements/1.1/' },
    customData:
      `<language>${t.lang}</language>` +
      `<lastBuildDate>${feedUpdated(items, builtAt).toUTCString()}</lastBuildDate>` +
      `<atom:link href="${xmlText(self)}" rel="self" type="${FEED_TYPES.rss}"/>`,
    items: items.map((i): RSSFeedItem => ({
      title: i.title,
      link: i.url,
      pubDate: i.published,
      // Readers take an RSS description as HTML: the plain-text summary is escaped for it.
      description: escapeHtml(i.summary),
      content: i.contentHtml,
      categories: [i.category.label],
      customData: `<dc:creator>${xmlText(i.author)}</dc:creator>`,
    })),
  });
}

/**
 * Atom and JSON Feed come from the same `feed` instance. Atom writes title and summary as
 * type="html", JSON Feed's title and summary are plain text: they are escaped for Atom only.
 */
function feedOf(items: BulletinFeedItem[], site: URL, builtAt: Date, format: 'atom' | 'json'): Feed {
  const text = format === 'atom' ? escapeHtml : (s: string) => s;
  const home = new URL('/bulletins/', site).href;
  const feed = new Feed({
    id: home,
    title: t.feed.title,
    description: t.feed.description,
    link: home,
    language: t.lang,
    updated: feedUpdated(items, builtAt),
    generator: false,
    author: { name: t.feed.author, link: site.href },
    feedLinks: {
      rss: new URL(FEED_PATHS.rss, site).href,
      atom: new URL(FEED_PATHS.atom, site).href,
      json: new URL(FEED_PATHS.json, site).href,
    },
  });
  for (const i of items) {
    const item: Item = {
      id: i.url,
      guid: i.url,
      link: i.url,
      title: text(i.title),
      date: i.updated,
      published: i.published,
      description: text(i.summary),
      content: i.contentHtml,
      author: [{ name: i.author }],
      category: [{ name: i.category.label, term: i.category.code, scheme: i.category.scheme }],
    };
    feed.addItem(item);
  }
  return feed;
}

/** Atom 1.0. */
export function bulletinsAtom(items: BulletinFeedItem[], site: URL, builtAt: Date): string {
  return feedOf(items, site, builtAt, 'atom').atom1();
}

interface JsonFeedAuthor {
  name?: string;
  url?: string;
}

/** JSON Feed 1.1 (`feed` writes 1.0: the version, `language` and `authors` are set here). */
export function bulletinsJsonFeed(items: BulletinFeedItem[], site: URL, builtAt: Date): string {
  const json = JSON.parse(feedOf(items, site, builtAt, 'json').json1()) as Record<string, unknown> & {
    author?: JsonFeedAuthor;
    items: Array<Record<string, unknown> & { author?: JsonFeedAuthor }>;
  };
  const { author, items: feedItems, ...rest } = json;
  return JSON.stringify(
    {
      ...rest,
      version: JSON_FEED_VERSION,
      language: t.lang,
      ...(author ? { authors: [author] } : {}),
      items: feedItems.map(({ author: itemAuthor, ...item }) => ({ ...item, ...(itemAuthor ? { authors: [itemAuthor] } : {}) })),
    },
    null,
    2,
  );
}
