import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const [releases, latest] = await Promise.all([locals.api.release.list(), locals.api.report.latest()]);
  return { releases: releases.slice(0, 5), latest };
};
