import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** An attachment with a plain ASCII name for old clients and the Chinese name as RFC 5987 `filename*`. */
function disposition(name: string, ascii: string): string {
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

// Downloads for admins (the procedure checks the role): the zone list as it stands, every recorded
// change, and the import template.
export const GET: RequestHandler = async ({ locals, params }) => {
  const match = /^(current|history|template)\.(csv|xlsx)$/.exec(params.file);
  if (!match) error(404, '没有这个文件');
  const [, kind, format] = match as unknown as [string, 'current' | 'history' | 'template', 'csv' | 'xlsx'];
  const file = await locals.api.zone.export({ kind, format }).catch((e: unknown) => {
    const code = e instanceof Error ? (e as Error & { code?: string }).code : undefined;
    if (code === 'UNAUTHORIZED' || code === 'FORBIDDEN') error(403, '仅限管理员下载');
    throw e;
  });
  return new Response(Buffer.from(file.base64, 'base64'), {
    headers: {
      'content-type': file.contentType,
      'content-disposition': disposition(file.filename, file.asciiFilename),
      'cache-control': 'no-store',
    },
  });
};
