import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures.ts';
import { approveZoneChange, openHydrated, signIn } from './helpers.ts';

// The overview pages stay the size of what a person reads: a county with more areas than /zones/
// lists shows its count and a link to its own page, which lists every one (without JavaScript too);
// the home page shows counts per county, never the areas themselves.

const HEADER = '区县,乡镇/街道,村/社区/小区,风险等级,生效时间,依据,备注';
const AREAS = Array.from({ length: 13 }, (_, i) => `概览测试${String(i + 1).padStart(2, '0')}村`);

test('a county with 13 areas is counted and linked on /zones/ and the home page, and listed whole on its own page', async ({
  page,
  browser,
  publicSite,
  clock,
}) => {
  // An hour before the system's clock, in Beijing time.
  const at = new Date((await clock.now()).getTime() - 3_600_000 + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
  const dir = mkdtempSync(join(tmpdir(), 'epi-overview-'));
  const file = join(dir, 'xinle.csv');
  writeFileSync(file, `\uFEFF${[HEADER, ...AREAS.map((a) => `新乐市,,${a},中风险,${at},概览测试通告,`)].join('\r\n')}\r\n`);
  try {
    await signIn(page, 'admin');
    await openHydrated(page, '/zones/import');
    await page.getByLabel('选择文件').setInputFiles(file);
    await expect(page.getByRole('list', { name: '预览汇总' })).toContainText('将新划定 13');
    await page.getByRole('button', { name: '提交审核' }).click();
    await expect(page).toHaveURL(/\/zones\/changes\/[0-9a-f-]{36}\?submitted=1$/);
    await approveZoneChange(page, page.url());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const xinle = page.getByRole('region', { name: /^新乐市/ });
  await publicSite.waitFor('/zones/', async () => {
    await expect(xinle).toContainText('区域较多（13个）', { timeout: 1_000 });
  });
  // Not listed one by one here; the demo's 藁城区, with few areas, still is.
  await expect(xinle.getByRole('link', { name: AREAS[0]! })).toHaveCount(0);
  await expect(page.getByRole('region', { name: /^藁城区/ }).getByRole('link', { name: '增村镇小果庄村' })).toBeVisible();
  await xinle.getByRole('link', { name: '新乐市全部管控区域' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('新乐市');
  for (const area of [AREAS[0]!, AREAS[12]!]) await expect(page.getByRole('link', { name: area, exact: true })).toBeVisible();

  // The home page: counts per county, with links, and no area names.
  await publicSite.open('/');
  const counts = page.getByRole('table', { name: '各县（市、区）正在管控的区域数' });
  await expect(counts.getByRole('row', { name: /新乐市/ })).toContainText('13个区域（中风险13个）');
  await expect(counts.getByRole('row', { name: /藁城区/ })).toContainText('全域高风险');
  await expect(page.getByRole('main')).not.toContainText(AREAS[0]!);

  // Without JavaScript, the county's page is the complete list.
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noScript.newPage();
  await plain.goto(publicSite.url('/districts/130184/'));
  await expect(plain.getByRole('main').getByRole('link', { name: /^概览测试\d\d村$/ })).toHaveCount(13);
  await noScript.close();
});
