import { createServer, type Server } from 'node:http';
import { realpathSync } from 'node:fs';
import sirv from 'sirv';

type Handler = ReturnType<typeof sirv>;

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
    if (served?.dir !== dir) served = { dir, handler: sirv(dir, { etag: true, extensions: ['html'] }) };
    return served.handler;
  };
  const server = createServer((req, res) => {
    const handler = handlerFor();
    const notFound = () => {
      res.statusCode = handler ? 404 : 503;
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(
        handler
          ? '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>页面不存在</title><p>页面不存在。<a href="/">返回首页</a></p></html>'
          : '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>正在发布</title><p>网站正在生成，请稍后刷新。</p></html>',
      );
    };
    if (!handler) return notFound();
    handler(req, res, notFound);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
