import { expectNoAxeViolations } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { approveZoneChange, hydrated, openHydrated, signedInPage, signIn, submittedChange, submitZoneChange } from './helpers.ts';

// The console's own forms: validation, reconciliation, stale-version conflicts and role guards.

test('an admin prepares a new zone, another person approves it; a change against a stale version is refused', async ({ browser, page }) => {
  const name = '测试小区';
  await signIn(page, 'admin');
  await page.goto('/zones');
  await page.getByRole('link', { name: '新建管控区域' }).click();
  await expect(page).toHaveURL(/\/zones\/new$/);
  await hydrated(page);
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: '预览划定' }).click();
  await expect(page.getByRole('alert')).toContainText('依据文件');
  await expect(page.getByLabel('名称')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('区县').selectOption({ label: '新华区' });
  await page.getByLabel('名称').fill(name);
  await page.getByLabel('类型').selectOption('community');
  await page.getByLabel('等级').selectOption({ label: '中风险' });
  await page.getByLabel('生效时间').fill('2021-01-10T08:00');
  await page.getByLabel('计划解除时间').fill('2021-01-09T08:00');
  await page.getByLabel('依据文件').fill('测试公告第1号');
  await page.getByRole('button', { name: '预览划定' }).click();
  await expect(page.locator('#zone-plannedEndAt-error')).toHaveText('计划解除时间必须晚于生效时间');
  await page.getByLabel('计划解除时间').fill('');

  // The second step says what the public site will show, and a start days back needs a reason.
  await page.getByRole('button', { name: '预览划定' }).click();
  const confirm = page.getByRole('region', { name: /^提交前核对/ });
  await expect(confirm).toContainText(`新华区${name}`);
  await expect(confirm).toContainText('中风险');
  await expect(confirm.getByText(/补录/).first()).toBeVisible();
  await expect(confirm.getByRole('heading')).toBeFocused();
  await expectNoAxeViolations(page);
  await confirm.getByRole('button', { name: '提交审核' }).click();
  await expect(confirm.getByRole('alert')).toContainText('理由');
  await confirm.getByLabel('理由').fill('1月10日公告漏录，今日补录');
  await confirm.getByRole('button', { name: '提交审核' }).click();
  await expect(page).toHaveURL(/\/zones\/changes\/[0-9a-f-]{36}\?submitted=1$/);
  await expect(page.getByRole('status')).toContainText('已提交审核');
  // Nothing is public yet, and the author cannot approve their own change.
  await expect(page.getByText('本人提交的变更需由其他审核人员或管理员批准')).toBeVisible();
  await expect(page.getByRole('button', { name: '批准并生效' })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.goto('/zones');
  await expect(page.getByRole('link', { name })).toHaveCount(0);

  // The reviewer sees it in the queue and approves it.
  const reviewer = await signedInPage(browser, 'reviewer');
  await openHydrated(reviewer, '/review');
  await reviewer.getByRole('link', { name: new RegExp(`新华区${name}`) }).click();
  await expect(reviewer).toHaveURL(/\/zones\/changes\/[0-9a-f-]{36}$/);
  await hydrated(reviewer);
  await reviewer.getByRole('button', { name: '批准并生效' }).click();
  await expect(reviewer.getByRole('status').getByText('已批准')).toBeVisible();
  await reviewer.getByRole('link', { name: `新华区${name}` }).click();
  await expect(reviewer.getByRole('table')).toContainText('测试公告第1号');
  await expect(reviewer.getByRole('region', { name: '解除管控' })).toHaveCount(0);
  await reviewer.context().close();

  await page.goto('/zones');
  await page.getByRole('link', { name }).click();
  await expect(page).toHaveURL(/\/zones\/[0-9a-f-]{36}$/);
  await hydrated(page);
  await expect(page.getByRole('table')).toContainText('测试公告第1号');

  // Someone else re-levels the zone in another window, and it is approved…
  const other = await signedInPage(browser, 'admin');
  await openHydrated(other, page.url());
  const relevel = other.getByRole('region', { name: '调整等级' });
  await relevel.getByLabel('新等级').selectOption({ label: '高风险' });
  await relevel.getByLabel('生效时间').fill('2021-01-12T00:00');
  await relevel.getByLabel('依据文件').fill('测试公告第2号');
  await submitZoneChange(other, relevel, '预览调整等级', '按公告第2号');
  await approveZoneChange(other, await submittedChange(other));
  await other.context().close();

  // …so the lift entered against the version shown here is refused until the page is reloaded.
  const lift = page.getByRole('region', { name: '解除管控' });
  await lift.getByLabel('生效时间').fill('2021-01-20T00:00');
  await lift.getByLabel('依据文件').fill('测试解除公告');
  await lift.getByRole('button', { name: '预览解除管控' }).click();
  await expect(lift.getByRole('alert')).toContainText('已被其他人修改');
  await lift.getByRole('button', { name: '重新载入最新内容' }).click();
  await expect(page.getByRole('table')).toContainText('测试公告第2号');

  const again = page.getByRole('region', { name: '解除管控' });
  await again.getByLabel('生效时间').fill('2021-01-20T00:00');
  await again.getByLabel('依据文件').fill('测试解除公告');
  await submitZoneChange(page, again, '预览解除管控', '按解除公告');
  const change = await submittedChange(page);
  await expect(page.getByRole('region', { name: /^待审核的变更/ })).toContainText('解除管控');
  await approveZoneChange(page, change);
  await page.reload();
  await expect(page.getByRole('table')).toContainText('测试解除公告');
  await expect(page.getByRole('region', { name: '重新划定管控' })).toBeVisible();

  await page.goto('/zones?status=lifted');
  await expect(page.getByRole('link', { name })).toBeVisible();
});

test('a press officer sees the figures reconciled against the previous report as they type', async ({ page }) => {
  await signIn(page, 'press');
  await page.goto('/reports');
  await page.getByRole('link', { name: '录入疫情通报' }).click();
  await expect(page).toHaveURL(/\/reports\/new$/);
  await hydrated(page);
  // The new period starts where the last published one ended (1月15日12时).
  await expect(page.getByLabel('统计开始')).toHaveValue('2021-01-15T12:00');
  await page.getByLabel('统计截止').fill('2021-01-16T00:00');
  await expect(page.getByText('1月15日12—24时')).toBeVisible();
  await page.getByLabel('新增确诊', { exact: true }).fill('42');
  await page.getByLabel('新增无症状', { exact: true }).fill('5');
  await page.getByLabel('累计确诊').fill('620');
  await page.getByLabel('累计无症状').fill('218');
  await expect(page.locator('#report-cumulativeConfirmed-warning')).toContainText('579 + 42 = 621');
  await expect(page.getByLabel('说明')).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: '提交审核' }).click();
  await expect(page.getByRole('alert')).toContainText('说明');

  await page.getByLabel('累计确诊').fill('621');
  await expect(page.getByText('核对通过')).toBeVisible();
  await expect(page.getByLabel('说明')).toHaveCount(0);

  await page.getByRole('button', { name: '添加区县' }).click();
  const row = page.getByRole('group', { name: '第 1 行' });
  await expect(row.getByLabel('区县')).toBeFocused();
  await row.getByLabel('区县').selectOption({ label: '藁城区' });
  await row.getByLabel('新增确诊').fill('50');
  await row.getByLabel('新增无症状').fill('0');
  await expect(page.getByText('各区县新增确诊合计 50，超过全市新增 42')).toBeVisible();
});

test('a draft bulletin is edited against its saved version only', async ({ browser, page }) => {
  await signIn(page, 'press');
  await openHydrated(page, '/bulletins/new');
  await page.getByLabel('标题').fill('测试草稿');
  await page.getByLabel('发布机关').fill('石家庄市卫生健康委员会');
  await page.getByLabel('类别').selectOption('notice');
  await page.getByLabel('正文（Markdown）').fill('第一稿');
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(page).toHaveURL(/\/bulletins\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('button', { name: '提交审核' })).toBeEnabled();
  await expectNoAxeViolations(page);

  // Unsaved changes must be saved before they can be submitted for review.
  await page.getByLabel('正文（Markdown）').fill('第二稿');
  await expect(page.getByRole('button', { name: '提交审核' })).toBeDisabled();

  const other = await signedInPage(browser, 'press');
  await openHydrated(other, page.url());
  await other.getByLabel('正文（Markdown）').fill('别人的第二稿');
  await other.getByRole('button', { name: '保存修改' }).click();
  await expect(other.getByRole('status').first()).toContainText('第 2 版');
  await other.context().close();

  await page.getByRole('button', { name: '保存修改' }).click();
  await expect(page.getByRole('alert')).toContainText('已被其他人修改');
  await page.getByRole('button', { name: '重新载入最新内容' }).click();
  await expect(page.getByLabel('正文（Markdown）')).toHaveValue('别人的第二稿');
});

test('each role sees only its pages', async ({ page }) => {
  await signIn(page, 'reviewer');
  expect((await page.goto('/zones'))?.status()).toBe(403);
  expect((await page.goto('/zones/new'))?.status()).toBe(403);
  expect((await page.goto('/zones/changes'))?.status()).toBe(200);
  expect((await page.goto('/reports/new'))?.status()).toBe(403);
  expect((await page.goto('/bulletins/new'))?.status()).toBe(403);
  expect((await page.goto('/reports'))?.status()).toBe(200);
  await expect(page.getByRole('link', { name: '录入疫情通报' })).toHaveCount(0);
  await page.goto('/releases');
  await expect(page.getByRole('button', { name: '重新生成公众网站' })).toHaveCount(0);
  await page.goto('/bulletins');
  await page.getByRole('table').getByRole('link', { name: '关于切实关心关爱疫情防控一线工作人员的通知' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('查看公告');
  // A reviewer reads, compares and decides; only the press officer edits.
  await expect(page.getByLabel('正文（Markdown）')).toHaveCount(0);
  await expect(page.getByRole('button', { name: '保存修改' })).toHaveCount(0);
});

test('guessing a password is stopped: a batch of sign-ins is refused, and after a few wrong passwords the form says to wait', async ({
  page,
  system,
}) => {
  const headers = { origin: system.adminUrl, 'content-type': 'application/json' };
  const batch = await page.request.post(`${system.adminUrl}/api/trpc/auth.signIn,auth.signIn?batch=1`, {
    headers,
    data: { 0: { username: 'reviewer', password: 'guess-one-0000' }, 1: { username: 'reviewer', password: 'guess-two-0000' } },
  });
  expect(batch.status()).toBe(400);

  await page.goto('/login');
  const attempts: string[] = [];
  for (let i = 0; i < 7; i += 1) {
    await page.getByLabel('用户名').fill('reviewer');
    await page.getByLabel('密码').fill(`guess-${i}-0000`);
    await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/login' && r.request().method() === 'POST'),
      page.getByRole('button', { name: '登录', exact: true }).click(),
    ]);
    const alert = page.getByRole('alert');
    await expect(alert).toBeVisible();
    attempts.push((await alert.textContent()) ?? '');
  }
  // The first wrong passwords are checked; then the form says to wait, without checking.
  expect(attempts.slice(0, 4).every((a) => !a.includes('登录尝试过多'))).toBe(true);
  expect(attempts.at(-1)).toMatch(/登录尝试过多，请 \d+ 秒后再试/);

  // An admin sees them, with where they came from.
  await signIn(page, 'admin');
  await page.goto('/settings');
  const failures = page.getByRole('table', { name: /最近 \d+ 次/ });
  await expect(failures.getByRole('row', { name: /reviewer 用户名或密码错误；地址 / }).first()).toBeVisible();
  await expect(failures.getByRole('row', { name: /reviewer 尝试过多，已暂时拒绝；地址 / }).first()).toBeVisible();
});
