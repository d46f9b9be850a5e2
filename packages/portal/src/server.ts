import { createServer, type Server, type ServerResponse } from 'node:http';
import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import sirv from 'sirv';

type Handler = ReturnType<typeof sirv>;

/**
 * The public site's Content-Security-Policy. The site is static and every script and stylesheet
 * is a file of its own (astro.config.ts), so nothing inline runs and nothing from another origin
 * loads. 'wasm-unsafe-eval' lets the search index's WebAssembly compile; it allows no JavaScript
 * eval.
 */
export const PUBLIC_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Sent with every response of the public site: the policy above, no sniffing of types, no framing
 * by another site, the referrer kept to the origin when leaving the site, no powerful browser
 * features.
 */
export const PUBLIC_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy': PUBLIC_CSP,
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};

/** Hashed build assets never change under their name; pages and data are checked again each time. */
function cachingHeaders(res: ServerResponse, pathname: string): void {
  res.setHeader(
    'cache-control',
    pathname.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate',
  );
}

/**
 * Serves the live release of the public site. `currentDir` is a symlink the publisher switches
 * atomically; each request resolves it, so a new release is served from the next request on.
 */
export function startPublicServer(currentDir: string, host: string, port: number): Promise<Server> {
  let served: { dir: string; handler: Handler } | null = null;
  const handlerFor = (): Handler | null => {
    let dir: string;
    try {
      dir = realpathSync(currentDir);
    } catch {
      return null;
    }
    if (served?.dir !== dir) {
      // The release has each text file precompressed beside itself (.br, .gz): sent as the browser accepts.
      served = { dir, handler: sirv(dir, { etag: true, extensions: ['html'], brotli: true, gzip: true, setHeaders: cachingHeaders }) };
    }
    return served.handler;
  };
  const server = createServer((req, res) => {
    for (const [name, value] of Object.entries(PUBLIC_HEADERS)) res.setHeader(name, value);
    const handler = handlerFor();
    const notFound = () => {
      res.statusCode = handler ? 404 : 503;
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.setHeader('cache-control', 'no-cache');
      // The site's own page for an address it does not have, in its layout; a plain one while there is no site yet.
      const own = served ? ownNotFoundPage(served.dir) : null;
      res.end(
        handler
          ? (own ??
              '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>页面不存在</title><p>页面不存在。<a href="/">返回首页</a></p></html>')
          : '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>正在发布</title><p>网站正在生成，请稍后刷新。</p></html>',
      );
    };
    if (!handler) return notFound();
    handler(req, res, () => {
      const moved = served ? movedAttachment(served.dir, req.url ?? '/') : null;
      if (!moved) return notFound();
      res.statusCode = 301;
      res.setHeader('location', moved);
      res.setHeader('cache-control', 'public, max-age=86400');
      res.end();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

/**
 * Where an attachment is now that files are named by id, for a link of the form it had before
 * (/bulletins/<id>/attachments/<attachmentId>/<uploaded name>, shared in messages and on other
 * sites): /bulletins/<id>/attachments/<attachmentId>.<ext>, when the release has it.
 */
export function movedAttachment(dir: string, url: string): string | null {
  const m = /^\/bulletins\/([^/?#]+)\/attachments\/([^/.?#]+)\/[^/?#]+(?:[?#].*)?$/.exec(url);
  if (!m || m[1]!.includes('..') || m[2]!.includes('..')) return null;
  let names: string[];
  try {
    names = readdirSync(join(dir, 'bulletins', decodeURIComponent(m[1]!), 'attachments'));
  } catch {
    return null;
  }
  const file = names.find((n) => n.startsWith(`${decodeURIComponent(m[2]!)}.`) && !/\.(br|gz)$/.test(n));
  return file ? `/bulletins/${m[1]}/attachments/${encodeURIComponent(file)}` : null;
}

/** The release's own 404 page, or null when it has none. */
function ownNotFoundPage(dir: string): string | null {
  try {
    return readFileSync(join(dir, '404.html'), 'utf8');
  } catch {
    return null;
  }
}
