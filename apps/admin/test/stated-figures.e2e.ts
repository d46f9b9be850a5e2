import { expectNoAxeViolations } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { openHydrated, signedInPage } from './helpers.ts';

// Figures as they were stated: a report that leaves figures out publishes them as 未公布, never 0,
// and names current and cumulative figures apart.

test.use({ signedInAs: 'press' });

test('a report without asymptomatic figures shows them as not stated, and current figures under their own heading', async ({
  browser,
  page,
  publicSite,
}) => {
  await openHydrated(page, '/reports/new');
  // Following on from 1月15日0—12时 (the demo's report): the afternoon, as a press conference gave it.
  await page.getByLabel('统计截止').fill('2021-01-16T00:00');
  await page.getByLabel('新增确诊', { exact: true }).fill('42');
  await page.getByLabel('累计确诊').fill('621');
  await page.getByLabel('累计出院').fill('30');
  await page.getByLabel('现有无症状（医学观察）').fill('9');
  await expect(page.getByLabel('新增无症状', { exact: true })).toHaveAccessibleDescription('未公布的留空');
  await expect(page.getByText('核对通过')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: '提交审核' }).click();
  await expect(page).toHaveURL(/\/reports\?submitted=/);

  const reviewer = await signedInPage(browser, 'reviewer');
  await openHydrated(reviewer, '/review');
  await reviewer
    .getByRole('region', { name: /^待审核/ })
    .getByRole('link', { name: '1月15日12—24时' })
    .click();
  // The reviewer is told which headline figures were left empty.
  await expect(reviewer.getByText('本期未填写新增无症状、累计无症状：公众网站显示为“未公布”，不计为 0')).toBeVisible();
  await reviewer.getByRole('button', { name: '批准发布' }).click();
  await expect(reviewer.getByText('已批准发布，公众网站正在更新。')).toBeVisible();
  await reviewer.context().close();

  await publicSite.waitFor('/figures/', async () => {
    await expect(page.getByText('1月15日12—24时').first()).toBeVisible({ timeout: 1_000 });
  });
  const stats = page.locator('dl.stats').first();
  await expect(stats.getByRole('definition').nth(1)).toHaveText('未公布');
  await expect(stats.getByRole('definition').nth(3)).toHaveText('未公布');
  await expect(page.getByText('现有（截至1月15日24时）')).toBeVisible();
  await expect(page.getByText('现有无症状感染者（尚在医学观察）')).toBeVisible();
  await expect(page.getByText('累计治愈出院').first()).toBeVisible();
  await expectNoAxeViolations(page);
});

test('a discharge count stated for a period of its own is read with that period, apart from the report’s', async ({ page }) => {
  await openHydrated(page, '/reports/new');
  const paste = page.getByRole('region', { name: '粘贴通报原文' });
  await paste
    .getByLabel('通报原文', { exact: true })
    .fill('2月1日0时至14时，全市无新增新冠肺炎确诊病例。1月31日14时至2月1日14时，石家庄市有57例新冠肺炎确诊病例治愈出院。');
  await paste.getByRole('button', { name: '识别' }).click();
  await expect(page.getByLabel('统计开始', { exact: true })).toHaveValue('2021-02-01T00:00');
  await expect(page.getByLabel('统计截止', { exact: true })).toHaveValue('2021-02-01T14:00');
  await expect(page.getByLabel('新增出院')).toHaveValue('57');
  const own = page.getByRole('group', { name: '第 1 项另有时段的数字' });
  await expect(own.getByLabel('数字', { exact: true })).toHaveValue('newDischarged');
  await expect(own.getByLabel('该项统计开始')).toHaveValue('2021-01-31T14:00');
  await expect(own.getByLabel('该项统计截止')).toHaveValue('2021-02-01T14:00');
  await expectNoAxeViolations(page);
  // Taken out, the count belongs to the report's period again.
  await own.getByRole('button', { name: '删除第 1 项另有时段的数字' }).click();
  await expect(page.getByRole('button', { name: '添加另有时段的数字' })).toBeFocused();
});
