// Reads over HTTP (GET /api/trpc/…): an ETag from the content, so a reader that has the answer gets
// 304 and no body; the body compressed as the reader accepts (brotli or gzip). Signed-in readers'
// answers are private; an anonymous reader's (the public API) may be kept by shared caches, checked
// again each time.
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Below this, compression saves less than it costs. */
const MIN_BYTES = 1024;

export async function cacheableRead(request: Request, response: Response, signedIn: boolean): Promise<Response> {
  if (request.method !== 'GET' || response.status !== 200) return response;
  const body = new Uint8Array(await response.arrayBuffer());
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
  const headers = new Headers(response.headers);
  headers.set('etag', etag);
  headers.set('vary', 'Accept-Encoding, Cookie');
  headers.set('cache-control', signedIn ? 'private, no-cache' : 'public, max-age=0, must-revalidate');
  const seen = (request.headers.get('if-none-match') ?? '').split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (seen.includes(etag)) return new Response(null, { status: 304, headers });
  const accepts = (request.headers.get('accept-encoding') ?? '').toLowerCase();
  const encoding = body.length < MIN_BYTES ? null : /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : null;
  const sent =
    encoding === 'br'
      ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
      : encoding === 'gzip'
        ? gzipSync(body, { level: 6 })
        : body;
  if (encoding) headers.set('content-encoding', encoding);
  headers.set('content-length', String(sent.length));
  return new Response(sent, { status: 200, headers });
}
