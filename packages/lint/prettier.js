// One format for the workspace. Plugins are passed as modules so they resolve from this package.
import * as astro from 'prettier-plugin-astro';
import * as svelte from 'prettier-plugin-svelte';

/** @type {import('prettier').Config} */
export default {
  printWidth: 140,
  singleQuote: true,
  trailingComma: 'all',
  plugins: [svelte, astro],
  overrides: [{ files: '*.astro', options: { parser: 'astro' } }],
};
