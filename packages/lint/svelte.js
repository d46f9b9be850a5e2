// Svelte 5 components (the console): the shared rules plus eslint-plugin-svelte's recommended set,
// with TypeScript inside <script lang="ts">.
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import base, { rules } from './base.js';

export default [
  ...base,
  ...svelte.configs.recommended,
  ...svelte.configs.prettier,
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] },
    },
  },
  rules,
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    rules: {
      // `let { data } = $props()` is the Svelte 5 idiom; the plugin's own rule understands runes.
      'prefer-const': 'off',
      'svelte/prefer-const': 'error',
      // The console is served at the origin's root (no `paths.base`), so plain hrefs are right.
      'svelte/no-navigation-without-resolve': 'off',
    },
  },
];
