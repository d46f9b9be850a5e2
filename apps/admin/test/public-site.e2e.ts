import { expectNoAxeViolations } from './axe.ts';
import { expect, test } from './fixtures.ts';

test.describe('public portal (demo data)', () => {
  test('home page shows the latest report with its exact period and cumulative figures', async ({ page, publicSite }) => {
    await publicSite.open('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    const main = page.getByRole('main');
    await expect(main).toContainText('1月15日0—12时');
    await expect(main).toContainText('579');
    await expect(main).toContainText('213');
  });

  test('works with JavaScript off: zones listed by district', async ({ browser, publicSite }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(publicSite.url('/zones/'));
    await expect(page.getByRole('main')).toContainText('藁城区');
    await expect(page.getByRole('main')).toContainText('藁城区全域');
    await context.close();
  });

  for (const path of [
    '/',
    '/zones/',
    '/bulletins/',
    '/press-conferences/',
    '/press-conferences/11/',
    '/testing/',
    '/isolation/',
    '/figures/',
    '/corrections/',
  ]) {
    test(`axe finds no violations on ${path}`, async ({ page, publicSite }) => {
      await publicSite.open(path);
      await expectNoAxeViolations(page);
    });
  }
});
