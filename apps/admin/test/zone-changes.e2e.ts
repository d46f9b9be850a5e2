import { expectNoAxeViolations } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { approveZoneChange, hydrated, openHydrated, signedInPage, signIn, submittedChange, submitZoneChange } from './helpers.ts';

// Zone changes beyond one zone's seal or lift, each previewed in words and approved by another
// person: a correction (the time of a change was entered wrongly: the record is corrected, not
// sealed and lifted again, and the public sees what and why), a notice's sweep of a county, and a
// whole district lifted with the zone inside it. The tests run in order on one system.

test('an admin corrects the time of a recorded change; once approved, the public zone page and /corrections/ say what and why', async ({
  page,
  publicSite,
}) => {
  const reason = '调整为高风险的生效时间录入有误，应为1月5日20时';
  await signIn(page, 'admin');
  await page.goto('/zones');
  await page.getByRole('link', { name: '增村镇小果庄村' }).click();
  await expect(page).toHaveURL(/\/zones\/[0-9a-f-]{36}$/);
  await hydrated(page);
  const zoneId = page.url().split('/').pop()!;

  const form = page.getByRole('region', { name: '更正', exact: true });
  // Nothing to correct is said so; the public reason is required.
  await form.getByRole('button', { name: '预览更正' }).click();
  await expect(form.getByRole('alert')).toContainText('更正原因（公开）');
  await form.getByLabel('更正原因（公开）').fill(reason);
  await form.getByRole('button', { name: '预览更正' }).click();
  await expect(form.getByRole('alert')).toContainText('没有需要更正的内容');

  await form.getByLabel('要更正的变更记录').selectOption({ index: 2 });
  await expect(form.getByLabel('更正后的生效时间')).toHaveValue('2021-01-05T00:00');
  await form.getByLabel('更正后的生效时间').fill('2021-01-05T20:00');
  await submitZoneChange(page, form, '预览更正', '按原公告核对');
  const change = await submittedChange(page);
  await expectNoAxeViolations(page);
  await approveZoneChange(page, change);
  await page.reload();
  await expect(page.getByRole('table')).toContainText('2021年1月5日 20:00');

  await publicSite.waitFor(`/zones/${zoneId}/`, async () => {
    await expect(page.getByRole('region', { name: '更正记录' })).toContainText(reason, { timeout: 1_000 });
  });
  const record = page.getByRole('region', { name: '更正记录' });
  await expect(record).toContainText('生效时间');
  await expect(record).toContainText('2021年1月5日 20:00');
  await expectNoAxeViolations(page);

  await publicSite.open('/corrections/');
  const listed = page.getByRole('region', { name: '管控区域的更正' });
  await expect(listed.getByRole('link', { name: '藁城区增村镇小果庄村' })).toBeVisible();
  await expect(listed).toContainText(reason);
  await expectNoAxeViolations(page);

  // The open data holds it too, one row per item corrected.
  const csv = await (await page.request.get(publicSite.url('/data/zone-corrections.csv'))).text();
  expect(csv).toContain(zoneId);
  expect(csv).toContain(reason);
});

test('an admin sweeps a county as a notice says ("其余地区调整为低风险"), keeping the zone the notice names; a reviewer approves it', async ({
  browser,
  page,
}) => {
  const notice = '石家庄市应对疫情工作领导小组公告（2021年第20号）';
  await signIn(page, 'admin');
  await page.goto('/zones');
  await page.getByRole('link', { name: '其余地区统一调整' }).click();
  await expect(page).toHaveURL(/\/zones\/sweep$/);
  await hydrated(page);
  await page.getByLabel('范围').selectOption({ label: '藁城区' });
  await page.getByLabel('调整为').selectOption({ label: '低风险' });
  await page.getByLabel('生效时间').fill('2021-02-08T00:00');
  await page.getByLabel('依据文件').fill(notice);
  await page.getByLabel('增村镇小果庄村（高风险）').check();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: '预览调整' }).click();

  const confirm = page.getByRole('region', { name: /^提交前核对/ });
  await expect(confirm).toContainText('藁城区其余地区调整为低风险（1个区域）');
  await expect(confirm).toContainText('藁城区全域将显示为低风险，不再计入管控区域');
  await expect(confirm).toContainText('其范围内另有1个区域（藁城区增村镇小果庄村）仍在管控中，本次不随之调整');
  await expect(confirm).not.toContainText('小果庄村将');
  // A whole district: a reason is needed.
  await expect(confirm).toContainText('涉及整个区县或乡镇（街道）');
  await confirm.getByLabel('理由').fill('按领导小组第20号公告');
  await confirm.getByLabel('紧急：排在审核队列最前').check();
  await confirm.getByRole('button', { name: '提交审核' }).click();
  await expect(page).toHaveURL(/\/zones\/changes\/[0-9a-f-]{36}\?submitted=1$/);
  await expect(page.getByRole('status')).toContainText('已提交审核（紧急）');
  await expectNoAxeViolations(page);
  const changeUrl = new URL(page.url()).pathname;
  await page.goto('/review');
  await expect(page.getByRole('row').filter({ hasText: '藁城区其余地区调整为低风险' })).toContainText('紧急');
  await page.goto(changeUrl);

  // The author, in another window, still cannot approve it; the reviewer does.
  const author = await signedInPage(browser, 'admin');
  await openHydrated(author, new URL(page.url()).pathname);
  await expect(author.getByText('本人提交的变更需由其他审核人员或管理员批准')).toBeVisible();
  await author.context().close();
  await approveZoneChange(page, new URL(page.url()).pathname);
  await page.reload();
  await expect(page.getByRole('status')).toHaveText('');
  await page.getByRole('link', { name: '藁城区全域' }).click();
  await expect(page.getByRole('table')).toContainText(notice);
});

// After the sweep above: 藁城区全域 is at 低风险, 增村镇小果庄村 inside it still at 高风险.
test('lifting a whole district asks what becomes of the zone inside it; lifted with it, both go in one reviewed change', async ({
  page,
}) => {
  const notice = '石家庄市应对疫情工作领导小组公告（2021年第25号）';
  await signIn(page, 'admin');
  await page.goto('/zones');
  await page.getByRole('link', { name: '藁城区全域' }).click();
  await expect(page).toHaveURL(/\/zones\/[0-9a-f-]{36}$/);
  await hydrated(page);
  const lift = page.getByRole('region', { name: '解除管控' });
  const inner = lift.getByRole('group', { name: '范围内另有 1 个管控区域，随这项变更：' });
  await expect(inner).toContainText('增村镇小果庄村（高风险）');
  await expect(inner.getByLabel('保持不变')).toBeChecked();
  await inner.getByLabel('一并解除管控').check();
  await lift.getByLabel('生效时间').fill('2021-02-20T00:00');
  await lift.getByLabel('依据文件').fill(notice);
  await lift.getByRole('button', { name: '预览解除管控' }).click();
  const confirm = page.getByRole('region', { name: /^提交前核对/ });
  await expect(confirm).toContainText('藁城区全域全体居民将不再显示为在管控区域内（解除管控）');
  await expect(confirm).toContainText('藁城区增村镇小果庄村将解除管控');
  await expectNoAxeViolations(page);
  await confirm.getByLabel('理由').fill('按第25号公告');
  await confirm.getByRole('button', { name: '提交审核' }).click();
  await approveZoneChange(page, await submittedChange(page));

  await page.goto('/zones?status=lifted');
  await expect(page.getByRole('link', { name: '藁城区全域' })).toBeVisible();
  await expect(page.getByRole('link', { name: '增村镇小果庄村' })).toBeVisible();
});
