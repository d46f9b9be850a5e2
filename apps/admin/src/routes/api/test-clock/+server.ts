import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { getRuntime } from '#lib/server/runtime.ts';
import type { RequestHandler } from './$types';

const body = z.object({ at: z.iso.datetime({ offset: true }) });

/**
 * Browser tests move the system's clock forward here instead of sleeping (EPI_TEST_CLOCK=1, which
 * is refused outside demo mode). Anything that falls due by then is published and the site rebuilt.
 */
export const POST: RequestHandler = async ({ request, locals }) => {
  const { clock, scheduled, config } = getRuntime();
  if (!config.testClock) error(404, 'Not found');
  // Even on a demo server, only an admin may move time: it would publish embargoed bulletins early.
  if (locals.user?.role !== 'admin') error(403, '仅管理员可以调整测试时钟');
  const parsed = body.safeParse(await request.json().catch(() => null));
  if (!parsed.success) error(400, 'at: 需要带时区的时间');
  try {
    clock.set(new Date(parsed.data.at));
  } catch (e) {
    error(400, (e as Error).message);
  }
  await scheduled.refresh();
  return json({ now: clock.now().toISOString() });
};

export const GET: RequestHandler = () => {
  const { clock, config } = getRuntime();
  if (!config.testClock) error(404, 'Not found');
  return json({ now: clock.now().toISOString() });
};
