import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';
import { expect, test, type PublicSite } from './fixtures.ts';

// The public side of bulletins on the demo data (its two bulletins): filter pages, feeds, sitemap,
// and the static full-text search (Pagefind) over bulletins, press conferences and zones.

const MEETING = '市应对新冠肺炎疫情工作会议：要对全市所有社区农村实行闭环管控';
const NOTICE = '关于切实关心关爱疫情防控一线工作人员的通知';
const SEARCH_LABEL = '搜索关键词';

/** The permanent URL of a demo bulletin, read from the list. */
async function bulletinPath(page: Page, publicSite: PublicSite, title: string): Promise<string> {
  await publicSite.open('/bulletins/');
  const href = await page.getByRole('main').getByRole('link', { name: title, exact: true }).first().getAttribute('href');
  expect(href).toMatch(/^\/bulletins\/[0-9a-f-]{36}\/$/);
  return href!;
}

async function search(page: Page, query: string): Promise<void> {
  const input = page.getByLabel(SEARCH_LABEL);
  await expect(input).toBeVisible();
  await input.fill(query);
  await input.press('Enter');
  await expect(page.getByRole('status')).toContainText(`与“${query}”相关的结果`);
}

test.describe('bulletins on the public portal (demo data)', () => {
  test('a filter page lists the bulletins of its issuing body and category, with counts on /bulletins/', async ({ page, publicSite }) => {
    await publicSite.open('/bulletins/');
    const filters = page.getByRole('navigation', { name: '筛选通知公告' });
    await expect(filters.getByRole('link', { name: '全部通知公告（2条）', exact: true })).toHaveAttribute('aria-current', 'page');
    await filters.getByRole('link', { name: '石家庄日报（1条）', exact: true }).click();
    await expect(page).toHaveURL(/\/bulletins\/issuer\/[0-9a-f]{10}\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('石家庄日报发布的通知公告');
    const list = page
      .getByRole('main')
      .getByRole('list')
      .filter({ has: page.getByRole('link', { name: MEETING, exact: true }) });
    await expect(list).toBeVisible();
    await expect(page.getByRole('main').getByRole('link', { name: NOTICE, exact: true })).toHaveCount(0);

    await page.getByRole('navigation', { name: '筛选通知公告' }).getByRole('link', { name: '会议（1条）', exact: true }).click();
    await expect(page).toHaveURL(/\/bulletins\/category\/meeting\/$/);
    await expect(page.getByRole('main').getByRole('link', { name: MEETING, exact: true })).toBeVisible();
    await expect(page.getByRole('main').getByRole('link', { name: NOTICE, exact: true })).toHaveCount(0);

    await page.getByRole('navigation', { name: '筛选通知公告' }).getByRole('link', { name: '2021年1月（2条）', exact: true }).click();
    await expect(page).toHaveURL(/\/bulletins\/month\/2021-01\/$/);
    await expect(page.getByRole('main').getByRole('link', { name: NOTICE, exact: true })).toBeVisible();
  });

  test('RSS, Atom and JSON Feed are served, advertised in the head, and hold the demo bulletins', async ({ page, publicSite }) => {
    const meeting = publicSite.url(await bulletinPath(page, publicSite, MEETING));
    const notice = publicSite.url(await bulletinPath(page, publicSite, NOTICE));
    const origin = publicSite.origin;
    const alternates = await page
      .locator('head link[rel="alternate"]')
      .evaluateAll((links) => links.map((l) => [l.getAttribute('type'), l.getAttribute('href')]));
    expect(alternates).toEqual([
      ['application/rss+xml', `${origin}/bulletins/rss.xml`],
      ['application/atom+xml', `${origin}/bulletins/atom.xml`],
      ['application/feed+json', `${origin}/bulletins/feed.json`],
    ]);

    const rss = await page.request.get(`${origin}/bulletins/rss.xml`);
    expect(rss.ok()).toBe(true);
    expect(rss.headers()['content-type']).toMatch(/xml/);
    const rssText = await rss.text();
    expect(rssText).toContain('<rss version="2.0"');
    for (const [title, url] of [
      [MEETING, meeting],
      [NOTICE, notice],
    ]) {
      expect(rssText).toContain(`<title>${title}</title>`);
      expect(rssText).toContain(`<guid isPermaLink="true">${url}</guid>`);
    }

    const atom = await page.request.get(`${origin}/bulletins/atom.xml`);
    expect(atom.ok()).toBe(true);
    const atomText = await atom.text();
    expect(atomText).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(atomText).toContain(`<id>${meeting}</id>`);
    expect(atomText).toContain(`<id>${notice}</id>`);

    const json = await page.request.get(`${origin}/bulletins/feed.json`);
    expect(json.ok()).toBe(true);
    const feed = (await json.json()) as { version: string; items: Array<{ id: string; title: string; content_html: string }> };
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.items).toHaveLength(2);
    expect(feed.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: meeting, title: MEETING, content_html: expect.stringContaining('闭环管控') }),
        expect.objectContaining({ id: notice, title: NOTICE }),
      ]),
    );
  });

  test('the sitemap is named in robots.txt and lists the bulletins', async ({ page, publicSite }) => {
    const meeting = publicSite.url(await bulletinPath(page, publicSite, MEETING));
    const origin = publicSite.origin;
    const robots = await (await page.request.get(`${origin}/robots.txt`)).text();
    expect(robots).toContain(`Sitemap: ${origin}/sitemap-index.xml`);
    const index = await (await page.request.get(`${origin}/sitemap-index.xml`)).text();
    const sitemap = /<loc>([^<]+)<\/loc>/.exec(index)![1]!;
    const pages = await (await page.request.get(sitemap)).text();
    expect(pages).toContain(`<loc>${meeting}</loc>`);
    expect(pages).toContain(`<loc>${origin}/search/</loc>`);
    expect(pages).not.toContain('rss.xml');
  });

  test('search finds a bulletin by a word of its text and a zone by its name', async ({ page, publicSite }) => {
    await publicSite.open('/bulletins/');
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '搜索' }).click();
    await expect(page).toHaveURL(/\/search\/$/);

    await search(page, '零售药店'); // only in the body of the meeting bulletin
    const results = page.getByRole('list', { name: '搜索结果' });
    const hit = results.getByRole('listitem').filter({ has: page.getByRole('link', { name: MEETING, exact: true }) });
    await expect(hit).toContainText('通知公告');
    await expect(hit.locator('mark').first()).toHaveText('零售药店');

    await search(page, '小果庄');
    const zone = results.getByRole('link', { name: '增村镇小果庄村', exact: true });
    await expect(zone).toBeVisible();
    await expect(
      results.getByRole('listitem').filter({ has: page.getByRole('link', { name: '增村镇小果庄村', exact: true }) }),
    ).toContainText('管控区域');
    await zone.click();
    await expect(page).toHaveURL(/\/zones\/[^/]+\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('增村镇小果庄村');

    // The address remembers the query.
    await publicSite.open(`/search/?q=${encodeURIComponent('心理疏导')}`);
    await expect(page.getByRole('status')).toContainText('与“心理疏导”相关的结果');
    await expect(results.getByRole('link', { name: NOTICE, exact: true })).toBeVisible();
  });

  test('without JavaScript, /search/ says search needs it and links the lists', async ({ browser, publicSite }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(publicSite.url('/search/'));
    await expect(page.getByRole('main')).toContainText('搜索需要浏览器启用 JavaScript');
    await expect(page.getByLabel(SEARCH_LABEL)).toBeHidden();
    for (const name of ['通知公告', '新闻发布会', '管控区域']) {
      await expect(page.getByRole('main').getByRole('link', { name, exact: true })).toBeVisible();
    }
    await context.close();
  });

  test('axe finds no violations on the list, a bulletin, a filter page and search with results', async ({ page, publicSite }) => {
    await publicSite.open('/bulletins/');
    await expectNoAxeViolations(page);

    await page.getByRole('main').getByRole('link', { name: MEETING, exact: true }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(MEETING);
    await expectNoAxeViolations(page);

    await page.getByRole('main').getByRole('link', { name: '会议', exact: true }).click();
    await expect(page).toHaveURL(/\/bulletins\/category\/meeting\/$/);
    await expectNoAxeViolations(page);

    await publicSite.open('/search/');
    await expectNoAxeViolations(page);
    await search(page, '闭环管控');
    await expect(page.getByRole('list', { name: '搜索结果' }).getByRole('link', { name: MEETING, exact: true })).toBeVisible();
    await expectNoAxeViolations(page);
  });
});
