import { compareRevisions } from '@epi/core';
import { error } from '@sveltejs/kit';
import { orNotFound, requireRole } from '#lib/server/guard.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  requireRole(locals, url, ['press_officer', 'reviewer', 'admin']);
  const revisions = await orNotFound(locals.api.bulletin.revisions({ id: params.id }), '该公告不存在');
  const pick = (name: string, fallback: number) => {
    const raw = url.searchParams.get(name);
    const n = raw === null ? fallback : Number(raw);
    const found = revisions.find((r) => r.number === n);
    if (!found) error(400, `参数 ${name}：没有第 ${raw} 版（共 ${revisions.length} 版）`);
    return found;
  };
  const a = pick('a', Math.max(1, revisions.length - 1));
  const b = pick('b', revisions.length);
  return {
    id: params.id,
    title: revisions.at(-1)!.title,
    a: { number: a.number, createdAt: a.createdAt, createdBy: a.createdBy?.name ?? null },
    b: { number: b.number, createdAt: b.createdAt, createdBy: b.createdBy?.name ?? null },
    fields: compareRevisions(a, b),
  };
};
