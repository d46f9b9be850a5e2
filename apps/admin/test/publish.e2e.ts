import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyLog } from '@epi/core/server';
import { expect, test } from './fixtures.ts';
import { approveAndPublish, fillNewBulletin, liftZone, saveDraft, signIn, submitForReview } from './helpers.ts';

// The two publish paths of the foundation: a press officer's bulletin and an admin's lift,
// each from the console through the publisher to the rebuilt public portal.

test('a press officer writes a bulletin, a reviewer approves it, and it appears on the public portal and in its log', async ({
  page,
  publicSite,
  system,
}) => {
  const title = '关于进一步做好居民生活物资保障的通告';
  await signIn(page, 'press');
  await fillNewBulletin(page, {
    title,
    issuer: '石家庄市应对新冠肺炎疫情工作领导小组办公室',
    category: 'notice',
    bodyMd: '各县（市、区）要确保**生活必需品**供应充足。\n\n<script>alert(1)</script>',
  });
  await expect(page.getByRole('region', { name: '预览' }).locator('strong')).toHaveText('生活必需品');
  const id = await saveDraft(page);
  await submitForReview(page);

  await approveAndPublish(page, id);
  await expect(page.getByRole('table', { name: /每一步由谁/ })).toContainText('已审核 → 已发布');

  await publicSite.waitFor('/bulletins/', async () => {
    await expect(page.getByRole('link', { name: title })).toBeVisible({ timeout: 1_000 });
  });
  await page.getByRole('link', { name: title }).click();
  await expect(page).toHaveURL(new RegExp(`/bulletins/${id}/$`));
  await expect(page.getByRole('main').locator('strong')).toHaveText('生活必需品');
  // The sanitiser dropped the script: nothing of it reaches the public page.
  expect(await page.locator('main script').count()).toBe(0);

  // The public transparency log, read over HTTP as an outsider would, has the bulletin in it and
  // extends the tree seen before the change; a log edited on the server no longer checks out.
  const key = (await (await page.request.get(publicSite.url('/log/key'))).text()).trim();
  const now = await verifyLog(publicSite.origin, key, { paths: [`/bulletins/${id}/`] });
  expect(now).toMatchObject({ ok: true, problems: [] });
  expect(now.size).toBeGreaterThanOrEqual(2);
  const first = await verifyLog(publicSite.origin, key, { seen: { size: now.size - 1, root: '' } });
  expect(first.problems).toEqual([`前 ${now.size - 1} 条与此前见过的不一致：日志被改写过`]);
  const bundle = join(system.dataDir, 'releases', 'current', 'log', 'tile', 'entries', `000.p/${now.size}`);
  // One entry's number changed, its length kept; compressed copies, if any, go with it.
  writeFileSync(bundle, readFileSync(bundle).toString('latin1').replace('{"change":1,', '{"change":7,'), 'latin1');
  rmSync(`${bundle}.br`, { force: true });
  rmSync(`${bundle}.gz`, { force: true });
  expect((await verifyLog(publicSite.origin, key)).problems).toContain('条目算出的根哈希与检查点不符');
});

test('an admin lifts a zone; it leaves the current list and its history shows the lift', async ({ page, publicSite }) => {
  await signIn(page, 'admin');
  await liftZone(page, '增村镇小果庄村', {
    effectiveAt: '2021-02-08T00:00',
    notice: '石家庄市应对疫情工作领导小组公告（2021年第20号）',
    note: '调整为低风险地区，解除封闭管控',
  });

  await publicSite.waitFor('/zones/', async () => {
    const current = page.getByRole('region', { name: /^正在管控的区域/ });
    await expect(current.getByText(/增村镇小果庄村/)).toHaveCount(0, { timeout: 1_000 });
    await expect(current.getByRole('link', { name: /藁城区全域/ })).toBeVisible({ timeout: 1_000 });
    await expect(page.getByRole('region', { name: '已解除管控', exact: true }).getByRole('link', { name: /增村镇小果庄村/ })).toBeVisible({
      timeout: 1_000,
    });
  });
  await page.getByRole('region', { name: '已解除管控', exact: true }).getByRole('link', { name: '增村镇小果庄村' }).click();
  const history = page.getByRole('table');
  await expect(history).toContainText('解除管控');
  await expect(history).toContainText('石家庄市应对疫情工作领导小组公告（2021年第20号）');
  await expect(history).toContainText('2021年2月8日');
});
