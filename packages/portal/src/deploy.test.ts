import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PUBLIC_HEADERS } from './server.ts';

// The documented nginx configuration sends what the portal's own server sends: every protective
// header in every location (nginx drops the server's add_header where a location has its own), and
// the same caching rules.
const conf = readFileSync(new URL('../deploy/nginx.conf', import.meta.url), 'utf8');
const portal = conf.slice(conf.indexOf('server {'), conf.indexOf('# The console'));
const blocks = (text: string) => text.split(/\n\s*location /).map((b) => b.split('\n').filter((l) => l.trim().startsWith('add_header')));

describe('the documented nginx configuration', () => {
  it('sends every public header, with the same value, in the server and in each location', () => {
    const parts = blocks(portal);
    expect(parts.length).toBe(3);
    for (const lines of parts) {
      for (const [name, value] of Object.entries(PUBLIC_HEADERS)) {
        const line = lines.find((l) => l.toLowerCase().includes(`add_header ${name} `));
        expect(line, `${name} in ${lines.join(' | ')}`).toBeDefined();
        expect(line).toContain(`"${value}"`);
      }
    }
  });

  it('caches hashed assets as immutable and revalidates everything else, as the portal does', () => {
    expect(portal).toMatch(/location \/_astro\/ \{\s+add_header Cache-Control "public, max-age=31536000, immutable" always;/);
    expect(portal).toMatch(/location \/ \{\s+add_header Cache-Control "public, max-age=0, must-revalidate" always;/);
    expect(portal).toContain('gzip_static on;');
    expect(portal).toContain('error_page 404 /404.html;');
  });
});
