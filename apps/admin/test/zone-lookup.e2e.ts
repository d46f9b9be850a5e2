import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { eventuallyOnPublicSite, PUBLIC_URL } from './helpers.ts';

// The "is my place in a zone?" lookup on the public /zones/ page (demo data). 藁城区全域 stays in
// force through the whole suite; 增村镇小果庄村 is lifted by publish.e2e.ts, so what is expected of
// it is read from the published lookup index instead of being assumed: the tests hold in any order.

const LABEL = '输入村、社区、小区、街道或地址';

async function openZones(page: Page): Promise<void> {
  await eventuallyOnPublicSite(page, '/zones/', async () => {
    await expect(page.getByLabel(LABEL)).toBeVisible({ timeout: 1_000 });
  });
}

async function isInForce(page: Page, name: string): Promise<boolean> {
  const response = await page.request.get(`${PUBLIC_URL}/zones/lookup-index.json`);
  expect(response.ok()).toBe(true);
  const index = (await response.json()) as { zones: Array<[string, string]> };
  return index.zones.some((z) => z[1] === name);
}

function result(page: Page, name: string) {
  return page.locator('#lookup-results').getByRole('listitem').filter({ has: page.getByRole('link', { name, exact: true }) });
}

test.describe('zone lookup (demo data)', () => {
  test('finds a zone in force as you type: part of a name, traditional characters, full-width input', async ({ page }) => {
    await openZones(page);
    for (const query of ['藁城', '全域', '藁城區全域', '藁城　全域', '（全域）']) {
      await page.getByLabel(LABEL).fill(query);
      await expect(page.getByRole('status')).toContainText(/找到 \d+ 个正在管控的区域/);
      await expect(result(page, '藁城区全域')).toContainText('高风险');
    }
    await result(page, '藁城区全域').getByRole('link', { name: '藁城区全域', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('藁城区全域');
  });

  test('增村镇小果庄村 is found while in force and reported as in no zone once lifted', async ({ page }) => {
    await openZones(page);
    const inForce = await isInForce(page, '增村镇小果庄村');
    for (const query of ['小果庄', '小果莊', '藁城　小果庄', '藁城小果莊村']) {
      await page.getByLabel(LABEL).fill(query);
      if (inForce) {
        await expect(result(page, '增村镇小果庄村')).toContainText('高风险');
        await expect(result(page, '增村镇小果庄村')).toContainText('位于藁城区全域高风险范围内');
      } else {
        const status = page.getByRole('status');
        await expect(status).toContainText(`未在现行管控区域中找到“${query.trim()}”`);
        // …but the whole-district measure it lies in is pointed out.
        await expect(status).toContainText('藁城区全域（高风险）');
        await expect(result(page, '增村镇小果庄村')).toHaveCount(0);
      }
    }
  });

  test('a place in no zone gets a clear not-found message with the time of the list', async ({ page }) => {
    await openZones(page);
    await page.getByLabel(LABEL).fill('不存在的测试村');
    const status = page.getByRole('status');
    await expect(status).toContainText('未在现行管控区域中找到“不存在的测试村”（名单截至');
    await expect(page.locator('#lookup-results').getByRole('listitem')).toHaveCount(0);
  });

  test('is axe-clean with results shown', async ({ page }) => {
    await openZones(page);
    await page.getByLabel(LABEL).fill('藁城');
    await expect(result(page, '藁城区全域')).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
  });

  test('with JavaScript off: a find-in-page hint instead of the box, and the zone in the list by district', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${PUBLIC_URL}/zones/`);
    await expect(page.getByLabel(LABEL)).toBeHidden();
    await expect(page.getByRole('region', { name: /是否在管控区域内/ })).toContainText('在页面中查找');
    const gaocheng = page.getByRole('region', { name: /^藁城区（/ });
    await expect(gaocheng.getByRole('link', { name: '藁城区全域', exact: true })).toBeVisible();
    await expect(gaocheng).toContainText('高风险');
    await context.close();
  });
});

test.describe('zone overview pages (demo data)', () => {
  for (const path of ['/zones/map/', '/zones/timeline/', '/zones/on/', '/zones/on/2021-01-06/', '/data/']) {
    test(`axe finds no violations on ${path}`, async ({ browser }) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const response = await page.goto(`${PUBLIC_URL}${path}`);
      expect(response?.status()).toBe(200);
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
      await context.close();
    });
  }

  test('the tile map links each county-level unit and repeats its facts in a table', async ({ page }) => {
    await page.goto(`${PUBLIC_URL}/zones/map/`);
    await expect(page.getByRole('group', { name: '石家庄市各县（市、区）管控等级示意图' }).getByRole('link')).toHaveCount(24);
    const row = page.getByRole('row', { name: /^藁城区/ });
    await expect(row).toContainText('高风险');
    await expect(row).toContainText('藁城区全域');
    await expect(page.getByText('不是地理地图')).toBeVisible();
  });

  test('open data downloads are CSV with a BOM and JSON with a version', async ({ page }) => {
    const csv = await page.request.get(`${PUBLIC_URL}/data/zones-current.csv`);
    const bytes = await csv.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('\r\n');
    const json = await (await page.request.get(`${PUBLIC_URL}/data/zone-events.json`)).json();
    expect(json).toMatchObject({ dataset: 'zone-events', version: 1 });
    expect(json.records.some((r: { zone_name: string }) => r.zone_name === '藁城区全域')).toBe(true);
  });
});
