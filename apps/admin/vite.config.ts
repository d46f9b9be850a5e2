import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// On the server the domain packages are TypeScript loaded by Node at run time, never bundled:
// better-sqlite3 cannot be bundled, and the publisher and request handlers must share one instance.
// The browser bundles only the browser-safe '@epi/core' entry (schemas, labels, Markdown preview).
const external = ['@epi/api', '@epi/core', '@epi/core/server', 'better-sqlite3', '@node-rs/argon2'];

export default defineConfig({
  // Kit's own origin check needs a build-time origin; hooks.server.ts applies the same rule at run
  // time instead (#lib/server/same-origin.ts), so the origin stays deployment configuration.
  plugins: [
    sveltekit({
      adapter: adapter(),
      csrf: { trustedOrigins: ['*'] },
      // A strict policy: scripts only from the console itself, its inline start-up script by a fresh
      // nonce on every page (mode 'auto'); no inline style but the one below; nothing may frame it.
      csp: {
        mode: 'auto',
        directives: {
          'default-src': ['self'],
          'script-src': ['self'],
          'style-src': ['self'],
          // One inline style attribute is allowed, by its hash: SvelteKit's own route announcer
          // (a visually hidden live region, #svelte-announcer).
          'style-src-attr': ['unsafe-hashes', 'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='],
          'img-src': ['self', 'data:'],
          'font-src': ['self'],
          'connect-src': ['self'],
          'object-src': ['none'],
          'base-uri': ['none'],
          'form-action': ['self'],
          'frame-ancestors': ['none'],
        },
      },
    }),
  ],
  ssr: { external },
  environments: { ssr: { build: { rolldownOptions: { external } } } },
});
