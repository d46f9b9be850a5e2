import { error } from '@sveltejs/kit';
import { requireRole } from '#lib/server/guard.ts';
import type { RequestHandler } from './$types';

/** Staff download an attachment of any revision. Sent as a download, never rendered in the console's origin. */
export const GET: RequestHandler = async ({ locals, url, params }) => {
  requireRole(locals, url, ['press_officer', 'reviewer', 'admin']);
  const file = await locals.api.bulletin.attachmentContent({ id: params.attachmentId }).catch(() => null);
  if (!file) error(404, '附件不存在');
  const name = encodeURIComponent(file.attachment.filename);
  return new Response(Buffer.from(file.content), {
    headers: {
      'content-type': file.attachment.mediaType,
      'content-length': String(file.content.byteLength),
      'content-disposition': `attachment; filename*=UTF-8''${name}`,
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, no-store',
    },
  });
};
