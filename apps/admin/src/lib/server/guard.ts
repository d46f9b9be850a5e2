import { ROLE_LABELS, type Role, type User } from '@epi/core';
import { fieldErrorsOf } from '@epi/api';
import { error, redirect } from '@sveltejs/kit';

/**
 * The signed-in user, when their role may open this page. The layout redirects anonymous visitors,
 * but page loads run alongside it, so each checks again; the procedures check the role once more.
 */
export function requireRole(locals: App.Locals, url: URL, roles: readonly Role[]): User {
  const user = locals.user;
  if (!user) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
  if (user.mustChangePassword || locals.context.mustEnrollTotp) redirect(303, '/account');
  if (!roles.includes(user.role)) error(403, `此页面仅限${roles.map((r) => ROLE_LABELS[r]).join('、')}访问`);
  return user;
}

/** Runs a read; a NOT_FOUND from the API becomes the 404 page. */
export async function orNotFound<T>(read: Promise<T>, message = '未找到'): Promise<T> {
  try {
    return await read;
  } catch (e) {
    // Checked by shape: the API package may load its own copy of @trpc/server.
    if (e instanceof Error && e.name === 'TRPCError' && (e as Error & { code?: string }).code === 'NOT_FOUND') error(404, message);
    throw e;
  }
}

/** A refused form post: the message, and the field it is about when the server named one. */
export function refused(error: unknown, fallback: string): { error: string; field: string | null } {
  const [first] = Object.entries(fieldErrorsOf(error instanceof Error ? error.cause : undefined));
  if (first && first[0] !== '_') return { error: first[1][0] ?? fallback, field: first[0] };
  return { error: error instanceof Error ? error.message : fallback, field: null };
}
