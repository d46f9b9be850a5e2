import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';
import { expect, test, type PublicSite } from './fixtures.ts';
import { approveZoneChange, liftZone, openHydrated, signIn, submitZoneChange } from './helpers.ts';

// The "is my place in a zone?" lookup on the public /zones/ page, and the zone overview pages, on the
// demo data: 藁城区全域 and 增村镇小果庄村 within it are in force until the last test lifts 增村镇小果庄村.

const LABEL = '输入村、社区、小区、街道或地址';

async function openZones(page: Page, publicSite: PublicSite): Promise<void> {
  await publicSite.open('/zones/');
  await expect(page.getByLabel(LABEL)).toBeVisible();
}

function result(page: Page, name: string) {
  return page
    .locator('#lookup-results')
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name, exact: true }) });
}

test.describe('zone lookup (demo data)', () => {
  test('finds a zone in force as you type: part of a name, traditional characters, full-width input', async ({ page, publicSite }) => {
    await openZones(page, publicSite);
    for (const [query, found] of [
      ['藁城', 2],
      ['全域', 1],
      ['藁城區全域', 1],
      ['藁城　全域', 1],
      ['（全域）', 1],
    ] as const) {
      await page.getByLabel(LABEL).fill(query);
      await expect(page.getByRole('status')).toContainText(`找到 ${found} 个正在管控的区域`);
      await expect(result(page, '藁城区全域')).toContainText('高风险');
    }
    await result(page, '藁城区全域').getByRole('link', { name: '藁城区全域', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('藁城区全域');
  });

  test('a place in no zone gets a clear not-found message with the time of the list', async ({ page, publicSite }) => {
    await openZones(page, publicSite);
    await page.getByLabel(LABEL).fill('不存在的测试村');
    const status = page.getByRole('status');
    await expect(status).toContainText('未在现行管控区域中找到“不存在的测试村”（名单截至');
    await expect(page.locator('#lookup-results').getByRole('listitem')).toHaveCount(0);
  });

  test('is axe-clean with results shown', async ({ page, publicSite }) => {
    await openZones(page, publicSite);
    await page.getByLabel(LABEL).fill('藁城');
    await expect(result(page, '藁城区全域')).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('with JavaScript off: a find-in-page hint instead of the box, and the zone in the list by district', async ({
    browser,
    publicSite,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(publicSite.url('/zones/'));
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
    test(`axe finds no violations on ${path}`, async ({ page, publicSite }) => {
      await publicSite.open(path);
      await expectNoAxeViolations(page);
    });
  }

  test('the tile map links each county-level unit and repeats its facts in a table', async ({ page, publicSite }) => {
    await publicSite.open('/zones/map/');
    await expect(page.getByRole('group', { name: '石家庄市各县（市、区）管控等级示意图' }).getByRole('link')).toHaveCount(24);
    const row = page.getByRole('row', { name: /^藁城区/ });
    await expect(row).toContainText('高风险');
    await expect(row).toContainText('藁城区全域');
    await expect(page.getByText('不是地理地图')).toBeVisible();
  });

  test('open data downloads are CSV with a BOM and JSON with a version', async ({ page, publicSite }) => {
    const csv = await page.request.get(publicSite.url('/data/zones-current.csv'));
    const bytes = await csv.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('\r\n');
    const json = await (await page.request.get(publicSite.url('/data/zone-events.json'))).json();
    expect(json).toMatchObject({ dataset: 'zone-events', version: 1 });
    expect(json.records.some((r: { zone_name: string }) => r.zone_name === '藁城区全域')).toBe(true);
  });
});

test.describe('an area of another city of the province (demo data plus one zone)', () => {
  test('an admin designates it in the console; the public site lists it apart and the lookup finds it by county or address', async ({
    page,
    publicSite,
  }) => {
    await signIn(page, 'admin');
    await openHydrated(page, '/zones/new');
    await page.getByLabel('区县').selectOption({ label: '邢台市南宫市' });
    await page.getByLabel('名称').fill('天地名城小区');
    await page.getByLabel('类型').selectOption('community');
    await page.getByLabel('等级').selectOption({ label: '中风险' });
    await page.getByLabel('生效时间').fill('2021-01-04T00:00');
    await page.getByLabel('依据文件').fill('河北省调整相关区域疫情风险等级（1月4日）');
    await submitZoneChange(page, page, '预览划定', '按省卫健委通告');
    await expect(page).toHaveURL(/\/zones\/changes\/[0-9a-f-]{36}\?submitted=1$/);
    await approveZoneChange(page, page.url());

    await publicSite.waitFor('/zones/', async () => {
      const other = page.getByRole('region', { name: /^省内其他地区/ });
      await expect(other.getByRole('link', { name: '天地名城小区', exact: true })).toBeVisible({ timeout: 1_000 });
    });
    await expect(page.getByRole('region', { name: /^省内其他地区/ })).toContainText('邢台市南宫市');
    for (const query of ['南宫 天地名城', '邢台市南宫市天地名城小区5号楼']) {
      await page.getByLabel(LABEL).fill(query);
      await expect(result(page, '天地名城小区')).toContainText('中风险');
    }
    // A whole address in a district under a whole-district measure: inside it, whatever the street.
    await page.getByLabel(LABEL).fill('石家庄市藁城区建设路12号');
    await expect(page.locator('#lookup-results').getByRole('listitem').first()).toContainText('藁城区全域');
    await expectNoAxeViolations(page);
  });
});

// Last in the file: it lifts 增村镇小果庄村, which the tests above find in force.
test.describe('zone lookup after a lift (demo data)', () => {
  test('增村镇小果庄村 is found while in force, and once lifted is reported as in no zone but within 藁城区全域', async ({
    page,
    publicSite,
  }) => {
    const queries = ['小果庄', '小果莊', '藁城　小果庄', '藁城小果莊村'];
    await openZones(page, publicSite);
    for (const query of queries) {
      await page.getByLabel(LABEL).fill(query);
      await expect(result(page, '增村镇小果庄村')).toContainText('高风险');
      await expect(result(page, '增村镇小果庄村')).toContainText('位于藁城区全域高风险范围内');
    }

    await signIn(page, 'admin');
    await liftZone(page, '增村镇小果庄村', { effectiveAt: '2021-02-08T00:00', notice: '石家庄市应对疫情工作领导小组公告（2021年第20号）' });

    await publicSite.waitFor('/zones/', async () => {
      const lifted = page.getByRole('region', { name: '已解除管控', exact: true });
      await expect(lifted.getByRole('link', { name: '增村镇小果庄村' })).toBeVisible({ timeout: 1_000 });
    });
    for (const query of ['小果庄', '小果莊']) {
      await page.getByLabel(LABEL).fill(query);
      const status = page.getByRole('status');
      await expect(status).toContainText(`未在现行管控区域中找到“${query.trim()}”`);
      // …but the whole-district measure it lies in is pointed out.
      await expect(status).toContainText('藁城区全域（高风险）');
      await expect(result(page, '增村镇小果庄村')).toHaveCount(0);
    }
    // A query naming the district is answered by the whole-district measure itself.
    for (const query of ['藁城　小果庄', '藁城小果莊村']) {
      await page.getByLabel(LABEL).fill(query);
      await expect(page.getByRole('status')).toContainText('找到 1 个正在管控的区域');
      await expect(result(page, '藁城区全域')).toContainText('高风险');
      await expect(result(page, '增村镇小果庄村')).toHaveCount(0);
    }
  });
});
