import { expect, test } from './fixtures.ts';
import {
  approveAndPublish,
  attachPdf,
  bulletinOnPortal,
  draftBulletin,
  hydrated,
  openHydrated,
  PDF,
  signIn,
  signOut,
  submitForReview,
} from './helpers.ts';

// Revisions, attachments and withdrawal: every save is a version that can be compared with any
// other; attachments are checked by content and published with their version; a published
// bulletin is changed through the same review, and withdrawn with a public reason.

test.use({ signedInAs: 'press' });

test('a bulletin with an attachment is revised through review, compared, and withdrawn with a public reason', async ({
  page,
  publicSite,
}) => {
  const title = '关于调整全员核酸检测安排的通知';
  const id = await draftBulletin(page, {
    title,
    issuer: '石家庄市卫生健康委员会',
    category: 'notice',
    bodyMd: '第三轮全员核酸检测于1月16日开始。',
  });
  await hydrated(page);

  // A file named .pdf that is not a PDF is refused, by its content.
  await page.getByLabel('上传附件').setInputFiles({ name: '检测点名单.pdf', mimeType: 'application/pdf', buffer: Buffer.from('不是PDF') });
  await page.getByRole('button', { name: '上传', exact: true }).click();
  await expect(page.getByText(/只接受 PDF/).first()).toBeVisible();
  await attachPdf(page, '检测点名单.pdf');
  await submitForReview(page);
  await approveAndPublish(page, id);
  await bulletinOnPortal(page, publicSite, id, title);
  const link = page.getByRole('link', { name: /检测点名单\.pdf/ });
  const href = await link.getAttribute('href');
  // Published under its id; the uploaded name is the link's text and the name it is saved under.
  expect(href).toMatch(new RegExp(`^/bulletins/${id}/attachments/[0-9a-f-]{36}\\.pdf$`));
  expect(await link.getAttribute('download')).toBe('检测点名单.pdf');
  const file = await page.request.get(publicSite.url(href!));
  expect(file.headers()['content-type']).toContain('application/pdf');
  expect(Buffer.from(await file.body()).equals(PDF)).toBe(true);

  // The press officer corrects the published text; the public keeps the old one until it is approved.
  await page.goto('/');
  await signOut(page);
  await signIn(page, 'press');
  await openHydrated(page, `/bulletins/${id}`);
  await page.getByLabel('正文（Markdown）').fill('第三轮全员核酸检测于1月17日开始。');
  await page.getByLabel('修改原因').fill('检测开始日期调整为1月17日');
  await page.getByRole('button', { name: '保存修改' }).click();
  await expect(page.getByRole('status').getByText('公众仍看到第 2 版')).toBeVisible();

  await page.getByRole('button', { name: '并排对比' }).click();
  await expect(page).toHaveURL(new RegExp(`/bulletins/${id}/compare\\?a=2&b=3$`));
  const body = page.getByRole('row', { name: /正文/ });
  await expect(body.locator('del')).toHaveText('6');
  await expect(body.locator('ins')).toHaveText('7');

  await openHydrated(page, `/bulletins/${id}`);
  await submitForReview(page);
  await approveAndPublish(page, id);
  await publicSite.waitFor(`/bulletins/${id}/`, async () => {
    await expect(page.getByRole('main')).toContainText('1月17日开始', { timeout: 1_000 });
  });
  await expect(page.getByRole('main')).toContainText('检测开始日期调整为1月17日');

  // Withdrawn: the page stays at its address and says why at the top.
  await openHydrated(page, `/bulletins/${id}`);
  await page.getByText('撤回公告').click();
  await page.getByLabel('撤回原因').fill('检测安排以1月17日市政府通告为准');
  await page.getByRole('button', { name: '撤回', exact: true }).click();
  await expect(page.getByRole('status').getByText('已撤回')).toBeVisible();
  await publicSite.waitFor(`/bulletins/${id}/`, async () => {
    await expect(page.getByRole('main')).toContainText('检测安排以1月17日市政府通告为准', { timeout: 1_000 });
  });
});
