import { expect, type Page } from '@playwright/test';
import { PUBLIC_URL } from '../playwright.config.ts';

export { PUBLIC_URL };

export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('button', { name: '退出登录' })).toBeVisible();
}

/** Reloads a public page until `check` passes: the publisher rebuilds the site in the background. */
export async function eventuallyOnPublicSite(page: Page, path: string, check: () => Promise<void>, timeoutMs = 150_000) {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    const response = await page.goto(`${PUBLIC_URL}${path}`);
    if (response?.ok()) {
      try {
        await check();
        return;
      } catch (error) {
        last = error;
      }
    }
    await page.waitForTimeout(1_000);
  }
  throw last ?? new Error(`${path} never became available`);
}
