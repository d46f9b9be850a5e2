import { expect, test } from './fixtures.ts';
import { draftBulletin, openHydrated, shanghaiLocal, signIn, signOut, submitForReview } from './helpers.ts';

// An embargoed bulletin: approved for a time in the near future, it goes out on its own at that
// time — with nobody signed in — and not before. The server's clock is moved instead of waiting.

test.use({ signedInAs: 'press' });

test('a bulletin approved for a later time appears on the public site and in the feed once that time has passed, not before', async ({
  page,
  publicSite,
  clock,
}) => {
  const title = '关于第12场新闻发布会的通告';
  const id = await draftBulletin(page, {
    title,
    issuer: '石家庄市人民政府新闻办公室',
    category: 'press_release',
    bodyMd: '石家庄市第十二场新冠肺炎疫情防控工作新闻发布会将于今日举行。',
  });
  await submitForReview(page);
  await signOut(page);

  // The reviewer approves it for a whole minute, an hour from the server's now.
  await signIn(page, 'reviewer');
  await openHydrated(page, `/bulletins/${id}`);
  const now = await clock.now();
  const publishAt = new Date(Math.ceil(now.getTime() / 60_000) * 60_000 + 60 * 60_000);
  await page.getByLabel('定时发布时间').fill(shanghaiLocal(publishAt));
  await page.getByRole('button', { name: '批准并定时发布' }).click();
  await expect(page.getByRole('status').getByText('已批准，将于')).toBeVisible();
  await signOut(page);

  // The reviewer's time binds: the press officer can neither publish it early nor move it.
  await signIn(page, 'press');
  await openHydrated(page, `/bulletins/${id}`);
  await expect(page.getByText('发布时间由审核人确定')).toBeVisible();
  await expect(page.getByRole('button', { name: '立即发布' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '取消定时' })).toHaveCount(0);
  await signOut(page);

  // Ten minutes before the time the site is rebuilt, and the bulletin is still not on it (ten, not
  // one: the server's clock runs on while the site builds, and a build can take a minute on a
  // loaded machine). Only an admin may move the test clock.
  await signIn(page, 'admin');
  const beforeTime = new Date(publishAt.getTime() - 10 * 60_000);
  await clock.moveTo(beforeTime);
  await openHydrated(page, '/releases');
  await page.getByRole('button', { name: '重新生成公众网站' }).click();
  await publicSite.waitFor('/bulletins/', async () => {
    expect((await publicSite.builtAt()).getTime()).toBeGreaterThanOrEqual(beforeTime.getTime());
  });
  await expect(page.getByRole('main')).not.toContainText(title);
  expect((await page.request.get(publicSite.url(`/bulletins/${id}/`))).status()).toBe(404);
  expect(await (await page.request.get(publicSite.url('/bulletins/rss.xml'))).text()).not.toContain(title);
  await page.goto(`/bulletins/${id}`);
  await expect(page.getByRole('region', { name: '状态' })).toContainText('定时发布');

  // The time passes with nobody signed in: published by the system, the site rebuilt for it.
  await clock.moveTo(new Date(publishAt.getTime() + 1_000));
  await signOut(page);
  await publicSite.waitFor(`/bulletins/${id}/`, async () => {
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title, { timeout: 1_000 });
  });
  const feed = await page.request.get(publicSite.url('/bulletins/rss.xml'));
  expect(feed.ok()).toBe(true);
  expect(await feed.text()).toContain(title);

  await page.goto('/');
  await signIn(page, 'press');
  await page.goto(`/bulletins/${id}`);
  await expect(page.getByRole('table', { name: /每一步由谁/ })).toContainText('定时发布 → 已发布');
  await expect(page.getByRole('table', { name: /每一步由谁/ })).toContainText('系统');
});
