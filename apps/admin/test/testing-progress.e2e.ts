import { expectNoAxeViolations } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { openHydrated, signedInPage } from './helpers.ts';

// A testing round published while it goes on: dated progress, approved like any figures, shown
// publicly as progress; the next figures entered continue the same round.

test.use({ signedInAs: 'press' });

test('a round still going on is published as progress 截至 a moment, and its number is offered again', async ({
  browser,
  page,
  publicSite,
}) => {
  await openHydrated(page, '/testing-rounds/new');
  await expect(page.getByLabel('轮次')).toHaveValue('3');
  await page.getByLabel('进展').selectOption('in_progress');
  await page.getByLabel('数据截至').fill('2021-01-16T12:00');
  await page.getByLabel('采样点数').fill('12000');
  await page.getByLabel('采样人数').fill('9500000');
  await page.getByLabel('送检人数').fill('9000000');
  await page.getByLabel('已出结果人数').fill('9200000');
  await page.getByRole('button', { name: '提交审核' }).click();
  // More results than samples sent: named on its field, nothing sent.
  await expect(page.locator('#round-resultsOut-error')).toHaveText('已出结果人数 9200000 超过送检人数 9000000');
  await page.getByLabel('已出结果人数').fill('6500000');
  await page.getByLabel('阳性人数').fill('12');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: '提交审核' }).click();
  await expect(page.getByRole('status').first()).toHaveText('第3轮已提交审核，审核人员批准后发布。');
  await expect(page.getByRole('row', { name: /第3轮/ })).toContainText('进行中（截至1月16日12时）');

  const reviewer = await signedInPage(browser, 'reviewer');
  await openHydrated(reviewer, '/review');
  await reviewer
    .getByRole('region', { name: /^待审核/ })
    .getByRole('link', { name: '第3轮全员核酸检测进展（截至1月16日12时）' })
    .click();
  await reviewer.getByRole('button', { name: '批准发布' }).click();
  await expect(reviewer.getByText('已批准发布，公众网站正在更新。')).toBeVisible();
  await reviewer.context().close();

  // The round goes on: the next figures continue it.
  await openHydrated(page, '/testing-rounds/new');
  await expect(page.getByLabel('轮次')).toHaveValue('3');
  await expect(page.getByLabel('进展')).toHaveValue('in_progress');

  await publicSite.waitFor('/testing/', async () => {
    await expect(page.getByRole('heading', { name: '第3轮全员核酸检测' })).toBeVisible({ timeout: 1_000 });
  });
  const round = page.getByRole('region', { name: '第3轮全员核酸检测' });
  await expect(round).toContainText('进行中');
  await expect(round).toContainText('1月16日12时');
  await expect(round).toContainText('6,500,000');
  await expectNoAxeViolations(page);
});
