import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectNoAxeViolations } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { approveZoneChange, hydrated, openHydrated, signIn } from './helpers.ts';

// Bulk import of a zone list as an office sends it: a spreadsheet with a bad row is refused as a
// whole, a good one seals two new zones, and importing it again finds every row recorded already.

const HEADER = '区县,乡镇/街道,村/社区/小区,风险等级,生效时间,依据,备注';
const csv = (...rows: string[]) => `\uFEFF${[HEADER, ...rows].join('\r\n')}\r\n`;

test('an admin sees the bad row of a spreadsheet and cannot import it, then imports a good one', async ({ page, browser }) => {
  const village = '导入甲村';
  const community = '导入乙社区';
  const dir = mkdtempSync(join(tmpdir(), 'epi-import-'));
  const bad = join(dir, 'bad.csv');
  const good = join(dir, 'good.csv');
  writeFileSync(
    bad,
    csv(
      `长安区,西兴街道,${community},中风险,2021-01-08 00:00,测试导入通告第1号,`,
      `桥西区,,${village},特高风险,2021/1/8 0:00,测试导入通告第1号,`,
    ),
  );
  writeFileSync(
    good,
    csv(
      `长安区,西兴街道,${community},中风险,2021-01-08 00:00,测试导入通告第1号,`,
      `130104,,${village},高风险,2021年1月8日8时,测试导入通告第1号,"备注, 含逗号"`,
    ),
  );

  try {
    await signIn(page, 'admin');
    await page.goto('/zones');
    await page.getByRole('link', { name: '批量导入' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('批量导入管控区域');
    await hydrated(page);

    const fileInput = page.getByLabel('选择文件');
    const summary = page.getByRole('list', { name: '预览汇总' });
    const confirm = page.getByRole('button', { name: '提交审核' });

    await fileInput.setInputFiles(bad);
    await expect(summary).toContainText('将新划定 1');
    await expect(summary).toContainText('错误 1');
    const badRow = page.getByRole('row').filter({ hasText: village });
    await expect(badRow.getByRole('rowheader')).toHaveText('3');
    await expect(badRow).toContainText('有问题');
    await expect(badRow).toContainText('风险等级：未知的等级「特高风险」');
    await expect(confirm).toBeDisabled();
    await expect(page.getByText('有 1 行有问题，不能导入')).toBeVisible();
    await expectNoAxeViolations(page);

    await fileInput.setInputFiles(good);
    await expect(summary).toContainText('将新划定 2');
    await expect(summary).toContainText('错误 0');
    await expect(page.getByRole('row').filter({ hasText: village })).toContainText('2021年1月8日 08:00');
    // Rows a week back need a reason; the file then waits for a reviewer, and nothing is written before.
    await confirm.click();
    await expect(page.getByRole('alert')).toContainText('请说明理由');
    await page.getByLabel('理由').fill('1月8日通告的名单，今日补录');
    await confirm.click();
    await expect(page).toHaveURL(/\/zones\/changes\/[0-9a-f-]{36}\?submitted=1$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('批量导入：good.csv（新划定 2、调整等级 0、解除 0）');
    await expect(page.getByText('导入的文件：good.csv')).toBeVisible();
    await approveZoneChange(page, page.url());

    await page.goto('/zones');
    await page.getByLabel('名称或地址').fill('导入');
    await page.getByRole('button', { name: '筛选' }).click();
    await expect(page.getByRole('link', { name: `西兴街道${community}` })).toBeVisible();
    await expect(page.getByRole('link', { name: village })).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: village })).toContainText('高风险');

    // The same file again: both rows recorded already, nothing to write; the current list exported
    // here contains the new zones.
    await openHydrated(page, '/zones/import');
    await page.getByLabel('选择文件').setInputFiles(good);
    await expect(summary).toContainText('已记录 2');
    await expect(summary).toContainText('将新划定 0');
    await expect(page.getByText('文件中没有需要导入的变更（2 行已记录）。')).toBeVisible();
    const recordedRow = page.getByRole('row').filter({ hasText: village });
    await expect(recordedRow).toContainText('已记录：2021年1月8日 08:00 起高风险，依据「测试导入通告第1号」');
    await expect(confirm).toBeDisabled();
    await expectNoAxeViolations(page);
    const exported = await page.request.get('/zones/export/current.csv');
    expect(exported.status()).toBe(200);
    expect(exported.headers()['content-disposition']).toMatch(
      /^attachment; filename="zones-current-\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''/,
    );
    expect(await exported.text()).toContain(village);

    const anonymous = await browser.newContext();
    expect((await anonymous.request.get(new URL('/zones/export/current.csv', page.url()).href)).status()).toBe(403);
    await anonymous.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an admin imports a timeline of notices from several cities, deciding on a likely duplicate first', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'epi-timeline-'));
  const timeline = join(dir, 'timeline.csv');
  writeFileSync(
    timeline,
    `\uFEFF${[
      '城市,区县,区域,风险等级,起始时间,截止时间,名单日期,依据',
      '邢台市,南宫市,天地名城小区,中风险,2021-01-04,,,1月4日通告',
      '邢台市,南宫市,天地名城小区,高风险,2021-01-18,,,1月19日发布会',
      '石家庄市,藁城区,小果庄村,高风险,,,2021-01-20,1月20日名单',
    ].join('\r\n')}\r\n`,
  );
  try {
    await signIn(page, 'admin');
    await openHydrated(page, '/zones/import');
    const summary = page.getByRole('list', { name: '预览汇总' });
    await page.getByLabel('选择文件').setInputFiles(timeline);
    await expect(summary).toContainText('错误 1');
    const held = page.getByRole('row').filter({ hasText: '1月20日名单' });
    await expect(held).toContainText('区域：可能与藁城区已有区域「增村镇小果庄村」是同一地点');
    await expect(held).toContainText('据1月20日通报');
    const rows = page.getByRole('row').filter({ hasText: '天地名城小区' });
    await expect(rows.nth(0)).toContainText('该区域第 1/2 项');
    await expect(rows.nth(1)).toContainText('该区域第 2/2 项');
    await expect(rows.nth(0)).toContainText('南宫市');
    await expectNoAxeViolations(page);

    // The choice is sent at once and the row checked again: the radio buttons give way to the decision.
    await held.getByLabel('已有的「增村镇小果庄村」（同一地点）').click();
    await expect(summary).toContainText('错误 0');
    await expect(summary).toContainText('将新划定 1');
    await expect(summary).toContainText('调整等级 1');
    await expect(page.getByText('已确认：与已有区域是同一地点')).toBeVisible();
    await page.getByLabel('理由').fill('省通告和发布会的名单');
    await page.getByRole('button', { name: '提交审核' }).click();
    await expect(page).toHaveURL(/\/zones\/changes\/[0-9a-f-]{36}\?submitted=1$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('批量导入：timeline.csv（新划定 1、调整等级 1、解除 0）');
    await approveZoneChange(page, page.url());

    await page.goto('/zones');
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: '天地名城小区', exact: true }) });
    await expect(row).toContainText('南宫市');
    await expect(row).toContainText('高风险');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
