import { expectNoAxeViolations } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { fillIn, hydrated, openHydrated, rowOf, signedInPage } from './helpers.ts';

// Two people see every figure that goes out: a press officer submits the third testing round, a
// reviewer compares it with the second, returns it with a comment, and approves the resubmission.

test.use({ signedInAs: 'press' });

test('a testing round is returned with a comment, resubmitted and approved by another person, then published', async ({
  browser,
  page,
  publicSite,
}) => {
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '核酸检测' }).click();
  await page.getByRole('link', { name: '录入检测轮次' }).click();
  await expect(page).toHaveURL(/\/testing-rounds\/new$/);
  await hydrated(page);
  await expect(page.getByLabel('轮次')).toHaveValue('3');
  await page.getByLabel('开始时间').fill('2021-01-16T07:00');
  await page.getByLabel('完成时间').fill('2021-01-17T18:00');
  const city = page.getByRole('group', { name: '全市数字' });
  await fillIn(city, { 采样点数: '14000', 检测人数: '10600000', 阳性人数: '20' });
  await page.getByRole('button', { name: '添加区县' }).click();
  const first = page.getByRole('group', { name: '第 1 行' });
  await expect(first.getByLabel('区县')).toBeFocused();
  await first.getByLabel('区县').selectOption({ label: '藁城区' });
  await first.getByLabel('阳性人数').fill('18');
  await page.getByRole('button', { name: '添加区县' }).click();
  const second = page.getByRole('group', { name: '第 2 行' });
  await second.getByLabel('区县').selectOption({ label: '井陉矿区' });
  await second.getByLabel('未扩散').check();
  await page.getByLabel('摘要').fill('第三轮全员核酸检测完成（端到端测试）。');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: '提交审核' }).click();
  await expect(page).toHaveURL(/\/testing-rounds\?submitted=/);
  await expect(page.getByRole('status').first()).toHaveText('第3轮已提交审核，审核人员批准后发布。');
  const listed = rowOf(page.getByRole('table'), '第3轮');
  await expect(listed).toContainText('待审核');

  // The submitter cannot approve their own figures.
  await listed.getByRole('link', { name: '第3轮' }).click();
  await expect(page.getByText('本人提交的内容需由其他审核人员批准')).toBeVisible();
  await expect(page.getByRole('button', { name: '批准发布' })).toHaveCount(0);

  const reviewer = await signedInPage(browser, 'reviewer');
  await reviewer.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '审核' }).click();
  const waiting = reviewer.getByRole('region', { name: /^待审核/ });
  await expect(waiting.getByRole('row', { name: /第3轮全员核酸检测/ })).toContainText('演示新闻发布员');
  await waiting.getByRole('link', { name: '第3轮全员核酸检测' }).click();
  await expect(reviewer.getByRole('heading', { level: 1 })).toHaveText('审核：第3轮全员核酸检测');
  await hydrated(reviewer);

  // Each figure beside the second round's, with the signed difference; the fall in positives stands out.
  const figures = reviewer.getByRole('table', { name: '各项数字与上一轮（第2轮）对比' });
  await expect(rowOf(figures, '检测人数')).toContainText('10600000');
  await expect(rowOf(figures, '检测人数')).toContainText('10253103');
  await expect(rowOf(figures, '检测人数')).toContainText('+346897');
  await expect(rowOf(figures, '阳性')).toContainText('−227');
  await expect(rowOf(figures, '阳性')).toContainText('变化超过一半，请核对');
  await expect(rowOf(figures, '采样点')).toContainText('+242');
  await expectNoAxeViolations(reviewer);

  // Returning needs a comment.
  await reviewer.getByRole('button', { name: '退回修改' }).click();
  await expect(reviewer.getByRole('alert')).toContainText('退回意见');
  await expect(reviewer.getByLabel('退回意见')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(reviewer);
  await reviewer.getByLabel('退回意见').fill('阳性人数请与卫健委通报核对，应为21人');
  await reviewer.getByRole('button', { name: '退回修改' }).click();
  await expect(reviewer.getByText('已退回，提交人会看到退回意见。')).toBeVisible();
  await expect(reviewer.getByRole('button', { name: '批准发布' })).toHaveCount(0);

  // The press officer sees the comment, edits the round and sends it again.
  await openHydrated(page, '/review');
  const returned = page.getByRole('region', { name: /^已退回/ });
  await expect(returned).toContainText('阳性人数请与卫健委通报核对，应为21人');
  await returned.getByRole('link', { name: '修改后重新提交' }).click();
  await expect(page).toHaveURL(/\/edit$/);
  await hydrated(page);
  await expect(page.getByText('阳性人数请与卫健委通报核对，应为21人')).toBeVisible();
  await page.getByRole('group', { name: '全市数字' }).getByLabel('阳性人数').fill('21');
  // Rows come back in the official order of districts: 井陉矿区 (130107) before 藁城区 (130109).
  const gaocheng = page.getByRole('group', { name: '第 2 行' });
  await expect(gaocheng.getByLabel('区县')).toHaveValue('130109');
  await gaocheng.getByLabel('阳性人数').fill('19');
  await page.getByRole('button', { name: '重新提交审核' }).click();
  await expect(page.getByRole('status').first()).toHaveText('第3轮已提交审核，审核人员批准后发布。');

  await openHydrated(reviewer, '/review');
  await reviewer
    .getByRole('region', { name: /^待审核/ })
    .getByRole('link', { name: '第3轮全员核酸检测' })
    .click();
  await expect(reviewer.getByRole('heading', { level: 1 })).toHaveText('审核：第3轮全员核酸检测');
  await hydrated(reviewer);
  await expect(rowOf(reviewer.getByRole('table', { name: /对比$/ }), '阳性')).toContainText('21');
  await expect(reviewer.getByText('上次退回意见')).toBeVisible();
  await reviewer.getByRole('button', { name: '批准发布' }).click();
  await expect(reviewer.getByText('已批准发布，公众网站正在更新。')).toBeVisible();
  await expect(reviewer.getByText('已发布', { exact: true })).toBeVisible();
  await reviewer.context().close();

  await publicSite.waitFor('/testing/', async () => {
    await expect(page.getByRole('heading', { name: '第3轮全员核酸检测' })).toBeVisible({ timeout: 1_000 });
  });
  const round = page.getByRole('region', { name: '第3轮全员核酸检测' });
  await expect(round).toContainText('21');
  await expect(round.getByRole('row', { name: /藁城区/ })).toContainText('19');
});
