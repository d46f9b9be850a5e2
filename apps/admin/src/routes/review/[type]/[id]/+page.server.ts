import { FIGURE_REVIEW_TYPES, type FigureReviewType } from '@epi/core';
import { error, redirect } from '@sveltejs/kit';
import { reviewHref } from '#lib/review.ts';
import { orNotFound, requireRole } from '#lib/server/guard.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const user = requireRole(locals, url, ['press_officer', 'reviewer']);
  // A bulletin is reviewed on its own page, with its editor and revisions.
  if (params.type === 'bulletin') redirect(303, reviewHref('bulletin', params.id));
  if (!(FIGURE_REVIEW_TYPES as readonly string[]).includes(params.type)) error(404, '未找到该审核事项');
  const detail = await orNotFound(
    locals.api.review.forReview({ type: params.type as FigureReviewType, id: params.id }),
    '未找到该审核事项',
  );
  return { detail, me: { id: user.id, role: user.role } };
};
