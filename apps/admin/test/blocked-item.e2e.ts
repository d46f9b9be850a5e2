import { join } from 'node:path';
import { openDatabase } from '@epi/core/server';
import { expect, test } from './fixtures.ts';
import {
  approveAndPublish,
  attachPdf,
  bulletinOnPortal,
  draftBulletin,
  hydrated,
  openHydrated,
  signIn,
  signOut,
  submitForReview,
} from './helpers.ts';

// One item that cannot be built never stops the public site: a bulletin whose stored attachment no
// longer matches its checksum (a damaged disk, a bad restore) is set aside with the reason, the rest
// of the site publishes, the console shows it, and it comes back once the file is restored.

test.use({ signedInAs: 'press' });

test('a bulletin with a damaged attachment is set aside, the rest of the site goes live, and it returns when asked', async ({
  page,
  publicSite,
  system,
}) => {
  const title = '关于公布第三轮全员核酸检测采样点的通告';
  const id = await draftBulletin(page, { title, issuer: '石家庄市卫生健康委员会', category: 'notice', bodyMd: '采样点名单见附件。' });
  await hydrated(page);
  await attachPdf(page, '采样点名单.pdf');
  await submitForReview(page);
  await approveAndPublish(page, id);
  await bulletinOnPortal(page, publicSite, id, title);

  // The stored file is damaged behind the system's back.
  const db = openDatabase(`sqlite:${join(system.dataDir, 'epi.sqlite')}`);
  const [attachment] = await db
    .selectFrom('bulletin_attachment')
    .select(['id', 'content'])
    .where('filename', '=', '采样点名单.pdf')
    .execute();
  await db
    .updateTable('bulletin_attachment')
    .set({ content: Buffer.from('%PDF-1.4 damaged') })
    .where('id', '=', attachment!.id)
    .execute();

  // The next release fails on that bulletin alone: it is set aside and the rest goes live.
  await page.goto('/');
  await signOut(page);
  await signIn(page, 'admin');
  await openHydrated(page, '/releases');
  await page.getByRole('button', { name: '重新生成公众网站' }).click();
  const blocked = page.getByRole('region', { name: /未能发布的内容/ });
  await expect(async () => {
    await page.reload();
    await expect(blocked.getByText(`公告 /bulletins/${id}/`)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 150_000, intervals: [2_000] });
  await expect(blocked).toContainText('与记录的 SHA-256 校验值不符');
  // The change that put it on the site says it is no longer there; the failed build and the one without it are listed.
  await expect(page.getByRole('row', { name: new RegExp(`发布公告：${title} .*未能发布（已隔离）`) })).toBeVisible();
  await expect(page.getByRole('row', { name: /失败 手动重新发布/ })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(`线上 隔离公告 /bulletins/${id}/ 后重新生成其余内容`) })).toBeVisible();
  expect((await page.request.get(publicSite.url(`/bulletins/${id}/`))).status()).toBe(404);
  await publicSite.open('/bulletins/');
  await expect(page.getByRole('link', { name: title })).toHaveCount(0);

  // The file restored, a press officer or an admin asks for it again: it is back on the site.
  await db.updateTable('bulletin_attachment').set({ content: attachment!.content }).where('id', '=', attachment!.id).execute();
  await db.destroy();
  await openHydrated(page, '/releases');
  await page.getByRole('button', { name: `重新尝试发布公告 /bulletins/${id}/` }).click();
  await bulletinOnPortal(page, publicSite, id, title);
  await openHydrated(page, '/releases');
  await expect(page.getByRole('region', { name: /未能发布的内容/ })).toHaveCount(0);
});
