import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { bulletin } from '../test-support/bulletins.ts';
import {
  bulletinFeedItem,
  bulletinFeedItems,
  bulletinsAtom,
  bulletinsJsonFeed,
  bulletinsRss,
  FEED_LIMIT,
  htmlToText,
  JSON_FEED_VERSION,
} from './bulletin-feed.ts';

const site = new URL('https://yq.sjz.gov.cn/');
const builtAt = new Date('2021-02-02T00:00:00Z');

const meeting = bulletin({ id: 'meeting', title: '市应对新冠肺炎疫情工作会议', firstPublishedAt: '2021-01-06T08:00:00+08:00' });
const updated = bulletin({
  id: 'updated',
  title: '关于切实关心关爱疫情防控一线工作人员的通知',
  issuer: '中共石家庄市委员会办公室',
  category: 'notice',
  firstPublishedAt: '2021-01-14T20:00:00+08:00',
  updated: { at: '2021-01-15T09:00:00+08:00', reason: '补充第五项标题' },
});
// An issuing body with & and <…> checks the escaping: parsed back, the name must be exactly this.
const withdrawn = bulletin({
  id: 'withdrawn',
  title: '关于网传“全市停水停电”的辟谣',
  issuer: '市委网信办 & <宣传部>',
  category: 'rumour_refutation',
  bodyHtml: '<p>经核实，此消息不实 &amp; 请勿转发。</p>',
  firstPublishedAt: '2021-01-10T10:00:00+08:00',
  withdrawn: { at: '2021-01-16T08:00:00+08:00', reason: '已并入发布会通报' },
});
const bulletins = [updated, withdrawn, meeting];
const items = bulletinFeedItems(bulletins, site);

const ARRAYS = [
  'rss.channel.item',
  'rss.channel.item.category',
  'feed.link',
  'feed.entry',
  'feed.entry.link',
  'feed.entry.author',
  'feed.entry.category',
];
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (_name, jpath) => ARRAYS.includes(String(jpath)),
});
/** RFC 822 as RSS 2.0 wants it (with a four-digit year): 'Wed, 06 Jan 2021 00:00:00 GMT'. */
const RFC_822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

describe('feed mapping (one for every format)', () => {
  it('links the permanent URL and names the issuing body, the category and both dates', () => {
    expect(bulletinFeedItem(updated, site)).toEqual({
      url: 'https://yq.sjz.gov.cn/bulletins/updated/',
      title: '关于切实关心关爱疫情防控一线工作人员的通知',
      published: new Date('2021-01-14T12:00:00Z'),
      updated: new Date('2021-01-15T01:00:00Z'),
      category: { code: 'notice', label: '通知公告', scheme: 'https://yq.sjz.gov.cn/bulletins/category/' },
      author: '中共石家庄市委员会办公室',
      contentHtml:
        '<p><strong>本文已于2021年1月15日 09:00更新。更新原因：补充第五项标题</strong></p>\n<p>会议强调，要对全市所有社区农村实行闭环管控。</p>',
      summary: '本文已于2021年1月15日 09:00更新。更新原因：补充第五项标题',
    });
  });

  it('says 【已撤回】 in the title of a withdrawn bulletin and why it was withdrawn, keeping the text', () => {
    const item = bulletinFeedItem(withdrawn, site);
    expect(item.title).toBe('【已撤回】关于网传“全市停水停电”的辟谣');
    expect(item.updated).toEqual(new Date('2021-01-16T00:00:00Z'));
    expect(item.summary).toBe('本文已于2021年1月16日 08:00撤回，不再有效。撤回原因：已并入发布会通报');
    expect(item.contentHtml).toContain('<p>经核实，此消息不实 &amp; 请勿转发。</p>');
  });

  it('summarises a plain bulletin with the beginning of its text', () => {
    expect(bulletinFeedItem(meeting, site).summary).toBe('会议强调，要对全市所有社区农村实行闭环管控。');
    const long = bulletin({ bodyHtml: `<p>${'防控'.repeat(100)}</p>` });
    expect(bulletinFeedItem(long, site).summary).toBe(`${'防控'.repeat(60)}……`);
    expect(htmlToText('<h2>一、</h2><p>A&amp;B&nbsp;&#x4e2d;&#25991;</p>')).toBe('一、 A&B 中文');
  });

  it('orders by last public change and keeps the latest 50', () => {
    expect(items.map((i) => i.url.split('/').at(-2))).toEqual(['withdrawn', 'updated', 'meeting']);
    const many = Array.from({ length: 60 }, (_, i) =>
      bulletin({ id: `n${i}`, firstPublishedAt: new Date(Date.UTC(2021, 0, 1, i)).toISOString() }),
    );
    const latest = bulletinFeedItems(many, site);
    expect(FEED_LIMIT).toBe(50);
    expect(latest).toHaveLength(50);
    expect(latest[0]!.url).toBe('https://yq.sjz.gov.cn/bulletins/n59/');
    expect(latest.at(-1)!.url).toBe('https://yq.sjz.gov.cn/bulletins/n10/');
  });
});

describe('RSS 2.0', async () => {
  const xml = await bulletinsRss(items, site, builtAt);
  const rss = parser.parse(xml).rss;

  it('parses as XML into an rss 2.0 document', () => {
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    expect(rss['@version']).toBe('2.0');
  });

  it('has the channel elements RSS requires', () => {
    expect(rss.channel.title).toBe('石家庄市疫情信息发布 · 通知公告');
    expect(rss.channel.link).toBe('https://yq.sjz.gov.cn/bulletins/');
    expect(rss.channel.description).toBeTruthy();
    expect(rss.channel.language).toBe('zh-CN');
    expect(rss.channel.lastBuildDate).toMatch(RFC_822);
    expect(rss.channel['atom:link']['@href']).toBe('https://yq.sjz.gov.cn/bulletins/rss.xml');
  });

  it('has title, link, guid (the permanent URL) and pubDate in RFC 822 for every item', () => {
    expect(rss.channel.item).toHaveLength(3);
    for (const item of rss.channel.item) {
      expect(item.title).toBeTruthy();
      expect(item.link).toMatch(/^https:\/\/yq\.sjz\.gov\.cn\/bulletins\/[^/]+\/$/);
      expect(item.guid['#text']).toBe(item.link);
      expect(item.guid['@isPermaLink']).toBe('true');
      expect(item.pubDate).toMatch(RFC_822);
      expect(item['content:encoded']).toContain('<p>');
    }
    const [first] = rss.channel.item;
    expect(first.title).toBe('【已撤回】关于网传“全市停水停电”的辟谣');
    expect(first['dc:creator']).toBe('市委网信办 & <宣传部>');
    expect(first.category).toEqual(['辟谣']);
    expect(first.pubDate).toBe('Sun, 10 Jan 2021 02:00:00 GMT');
  });
});

describe('Atom 1.0', () => {
  const xml = bulletinsAtom(items, site, builtAt);
  const feed = parser.parse(xml).feed;

  it('parses as XML into a feed in the Atom namespace', () => {
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>/);
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
  });

  it('has the feed id, title and updated (the latest change, not the build time)', () => {
    expect(feed.id).toBe('https://yq.sjz.gov.cn/bulletins/');
    expect(feed.title).toBe('石家庄市疫情信息发布 · 通知公告');
    expect(feed.updated).toBe('2021-01-16T00:00:00.000Z');
    expect(feed.link.map((l: Record<string, string>) => [l['@rel'], l['@href']])).toEqual([
      ['alternate', 'https://yq.sjz.gov.cn/bulletins/'],
      ['self', 'https://yq.sjz.gov.cn/bulletins/atom.xml'],
    ]);
  });

  it('has id, title, updated, link, author and category for every entry', () => {
    expect(feed.entry).toHaveLength(3);
    for (const entry of feed.entry) {
      expect(entry.id).toMatch(/^https:\/\/yq\.sjz\.gov\.cn\/bulletins\/[^/]+\/$/);
      expect(entry.title['#text']).toBeTruthy();
      expect(entry.updated).toMatch(ISO);
      expect(entry.published).toMatch(ISO);
      expect(entry.link[0]['@href']).toBe(entry.id);
      expect(entry.author[0].name).toBeTruthy();
      expect(entry.content['@type']).toBe('html');
    }
    const [withdrawnEntry, updatedEntry] = feed.entry;
    expect(withdrawnEntry.title['#text']).toBe('【已撤回】关于网传“全市停水停电”的辟谣');
    expect(withdrawnEntry.author[0].name).toBe('市委网信办 & <宣传部>');
    expect(updatedEntry.published).toBe('2021-01-14T12:00:00.000Z');
    expect(updatedEntry.updated).toBe('2021-01-15T01:00:00.000Z');
    expect(updatedEntry.category[0]).toEqual({
      '@label': '通知公告',
      '@scheme': 'https://yq.sjz.gov.cn/bulletins/category/',
      '@term': 'notice',
    });
  });

  it('says when it was updated even when it is empty', () => {
    const empty = parser.parse(bulletinsAtom([], site, builtAt)).feed;
    expect(empty.updated).toBe('2021-02-02T00:00:00.000Z');
  });
});

describe('JSON Feed 1.1', () => {
  const json = JSON.parse(bulletinsJsonFeed(items, site, builtAt));

  it('has the version, title and feed addresses', () => {
    expect(json.version).toBe(JSON_FEED_VERSION);
    expect(JSON_FEED_VERSION).toBe('https://jsonfeed.org/version/1.1');
    expect(json.title).toBe('石家庄市疫情信息发布 · 通知公告');
    expect(json.home_page_url).toBe('https://yq.sjz.gov.cn/bulletins/');
    expect(json.feed_url).toBe('https://yq.sjz.gov.cn/bulletins/feed.json');
    expect(json.language).toBe('zh-CN');
  });

  it('has id (the permanent URL) and content_html for every item, with 1.1 authors', () => {
    expect(json.items).toHaveLength(3);
    for (const item of json.items) {
      expect(item.id).toBe(item.url);
      expect(item.content_html).toContain('<p>');
      expect(item.date_published).toMatch(ISO);
      expect(item.date_modified).toMatch(ISO);
      expect(item.author).toBeUndefined();
      expect(item.authors).toHaveLength(1);
    }
    expect(json.items[0]).toMatchObject({
      title: '【已撤回】关于网传“全市停水停电”的辟谣',
      authors: [{ name: '市委网信办 & <宣传部>' }],
      tags: ['辟谣'],
    });
  });
});

describe('text that looks like markup, and text XML cannot carry', () => {
  // A bulletin quoting markup in code, with a title of the same kind and a control character pasted in.
  const tricky = bulletin({
    id: 'tricky',
    title: '关于<img src=x onerror=alert(1)>的说明\u000b',
    bodyHtml: '<p>请勿转发 <code>&#x3C;img src=x onerror=alert(1)></code> 这类内容；]]> 也不会截断。</p><p>]]></p>',
    firstPublishedAt: '2021-01-16T08:00:00+08:00',
  });
  const trickyItems = bulletinFeedItems([tricky], site);
  let rss = '';
  beforeAll(async () => {
    rss = await bulletinsRss(trickyItems, site, builtAt);
  });

  it('keeps it text in RSS: the description, read as HTML, carries no tag', () => {
    const item = parser.parse(rss).rss.channel.item[0];
    expect(item.description).not.toMatch(/<img/);
    expect(item.description).toContain('&lt;img');
    expect(item.title).toBe('关于<img src=x onerror=alert(1)>的说明');
    expect(rss).not.toContain('\u000b');
  });

  it('keeps it text in Atom, whose title and summary are HTML, and the XML stays well-formed', () => {
    const xml = bulletinsAtom(trickyItems, site, builtAt);
    const entry = parser.parse(xml).feed.entry[0];
    expect(String(entry.title['#text'] ?? entry.title)).not.toMatch(/<img/);
    expect(String(entry.summary['#text'] ?? entry.summary)).not.toMatch(/<img/);
    expect(xml).not.toContain('\u000b');
    expect(String(entry.content['#text'] ?? entry.content)).toContain('</p><p>]]&gt;</p>');
  });

  it('keeps JSON Feed titles plain', () => {
    const json = JSON.parse(bulletinsJsonFeed(trickyItems, site, builtAt)) as { items: Array<{ title: string }> };
    expect(json.items[0]!.title).toBe('关于<img src=x onerror=alert(1)>的说明');
  });
});
