import { expect, test } from './fixtures.ts';
import { hydrated, signedInPage } from './helpers.ts';

// A published figure is corrected, not edited: a press officer prepares a correction of one
// district's positives in the demo's second testing round, a reviewer approves it, and the public
// page shows the new value with the old one, the reason and the time.

test.use({ signedInAs: 'press' });

test('a district figure of a published testing round is corrected by two people and marked publicly', async ({
  browser,
  page,
  publicSite,
}) => {
  const reason = '藁城区阳性人数复核后调整';
  await page.goto('/testing-rounds');
  const row = page.getByRole('row').filter({ hasText: '第2轮' });
  await row.getByRole('link', { name: '详情与更正' }).click();
  await expect(page).toHaveURL(/\/testing-rounds\/[^/]+$/);
  await hydrated(page);
  const panel = page.getByRole('region', { name: '更正', exact: true });
  await panel.getByLabel('区县').selectOption({ label: '藁城区' });
  await panel.getByLabel(/^数字/).selectOption({ label: '阳性' });
  await panel.getByRole('button', { name: '添加' }).click();
  await panel.getByLabel(/藁城区 阳性 新数值/).fill('216');
  await panel.getByLabel('更正原因').fill(reason);
  await panel.getByRole('button', { name: '提交更正' }).click();
  await expect(page.getByText('已有一项更正在等待审核')).toBeVisible();

  // The person who prepared it cannot approve it; a reviewer does.
  const reviewer = await signedInPage(browser, 'reviewer');
  await reviewer.goto('/review');
  await reviewer.getByRole('link', { name: /第2轮全员核酸检测：藁城区 阳性/ }).click();
  await hydrated(reviewer);
  await expect(reviewer.getByRole('main')).toContainText(reason);
  await reviewer.getByRole('button', { name: '批准发布' }).click();
  await expect(reviewer.getByText('已批准，更正已生效，公众网站正在更新。')).toBeVisible();
  await reviewer.context().close();

  await publicSite.waitFor('/testing/', async () => {
    await expect(page.getByRole('main')).toContainText(`原为 217，更正原因：${reason}`, { timeout: 1_000 });
  });
  await expect(page.getByRole('main')).toContainText('（已更正）');
  await publicSite.open('/corrections/');
  await expect(page.getByRole('main')).toContainText(reason);
});
