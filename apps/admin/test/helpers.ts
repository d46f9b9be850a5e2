import { expect, type Page } from '@playwright/test';
import { ADMIN_URL, PUBLIC_URL } from '../playwright.config.ts';

export { PUBLIC_URL };

export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('button', { name: '退出登录' })).toBeVisible();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: '退出登录' }).click();
  // Exact: "登录" is also part of "退出登录", which is on every page until the session is gone.
  await expect(page.getByRole('button', { name: '登录', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: '退出登录' })).toHaveCount(0);
}

export interface BulletinDraft {
  title: string;
  issuer: string;
  issuedOn: string;
  category: string;
  bodyMd: string;
}

/** Opens the new-bulletin form as the signed-in press officer, once hydrated, and fills it in. */
export async function fillNewBulletin(page: Page, draft: BulletinDraft): Promise<void> {
  await page.goto('/bulletins/new');
  await page.waitForLoadState('networkidle'); // hydrated: typing is not raced by hydration
  await page.getByLabel('标题').fill(draft.title);
  await page.getByLabel('发布机关').fill(draft.issuer);
  await page.getByLabel('发布日期').fill(draft.issuedOn);
  await page.getByLabel('类别').selectOption(draft.category);
  await page.getByLabel('正文（Markdown）').fill(draft.bodyMd);
}

/** Saves the filled-in form as a draft; returns the new bulletin's id. */
export async function saveDraft(page: Page): Promise<string> {
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(page).toHaveURL(/\/bulletins\/[0-9a-f-]{36}$/);
  return page.url().split('/').pop()!;
}

export async function submitForReview(page: Page): Promise<void> {
  await page.getByRole('button', { name: '提交审核' }).click();
  await expect(page.getByRole('status').getByText('已提交审核')).toBeVisible();
}

/** Signs out, signs in as the reviewer, approves the bulletin and publishes it at once. */
export async function approveAndPublish(page: Page, id: string): Promise<void> {
  await signOut(page);
  await signIn(page, 'reviewer', 'demo-reviewer-2021');
  await page.goto(`/bulletins/${id}`);
  await page.getByRole('button', { name: '批准', exact: true }).click();
  await page.getByRole('button', { name: '立即发布' }).click();
  await expect(page.getByRole('status').getByText('已发布')).toBeVisible();
}

/** The server's clock (movable in the browser tests, EPI_TEST_CLOCK=1). */
export async function serverNow(page: Page): Promise<Date> {
  const response = await page.request.get('/api/test-clock');
  expect(response.ok()).toBe(true);
  return new Date(((await response.json()) as { now: string }).now);
}

/** Moves the server's clock forward to `at`; whatever falls due by then is published. */
export async function moveServerClock(page: Page, at: Date): Promise<void> {
  const response = await page.request.post('/api/test-clock', { data: { at: at.toISOString() }, headers: { origin: ADMIN_URL } });
  expect(response.ok(), await response.text()).toBe(true);
}

/** A datetime-local value for an instant, in Asia/Shanghai (UTC+8, no daylight saving). */
export function shanghaiLocal(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16);
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
