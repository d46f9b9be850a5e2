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

  test('home page answers first: the lookup is on the first screen of a phone and finds a place by address', async ({
    page,
    publicSite,
  }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await publicSite.open('/');
    const input = page.getByLabel('输入村、社区、小区、街道或地址');
    await expect(input).toBeInViewport();
    await input.fill('石家庄市藁城区建设路12号');
    const first = page.locator('#lookup-results').getByRole('listitem').first();
    await expect(first).toContainText('藁城区全域');
    await expect(first).toContainText('高风险');
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
    '/press-conferences/city-11/',
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

  test('fits a 360 px phone: no page scrolls sideways, a wide table scrolls inside its box', async ({ page, publicSite }) => {
    await page.setViewportSize({ width: 360, height: 780 });
    const wide: string[] = [];
    for (const path of [
      '/',
      '/figures/',
      '/testing/',
      '/isolation/',
      '/data/',
      '/press-conferences/',
      '/press-conferences/city-11/',
      '/zones/',
    ]) {
      await publicSite.open(path);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 360) wide.push(`${path} ${width}px`);
    }
    expect(wide).toEqual([]);
    // The boxes are regions a keyboard can reach to scroll.
    await publicSite.open('/testing/');
    const box = page.getByRole('region', { name: '第2轮各县（市、区）检测情况' });
    await expect(box).toHaveAttribute('tabindex', '0');
  });
});

test('the public API answers a page of zones, compressed, with an ETag that saves the body next time', async ({ page }) => {
  const url = `/api/trpc/zone.list?input=${encodeURIComponent(JSON.stringify({ limit: 1, inForce: true }))}`;
  const first = await page.request.get(url, { headers: { 'accept-encoding': 'br' } });
  expect(first.status()).toBe(200);
  expect(first.headers()['content-encoding']).toBe('br');
  expect(first.headers()['cache-control']).toBe('public, max-age=0, must-revalidate');
  const body = (await first.json()) as { result: { data: { total: number; items: Array<{ name: string }> } } };
  expect(body.result.data.total).toBe(2);
  expect(body.result.data.items).toHaveLength(1);
  const etag = first.headers()['etag']!;
  const again = await page.request.get(url, { headers: { 'if-none-match': etag } });
  expect(again.status()).toBe(304);
  const bad = await page.request.get(`/api/trpc/zone.list?input=${encodeURIComponent(JSON.stringify({ limit: 5000 }))}`);
  expect(bad.status()).toBe(400);
});
