import { REVIEW_TYPES, type ReviewType } from '@epi/core';
import { error } from '@sveltejs/kit';
import { orNotFound, requireRole } from '#lib/server/guard.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const user = requireRole(locals, url, ['press_officer', 'reviewer']);
  if (!(REVIEW_TYPES as readonly string[]).includes(params.type)) error(404, '未找到该审核事项');
  const detail = await orNotFound(locals.api.review.forReview({ type: params.type as ReviewType, id: params.id }), '未找到该审核事项');
  return { detail, me: { id: user.id, role: user.role } };
};
