import { expect, type Browser, type Locator, type Page } from '@playwright/test';

// What the specs share: signing in as each demo role, waiting for the console to hydrate, and the
// forms of the bulletin workflow. The system, its public portal and its clock are fixtures (fixtures.ts).

/** The demo users (demo mode only). */
export const DEMO_USERS = {
  admin: { username: 'admin', password: 'demo-admin-2021' },
  press: { username: 'press', password: 'demo-press-2021' },
  reviewer: { username: 'reviewer', password: 'demo-reviewer-2021' },
} as const;
export type DemoRole = keyof typeof DEMO_USERS;

export async function signIn(page: Page, role: DemoRole): Promise<void> {
  const { username, password } = DEMO_USERS[role];
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('button', { name: '退出登录' })).toBeVisible();
}

/**
 * A second person's window, in a browser context of its own, signed in as `role`. Close it with
 * `page.context().close()`. (Not `browser.newPage()`: axe needs to open pages in the context.)
 */
export async function signedInPage(browser: Browser, role: DemoRole): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, role);
  return page;
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: '退出登录' }).click();
  // Exact: "登录" is also part of "退出登录", which is on every page until the session is gone.
  await expect(page.getByRole('button', { name: '登录', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: '退出登录' })).toHaveCount(0);
}

/**
 * Waits until the console page has hydrated, so typing into a pre-filled field or pressing a button
 * is not raced by hydration. SvelteKit starts its client router only once the page has hydrated, and
 * the router takes over scroll restoration (history.scrollRestoration becomes 'manual'); a new
 * document starts at 'auto'.
 */
export async function hydrated(page: Page): Promise<void> {
  await page.waitForFunction(() => history.scrollRestoration === 'manual');
}

/** Opens a console page and waits until it has hydrated. */
export async function openHydrated(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await hydrated(page);
}

/** The row of a table whose header cell is exactly `name`. */
export const rowOf = (table: Locator, name: string) =>
  table.getByRole('row').filter({ has: table.page().getByRole('rowheader', { name, exact: true }) });

/** Fills in the controls of `scope` by their labels, in order: text, or the value of an option to select. */
export async function fillIn(scope: Page | Locator, values: Record<string, string>): Promise<void> {
  for (const [label, value] of Object.entries(values)) {
    const control = scope.getByLabel(label);
    if ((await control.evaluate((e) => e.tagName)) === 'SELECT') await control.selectOption(value);
    else await control.fill(value);
  }
}

export interface BulletinDraft {
  title: string;
  issuer: string;
  /** The day of the demo data (2021-01-16) unless given. */
  issuedOn?: string;
  category: string;
  bodyMd: string;
}

/** Opens the new-bulletin form as the signed-in press officer, once hydrated, and fills it in. */
export async function fillNewBulletin(page: Page, { issuedOn = '2021-01-16', ...draft }: BulletinDraft): Promise<void> {
  await openHydrated(page, '/bulletins/new');
  await fillIn(page, {
    标题: draft.title,
    发布机关: draft.issuer,
    发布日期: issuedOn,
    类别: draft.category,
    '正文（Markdown）': draft.bodyMd,
  });
}

/** Saves the filled-in form as a draft; returns the new bulletin's id. */
export async function saveDraft(page: Page): Promise<string> {
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(page).toHaveURL(/\/bulletins\/[0-9a-f-]{36}$/);
  return page.url().split('/').pop()!;
}

/** Writes a new bulletin as the signed-in press officer and saves it as a draft; returns its id. */
export async function draftBulletin(page: Page, draft: BulletinDraft): Promise<string> {
  await fillNewBulletin(page, draft);
  return saveDraft(page);
}

export async function submitForReview(page: Page): Promise<void> {
  await page.getByRole('button', { name: '提交审核' }).click();
  await expect(page.getByRole('status').getByText('已提交审核')).toBeVisible();
}

/** The smallest file a PDF check accepts. */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

/** Uploads a PDF to the bulletin open in the editor, attaches it and saves: the bulletin's version 2. */
export async function attachPdf(page: Page, name: string): Promise<void> {
  await page.getByLabel('上传附件').setInputFiles({ name, mimeType: 'application/pdf', buffer: PDF });
  await page.getByRole('button', { name: '上传', exact: true }).click();
  await expect(page.getByRole('checkbox', { name })).toBeChecked();
  await page.getByRole('button', { name: '保存修改' }).click();
  await expect(page.getByRole('status').getByText('已保存为第 2 版')).toBeVisible();
}

/** Waits for a bulletin's page on the public portal, with its title. */
export async function bulletinOnPortal(
  page: Page,
  publicSite: { waitFor: (path: string, check: () => Promise<void>) => Promise<void> },
  id: string,
  title: string,
): Promise<void> {
  await publicSite.waitFor(`/bulletins/${id}/`, async () => {
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title, { timeout: 1_000 });
  });
}

/** Signs out, signs in as the reviewer, approves the bulletin and publishes it at once. */
export async function approveAndPublish(page: Page, id: string): Promise<void> {
  await signOut(page);
  await signIn(page, 'reviewer');
  await openHydrated(page, `/bulletins/${id}`);
  await page.getByRole('button', { name: '批准', exact: true }).click();
  await page.getByRole('button', { name: '立即发布' }).click();
  await expect(page.getByRole('status').getByText('已发布')).toBeVisible();
}

/**
 * Previews a zone change by pressing `preview` in `scope`, then submits it for review from the
 * confirmation step, giving `reason` (changes with warnings need one).
 */
export async function submitZoneChange(page: Page, scope: Page | Locator, preview: string, reason?: string): Promise<void> {
  await scope.getByRole('button', { name: preview }).click();
  const confirm = page.getByRole('region', { name: /^提交前核对/ });
  await expect(confirm).toBeVisible();
  if (reason !== undefined) await confirm.getByLabel('理由').fill(reason);
  await confirm.getByRole('button', { name: '提交审核' }).click();
}

/** The reviewer, in a window of their own, approves the zone change at `url` (a path of the console). */
export async function approveZoneChange(page: Page, url: string): Promise<void> {
  const reviewer = await signedInPage(page.context().browser()!, 'reviewer');
  await openHydrated(reviewer, url);
  await reviewer.getByRole('button', { name: '批准并生效' }).click();
  await expect(reviewer.getByRole('status').getByText('已批准')).toBeVisible();
  await reviewer.context().close();
}

/** On a zone's page after a change was submitted from it: the change's address, from the confirmation. */
export async function submittedChange(page: Page): Promise<string> {
  const link = page.getByRole('status').getByRole('link', { name: '查看这项变更' });
  await expect(link).toBeVisible();
  return (await link.getAttribute('href'))!;
}

/**
 * As the signed-in admin, lifts the zone `name` from the zones list; the reviewer approves it, and
 * the lift is waited for in the zone's history.
 */
export async function liftZone(page: Page, name: string, lift: { effectiveAt: string; notice: string; note?: string }): Promise<void> {
  await page.goto('/zones');
  await page.getByRole('link', { name }).click();
  await expect(page).toHaveURL(/\/zones\/[0-9a-f-]{36}$/);
  await hydrated(page);
  const form = page.getByRole('region', { name: '解除管控' });
  await fillIn(form, { 生效时间: lift.effectiveAt, 依据文件: lift.notice, ...(lift.note === undefined ? {} : { 备注: lift.note }) });
  await submitZoneChange(page, form, '预览解除管控', '按通告解除');
  await approveZoneChange(page, await submittedChange(page));
  await page.reload();
  await expect(page.getByRole('table')).toContainText(lift.notice);
}

/** A datetime-local value for an instant, in Asia/Shanghai (UTC+8, no daylight saving). */
export function shanghaiLocal(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16);
}
