import type { Page } from '@playwright/test';
import { totpCodeForSecret } from '@epi/core/server';
import { expectNoAxeViolations } from './axe.ts';
import { expect, test } from './fixtures.ts';

test.use({ signedInAs: 'admin' });

/** The row of an account in the admin's table. */
const row = (page: Page, username: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: username }) });

async function signInAs(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

test('an admin creates an account, resets its password; its owner must set their own before anything else, then turns on two-step sign-in; disabling shuts it out', async ({
  page,
  browser,
  clock,
}) => {
  await page.goto('/users');
  await expect(page.getByRole('heading', { name: '用户', level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);

  // A weak password is refused at its field, and what was typed stays.
  const create = page.getByRole('region', { name: '创建账号' });
  await create.getByLabel('用户名').fill('li.hua');
  await create.getByLabel('姓名').fill('李华');
  await create.getByLabel('角色').selectOption({ label: '新闻发布' });
  await create.getByLabel('初始密码').fill('qwertyuiop12');
  await create.getByRole('button', { name: '创建账号' }).click();
  const passwordField = page.getByRole('region', { name: '创建账号' }).getByLabel('初始密码');
  await expect(passwordField).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert').filter({ hasText: '密码太容易被猜到' })).toBeVisible();
  await expect(page.getByRole('region', { name: '创建账号' }).getByLabel('用户名')).toHaveValue('li.hua');
  await expect(page.getByRole('region', { name: '创建账号' }).getByLabel('角色')).toHaveValue('press_officer');
  await passwordField.fill('amber-thistle-0121');
  await page.getByRole('region', { name: '创建账号' }).getByLabel('姓名').fill('李华');
  await page.getByRole('region', { name: '创建账号' }).getByRole('button', { name: '创建账号' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已创建账号 li.hua' })).toBeVisible();

  // The reset shows the temporary password once.
  await row(page, 'li.hua').getByRole('button', { name: '重置密码：li.hua' }).click();
  const shown = await row(page, 'li.hua').getByRole('status').textContent();
  const temporary = /临时密码：(\S+?)（/.exec(shown ?? '')?.[1];
  expect(temporary).toMatch(/^([a-z2-9]{4}-){3}[a-z2-9]{4}$/);
  await expect(row(page, 'li.hua')).toContainText('待修改临时密码');
  await expect(row(page, 'li.hua').getByRole('combobox', { name: 'li.hua 的角色' })).toHaveValue('press_officer');

  // Li Hua signs in with it and is held on 我的账户 until a password of their own is set.
  const li = await (await browser.newContext()).newPage();
  await signInAs(li, 'li.hua', temporary!);
  await expect(li).toHaveURL(/\/account$/);
  await expect(li.getByRole('alert').filter({ hasText: '临时密码' })).toBeVisible();
  await li.goto('/reports');
  await expect(li).toHaveURL(/\/account$/);
  await li.getByLabel('临时密码').fill(temporary!);
  await li.getByLabel('新密码', { exact: true }).fill('li-hua-password-2021');
  await li.getByLabel('再次输入新密码').fill('li-hua-password-2021');
  await li.getByRole('button', { name: '修改密码' }).click();
  await expect(li.getByLabel('新密码', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(li.getByRole('alert').filter({ hasText: '密码不能包含用户名或姓名' })).toBeVisible();
  await li.getByLabel('临时密码').fill(temporary!);
  await li.getByLabel('新密码', { exact: true }).fill('quiet-river-lantern-88');
  await li.getByLabel('再次输入新密码').fill('quiet-river-lantern-88');
  await li.getByRole('button', { name: '修改密码' }).click();
  await expect(li.getByRole('status').filter({ hasText: '密码已修改' })).toBeVisible();
  await expect(li.getByRole('table').getByRole('rowheader')).toHaveText([/（当前会话）$/]);
  await expectNoAxeViolations(li);
  await li.goto('/reports');
  await expect(li.getByRole('heading', { name: '疫情通报', level: 1 })).toBeVisible();

  // Li Hua turns two-step sign-in on: the password again, the QR code, a code from the authenticator.
  await li.goto('/account');
  await li.getByLabel('当前密码').last().fill('quiet-river-lantern-88');
  await li.getByRole('button', { name: '生成二维码' }).click();
  await expect(li.locator('figure svg')).toBeVisible();
  const secret = (await li.locator('figcaption code').textContent())!;
  await li.getByLabel('验证码').fill(totpCodeForSecret(secret, await clock.now()));
  await li.getByRole('button', { name: '启用两步验证' }).click();
  await expect(li.getByRole('status').filter({ hasText: '两步验证已启用' })).toBeVisible();
  // A later sign-in asks for the code, and lets Li Hua in with the next one.
  await li.context().clearCookies();
  await signInAs(li, 'li.hua', 'quiet-river-lantern-88');
  await expect(li.getByRole('alert')).toHaveText('该账号已启用两步验证：请输入手机验证器上的 6 位验证码');
  await clock.moveTo(new Date((await clock.now()).getTime() + 31_000));
  await li.getByLabel('用户名').fill('li.hua');
  await li.getByLabel('密码').fill('quiet-river-lantern-88');
  await li.getByLabel('两步验证码').fill(totpCodeForSecret(secret, await clock.now()));
  await li.getByRole('button', { name: '登录', exact: true }).click();
  await expect(li.getByRole('button', { name: '退出登录' })).toBeVisible();
  await page.reload();
  await expect(row(page, 'li.hua')).toContainText('已启用');

  // The admin disables the account: Li Hua's next request goes to the sign-in page, and signing in fails.
  await page.reload();
  await row(page, 'li.hua').getByLabel('停用 li.hua 的原因').fill('调离新闻办');
  await row(page, 'li.hua').getByRole('button', { name: '停用：li.hua' }).click();
  await expect(row(page, 'li.hua').getByRole('status')).toHaveText('已停用，其所有会话已结束');
  await li.goto('/reports');
  await expect(li).toHaveURL(/\/login/);
  await signInAs(li, 'li.hua', 'quiet-river-lantern-88');
  await expect(li.getByText('用户名或密码不正确')).toBeVisible();
  await li.context().close();

  // The admin cannot disable their own account: there is no button for it.
  await expect(row(page, 'admin').getByRole('button', { name: /停用/ })).toHaveCount(0);
});
