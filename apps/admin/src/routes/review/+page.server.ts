import { requireRole } from '#lib/server/guard.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  requireRole(locals, url, ['press_officer', 'reviewer']);
  const [queue, bulletins] = await Promise.all([locals.api.review.queue(), locals.api.bulletin.all({ statuses: ['in_review', 'draft'] })]);
  return {
    queue,
    // Bulletins waiting for a second person, and drafts sent back with a comment.
    bulletins: bulletins.filter((b) => b.status === 'in_review' || (b.status === 'draft' && b.reviewComment)),
  };
};
