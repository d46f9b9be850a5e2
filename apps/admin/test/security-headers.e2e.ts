import { signIn } from './helpers.ts';
import { expect, test } from './fixtures.ts';

// The console's own headers, read as the browser gets them, and pages that run under its policy
// without a single violation (a violation would mean a script or style the policy blocks).

test('the console sends a strict CSP with a fresh nonce and the other protective headers', async ({ page }) => {
  const first = await page.goto('/login');
  const headers = first!.headers();
  const csp = headers['content-security-policy'] ?? '';
  const directive = (name: string) =>
    csp
      .split(';')
      .map((d) => d.trim())
      .find((d) => d.startsWith(`${name} `)) ?? '';
  expect(directive('script-src')).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/=]+'$/);
  expect(csp).not.toContain('unsafe-inline');
  expect(directive('style-src')).toBe("style-src 'self'");
  expect(csp).not.toContain('unsafe-eval');
  expect(directive('frame-ancestors')).toBe("frame-ancestors 'none'");
  expect(directive('object-src')).toBe("object-src 'none'");
  expect(directive('base-uri')).toBe("base-uri 'none'");
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('same-origin');
  expect(headers['permissions-policy']).toContain('camera=()');
  // A new nonce for every page.
  const again = (await page.goto('/login'))!.headers()['content-security-policy'];
  expect(again).not.toBe(csp);
});

test('the console works under its policy: no violation while signing in and opening the main pages', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text())) violations.push(m.text());
  });
  await signIn(page, 'admin');
  for (const path of ['/', '/zones', '/users', '/account', '/settings', '/releases', '/bulletins']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  }
  // The page's scripts run (hydration): a client-side action answers.
  await page.goto('/account');
  await expect(page.getByRole('button', { name: '退出登录' })).toBeEnabled();
  expect(violations).toEqual([]);
});

test('the public portal sends its strict policy and every page runs under it: lookup, search and date picker', async ({
  page,
  publicSite,
}) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text())) violations.push(`${page.url()}: ${m.text()}`);
  });
  const home = await page.goto(publicSite.url('/'));
  const csp = home!.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).toContain("style-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toMatch(/unsafe-inline|'unsafe-eval'/);

  const inline: string[] = [];
  for (const path of [
    '/',
    '/zones/',
    '/zones/on/',
    '/figures/',
    '/bulletins/',
    '/press-conferences/',
    '/testing/',
    '/data/',
    '/log/',
    '/search/',
  ]) {
    await publicSite.open(path);
    // Nothing inline: no script without a source, no <style>, no style or event-handler attribute.
    const found = await page.evaluate(() => [
      ...[...document.querySelectorAll('script:not([src])')].map(() => 'inline script'),
      ...[...document.querySelectorAll('style')].map(() => '<style>'),
      ...[...document.querySelectorAll('[style]')].map((e) => `style= on <${e.localName}>`),
      ...[...document.querySelectorAll('*')].flatMap((e) =>
        e
          .getAttributeNames()
          .filter((n) => n.startsWith('on'))
          .map((n) => `${n}= on <${e.localName}>`),
      ),
    ]);
    inline.push(...found.map((f) => `${path}: ${f}`));
  }
  expect(inline).toEqual([]);

  // The scripts run: the lookup answers, the search index (WebAssembly) finds a zone, the date picker is shown.
  await publicSite.open('/zones/');
  await page.getByLabel('输入村、社区、小区、街道或地址').fill('藁城');
  await expect(page.getByRole('status')).toContainText('个正在管控的区域');
  await publicSite.open(`/search/?q=${encodeURIComponent('小果庄')}`);
  await expect(page.getByRole('status')).toContainText('与“小果庄”相关的结果');
  await expect(page.getByRole('link', { name: '增村镇小果庄村', exact: true })).toBeVisible();
  await publicSite.open('/zones/on/');
  await expect(page.locator('[data-date-jump]')).toBeVisible();
  expect(violations).toEqual([]);
});
