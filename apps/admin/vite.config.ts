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
  plugins: [sveltekit({ adapter: adapter(), csrf: { trustedOrigins: ['*'] } })],
  ssr: { external },
  environments: { ssr: { build: { rolldownOptions: { external } } } },
});
