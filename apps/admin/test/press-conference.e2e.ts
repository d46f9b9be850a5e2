import { expectNoAxeViolations } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { fillIn, hydrated, openHydrated, signedInPage } from './helpers.ts';

// Entering a press conference: figures read from the pasted bulletin for review, then the conference itself.

test.use({ signedInAs: 'press' });

/** The figures paragraph of the 11th press conference (石家庄日报, 16 January 2021). */
const SEED =
  '1月15日0—12时，全市新增新冠肺炎确诊病例48例，新增新冠肺炎无症状感染者10例。1月2日至1月15日12时，全市累计确诊病例579例，累计无症状感染者213例，除已经出院的康复者外，其他均在定点医院集中救治。';
/** The same article's testing figures, which the report form has no place for. */
const TESTING = '全市共设采集点13758个，核酸检测10253103人，累计发现阳性病例247例，其中藁城区217例。';

test('a press officer pastes the official text and reviews the figures read from it, without publishing them', async ({ page }) => {
  await openHydrated(page, '/reports/new');

  const paste = page.getByRole('region', { name: '粘贴通报原文' });
  await paste.getByRole('button', { name: '识别' }).click();
  await expect(paste.getByLabel('通报原文', { exact: true })).toBeFocused();
  await expect(paste.locator('#paste-text-error')).toHaveText('请先粘贴通报原文');

  await paste.getByLabel('通报原文', { exact: true }).fill(SEED);
  await paste.getByRole('button', { name: '识别' }).click();
  const review = page.getByRole('region', { name: '识别结果' });
  await expect(review.getByRole('heading', { name: '识别结果' })).toBeFocused();

  // The form holds the figures for review, each marked as coming from the text.
  await expect(page.getByLabel('统计开始')).toHaveValue('2021-01-15T00:00');
  await expect(page.getByLabel('统计截止')).toHaveValue('2021-01-15T12:00');
  await expect(page.getByText('统计时段将显示为：1月15日0—12时')).toBeVisible();
  const newConfirmed = page.getByLabel('新增确诊', { exact: true });
  await expect(newConfirmed).toHaveValue('48');
  await expect(page.getByLabel('新增无症状', { exact: true })).toHaveValue('10');
  await expect(page.getByLabel('累计确诊')).toHaveValue('579');
  await expect(page.getByLabel('累计无症状')).toHaveValue('213');
  for (const label of ['统计开始', '统计截止', '新增确诊', '新增无症状', '累计确诊', '累计无症状']) {
    await expect(page.getByLabel(label, { exact: true })).toHaveAccessibleDescription(/来自原文/);
  }
  await expect(page.getByLabel('新增出院')).toHaveValue('');
  await expect(page.getByLabel('新增出院')).toHaveAccessibleDescription('未公布的留空');
  await expect(page.getByLabel('原文', { exact: true })).toHaveValue(SEED);

  // Each value is shown in the sentence it was read from.
  const item = (text: string) => review.getByRole('listitem').filter({ hasText: text });
  await expect(item('新增确诊 48')).toContainText('「1月15日0—12时，全市新增新冠肺炎确诊病例48例，新增新冠肺炎无症状感染者10例」');
  await expect(item('新增确诊 48').locator('mark')).toHaveText('48');
  await expect(item('新增无症状 10').locator('mark')).toHaveText('10');
  await expect(item('累计确诊 579').locator('mark')).toHaveText('579');
  await expect(item('累计无症状 213').locator('mark')).toHaveText('213');
  await expect(item('统计开始 2021年1月15日 00:00').locator('mark')).toHaveText('1月15日0—12时');
  await expect(review.getByText('没有未能识别的内容。')).toBeVisible();

  // The live reconciliation runs on the filled figures: this is the period of the demo's published report.
  await expect(page.getByText('统计时段与已发布的通报重叠：本期1月15日0—12时与已发布的1月15日0—12时通报时段相同')).toBeVisible();
  await expectNoAxeViolations(page);

  // Editing a figure drops its marker.
  await newConfirmed.fill('49');
  await expect(newConfirmed).not.toHaveAccessibleDescription(/来自原文/);
  await expect(page.getByLabel('新增无症状', { exact: true })).toHaveAccessibleDescription(/来自原文/);

  // Numbers nobody can place are listed, and a figure stated twice differently is left empty, never guessed.
  await paste.getByLabel('通报原文', { exact: true }).fill(`${SEED}${TESTING}全市新增确诊病例50例。`);
  await paste.getByRole('button', { name: '识别' }).click();
  await expect(review.getByRole('heading', { name: '未能识别，请人工核对' })).toBeVisible();
  await expect(review.getByRole('listitem').filter({ hasText: '13758' }).first()).toBeVisible();
  await expect(review.getByRole('heading', { name: '前后矛盾，未填入' })).toBeVisible();
  await expect(review.getByRole('listitem').filter({ hasText: '同一项出现了不同的数字' })).toContainText('新增确诊');
  await expect(newConfirmed).toHaveValue('');
  await expect(page.getByLabel('累计确诊')).toHaveValue('579');
  await expectNoAxeViolations(page);
  // Nothing was sent: the report stays unpublished.
  await expect(page).toHaveURL(/\/reports\/new$/);
});

test('a press officer records the 12th press conference with the report it announced; a reviewer reads it', async ({
  browser,
  page,
  publicSite,
}) => {
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '新闻发布会' }).click();
  await expect(page.getByRole('table')).toContainText('石家庄市新冠肺炎疫情防控工作第11场新闻发布会');
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: '录入新闻发布会' }).click();
  await expect(page).toHaveURL(/\/press-conferences\/new$/);
  await hydrated(page);

  await expect(page.getByLabel('发布层级')).toHaveValue('municipal');
  await expect(page.getByLabel('发布机构')).toHaveValue('石家庄市人民政府新闻办公室');
  await expect(page.getByLabel('场次', { exact: true })).toHaveValue('12');
  await expect(page.getByLabel('标题')).toHaveValue('石家庄市新冠肺炎疫情防控工作第12场新闻发布会');
  await expectNoAxeViolations(page);

  // Nothing filled in yet: each missing field is named next to it.
  await page.getByRole('button', { name: '发布', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('摘要');
  await expect(page.locator('#pc-people-0-name-error')).toHaveText('必填');
  await expect(page.getByRole('group', { name: '第 1 人' }).getByLabel('姓名')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page);

  await page.getByLabel('发布会日期').fill('2021-01-16');
  await page.getByLabel('开始时间').fill('16:00');
  const host = page.getByRole('group', { name: '第 1 人' });
  await expect(host.getByLabel('角色')).toHaveValue('host');
  await fillIn(host, { 姓名: '孟祥红', 职务: '副市长', 单位: '石家庄市人民政府' });

  // Adding a row moves focus into it; removing it moves focus to the row that is left.
  await page.getByRole('button', { name: '添加主持人或发布人' }).click();
  const second = page.getByRole('group', { name: '第 2 人' });
  await expect(second.getByLabel('角色')).toBeFocused();
  await expect(second.getByLabel('角色')).toHaveValue('speaker');
  await second.getByRole('button', { name: '删除第 2 人' }).click();
  await expect(host.getByLabel('角色')).toBeFocused();

  await page.getByRole('button', { name: '添加答问单位' }).click();
  const agency = page.getByRole('textbox', { name: '第 1 个答问单位' });
  await expect(agency).toBeFocused();
  await agency.fill('市卫生健康委员会');
  await page.getByLabel('摘要').fill('通报全市疫情防控工作最新进展（端到端测试）。');
  await page.getByRole('button', { name: '添加问答' }).click();
  const qa = page.getByRole('group', { name: '第 1 个问答' });
  await expect(qa.getByLabel('问题')).toBeFocused();
  await fillIn(qa, { 问题: '第三轮核酸检测何时开始？', 回答: '将根据疫情形势确定，届时另行通知。', '答问人/单位': '市卫生健康委员会' });
  await page.getByRole('checkbox', { name: /^1月15日0—12时疫情通报/ }).check();

  await page.getByRole('button', { name: '发布', exact: true }).click();
  await expect(page.getByRole('heading', { name: '石家庄市人民政府新闻办公室第12场新闻发布会已发布' })).toBeFocused();
  await expect(page.getByRole('status')).toContainText('/press-conferences/city-12/');
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: '在管理后台查看本场发布会' }).click();
  await expect(page).toHaveURL(/\/press-conferences\/city-12$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('石家庄市新冠肺炎疫情防控工作第12场新闻发布会');
  await expect(page.getByText('主持人：孟祥红（石家庄市人民政府 副市长）')).toBeVisible();
  await expect(page.getByText('疫情通报：1月15日0—12时疫情通报')).toBeVisible();
  await expectNoAxeViolations(page);

  // Reviewers read conferences but do not enter them.
  const reviewer = await signedInPage(browser, 'reviewer');
  await reviewer.goto('/press-conferences');
  await expect(reviewer.getByRole('link', { name: '石家庄市新冠肺炎疫情防控工作第12场新闻发布会' })).toBeVisible();
  await expect(reviewer.getByRole('link', { name: '录入新闻发布会' })).toHaveCount(0);
  expect((await reviewer.goto('/press-conferences/new'))?.status()).toBe(403);
  await reviewer.context().close();

  // The public portal gets its page once the site is rebuilt.
  await publicSite.waitFor('/press-conferences/city-12/', async () => {
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('石家庄市新冠肺炎疫情防控工作第12场新闻发布会', { timeout: 1_000 });
  });
  // The console says where the change stands, and links to its public page once it is live.
  await page.goto('/releases');
  const change = page
    .getByRole('table', { name: /每一项更改/ })
    .getByRole('row')
    .filter({ hasText: '发布石家庄市人民政府新闻办公室第12场新闻发布会' });
  await expect(change).toContainText('已上线');
  await expect(change.getByRole('link', { name: '在公众网站查看' })).toHaveAttribute('href', publicSite.url('/press-conferences/city-12/'));
  await expectNoAxeViolations(page);
});

test('the province’s conferences are numbered apart, one may have no number, and lists go by date within each level', async ({
  page,
  publicSite,
}) => {
  await openHydrated(page, '/press-conferences/new');
  // The province's series starts at 1, whatever the city's has reached.
  await page.getByLabel('发布层级').selectOption('provincial');
  await expect(page.getByLabel('发布机构')).toHaveValue('河北省人民政府新闻办公室');
  await expect(page.getByLabel('场次', { exact: true })).toHaveValue('1');
  await expect(page.getByLabel('标题')).toHaveValue('河北省新冠肺炎疫情防控工作第1场新闻发布会');
  // This one was not numbered: the number goes, and the title follows.
  await page.getByRole('checkbox', { name: '未标明场次' }).check();
  await expect(page.getByLabel('场次', { exact: true })).toBeDisabled();
  await expect(page.getByLabel('标题')).toHaveValue('河北省新冠肺炎疫情防控工作新闻发布会');
  await page.getByLabel('发布会日期').fill('2021-01-20');
  await fillIn(page.getByRole('group', { name: '第 1 人' }), { 姓名: '徐建培', 职务: '副省长' });
  await page.getByLabel('摘要').fill('通报全省疫情防控工作进展（端到端测试）。');
  await page.getByRole('button', { name: '发布', exact: true }).click();
  await expect(page.getByRole('heading', { name: '河北省人民政府新闻办公室2021年1月20日新闻发布会（未标明场次）已发布' })).toBeFocused();
  await expect(page.getByRole('status')).toContainText('/press-conferences/province-2021-01-20/');

  // The list: by level, each by date, the latest first.
  await page.getByRole('link', { name: '返回新闻发布会列表' }).click();
  await expect(page).toHaveURL(/\/press-conferences$/);
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(['市级新闻发布会', '省级新闻发布会']);
  await expect(page.getByRole('table', { name: /省级/ }).getByRole('row').nth(1)).toContainText('未标明场次');
  await expectNoAxeViolations(page);

  await publicSite.waitFor('/press-conferences/province-2021-01-20/', async () => {
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('河北省新冠肺炎疫情防控工作新闻发布会', { timeout: 1_000 });
  });
  await expect(page.getByText('未标明场次')).toBeVisible();
  await publicSite.open('/press-conferences/');
  await expect(page.getByRole('heading', { level: 2, name: '省级新闻发布会' })).toBeVisible();
  await expectNoAxeViolations(page);

  // Its number found later: the address changes, and the old one leads to the new one.
  await openHydrated(page, '/press-conferences/province-2021-01-20/edit');
  await page.getByRole('checkbox', { name: '未标明场次' }).uncheck();
  await page.getByLabel('场次', { exact: true }).fill('3');
  await expect(page.getByLabel('标题')).toHaveValue('河北省新冠肺炎疫情防控工作第3场新闻发布会');
  await page.getByLabel('修改原因').fill('核对省政府新闻办通稿，本场为第3场');
  await page.getByRole('button', { name: '保存修改' }).click();
  await expect(page).toHaveURL(/\/press-conferences\/province-3\?updated=1$/);
  await page.goto('/press-conferences/province-2021-01-20');
  await expect(page).toHaveURL(/\/press-conferences\/province-3$/);
  await publicSite.waitFor('/press-conferences/province-3/', async () => {
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('河北省新冠肺炎疫情防控工作第3场新闻发布会', { timeout: 1_000 });
  });
  await publicSite.open('/press-conferences/province-2021-01-20/');
  await expect(page).toHaveURL(/\/press-conferences\/province-3\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('河北省新冠肺炎疫情防控工作第3场新闻发布会');
});
