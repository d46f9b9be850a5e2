import { expect, test } from './fixtures.ts';
import {
  approveAndPublish,
  attachPdf,
  bulletinOnPortal,
  draftBulletin,
  openHydrated,
  signIn,
  signOut,
  submitForReview,
} from './helpers.ts';

// A bulletin that published personal data by mistake is taken down by an admin and a reviewer:
// its text and attachment disappear from the public site; its address says when and why.

test.use({ signedInAs: 'press' });

test('an admin asks, a reviewer confirms: the public page keeps only the fact and the reason, and the attachment is gone', async ({
  page,
  publicSite,
}) => {
  const title = '关于确诊病例张某某活动轨迹的通报';
  const id = await draftBulletin(page, {
    title,
    issuer: '石家庄市卫生健康委员会',
    category: 'notice',
    bodyMd: '张某某，住某小区3号楼，手机139…',
  });
  await attachPdf(page, '密接人员名单.pdf');
  await submitForReview(page);
  await approveAndPublish(page, id);
  await bulletinOnPortal(page, publicSite, id, title);
  const href = await page.getByRole('link', { name: /密接人员名单\.pdf/ }).getAttribute('href');
  expect((await page.request.get(publicSite.url(href!))).status()).toBe(200);

  // The admin asks, with the reason the public will read.
  await page.goto('/');
  await signOut(page);
  await signIn(page, 'admin');
  await openHydrated(page, `/bulletins/${id}`);
  await page.getByText('撤下公告（误发布个人信息等）').click();
  await page.getByLabel('撤下原因').fill('误发布个人信息，已撤下');
  await page.getByRole('button', { name: '申请撤下' }).click();
  await expect(page.getByText('须由审核人员（另一人）确认')).toBeVisible();
  await expect(page.getByRole('button', { name: '确认撤下' })).toHaveCount(0);

  // The reviewer confirms.
  await signOut(page);
  await signIn(page, 'reviewer');
  await openHydrated(page, `/bulletins/${id}`);
  await page.getByRole('button', { name: '确认撤下' }).click();
  await expect(page.getByRole('status').getByText('已撤下：原文和附件已删除')).toBeVisible();

  await publicSite.waitFor(`/bulletins/${id}/`, async () => {
    await expect(page.getByRole('heading', { name: '本文已撤下' })).toBeVisible({ timeout: 1_000 });
  });
  const main = page.getByRole('main');
  await expect(main).toContainText('误发布个人信息，已撤下');
  await expect(main).not.toContainText('张某某');
  await expect(main).not.toContainText(title);
  expect((await page.request.get(publicSite.url(href!))).status()).toBe(404);
  const feed = await (await page.request.get(publicSite.url('/bulletins/rss.xml'))).text();
  expect(feed).not.toContain('张某某');
  expect(feed).not.toContain(title);

  // The public transparency log, append-only, never had the title: it logs the publication and the
  // takedown by what was done and where (entry bundle of C2SP tlog-tiles; the demo's log is one tile).
  const size = Number((await (await page.request.get(publicSite.url('/log/checkpoint'))).text()).split('\n')[1]);
  expect(size).toBeLessThan(256);
  const bundle = await (await page.request.get(publicSite.url(`/log/tile/entries/000.p/${size}`))).text();
  expect(bundle).toContain(`"path":"/bulletins/${id}/"`);
  expect(bundle).toContain('"reason":"发布公告"');
  expect(bundle).toContain('撤下公告（内容已删除）');
  expect(bundle).not.toContain(title);
});
