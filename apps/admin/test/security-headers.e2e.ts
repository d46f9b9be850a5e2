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
