import type { Locator } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { hydrated, openHydrated } from './helpers.ts';

// Editing what is already public: a press officer updates the demo isolation facility (a stale
// second edit is refused) and the 11th press conference; each public page then shows the new
// state with when and why it changed.

test.use({ signedInAs: 'press' });

const FACILITY = '集中隔离点建设项目';

/** The value a definition list in `scope` gives for the term `term`. */
const factOf = (scope: Locator, term: string) =>
  scope
    .locator('dl > div')
    .filter({
      has: scope
        .page()
        .getByRole('term')
        .filter({ hasText: new RegExp(`^${term}$`) }),
    })
    .getByRole('definition');

test('a press officer puts the isolation facility in use; a stale edit is refused; the public page shows the change and why', async ({
  page,
  publicSite,
}) => {
  const reason = '1月20日投入使用';
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '集中隔离' }).click();
  await page.getByRole('link', { name: `修改${FACILITY}` }).click();
  await expect(page).toHaveURL(/\/isolation\/facilities\/[0-9a-f-]{36}\/edit$/);
  const editPath = new URL(page.url()).pathname;
  const id = editPath.split('/')[3]!;
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`修改隔离设施：${FACILITY}`);
  await expect(page.getByLabel('状态')).toHaveValue('under_construction');
  await expect(page.getByLabel('房间数')).toHaveValue('3000');

  // A second window opens the same facility before the first edit is saved.
  const stale = await page.context().newPage();
  await openHydrated(stale, editPath);
  await expect(stale.getByLabel('状态')).toHaveValue('under_construction');

  await page.getByLabel('状态').selectOption('in_use');
  await page.getByLabel('投用日期').fill('2021-01-20');

  // The reason is required: it is shown publicly with the change.
  await page.getByRole('button', { name: '保存并更新公众网站' }).click();
  await expect(page.getByRole('alert')).toContainText('修改原因');
  await expect(page.getByLabel('修改原因')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('修改原因').fill(reason);
  await page.getByRole('button', { name: '保存并更新公众网站' }).click();
  await expect(page).toHaveURL(new RegExp(`/isolation\\?updated=${id}$`));
  await expect(page.getByRole('status').first()).toHaveText('设施信息已更新，公众网站正在更新。');
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: FACILITY, exact: true }) });
  await expect(row).toContainText('已投用');
  await expect(row).toContainText(reason);

  // The stale window still shows the old version: its save is refused as a conflict, nothing is overwritten.
  await stale.getByLabel('房间数').fill('3200');
  await stale.getByLabel('修改原因').fill('增加房间（过时的修改）');
  await stale.getByRole('button', { name: '保存并更新公众网站' }).click();
  const conflict = stale.getByRole('alert');
  await expect(conflict).toContainText('未能保存：这条记录已被其他人修改。');
  await expect(conflict).toContainText('请重新载入，核对最新内容后再提交。');
  await expect(stale).toHaveURL(new RegExp(`${editPath}$`));
  await expectNoAxeViolations(stale);
  // Reloading shows the saved edit, with its reason in the history, and the stale rooms gone.
  await conflict.getByRole('button', { name: '重新载入最新内容' }).click();
  await expect(stale.getByLabel('状态')).toHaveValue('in_use');
  await expect(stale.getByLabel('投用日期')).toHaveValue('2021-01-20');
  await expect(stale.getByLabel('房间数')).toHaveValue('3000');
  await expect(stale.getByRole('alert')).toHaveCount(0);
  const history = stale.getByRole('region', { name: '修改记录' });
  await expect(history).toContainText(reason);
  await expect(history).toContainText('状态：建设中 → 已投用');
  await stale.close();

  await publicSite.waitFor('/isolation/', async () => {
    const facility = page.getByRole('article').filter({ has: page.getByRole('heading', { name: FACILITY, exact: true }) });
    await expect(factOf(facility, '状态')).toHaveText('已投用', { timeout: 1_000 });
  });
  const facility = page.getByRole('article').filter({ has: page.getByRole('heading', { name: FACILITY, exact: true }) });
  await expect(factOf(facility, '投用日期')).toHaveText('2021年1月20日');
  await expect(factOf(facility, '房间数')).toHaveText('3,000间');
  const changes = facility.getByRole('region', { name: `${FACILITY}修改记录` });
  const change = changes.getByRole('listitem').filter({ hasText: reason });
  await expect(change).toContainText('状态：原为建设中，现为已投用');
  await expect(change).toContainText('投用日期：原为（空），现为2021年1月20日');
  await expect(change).toContainText(`原因：${reason}`);
  await expect(changes).not.toContainText('房间数');
  await expectNoAxeViolations(page);
});

test('a press officer adds a Q&A to the 11th press conference; the public page shows it, says it was updated and why', async ({
  page,
  publicSite,
}) => {
  const reason = '补充答记者问实录';
  const question = '集中隔离点建成后如何转运隔离人员？';
  const answer = '按照“应收尽收、应隔尽隔”的要求，由各县（市、区）组织点对点转运。';
  const addition = '会上还通报了集中隔离点建设进展。';

  await openHydrated(page, '/press-conferences/city-11');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('石家庄市新冠肺炎疫情防控工作第11场新闻发布会');
  await page.getByRole('link', { name: '修改', exact: true }).click();
  await expect(page).toHaveURL(/\/press-conferences\/city-11\/edit$/);
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('修改石家庄市人民政府新闻办公室第11场新闻发布会');

  const summary = page.getByLabel('摘要');
  const before = await summary.inputValue();
  expect(before).toContain('副市长孟祥红');
  await summary.fill(`${before}${addition}`);
  await page.getByRole('button', { name: '添加问答' }).click();
  // The demo conference has no Q&A yet: this is the first.
  const qa = page.getByRole('group', { name: '第 1 个问答' });
  await expect(qa.getByLabel('问题')).toBeFocused();
  await qa.getByLabel('问题').fill(question);
  await qa.getByLabel('回答').fill(answer);
  await qa.getByLabel('答问人/单位').fill('市卫生健康委员会');
  await page.getByLabel('修改原因').fill(reason);
  await page.getByRole('button', { name: '保存修改' }).click();

  await expect(page).toHaveURL(/\/press-conferences\/city-11\?updated=1$/);
  await expect(page.getByRole('status')).toHaveText('修改已保存，公众网站正在更新。');
  await expect(page.getByRole('listitem').filter({ hasText: reason })).toContainText('修改了发布内容、问答。');
  await expect(page.getByText(question)).toBeVisible();

  await publicSite.waitFor('/press-conferences/city-11/', async () => {
    await expect(page.getByRole('region', { name: '答记者问' })).toContainText(question, { timeout: 1_000 });
  });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('石家庄市新冠肺炎疫情防控工作第11场新闻发布会');
  const qaSection = page.getByRole('region', { name: '答记者问' });
  await expect(qaSection).toContainText(answer);
  await expect(qaSection).toContainText('答（市卫生健康委员会）：');
  await expect(page.getByRole('region', { name: '发布内容', exact: true })).toContainText(`应隔尽隔”；加快集中隔离点建设。`);
  await expect(page.getByRole('region', { name: '发布内容', exact: true })).toContainText(addition);
  const update = page.getByRole('region', { name: '本场发布会信息已更新' }).getByRole('listitem').filter({ hasText: reason });
  await expect(update).toContainText('修改了：发布内容、问答。');
  await expect(update).toContainText(`原因：${reason}`);
  await expect(update.locator('time')).toHaveText(/^\d{4}年\d{1,2}月\d{1,2}日.*更新$/);
  await expectNoAxeViolations(page);
});
